// `--set`, `--volume` and stacked what-ifs on `ccsim run` and `ccsim compare`: a change typed on
// the command line gives exactly the results of the same change written as a what-if.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/command_line.h"

namespace {

using ccsim::testing::CommandResult;
using nlohmann::json;

class Overrides : public ccsim::testing::CommandLineTest {
 protected:
  json run_json(const std::string& args) {
    const std::string out = file("out.json").string();
    const CommandResult r = ccsim("run scenarios/retail-day.json -r 6 -q --json " + out + " " + args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(ccsim::testing::read_file(out));
  }
};

// Every KPI of every type and interval, mean and half-width, equal to the bit.
void expect_same_kpis(const json& what_if, const json& run) {
  for (const char* scope : {"by_type", "by_group"})
    for (const auto& [id, kpis] : run[scope].items())
      for (const auto& [kpi, estimate] : kpis.items()) {
        EXPECT_EQ(what_if[scope][id][kpi]["mean"], estimate["mean"]) << scope << " " << id << " " << kpi;
        EXPECT_EQ(what_if[scope][id][kpi]["ci95"], estimate["ci95"]) << scope << " " << id << " " << kpi;
      }
  for (std::size_t i = 0; i < run["by_interval"].size(); ++i)
    EXPECT_EQ(what_if["by_interval"][i]["service_level"]["mean"],
              run["by_interval"][i]["service_level"]["mean"]) << "interval " << i;
}

TEST_F(Overrides, SetGivesTheResultsOfTheSameWhatIf) {
  // "two-fewer-at-lunch" replaces billing's staffing at 12:00 and 12:30 with 18 and 17.
  const json what_if = run_json("--what-if two-fewer-at-lunch")["what_if"]["two-fewer-at-lunch"];
  const json set = run_json("--set /agent_groups/billing_team/staffing/8=18 "
                            "--set /agent_groups/billing_team/staffing/9=17");
  expect_same_kpis(what_if, set);
}

TEST_F(Overrides, VolumeGivesTheResultsOfTheVolumeWhatIf) {
  // "volume+20%" sets every type's arrivals scale to 1.2.
  const json what_if = run_json("--what-if volume+20%")["what_if"]["volume+20%"];
  expect_same_kpis(what_if, run_json("--volume 1.2"));
}

TEST_F(Overrides, StackedWhatIfsRunAsOneVariant) {
  const json out = run_json("--what-if self-service-10%+two-fewer-at-lunch");
  EXPECT_TRUE(out["what_if"].contains("self-service-10%+two-fewer-at-lunch"));
}

TEST_F(Overrides, ABadValueIsReportedAtItsPointer) {
  const CommandResult r =
      ccsim("run scenarios/retail-day.json -q --set /agent_groups/tech_team/staffing/8=-3");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("scenarios/retail-day.json: /agent_groups/2/staffing/8: must be a "
                       "number >= 0, got -3"),
            std::string::npos)
      << r.err;
}

TEST_F(Overrides, AShardRefusesThem) {
  const CommandResult r = ccsim("run scenarios/retail-day.json --shard 1/2 --out-part " +
                                file("p.json").string() + " --volume 1.1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--shard: runs the file as it is"), std::string::npos) << r.err;
}

TEST_F(Overrides, CompareTakesTheBaselineWithASetAsTheCandidate) {
  const CommandResult r = ccsim(
      "compare scenarios/retail-day.json --set /agent_groups/tech_team/staffing/8=10 "
      "--kpi type/tech/service_level:-0.01 --max-replications 40");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("--set /agent_groups/tech_team/staffing/8=10"), std::string::npos) << r.out;
}

TEST_F(Overrides, CompareAgainstAStoredResultRefusesThem) {
  const CommandResult r = ccsim("compare scenarios/retail-day.json --against "
                                "results/golden/retail-day.json --volume 1.1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--set and --volume do not apply"), std::string::npos) << r.err;
}

}  // namespace
