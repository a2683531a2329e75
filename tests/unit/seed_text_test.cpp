// Seeds given as text: every 64-bit unsigned number, nothing else, never wrapped or saturated.
#include <cstdint>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "ccsim/seed_text.h"

namespace {

using ccsim::read_seed_text;

const std::string whole = "must be a whole number in [0, 18446744073709551615], got ";

TEST(SeedText, ZeroAndTheLargestSeedAreRead) {
  EXPECT_EQ(read_seed_text("0").seed, 0u);
  EXPECT_EQ(read_seed_text("18446744073709551615").seed,
            std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(read_seed_text("18446744073709551615").error, "");
}

TEST(SeedText, NegativeIsRefusedNotWrapped) {
  EXPECT_EQ(read_seed_text("-1").error, whole + "-1");
}

TEST(SeedText, PastTheLargestIsRefusedNotSaturated) {
  EXPECT_EQ(read_seed_text("18446744073709551616").error,
            "must be at most 18446744073709551615, got 18446744073709551616");
  EXPECT_EQ(read_seed_text("99999999999999999999").error,
            "must be at most 18446744073709551615, got 99999999999999999999");
}

TEST(SeedText, SignsSpacesExponentsAndFractionsAreRefused) {
  for (const char* text : {"+5", " 5", "5 ", "1e3", "1.0", "0x10", ""})
    EXPECT_EQ(read_seed_text(text).error, whole + text) << text;
}

TEST(SeedText, LongGarbageIsCutShortAndEscaped) {
  EXPECT_EQ(read_seed_text(std::string(100, '9') + "x").error,
            whole + std::string(37, '9') + "...");
  EXPECT_EQ(read_seed_text("1\n2").error, whole + "1\\n2");
}

}  // namespace
