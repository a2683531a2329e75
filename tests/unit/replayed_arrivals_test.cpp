// Arrival times replayed as they are: the contacts arrive exactly at the given times, whatever the
// seed, and the trace must fit in the horizon.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "ccsim/scenario.h"
#include "testing/trace_recorder.h"

namespace ccsim {
namespace {

std::string scenario_with(const std::string& arrivals) {
  return R"({"horizon": {"intervals": 2, "interval_min": 1},
    "contact_types": [{"id": "calls", "arrivals": )" + arrivals + R"(,
      "handle_time": {"dist": "deterministic", "value_s": 1}}],
    "agent_groups": [{"id": "agents", "skills": ["calls"], "staffing": 5}]})";
}

std::vector<double> arrival_times(const Model& model, std::uint64_t seed) {
  testing::TraceRecorder recorder;
  run_replication(model, seed, 0, &recorder);
  std::vector<double> times;
  for (const auto& r : recorder.records)
    if (r.kind == TraceKind::arrival) times.push_back(r.time);
  return times;
}

const std::filesystem::path data_dir = std::filesystem::path(CCSIM_SOURCE_DIR) / "tests/unit/data";

TEST(ReplayedArrivals, ContactsArriveAtTheGivenTimesInOrderWhateverTheSeed) {
  const Model model = parse_scenario(scenario_with(R"({"times_s": [65.5, 5, 30]})"), "x.json");
  EXPECT_EQ(arrival_times(model, 1), (std::vector<double>{5, 30, 65.5}));
  EXPECT_EQ(arrival_times(model, 2), (std::vector<double>{5, 30, 65.5}));
}

TEST(ReplayedArrivals, ReadFromACsvColumnRelativeToTheScenario) {
  const Model model = parse_scenario(scenario_with(R"({"file": "calls.csv", "column": "arrival_s"})"),
                                     "x.json", data_dir);
  EXPECT_EQ(arrival_times(model, 1), (std::vector<double>{5, 30, 65.5}));
}

TEST(ReplayedArrivals, RatesAreTheTraceCountsPerInterval) {
  const Model model = parse_scenario(scenario_with(R"({"times_s": [5, 30, 65.5]})"), "x.json");
  EXPECT_DOUBLE_EQ(model.contact_types[0].rate_per_s[0], 2.0 / 60.0);
  EXPECT_DOUBLE_EQ(model.contact_types[0].rate_per_s[1], 1.0 / 60.0);
}

std::vector<std::string> problems(const std::string& text) {
  try {
    parse_scenario(text, "x.json", data_dir);
  } catch (const InputError& e) {
    std::vector<std::string> lines;
    for (const auto& d : e.diagnostics()) lines.push_back(d.to_string());
    return lines;
  }
  return {};
}

TEST(ReplayedArrivals, TimesAtOrAfterTheHorizonsEndAreRefused) {
  EXPECT_EQ(problems(scenario_with(R"({"times_s": [5, 120, 300]})")),
            (std::vector<std::string>{
                "x.json: /contact_types/0/arrivals/times_s: has 2 arrival times at or after the "
                "horizon's end (120 s)"}));
}

TEST(ReplayedArrivals, ScaleAndBusynessDoNotApply) {
  EXPECT_EQ(problems(scenario_with(R"({"times_s": [5], "scale": 2, "busyness_cv": 0.1})")),
            (std::vector<std::string>{
                "x.json: /contact_types/0/arrivals/scale: does not apply to replayed arrival times",
                "x.json: /contact_types/0/arrivals/busyness_cv: does not apply to replayed arrival times"}));
}

TEST(ReplayedArrivals, NegativeTimesAndMissingColumnsAreLocated) {
  EXPECT_EQ(problems(scenario_with(R"({"times_s": [5, -1]})")),
            (std::vector<std::string>{"x.json: /contact_types/0/arrivals/times_s/1: must be a number >= 0, got -1"}));
  const auto missing = problems(scenario_with(R"({"file": "calls.csv", "column": "arrival"})"));
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].find("/contact_types/0/arrivals/column"), std::string::npos) << missing[0];
}

}  // namespace
}  // namespace ccsim
