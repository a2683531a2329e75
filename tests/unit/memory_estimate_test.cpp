// The memory a run will need, estimated before it starts from the shape of its tallies and
// summaries, and the refusal when it passes the limit.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ccsim/limits.h"
#include "testing/models.h"

namespace ccsim {
namespace {

using ::testing::HasSubstr;

Model with_intervals(int intervals, Detail detail = Detail::interval) {
  testing::SingleQueue spec;
  spec.intervals = intervals;
  spec.interval_min = 15.0;
  Model model = testing::single_queue(spec);
  model.run.detail = detail;
  return model;
}

TEST(MemoryEstimate, TalliesGrowWithIntervalsAndWorkers) {
  const Model small = with_intervals(100);
  const Model large = with_intervals(1000);
  const MemoryEstimate one = estimate_memory({&small}, 1, 30);
  EXPECT_GT(estimate_memory({&large}, 1, 30).tallies_bytes, 9 * one.tallies_bytes);
  EXPECT_EQ(estimate_memory({&small}, 4, 30).tallies_bytes, 4 * one.tallies_bytes);
}

TEST(MemoryEstimate, DetailTotalKeepsNoPerIntervalSummaries) {
  const Model every_interval = with_intervals(1000, Detail::interval);
  const Model total = with_intervals(1000, Detail::total);
  EXPECT_LT(1000 * estimate_memory({&total}, 1, 30).summary_bytes,
            2 * estimate_memory({&every_interval}, 1, 30).summary_bytes);
}

TEST(MemoryEstimate, VariantsRunSideBySideEachKeepASummary) {
  const Model model = with_intervals(100);
  EXPECT_EQ(estimate_memory({&model, &model, &model}, 1, 30).summary_bytes,
            3 * estimate_memory({&model}, 1, 30).summary_bytes);
}

TEST(MemoryLimit, ARunWithinTheLimitPasses) {
  const Model model = with_intervals(48);
  EXPECT_NO_THROW(check_memory({&model}, 2, 30));
}

TEST(MemoryLimit, ARunAboveTheLimitIsRefusedWithTheEstimateAndTheWayOut) {
  Model model = with_intervals(20000);
  model.run.memory_limit_bytes = std::uint64_t{64} << 20;
  try {
    check_memory({&model}, 2, 30);
    FAIL() << "a run above its memory limit was not refused";
  } catch (const MemoryLimitExceeded& e) {
    const std::string total = byte_size_text(estimate_memory({&model}, 2, 30).total());
    EXPECT_THAT(e.what(), HasSubstr("this run needs about " + total + " of memory, more than its "
                                    "limit of 64 MiB"));
    EXPECT_THAT(e.what(), HasSubstr("20000 intervals x 1 contact type and 1 agent group"));
    EXPECT_THAT(e.what(), HasSubstr("--detail day or total"));
    EXPECT_THAT(e.what(), HasSubstr("--memory-limit"));
  }
}

TEST(ByteSizes, ReadLikeAPlannerWritesThem) {
  EXPECT_EQ(byte_size_text(512), "512 B");
  EXPECT_EQ(byte_size_text(1536), "1.5 KiB");
  EXPECT_EQ(byte_size_text(std::uint64_t{64} << 20), "64 MiB");
  EXPECT_EQ(byte_size_text(std::uint64_t{46} << 30), "46 GiB");
}

}  // namespace
}  // namespace ccsim
