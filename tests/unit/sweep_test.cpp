// Sweeps: parsing --set, the grid's order, the Latin hypercube, where values land in a scenario,
// reading back an interrupted output, and the common random numbers a sweep's comparisons rest on.
#include "ccsim/sweep.h"

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "testing/input_errors.h"
#include <nlohmann/json.hpp>

#include "ccsim/diagnostics.h"
#include "ccsim/runner.h"
#include "ccsim/scenario.h"
#include "testing/models.h"

namespace ccsim {
namespace {

using json = nlohmann::json;

using testing::error_of;

// ---- --set ------------------------------------------------------------------------------------

TEST(SweepSet, AListKeepsItsValuesInTheOrderWritten) {
  const SweepParameter p = parse_sweep_set("/agent_groups/agents/staffing=14, 12,13");
  EXPECT_EQ(p.path, "/agent_groups/agents/staffing");
  EXPECT_EQ(p.definition, "14, 12,13");
  EXPECT_FALSE(p.is_range);
  EXPECT_EQ(p.values, (std::vector<double>{14, 12, 13}));
}

TEST(SweepSet, ARangeIncludesBothEnds) {
  const SweepParameter p = parse_sweep_set("/x=8:12:1");
  EXPECT_TRUE(p.is_range);
  EXPECT_EQ(p.values, (std::vector<double>{8, 9, 10, 11, 12}));
}

TEST(SweepSet, TenthStepsGiveExactlyTheNumbersAsTyped) {
  // from + i*step alone would give 0.30000000000000004 and 0.7000000000000001.
  const SweepParameter p = parse_sweep_set("/x=0:1:0.1");
  EXPECT_EQ(p.values, (std::vector<double>{0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}));
  EXPECT_EQ(parse_sweep_set("/x=0.7:1.3:0.15").values,
            (std::vector<double>{0.7, 0.85, 1.0, 1.15, 1.3}));
  EXPECT_EQ(parse_sweep_set("/x=0:3e-3:1e-3").values, (std::vector<double>{0.0, 0.001, 0.002, 0.003}));
  EXPECT_EQ(sweep_value_text(p.values[3]), "0.3");
}

TEST(SweepSet, ARangeNeverPassesItsEnd) {
  EXPECT_EQ(parse_sweep_set("/x=0:1:0.4").values, (std::vector<double>{0.0, 0.4, 0.8}));
  EXPECT_EQ(parse_sweep_set("/x=5:5:1").values, (std::vector<double>{5}));
}

TEST(SweepSet, RefusesWhatIsNotAListOrARange) {
  EXPECT_NE(error_of([] { parse_sweep_set("/x"); }).find("PATH=v1,v2"), std::string::npos);
  EXPECT_NE(error_of([] { parse_sweep_set("x=1"); }).find("JSON pointer"), std::string::npos);
  EXPECT_NE(error_of([] { parse_sweep_set("/x="); }).find("no values"), std::string::npos);
  EXPECT_NE(error_of([] { parse_sweep_set("/x=1,two"); }).find("\"two\" in \"1,two\" is not a number"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_sweep_set("/x=1,,2"); }).find("is not a number"), std::string::npos);
  EXPECT_NE(error_of([] { parse_sweep_set("/x=1:2"); }).find("from:to:step"), std::string::npos);
  EXPECT_NE(error_of([] { parse_sweep_set("/x=1:2:0"); }).find("step of \"1:2:0\" must be > 0"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_sweep_set("/x=1:2:-1"); }).find("must be > 0"), std::string::npos);
  EXPECT_NE(error_of([] { parse_sweep_set("/x=3:2:1"); }).find("backwards"), std::string::npos);
  EXPECT_NE(error_of([] { parse_sweep_set("/x=0:1:1e-9"); }).find("more than the 1000000"),
            std::string::npos);
  EXPECT_EQ(error_of([] { parse_sweep_set("/x=1:2:0"); }).rfind("--set: /x: ", 0), 0u);
}

// ---- the grid ---------------------------------------------------------------------------------

TEST(SweepGrid, HasTheProductOfTheLevelsAndTheFirstParameterVariesSlowest) {
  const std::vector<SweepParameter> ps = {parse_sweep_set("/a=1,2"), parse_sweep_set("/b=10:30:10"),
                                          parse_sweep_set("/c=0.5")};
  ASSERT_EQ(grid_size(ps), 6u);
  const std::vector<std::vector<double>> expected = {{1, 10, 0.5}, {1, 20, 0.5}, {1, 30, 0.5},
                                                     {2, 10, 0.5}, {2, 20, 0.5}, {2, 30, 0.5}};
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(grid_point(ps, i), expected[i]) << i;
}

TEST(SweepGrid, RefusesMoreThanAMillionPoints) {
  const std::vector<SweepParameter> ps = {parse_sweep_set("/a=1:2000:1"), parse_sweep_set("/b=1:1000:1")};
  EXPECT_NE(error_of([&] { grid_size(ps); }).find("--lhs"), std::string::npos);
}

// ---- the Latin hypercube ----------------------------------------------------------------------

TEST(SweepLatinHypercube, HasOnePointInEachStratumOfEachDimension) {
  for (std::size_t n : {1u, 2u, 7u, 100u}) {
    const auto points = latin_hypercube_unit(3, n, 12345);
    ASSERT_EQ(points.size(), n);
    for (std::size_t d = 0; d < 3; ++d) {
      std::set<std::size_t> strata;
      for (const auto& p : points) {
        ASSERT_GE(p[d], 0.0);
        ASSERT_LT(p[d], 1.0);
        strata.insert(static_cast<std::size_t>(p[d] * static_cast<double>(n)));
      }
      EXPECT_EQ(strata.size(), n) << "n " << n << ", dimension " << d;
    }
  }
}

TEST(SweepLatinHypercube, IsTheSameForTheSameSeedAndDiffersForAnother) {
  EXPECT_EQ(latin_hypercube_unit(2, 50, 7), latin_hypercube_unit(2, 50, 7));
  EXPECT_NE(latin_hypercube_unit(2, 50, 7), latin_hypercube_unit(2, 50, 8));
  EXPECT_EQ(latin_hypercube_seed(7), latin_hypercube_seed(7));
  EXPECT_NE(latin_hypercube_seed(7), latin_hypercube_seed(8));
}

TEST(SweepLatinHypercube, TakesEachLevelOnceWhenThePointsEqualTheLevels) {
  const std::vector<SweepParameter> ps = {parse_sweep_set("/a=8:15:1"), parse_sweep_set("/b=1,2,3,4,5,6,7,8")};
  const auto points = latin_hypercube(ps, 8, 99);
  for (std::size_t d = 0; d < 2; ++d) {
    std::multiset<double> taken;
    for (const auto& p : points) taken.insert(p[d]);
    EXPECT_EQ(taken, std::multiset<double>(ps[d].values.begin(), ps[d].values.end()));
  }
}

TEST(SweepLatinHypercube, ValuesOfAFineRangeFallInTheirStrata) {
  const std::vector<SweepParameter> ps = {parse_sweep_set("/a=0:100:0.001")};
  const auto points = latin_hypercube(ps, 10, 3);
  std::set<int> strata;
  for (const auto& p : points) strata.insert(static_cast<int>(p[0] / 10.0));
  EXPECT_EQ(strata.size(), 10u);
}

// ---- where values land ------------------------------------------------------------------------

const char* const tiny_scenario = R"({
  "horizon": { "intervals": 2 },
  "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 60 },
      "handle_time": { "dist": "exponential", "mean_s": 180 },
      "patience": { "dist": "exponential", "mean_s": 300 } } ],
  "agent_groups": [ { "id": "a", "skills": ["calls"], "staffing": 3 },
                    { "id": "b", "skills": ["calls"], "staffing": [1, 2] } ] })";

TEST(SweepTargets, IdsNameArrayElementsAndWholeNumbersStayWhole) {
  const json doc = json::parse(tiny_scenario);
  const std::vector<SweepParameter> ps = {parse_sweep_set("/agent_groups/b/staffing/1=5"),
                                          parse_sweep_set("/contact_types/calls/patience/mean_s=90.5")};
  const auto targets = resolve_sweep_targets(doc, ps, "tiny.json");
  EXPECT_EQ(targets[0].to_string(), "/agent_groups/1/staffing/1");
  const json patched = apply_sweep_point(doc, targets, {5, 90.5});
  EXPECT_TRUE(patched["agent_groups"][1]["staffing"][1].is_number_integer());
  EXPECT_EQ(patched["agent_groups"][1]["staffing"], json::parse("[1, 5]"));
  EXPECT_EQ(patched["contact_types"][0]["patience"]["mean_s"], 90.5);
  EXPECT_NO_THROW(compile_scenario(patched, "tiny.json"));
}

TEST(SweepTargets, ANumberSetsAWholeArrayOfNumbers) {
  const json doc = json::parse(tiny_scenario);
  const auto targets = resolve_sweep_targets(doc, {parse_sweep_set("/agent_groups/b/staffing=4")}, "t");
  const json patched = apply_sweep_point(doc, targets, {4});
  EXPECT_EQ(patched["agent_groups"][1]["staffing"], 4);
  EXPECT_EQ(compile_scenario(patched, "t").agent_groups[1].on_duty, (std::vector<double>{4, 4}));
}

TEST(SweepTargets, AFactorScalesAStaffingProfileKeepingItsShape) {
  json doc = json::parse(tiny_scenario);
  doc["agent_groups"][1]["staffing"] = {10, 14, 21};
  const SweepParameter p = parse_sweep_set("/agent_groups/b/staffing*=1.1");
  EXPECT_TRUE(p.scales);
  EXPECT_EQ(p.pointer(), "/agent_groups/b/staffing");
  const auto targets = resolve_sweep_targets(doc, {p}, "t");
  const json patched = apply_sweep_point(doc, targets, {1.1}, {true});
  // 11, 15.4 -> 15, 23.1 -> 23: whole agents, the profile's shape kept.
  EXPECT_EQ(patched["agent_groups"][1]["staffing"], json::parse("[11, 15, 23]"));
}

TEST(SweepTargets, AFactorOnAFractionalNumberIsNotRounded) {
  json doc = json::parse(tiny_scenario);
  doc["contact_types"][0]["patience"]["mean_s"] = 90.5;
  const auto targets = resolve_sweep_targets(
      doc, {parse_sweep_set("/contact_types/calls/patience/mean_s*=1.1")}, "t");
  EXPECT_DOUBLE_EQ(
      apply_sweep_point(doc, targets, {1.1}, {true})["contact_types"][0]["patience"]["mean_s"]
          .get<double>(),
      90.5 * 1.1);
}

TEST(SweepTargets, RefusesAPathThatMatchesNothingWithThePointer) {
  const json doc = json::parse(tiny_scenario);
  const std::string unknown_id =
      error_of([&] { resolve_sweep_targets(doc, {parse_sweep_set("/agent_groups/c/staffing=1")}, "t"); });
  EXPECT_NE(unknown_id.find("/agent_groups/c/staffing"), std::string::npos) << unknown_id;
  const std::string unknown_key =
      error_of([&] { resolve_sweep_targets(doc, {parse_sweep_set("/agent_groups/a/stafing=1")}, "t"); });
  EXPECT_EQ(unknown_key.rfind("t: /agent_groups/a/stafing: --set names nothing in this scenario", 0), 0u)
      << unknown_key;
}

TEST(SweepTargets, RefusesWhatIsNotANumberSayingWhatItFound) {
  const json doc = json::parse(tiny_scenario);
  EXPECT_EQ(error_of([&] {
              resolve_sweep_targets(doc, {parse_sweep_set("/contact_types/calls/handle_time/dist=1")}, "t");
            }),
            "t: /contact_types/calls/handle_time/dist: --set needs a number or an array of numbers "
            "here, found the text \"exponential\"");
  EXPECT_NE(error_of([&] {
              resolve_sweep_targets(doc, {parse_sweep_set("/contact_types/calls/patience=1")}, "t");
            }).find("found an object"),
            std::string::npos);
}

TEST(SweepTargets, RefusesTwoSetsReachingTheSameValue) {
  const json doc = json::parse(tiny_scenario);
  EXPECT_NE(error_of([&] {
              resolve_sweep_targets(doc, {parse_sweep_set("/agent_groups/b/staffing=1"),
                                          parse_sweep_set("/agent_groups/1/staffing/0=2")}, "t");
            }).find("overlaps"),
            std::string::npos);
}

// ---- resuming ---------------------------------------------------------------------------------

const std::string header = "# sweep\nhead\n";
std::string prefix(std::size_t point) { return std::to_string(point) + ","; }

TEST(SweepResume, CountsCompletePointsAndCutsAPartialLineOrPoint) {
  const std::string whole = header + "0,a\n0,b\n1,a\n1,b\n2,a\n";
  // Two lines per point: point 2 lacks its second line.
  ResumeScan scan = scan_sweep_output(whole, header, 2, prefix, "f");
  EXPECT_EQ(scan.points_done, 2u);
  EXPECT_EQ(whole.substr(0, scan.keep_bytes), header + "0,a\n0,b\n1,a\n1,b\n");
  // A line without its newline does not count, even if it looks complete.
  scan = scan_sweep_output(header + "0,a\n0,b", header, 2, prefix, "f");
  EXPECT_EQ(scan.points_done, 0u);
  EXPECT_EQ(scan.keep_bytes, header.size());
}

TEST(SweepResume, AFileCutInsideItsHeaderStartsAgain) {
  const ResumeScan scan = scan_sweep_output("# swe", header, 1, prefix, "f");
  EXPECT_EQ(scan.points_done, 0u);
  EXPECT_EQ(scan.keep_bytes, 0u);
  EXPECT_EQ(scan_sweep_output("", header, 1, prefix, "f").keep_bytes, 0u);
}

TEST(SweepResume, RefusesAFileOfAnotherSweep) {
  const std::string message =
      error_of([] { scan_sweep_output("# other sweep\nhead\n0,a\n", header, 1, prefix, "out.csv"); });
  EXPECT_NE(message.find("out.csv: was made by another sweep"), std::string::npos) << message;
}

TEST(SweepResume, RefusesALineOutOfPlace) {
  const std::string message =
      error_of([] { scan_sweep_output(header + "0,a\n2,a\n", header, 1, prefix, "out.csv"); });
  EXPECT_NE(message.find("line 4 should start with \"1,\""), std::string::npos) << message;
}

// A whole line here is "k," then a letter; anything shorter was torn.
bool whole(std::size_t, std::size_t, std::string_view text) { return text.size() == 3; }

TEST(SweepResume, CutsATornLastLineEvenWhenItEndsInANewline) {
  const ResumeScan scan = scan_sweep_output(header + "0,a\n1,a\n2,\n", header, 1, prefix, "f", whole);
  EXPECT_EQ(scan.points_done, 2u);
  EXPECT_EQ(scan.keep_bytes, header.size() + 8);
}

// JSONL lines start {"point":k, and a line torn inside that start is torn too.
TEST(SweepResume, CutsALastLineTornInsideItsPrefix) {
  const auto braced = [](std::size_t point) { return prefix(point).insert(0, 1, '{'); };
  const ResumeScan scan = scan_sweep_output(header + "{0,a\n{1,a\n{\n", header, 1, braced, "f");
  EXPECT_EQ(scan.points_done, 2u);
  EXPECT_EQ(scan.keep_bytes, header.size() + 10);
}

TEST(SweepResume, RefusesATornLineWithMoreAfterIt) {
  const std::string message =
      error_of([] { scan_sweep_output(header + "0,a\n1,\n2,a\n", header, 1, prefix, "out.csv", whole); });
  EXPECT_NE(message.find("line 4 is not a whole line of point 1, yet more follows it"), std::string::npos)
      << message;
}

// ---- common random numbers --------------------------------------------------------------------

// A sweep runs every point on the same streams, so the difference between two points is measured
// on the same contacts. Here 14 against 15 agents on one queue (200 calls an hour, AHT 180 s,
// patience 300 s, two hours), 40 replications: the paired differences of service level vary far
// less than differences between independent runs (seeds 1 and 2): the variances are 2.4e-4 paired
// against 3.2e-3 unpaired, a ratio of about 1/13 (the test asks for less than 1/4).
TEST(SweepCommonRandomNumbers, PairedDifferencesVaryFarLessThanUnpairedOnes) {
  testing::SingleQueue spec;
  spec.patience = Exponential{300.0};
  spec.interval_min = 120.0;
  spec.agents = 14;
  const Model fewer = testing::single_queue(spec);
  spec.agents = 15;
  const Model more = testing::single_queue(spec);
  const KpiLayout layout(fewer);
  const std::size_t sl = layout.at(KpiLayout::overall, KpiLayout::whole_horizon, Kpi::service_level);
  constexpr std::uint64_t replications = 40;

  const auto service_levels = [&](const std::vector<const Model*>& models, std::uint64_t seed) {
    RunOptions options;
    options.seed = seed;
    std::vector<std::vector<double>> by_model(models.size());
    run_replication_range(models, options, 0, replications, [&](const ReplicationOutcome& o) {
      for (std::size_t m = 0; m < models.size(); ++m) by_model[m].push_back(o.values[m][sl]);
    });
    return by_model;
  };
  const auto variance_of_differences = [](const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<double> d;
    for (std::size_t i = 0; i < a.size(); ++i) d.push_back(b[i] - a[i]);
    double mean = 0.0;
    for (double x : d) mean += x / static_cast<double>(d.size());
    double sum = 0.0;
    for (double x : d) sum += (x - mean) * (x - mean);
    return sum / static_cast<double>(d.size() - 1);
  };

  const auto paired = service_levels({&fewer, &more}, 1);
  const auto fewer_alone = service_levels({&fewer}, 1);
  const auto more_alone = service_levels({&more}, 2);
  const double paired_variance = variance_of_differences(paired[0], paired[1]);
  const double unpaired_variance = variance_of_differences(fewer_alone[0], more_alone[0]);
  RecordProperty("paired_variance", std::to_string(paired_variance));
  RecordProperty("unpaired_variance", std::to_string(unpaired_variance));
  EXPECT_LT(paired_variance, unpaired_variance / 4)
      << "paired " << paired_variance << ", unpaired " << unpaired_variance;
}

}  // namespace
}  // namespace ccsim
