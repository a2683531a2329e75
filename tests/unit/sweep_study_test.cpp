// Sweep studies through the library alone: the points of a study, each the same run as the point's
// scenario run on its own, and the output text a resumed sweep reads back.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ccsim/diagnostics.h"
#include "ccsim/runner.h"
#include "ccsim/scenario.h"
#include "ccsim/sweep_study.h"
#include "ccsim/sweep_writers.h"

namespace ccsim {
namespace {

using nlohmann::json;

json small() {
  return json::parse(R"({
    "horizon": { "intervals": 2 },
    "contact_types": [
      { "id": "billing", "arrivals": { "rate_per_hour": 60 },
        "handle_time": { "dist": "exponential", "mean_s": 300 },
        "patience": { "dist": "exponential", "mean_s": 200 } } ],
    "agent_groups": [ { "id": "team", "skills": ["billing"], "staffing": [6, 7] } ] })");
}

// Equal, or both undefined.
bool same_bits(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

SweepStudy staffing_study(const std::string& values) {
  return SweepStudy(small(), "small.json", {}, {parse_sweep_set("/agent_groups/team/staffing=" + values)});
}

// Common random numbers: point p of a sweep is replications 0..R-1 on the streams of the seed,
// exactly as a run of that point's scenario alone, so the summaries agree to the last bit.
TEST(SweepStudy, TwoPointsAreTheSameBitsAsTwoSeparateRuns) {
  const SweepStudy study = staffing_study("5,8");
  ASSERT_EQ(study.points(), 2u);
  SweepRunOptions options;
  options.replications = 5;
  options.seed = 11;
  options.threads = 2;
  std::mutex progress_mutex;
  std::uint64_t most_finished = 0;
  std::uint64_t total_reported = 0;
  options.progress = [&](std::uint64_t finished, std::uint64_t total) {
    const std::lock_guard<std::mutex> lock(progress_mutex);  // called from worker threads
    most_finished = std::max(most_finished, finished);
    total_reported = total;
  };
  std::vector<std::size_t> points;
  std::vector<Summary> summaries;
  const RunTotals totals = study.run({0, 1}, options,
                                     [&](std::size_t point, const std::vector<double>& values,
                                         const Model& model, const Summary& summary) {
                                       EXPECT_EQ(values, study.values(point));
                                       EXPECT_EQ(model.agent_groups[0].on_duty[0], point == 0 ? 5 : 8);
                                       points.push_back(point);
                                       summaries.push_back(summary);
                                     });
  ASSERT_EQ(points, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(total_reported, 10u);
  EXPECT_EQ(most_finished, 10u);

  std::uint64_t arrivals = 0;
  for (std::size_t p = 0; p < 2; ++p) {
    json document = small();
    document["agent_groups"][0]["staffing"] = p == 0 ? 5 : 8;
    RunOptions alone;
    alone.replications = 5;
    alone.seed = 11;
    alone.threads = 1;
    const RunResult separate = run_replications(compile_scenario(document, "small.json"), alone);
    arrivals += separate.totals.arrivals;
    ASSERT_EQ(separate.summary.estimates.size(), summaries[p].estimates.size());
    for (std::size_t cell = 0; cell < separate.summary.estimates.size(); ++cell) {
      const Estimate& a = separate.summary.estimates[cell];
      const Estimate& b = summaries[p].estimates[cell];
      EXPECT_TRUE(same_bits(a.mean, b.mean)) << "point " << p << " cell " << cell;
      EXPECT_TRUE(same_bits(a.ci95, b.ci95)) << "point " << p << " cell " << cell;
      EXPECT_EQ(a.n, b.n) << "point " << p << " cell " << cell;
    }
  }
  EXPECT_EQ(totals.arrivals, arrivals);
}

TEST(SweepStudyValues, AFactorScalesEachIntervalsStaffing) {
  json document = small();
  document["agent_groups"][0]["staffing"] = json::array();
  for (std::size_t i = 0; i < document["horizon"]["intervals"].get<std::size_t>(); ++i)
    document["agent_groups"][0]["staffing"].push_back(4 + static_cast<int>(i));
  const SweepStudy study(document, "small.json", {}, {parse_sweep_set("/agent_groups/team/staffing*=1.5")});
  const ccsim::Model model = study.compile_point(0);
  for (std::size_t i = 0; i < model.agent_groups[0].staffed.size(); ++i)
    EXPECT_EQ(model.agent_groups[0].staffed[i], std::round((4.0 + static_cast<double>(i)) * 1.5)) << i;
}

TEST(SweepStudyValues, AValueTheScenarioRefusesIsNamedBeforeAnythingRuns) {
  const SweepStudy study = staffing_study("6,-1");
  try {
    study.check_values();
    FAIL() << "-1 agents were accepted";
  } catch (const InputError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_NE(e.diagnostics()[0].message.find("(with --set /agent_groups/team/staffing=-1)"),
              std::string::npos)
        << e.diagnostics()[0].message;
  }
}

// What a resumed sweep reads back: the header and whole points count, a torn point is cut.
TEST(SweepStudy, AnOutputCutInsideItsSecondPointResumesThere) {
  const SweepStudy study = staffing_study("5:7:1");
  const Model base = compile_scenario(study.document(), "small.json");
  for (const SweepFormat format : {SweepFormat::csv, SweepFormat::jsonl}) {
    const std::string header =
        sweep_header_text(format, sweep_definition(base, study, 3, 2), study.parameters());
    std::string text = header;
    std::vector<std::size_t> ends;
    SweepRunOptions options;
    options.replications = 2;
    options.seed = 3;
    (void)study.run({0, 1, 2}, options,
                    [&](std::size_t point, const std::vector<double>& values, const Model& model,
                        const Summary& summary) {
                      text += sweep_point_text(format, point, study.parameters(), values, model, summary);
                      ends.push_back(text.size());
                    });
    const ResumeScan whole = scan_sweep_text(text, format, header, base, study, "out");
    EXPECT_EQ(whole.points_done, 3u);
    EXPECT_EQ(whole.keep_bytes, text.size());
    const ResumeScan cut = scan_sweep_text(text.substr(0, ends[1] - 5), format, header, base, study, "out");
    EXPECT_EQ(cut.points_done, 1u);
    EXPECT_EQ(cut.keep_bytes, ends[0]);
  }
}

}  // namespace
}  // namespace ccsim
