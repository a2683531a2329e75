// Reading the messages of bad input in tests.
#pragma once

#include <string>

#include "ccsim/diagnostics.h"

namespace ccsim::testing {

// The message of the InputError that `f` throws (its first diagnostic), or "" when it throws none.
template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace ccsim::testing
