// No input crashes the reader: thousands of mutants of the example scenarios (bytes cut, spliced
// and overwritten, values swapped for extreme ones) either compile or raise an InputError with at
// least one located message. Under the sanitizer build this also proves there is no memory error
// or undefined behaviour on malformed input. The mutations come from a fixed seed, so a failure
// reproduces.
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/scenario.h"

namespace ccsim {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// std::mt19937 and plain modulo are fully specified by the standard, so the mutants are the same
// on every platform.
class Mutator {
 public:
  explicit Mutator(std::uint32_t seed) : rng_(seed) {}

  std::string mutate(std::string text) {
    const int steps = 1 + static_cast<int>(pick(3));
    for (int i = 0; i < steps && !text.empty(); ++i) {
      const std::size_t at = pick(text.size());
      switch (pick(6)) {
        case 0: text.erase(at, 1 + pick(16)); break;
        case 1: text.insert(at, 1, static_cast<char>(pick(256))); break;
        case 2: text[at] = static_cast<char>(pick(256)); break;
        case 3: text.insert(at, text.substr(pick(text.size()), 1 + pick(40))); break;
        case 4: text.resize(at); break;
        default: replace_number(text); break;
      }
    }
    return text;
  }

 private:
  std::size_t pick(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }

  void replace_number(std::string& text) {
    static const std::vector<std::string> extremes = {
        "-1", "0", "-0", "1e308", "1e-308", "1e400", "4294967296", "-2147483649", "0.5",
        "\"x\"", "null", "[]", "{}", "true", "99999999999999999999"};
    std::vector<std::size_t> digits;
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] >= '0' && text[i] <= '9' && (i == 0 || !(text[i - 1] >= '0' && text[i - 1] <= '9')))
        digits.push_back(i);
    if (digits.empty()) return;
    const std::size_t at = digits[pick(digits.size())];
    std::size_t end = at;
    while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.')) ++end;
    text.replace(at, end - at, extremes[pick(extremes.size())]);
  }

  std::mt19937 rng_;
};

TEST(Mutants, OfTheExampleScenariosNeverCrashTheReader) {
  const fs::path scenarios = fs::path(CCSIM_SOURCE_DIR) / "scenarios";
  std::vector<std::string> originals;
  for (const char* name : {"erlang-c.json", "erlang-a.json", "retail-day.json"})
    originals.push_back(read(scenarios / name));
  Mutator mutator(20261123);
  int rejected = 0;
  int accepted = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string text = mutator.mutate(originals[static_cast<std::size_t>(i) % originals.size()]);
    try {
      parse_scenario(text, "mutant.json", scenarios);
      ++accepted;
    } catch (const InputError& e) {
      ASSERT_FALSE(e.diagnostics().empty()) << "mutant " << i;
      for (const auto& d : e.diagnostics()) ASSERT_FALSE(d.message.empty()) << "mutant " << i;
      ++rejected;
    }
  }
  // Most mutants must be caught; some (a changed comment, a still-valid number) stay valid.
  EXPECT_GT(rejected, 1500);
  EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace ccsim
