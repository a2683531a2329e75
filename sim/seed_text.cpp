#include "ccsim/seed_text.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <system_error>

#include <fmt/core.h>

#include "ccsim/visible_text.h"

namespace ccsim {

SeedText read_seed_text(std::string_view text) {
  constexpr std::uint64_t largest = std::numeric_limits<std::uint64_t>::max();
  // Shown in full but cut short: a seed is at most 20 digits.
  const std::string shown = text.size() > 40 ? std::string(text.substr(0, 37)) + "..."
                                             : std::string(text);
  const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  if (!digits)
    return {0, fmt::format("must be a whole number in [0, {}], got {}", largest, printable(shown))};
  std::uint64_t seed = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (error == std::errc::result_out_of_range)
    return {0, fmt::format("must be at most {}, got {}", largest, shown)};
  if (error != std::errc() || end != text.data() + text.size())
    return {0, fmt::format("must be a whole number in [0, {}], got {}", largest, printable(shown))};
  return {seed, {}};
}

}  // namespace ccsim
