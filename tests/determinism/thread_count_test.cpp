// The same scenario and seed give byte-identical JSON and CSV whatever the thread count: each
// replication draws from its own streams and the summary reduces replications in their order.
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "ccsim/runner.h"
#include "ccsim/writers.h"
#include "testing/models.h"

namespace ccsim {
namespace {

struct Outputs {
  std::string json;
  std::string csv;
};

Outputs run_with_threads(const Model& model, int threads, std::uint64_t seed = 3) {
  RunOptions options;
  options.replications = 24;
  options.seed = seed;
  options.threads = threads;
  const Summary summary = run_replications(model, options).summary;
  std::ostringstream json;
  std::ostringstream csv;
  write_json(json, model, summary, {options.replications, options.seed});
  write_csv(csv, model, summary);
  return {json.str(), csv.str()};
}

TEST(Determinism, JsonAndCsvAreByteIdenticalAtOneTwoAndFourThreads) {
  const Model model = testing::three_types_three_groups();
  const Outputs one = run_with_threads(model, 1);
  for (int threads : {2, 4}) {
    const Outputs many = run_with_threads(model, threads);
    EXPECT_EQ(one.json, many.json) << threads << " threads";
    EXPECT_EQ(one.csv, many.csv) << threads << " threads";
  }
}

TEST(Determinism, TieredCentreIsByteIdenticalAtOneAndTwoThreads) {
  // Issues, transfers, returns and callbacks draw from streams of their own too.
  const Model model = testing::tiered_centre();
  const Outputs one = run_with_threads(model, 1);
  const Outputs two = run_with_threads(model, 2);
  EXPECT_EQ(one.json, two.json);
  EXPECT_EQ(one.csv, two.csv);
}

TEST(Determinism, RepeatedRunsAreByteIdentical) {
  const Model model = testing::three_types_three_groups();
  EXPECT_EQ(run_with_threads(model, 2).json, run_with_threads(model, 2).json);
}

TEST(Determinism, AnotherSeedGivesOtherResults) {
  const Model model = testing::three_types_three_groups();
  EXPECT_NE(run_with_threads(model, 2, 3).json, run_with_threads(model, 2, 4).json);
}

TEST(CommonRandomNumbers, ExtraStaffingLeavesArrivalsAndHandleTimesAligned) {
  // Adding agents changes who waits, not what arrives: offered counts per replication are equal,
  // and so is the mean handle time of the (unchanged) contact type served by one group only.
  Model base = testing::three_types_three_groups();
  Model more = base;
  for (auto& n : more.agent_groups[0].on_duty) n += 3;
  link_routing(more);  // its on-duty is in fractions: a roster to compile again
  RunOptions options;
  options.replications = 10;
  options.seed = 9;
  const Summary a = run_replications(base, options).summary;
  const Summary b = run_replications(more, options).summary;
  EXPECT_EQ(a.get(KpiLayout::overall, 0, Kpi::offered).mean, b.get(KpiLayout::overall, 0, Kpi::offered).mean);
  EXPECT_EQ(a.get(KpiLayout::overall, 0, Kpi::offered).ci95, b.get(KpiLayout::overall, 0, Kpi::offered).ci95);
}

}  // namespace
}  // namespace ccsim
