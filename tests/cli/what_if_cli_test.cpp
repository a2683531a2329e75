// `ccsim run --what-if`: the binary end to end with the what-ifs of the retail demo.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "testing/command_line.h"
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

class WhatIfCli : public ccsim::testing::CommandLineTest {
 protected:
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
  }

};

TEST_F(WhatIfCli, AllWhatIfsRunAndTheJsonHasTheirSection) {
  const ccsim::testing::CommandResult r =
      ccsim("run scenarios/retail-day.json --what-if all -r 6 --json " + file("out.json").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("What-if \"volume+20%\" against the baseline"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("service level 12:00"), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(ccsim::testing::read_file(file("out.json").string()));
  // The baseline's keys are as without what-ifs.
  EXPECT_TRUE(j["overall"]["service_level"].contains("mean"));
  ASSERT_TRUE(j.contains("what_if"));
  for (const char* name : {"volume+20%", "self-service-10%", "two-fewer-at-lunch"}) {
    const auto& w = j["what_if"][name];
    for (const char* key : {"mean", "ci95", "change", "change_ci95"})
      EXPECT_TRUE(w["overall"]["service_level"].contains(key)) << name << " " << key;
    EXPECT_TRUE(w["by_type"]["billing"]["service_level"].contains("change")) << name;
    EXPECT_TRUE(w["by_group"]["billing_team"]["occupancy"].contains("change")) << name;
    EXPECT_EQ(w["by_interval"].size(), 24u) << name;
  }
  // A staffing change leaves the offered contacts exactly as they were.
  EXPECT_EQ(j["what_if"]["two-fewer-at-lunch"]["overall"]["offered"]["change"], 0.0);
  EXPECT_EQ(j["what_if"]["two-fewer-at-lunch"]["overall"]["offered"]["change_ci95"], 0.0);
  EXPECT_GT(j["what_if"]["volume+20%"]["overall"]["offered"]["change"].get<double>(), 0.0);
}

TEST_F(WhatIfCli, SegmentsGetTheirServiceLevelChangeInTheTableAndJson) {
  write("segmented.json", R"({"name": "segmented", "horizon": {"intervals": 2},
    "segments": [{"id": "vip"}],
    "contact_types": [{"id": "gold", "segment": "vip", "arrivals": {"rate_per_hour": 40},
                       "handle_time": {"dist": "exponential", "mean_s": 200}}],
    "agent_groups": [{"id": "team", "skills": ["gold"], "staffing": 4}],
    "what_if": {"more": [{"op": "replace", "path": "/agent_groups/team/staffing", "value": 5}]}})");
  const ccsim::testing::CommandResult r = ccsim("run " + file("segmented.json").string() +
                                                " --what-if more -r 4 --json " + file("out.json").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  segment vip"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cost/resolved issue"), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(ccsim::testing::read_file(file("out.json").string()));
  EXPECT_TRUE(j["what_if"]["more"]["by_segment"]["vip"]["service_level"].contains("change"));
}

TEST_F(WhatIfCli, JsonHasByChannelAndTheAutomationKpisWithTheirChange) {
  const ccsim::testing::CommandResult r =
      ccsim("run scenarios/retail-day.json --what-if volume+20% -r 4 --json " + file("out.json").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(ccsim::testing::read_file(file("out.json").string()));
  const auto& w = j["what_if"]["volume+20%"];
  EXPECT_EQ(w["by_channel"], nlohmann::json::object());  // voice only: no channel scope
  for (const char* kpi : {"automation_rate", "cost_automation", "backlog", "response_sl"})
    EXPECT_TRUE(w["overall"][kpi].contains("change")) << kpi;
  EXPECT_EQ(r.out.find("automation rate"), std::string::npos) << r.out;  // no bots: no rows
}

TEST_F(WhatIfCli, UnknownWhatIfExitsTwoListingTheNames) {
  const ccsim::testing::CommandResult r = ccsim("run scenarios/retail-day.json --what-if nosuch -r 2 --json " +
                         file("out.json").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("scenarios/retail-day.json: what-if \"nosuch\": no such what-if (what-ifs: "
                       "longest-wait-first, self-service-10%, tech-keeps-2-free, two-fewer-at-lunch, volume+20%)"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(file("out.json").string()));
}

TEST_F(WhatIfCli, JsonAndCsvAreByteIdenticalAtOneAndTwoThreads) {
  for (const char* threads : {"1", "2"})
    ASSERT_EQ(ccsim(std::string("run scenarios/retail-day.json -r 6 -q --what-if all -t ") +
                    threads + " --json " + file(std::string("t") + threads + ".json").string() +
                    " --csv " + file(std::string("t") + threads + ".csv").string())
                  .exit_code,
              0);
  EXPECT_EQ(ccsim::testing::read_file(file("t1.json").string()), ccsim::testing::read_file(file("t2.json").string()));
  EXPECT_EQ(ccsim::testing::read_file(file("t1.csv").string()), ccsim::testing::read_file(file("t2.csv").string()));
}

TEST_F(WhatIfCli, CsvGainsAVariantColumn) {
  ASSERT_EQ(ccsim("run scenarios/retail-day.json -r 3 -q --what-if volume+20%,two-fewer-at-lunch "
                  "--csv " + file("out.csv").string())
                .exit_code,
            0);
  const std::string csv = ccsim::testing::read_file(file("out.csv").string());
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "scope,id,interval,start,kpi,mean,ci95,n,variant,change,change_ci95");
  EXPECT_NE(csv.find("\noverall,,all,,service_level,"), std::string::npos);
  EXPECT_NE(csv.find(",baseline,,\n"), std::string::npos);
  EXPECT_NE(csv.find(",volume+20%,"), std::string::npos);
  EXPECT_NE(csv.find(",two-fewer-at-lunch,"), std::string::npos);
}

TEST_F(WhatIfCli, InvalidPatchedScenarioExitsTwoWithFileAndPointer) {
  write("plan.json", R"({
    "horizon": { "intervals": 2 },
    "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 60 },
                         "handle_time": { "dist": "exponential", "mean_s": 300 } } ],
    "agent_groups": [ { "id": "team", "skills": ["calls"], "staffing": [6, 7] } ],
    "what_if": { "cut": [ { "op": "replace", "path": "/agent_groups/team/staffing/1", "value": -2 } ] } })");
  const ccsim::testing::CommandResult r = ccsim("run " + file("plan.json").string() + " --what-if cut");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("plan.json: /what_if/cut/0/value: must be a number >= 0, got -2"),
            std::string::npos)
      << r.err;
}

TEST_F(WhatIfCli, WhatIfThatChangesTheStructureIsRefused) {
  write("plan.json", R"({
    "horizon": { "intervals": 2 },
    "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 60 },
                         "handle_time": { "dist": "exponential", "mean_s": 300 } } ],
    "agent_groups": [ { "id": "team", "skills": ["calls"], "staffing": [6, 7] } ],
    "what_if": { "longer": { "horizon": { "intervals": 4 }, "agent_groups": [
      { "id": "team", "skills": ["calls"], "staffing": 7 } ] } } })");
  const ccsim::testing::CommandResult r = ccsim("run " + file("plan.json").string() + " --what-if longer");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("what-if \"longer\": cannot be compared with the baseline interval by "
                       "interval: it changes the number of intervals from 2 to 4"),
            std::string::npos)
      << r.err;
}

// A what-if is compiled when it is run: a broken one that is not asked for does not stop the
// baseline, and `ccsim validate` (which checks them all) still refuses the file.
class UnusedBrokenWhatIf : public WhatIfCli {
 protected:
  void SetUp() override {
    WhatIfCli::SetUp();
    write("plan.json", R"({
      "horizon": { "intervals": 2 },
      "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 60 },
                           "handle_time": { "dist": "exponential", "mean_s": 300 } } ],
      "agent_groups": [ { "id": "team", "skills": ["calls"], "staffing": [6, 7] } ],
      "what_if": {
        "cut": [ { "op": "replace", "path": "/agent_groups/team/staffing/1", "value": -2 } ],
        "more": [ { "op": "replace", "path": "/agent_groups/team/staffing/1", "value": 8 } ] } })");
  }
};

TEST_F(UnusedBrokenWhatIf, DoesNotStopARunOfTheBaseline) {
  const ccsim::testing::CommandResult r = ccsim("run " + file("plan.json").string() + " -r 2");
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(UnusedBrokenWhatIf, DoesNotStopARunOfAnotherWhatIf) {
  const ccsim::testing::CommandResult r =
      ccsim("run " + file("plan.json").string() + " -r 2 --what-if more");
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(UnusedBrokenWhatIf, IsRefusedByValidate) {
  const ccsim::testing::CommandResult r = ccsim("validate " + file("plan.json").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("plan.json: /what_if/cut/0/value: must be a number >= 0, got -2"),
            std::string::npos)
      << r.err;
}

}  // namespace
