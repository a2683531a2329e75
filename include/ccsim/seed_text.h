// Seeds written as text (`--seed 42` on the command line). A seed is any 64-bit unsigned number;
// text that is not one is refused rather than wrapped ("-1" would become 2^64 - 1) or saturated
// ("99999999999999999999" would become 2^64 - 1), which would silently run another experiment
// than the one asked for.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ccsim {

struct SeedText {
  std::uint64_t seed = 0;
  std::string error;  // empty when `text` is a seed: "must be a whole number in [0, ...], got -1"
};

// Digits only (no sign, no spaces, no exponent), at most 18446744073709551615.
SeedText read_seed_text(std::string_view text);

}  // namespace ccsim
