// `ccsim compare` end to end, as a CI job runs it: exit 0 pass, 1 regression, 2 bad input.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "testing/command_line.h"
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class CompareCli : public ccsim::testing::CommandLineTest {
 protected:
  // An example scenario (comments allowed) with one change, written to the test's folder.
  std::string variant(const std::string& example, const std::string& name, void (*change)(json&)) const {
    json scenario = json::parse(ccsim::testing::read_file(fs::path(CCSIM_SOURCE_DIR) / "scenarios" / example), nullptr, true, true);
    change(scenario);
    const fs::path path = dir_ / name;
    std::ofstream(path) << scenario.dump(2);
    return path.string();
  }

  friend std::string lunch_cut(const CompareCli& test);
};

std::string lunch_cut(const CompareCli& test) {
  return test.variant("retail-day.json", "lunch-cut.json", [](json& s) {
    for (json& group : s["agent_groups"])
      if (group["id"] == "tech_team")
        for (int i : {8, 9, 10}) group["staffing"][i] = group["staffing"][i].get<int>() - 3;
  });
}

TEST_F(CompareCli, TwoFewerAgentsIsARegressionAndExitsOne) {
  const std::string fewer = variant("erlang-c.json", "fewer.json", [](json& s) {
    s["agent_groups"][0]["staffing"] = 12;
  });
  const ccsim::testing::CommandResult r = ccsim("compare scenarios/erlang-c.json " + fewer);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "REGRESSION: service_level")) << r.out;
  EXPECT_TRUE(has(r.out, "KPI")) << r.out;
  EXPECT_TRUE(has(r.out, "change ±95% CI")) << r.out;
}

TEST_F(CompareCli, FourFewerTechAgentsAreCaughtOnTheTechServiceLevel) {
  // Four fewer tech agents all day: a regression on tech contacts, whatever the day as a whole does.
  const std::string cut = variant("retail-day.json", "cut.json", [](json& s) {
    for (auto& group : s["agent_groups"])
      if (group["id"] == "tech_team")
        for (auto& agents : group["staffing"]) agents = agents.get<int>() - 4;
  });
  const ccsim::testing::CommandResult r = ccsim("compare scenarios/retail-day.json " + cut + " --kpi type/tech/service_level:-0.01");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "type/tech/service_level")) << r.out;
}

// Three of tech's agents away for the 90 minutes of lunch (12:00-13:30): the whole day's figures
// hide it, a gate on every interval of tech's service level finds it, in the interval where it is.
std::string lunch_cut(const CompareCli& test);

TEST_F(CompareCli, ALunchCutPassesTheWholeDayGates) {
  const ccsim::testing::CommandResult r = ccsim("compare scenarios/retail-day.json " + lunch_cut(*this));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST_F(CompareCli, ALunchCutFailsAGateOnEveryIntervalOfItsType) {
  const std::string json_out = (dir_ / "gate.json").string();
  const ccsim::testing::CommandResult r =
      ccsim("compare scenarios/retail-day.json " + lunch_cut(*this) +
            " --kpi 'type/tech/interval/*/service_level:-0.05' --json " + json_out);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const json report = json::parse(ccsim::testing::read_file(json_out));
  // One KPI per half hour of the day, each tested at alpha / (looks x 24).
  ASSERT_EQ(report["kpis"].size(), 24u);
  std::vector<std::string> worse;
  for (const json& kpi : report["kpis"])
    if (kpi["verdict"] == "worse") worse.push_back(kpi["kpi"].get<std::string>());
  ASSERT_FALSE(worse.empty()) << r.out;
  for (const std::string& label : worse)
    EXPECT_TRUE(label == "type/tech/interval/12:00/service_level" ||
                label == "type/tech/interval/12:30/service_level" ||
                label == "type/tech/interval/13:00/service_level" ||
                label == "type/tech/interval/13:30/service_level")
        << label << " is outside the cut (and the half hour after it)";
}

TEST_F(CompareCli, AnIntervalGateOnIdenticalScenariosPasses) {
  const ccsim::testing::CommandResult r =
      ccsim("compare scenarios/retail-day.json scenarios/retail-day.json --kpi 'interval/*/service_level:-0.02' "
            "--kpi 'type/*/interval/*/abandon_rate:+0.01'");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

// Reserving two tech agents (a what-if of retail-day) helps tech and costs orders: compared with
// its own baseline directly, without a second file.
TEST_F(CompareCli, AWhatIfIsComparedWithItsOwnBaseline) {
  const ccsim::testing::CommandResult hurts =
      ccsim("compare scenarios/retail-day.json --what-if tech-keeps-2-free --kpi type/orders/service_level:-0.01");
  EXPECT_EQ(hurts.exit_code, 1) << hurts.out << hurts.err;
  EXPECT_TRUE(has(hurts.out, "scenarios/retail-day.json -> scenarios/retail-day.json --what-if tech-keeps-2-free:"))
      << hurts.out;
  const ccsim::testing::CommandResult helps =
      ccsim("compare scenarios/retail-day.json --what-if tech-keeps-2-free --kpi type/tech/service_level:-0.01");
  EXPECT_EQ(helps.exit_code, 0) << helps.out << helps.err;
}

TEST_F(CompareCli, AWhatIfTheFileDoesNotHaveExitsTwo) {
  const ccsim::testing::CommandResult r = ccsim("compare scenarios/retail-day.json --what-if no-such-plan");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "no-such-plan")) << r.err;
}

TEST_F(CompareCli, AWhatIfAndACandidateFileTogetherAreAUsageError) {
  const ccsim::testing::CommandResult r =
      ccsim("compare scenarios/retail-day.json scenarios/retail-day.json --what-if tech-keeps-2-free");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "give either a CANDIDATE scenario or --what-if NAME, not both")) << r.err;
}

TEST_F(CompareCli, TheSameScenarioOnAnotherSeedPasses) {
  const ccsim::testing::CommandResult r = ccsim("compare scenarios/erlang-c.json scenarios/erlang-c.json --seed 99");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "seed 99")) << r.out;
  EXPECT_TRUE(has(r.out, "PASS")) << r.out;
}

TEST_F(CompareCli, TheSameScenarioOnIndependentStreamsPasses) {
  const ccsim::testing::CommandResult r = ccsim("compare scenarios/erlang-c.json scenarios/erlang-c.json --candidate-seed 99 "
                         "--max-replications 40");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "no common random numbers")) << r.out;
}

TEST_F(CompareCli, UndecidedAtTheCapPassesUnlessAskedToFail) {
  const std::string args = "compare scenarios/erlang-c.json scenarios/erlang-c.json --candidate-seed 99 "
                           "--max-replications 10";
  const ccsim::testing::CommandResult pass = ccsim(args);
  EXPECT_EQ(pass.exit_code, 0) << pass.out;
  EXPECT_TRUE(has(pass.out, "undecided")) << pass.out;
  const ccsim::testing::CommandResult fail = ccsim(args + " --fail-undecided");
  EXPECT_EQ(fail.exit_code, 1) << fail.out;
}

TEST_F(CompareCli, JsonReportHasOneEntryPerKpi) {
  const ccsim::testing::CommandResult r = ccsim("compare scenarios/erlang-a.json scenarios/erlang-a.json --kpi abandon_rate:+0.005 "
                         "--kpi asa_s:+5% --json " + (dir_ / "out.json").string());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const json j = json::parse(ccsim::testing::read_file(dir_ / "out.json"));
  EXPECT_EQ(j["result"], "pass");
  ASSERT_EQ(j["kpis"].size(), 2u);
  EXPECT_EQ(j["kpis"][0]["kpi"], "abandon_rate");
  EXPECT_EQ(j["kpis"][1]["margin"], "+5%");
  EXPECT_EQ(j["kpis"][1]["verdict"], "not worse");
  EXPECT_EQ(j["kpis"][1]["change"], 0.0);
}

TEST_F(CompareCli, KpiWithoutASignExitsTwoAndSaysWhy) {
  const ccsim::testing::CommandResult r = ccsim("compare scenarios/erlang-c.json scenarios/erlang-c.json --kpi service_level:0.01");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "--kpi: \"service_level:0.01\": the margin needs a sign")) << r.err;
}

TEST_F(CompareCli, SegmentMarginIsComparedBesideTypeAndGroupMargins) {
  const std::string segmented = variant("erlang-c.json", "segmented.json", [](json& s) {
    s["segments"] = json::array({{{"id", "vip"}}});
    s["contact_types"][0]["segment"] = "vip";
  });
  const ccsim::testing::CommandResult r =
      ccsim("compare " + segmented + " " + segmented +
            " --max-replications 20 --kpi segment/vip/service_level:-0.05 --kpi type/calls/fcr:-0.05");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "segment/vip/service_level")) << r.out;
  EXPECT_TRUE(has(r.out, "type/calls/fcr")) << r.out;
}

TEST_F(CompareCli, ChannelMarginOnASingleChannelScenarioExitsTwo) {
  const ccsim::testing::CommandResult r =
      ccsim("compare scenarios/erlang-c.json scenarios/erlang-c.json --kpi channel/voice/service_level:-0.01");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "no channel \"voice\"")) << r.err;
}

TEST_F(CompareCli, AutomationKpiMarginsAreAccepted) {
  const ccsim::testing::CommandResult r =
      ccsim("compare scenarios/erlang-c.json scenarios/erlang-c.json --max-replications 10 "
            "--kpi cost_automation:+1 --kpi type/calls/backlog:+1");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "type/calls/backlog")) << r.out;
}

TEST_F(CompareCli, UnknownSegmentExitsTwo) {
  const ccsim::testing::CommandResult r =
      ccsim("compare scenarios/erlang-c.json scenarios/erlang-c.json --kpi segment/vip/fcr:-0.01");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "no segment \"vip\"")) << r.err;
}

TEST_F(CompareCli, KpiWithoutAMarginExitsTwoAndShowsTheSyntax) {
  const ccsim::testing::CommandResult r = ccsim("compare scenarios/erlang-c.json scenarios/erlang-c.json --kpi service_level");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "expected KPI:+x or KPI:-x")) << r.err;
}

TEST_F(CompareCli, UnknownKpiExitsTwoListingTheKnownOnes) {
  const ccsim::testing::CommandResult r = ccsim("compare scenarios/erlang-c.json scenarios/erlang-c.json --kpi sla:-0.01");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "unknown KPI \"sla\" (known: offered, handled")) << r.err;
  EXPECT_TRUE(has(r.err, "service_level")) << r.err;
}

TEST_F(CompareCli, UnknownContactTypeExitsTwoListingTheScenariosTypes) {
  const ccsim::testing::CommandResult r = ccsim("compare scenarios/erlang-c.json scenarios/erlang-c.json --kpi type/billing/asa_s:+1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "no contact type \"billing\" (contact types: calls)")) << r.err;
}

TEST_F(CompareCli, MissingCandidateExitsTwo) {
  EXPECT_EQ(ccsim("compare scenarios/erlang-c.json").exit_code, 2);
  const ccsim::testing::CommandResult r = ccsim("compare scenarios/erlang-c.json no-such.json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "no-such.json")) << r.err;
}

TEST_F(CompareCli, StoredResultOfTheSameRunIsIdentical) {
  const ccsim::testing::CommandResult r = ccsim("compare scenarios/erlang-c.json --against results/golden/erlang-c.json");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "identical to the stored result")) << r.out;
}

TEST_F(CompareCli, StoredResultFarFromTheFreshRunFails) {
  json golden = json::parse(ccsim::testing::read_file(fs::path(CCSIM_SOURCE_DIR) / "results/golden/erlang-c.json"));
  golden["overall"]["asa_s"]["mean"] = golden["overall"]["asa_s"]["mean"].get<double>() + 5.0;
  std::ofstream(dir_ / "golden.json") << golden.dump();
  const ccsim::testing::CommandResult r = ccsim("compare scenarios/erlang-c.json --against " + (dir_ / "golden.json").string());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "overall/asa_s")) << r.out;
}

TEST_F(CompareCli, StoredResultOfAnotherScenarioExitsTwo) {
  const ccsim::testing::CommandResult r = ccsim("compare scenarios/erlang-a.json --against results/golden/erlang-c.json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "is the result of \"erlang-c\"")) << r.err;
}

TEST_F(CompareCli, AgainstWithKpiMarginsIsAUsageError) {
  EXPECT_EQ(ccsim("compare scenarios/erlang-c.json --against results/golden/erlang-c.json --kpi asa_s:+1").exit_code, 2);
}

}  // namespace
