// Several service-level thresholds per type in one run: sla.also_within_s reports the same measure
// at further thresholds (service_level_2, service_level_3) beside the target's, in every output.
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "ccsim/kpi.h"
#include "ccsim/runner.h"
#include "ccsim/scenario.h"
#include "ccsim/summary.h"
#include "ccsim/writers.h"
#include "testing/input_errors.h"

namespace ccsim {
namespace {

// Three callers at t=0 to one agent with 50 s calls: they wait 0, 50 and 100 s. "calls" reports
// `sla`; "other" (no arrivals) has the default rule.
Model three_waits(const std::string& sla) {
  return parse_scenario(R"({
    "horizon": { "intervals": 1, "interval_min": 60 },
    "contact_types": [
      { "id": "calls", "arrivals": { "times_s": [0, 0, 0] },
        "handle_time": { "dist": "deterministic", "value_s": 50 }, "sla": )" + sla + R"( },
      { "id": "other", "arrivals": { "rate_per_hour": 0 },
        "handle_time": { "dist": "deterministic", "value_s": 50 } } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls", "other"], "staffing": 1 } ] })",
                        "thresholds.json");
}

double kpi(const Model& model, std::size_t scope, Kpi k) {
  const std::vector<double> values = kpi_values(model, run_replication(model, 1, 0));
  return values[KpiLayout(model).at(scope, KpiLayout::whole_horizon, k)];
}

TEST(FurtherThresholds, EachCountsTheContactsAnsweredWithinIt) {
  const Model model = three_waits(R"({ "answer_within_s": 20, "also_within_s": [60, 120] })");
  const std::size_t calls = KpiLayout(model).type_scope(0);
  EXPECT_DOUBLE_EQ(kpi(model, calls, Kpi::service_level), 1.0 / 3.0);    // the wait of 0 s
  EXPECT_DOUBLE_EQ(kpi(model, calls, Kpi::service_level_2), 2.0 / 3.0);  // 0 and 50 s
  EXPECT_DOUBLE_EQ(kpi(model, calls, Kpi::service_level_3), 1.0);        // all three
}

TEST(FurtherThresholds, ASingleNumberIsTheOnlyFurtherThreshold) {
  const Model model = three_waits(R"({ "answer_within_s": 20, "also_within_s": 50 })");
  const std::size_t calls = KpiLayout(model).type_scope(0);
  EXPECT_DOUBLE_EQ(kpi(model, calls, Kpi::service_level_2), 2.0 / 3.0);  // a wait of 50 s is within
  EXPECT_TRUE(std::isnan(kpi(model, calls, Kpi::service_level_3)));
}

TEST(FurtherThresholds, AScopeWhoseTypesHaveNoneLeavesThemUndefined) {
  const Model model = three_waits(R"({ "answer_within_s": 20 })");
  EXPECT_TRUE(std::isnan(kpi(model, KpiLayout::overall, Kpi::service_level_2)));
}

TEST(FurtherThresholds, TheOverallFigureCountsOnlyTheTypesThatHaveTheThreshold) {
  // "other" receives nothing, so overall equals calls'; its denominator adds nothing either way.
  const Model model = three_waits(R"({ "answer_within_s": 20, "also_within_s": 60 })");
  EXPECT_DOUBLE_EQ(kpi(model, KpiLayout::overall, Kpi::service_level_2), 2.0 / 3.0);
}

TEST(FurtherThresholds, TheTableShowsThemBesideTheServiceLevel) {
  const Model model = three_waits(R"({ "answer_within_s": 20, "also_within_s": [60, 120] })");
  RunOptions options;
  options.replications = 2;
  const RunResult result = run_replications(model, options);
  std::ostringstream out;
  write_table(out, model, result.summary, {2, options.seed});
  const std::string table = out.str();
  const auto level = table.find("service level");
  const auto sixty = table.find("SL 60 s");
  const auto two_minutes = table.find("SL 120 s");
  ASSERT_NE(level, std::string::npos);
  ASSERT_NE(sixty, std::string::npos);
  ASSERT_NE(two_minutes, std::string::npos);
  EXPECT_LT(level, sixty);
  EXPECT_LT(sixty, two_minutes);
}

TEST(FurtherThresholds, TheReaderRefusesMoreThanTwoOrAText) {
  EXPECT_EQ(testing::error_of([] { three_waits(R"({ "also_within_s": [30, 60, 90] })"); }),
            "thresholds.json: /contact_types/0/sla/also_within_s: must list 1 to 2 thresholds, "
            "got 3");
  EXPECT_EQ(testing::error_of([] { three_waits(R"({ "also_within_s": "60" })"); }),
            "thresholds.json: /contact_types/0/sla/also_within_s: must be a number of seconds or "
            "an array of at most 2, got \"60\"");
  EXPECT_EQ(testing::error_of([] { three_waits(R"({ "also_within_s": [-1] })"); }),
            "thresholds.json: /contact_types/0/sla/also_within_s/0: must be a number >= 0, got -1");
}

}  // namespace
}  // namespace ccsim
