// libFuzzer target: arbitrary bytes read as a scenario file, the way `ccsim validate` reads one:
// parse (comments allowed), compile the baseline, then apply and compile every what-if
// (parse_scenario does all three; `ccsim run` does the first two and compiles the what-ifs it runs).
//
// An InputError is the reader doing its job: the input was wrong and ccsim said where. Anything
// else is a finding: a crash, a sanitizer report, an exception of another type escaping (libFuzzer
// sees std::terminate's abort), a hang (-timeout) or a memory blow-up (-rss_limit_mb,
// -malloc_limit_mb).
//
// The target stops at the compiled models and does not simulate them: a model that passed the
// reader may still run for a very long time (a day of 1e7 arrivals per hour, drained to the end),
// and no bound on simulated work is part of the library's interface to cut it short. Running
// what the reader accepts is the job of the test suites' scenarios, not of random bytes.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "ccsim/diagnostics.h"
#include "ccsim/scenario.h"

namespace {

// Relative CSV paths of empirical distributions resolve here, so seeds taken from
// tests/bad_input/cases find their CSV files.
const std::filesystem::path data_dir = CCSIM_FUZZ_DATA_DIR;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    ccsim::parse_scenario(text, "fuzz.json", data_dir);
  } catch (const ccsim::InputError&) {
    // Rejected with located diagnostics: the expected outcome for most inputs.
  }
  return 0;
}
