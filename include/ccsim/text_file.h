// Reading a whole input file that is not a scenario (a stored result, a sweep's output to resume),
// with the same refusals as a scenario file: only regular files, never beyond `max_bytes`.
#pragma once

#include "ccsim/detail/text_file.h"

namespace ccsim {

using detail::read_text_file;
using detail::TextFile;

}  // namespace ccsim
