// Output files are written whole or not at all: the content goes to a temporary file beside the
// target, which is renamed over it only once everything was written and flushed.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>

namespace ccsim {

// Calls `write` with a stream on a temporary file, then renames it to `path`. If `write` throws or
// the stream fails, the temporary file is removed, `path` is left as it was, and an exception with
// the path and the reason is thrown.
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::ostream&)>& write);

}  // namespace ccsim
