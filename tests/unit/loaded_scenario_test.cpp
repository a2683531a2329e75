// A scenario file is read and parsed once; the baseline and each what-if are compiled when asked
// for, so a what-if that is not run costs nothing and cannot stop a run of the baseline, while
// `check` (what `ccsim validate` does) compiles every one.
#include "ccsim/scenario.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "testing/input_errors.h"

namespace {

namespace fs = std::filesystem;
using ccsim::Model;
using ccsim::Scenario;
using ccsim::testing::error_of;

// One type, one group of 10, and two what-ifs: "more" (12 agents, fine) and "broken" (-2 agents).
const char* const with_what_ifs = R"({
  "horizon": { "intervals": 2 },
  "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 60 },
                       "handle_time": { "dist": "exponential", "mean_s": 180 } } ],
  "agent_groups": [ { "id": "agents", "skills": ["calls"], "staffing": 10 } ],
  "what_if": {
    "more":   [ { "op": "replace", "path": "/agent_groups/agents/staffing", "value": 12 } ],
    "broken": [ { "op": "replace", "path": "/agent_groups/agents/staffing", "value": -2 } ]
  }
})";

TEST(LoadedScenario, CompilesTheBaselineWithoutTouchingItsWhatIfs) {
  const Scenario scenario = Scenario::parse(with_what_ifs, "s.json");
  const Model model = scenario.compile();
  EXPECT_EQ(model.agent_groups.at(0).staffed.at(0), 10);
}

TEST(LoadedScenario, CompilesOneWhatIfWhenAskedFor) {
  const Scenario scenario = Scenario::parse(with_what_ifs, "s.json");
  EXPECT_EQ(scenario.compile_what_if("more").agent_groups.at(0).staffed.at(1), 12);
}

TEST(LoadedScenario, ReportsABrokenWhatIfWhenItIsCompiled) {
  const Scenario scenario = Scenario::parse(with_what_ifs, "s.json");
  EXPECT_EQ(error_of([&] { scenario.compile_what_if("broken"); }),
            "s.json: /what_if/broken/0/value: must be a number >= 0, got -2");
}

TEST(LoadedScenario, CheckCompilesEveryWhatIf) {
  const Scenario scenario = Scenario::parse(with_what_ifs, "s.json");
  EXPECT_EQ(error_of([&] { scenario.check(); }),
            "s.json: /what_if/broken/0/value: must be a number >= 0, got -2");
}

TEST(LoadedScenario, NamesItsWhatIfsByName) {
  const Scenario scenario = Scenario::parse(with_what_ifs, "s.json");
  EXPECT_EQ(scenario.what_if_names(), (std::vector<std::string>{"broken", "more"}));
}

TEST(LoadedScenario, AWhatIfAppliedIsAScenarioWithoutWhatIfs) {
  const Scenario more = Scenario::parse(with_what_ifs, "s.json").with_what_if("more");
  EXPECT_FALSE(more.document().contains("what_if"));
  EXPECT_EQ(more.document()["agent_groups"][0]["staffing"], 12);
  EXPECT_EQ(more.file(), "s.json");
  EXPECT_TRUE(more.what_if_names().empty());
}

TEST(LoadedScenario, AComparableWhatIfMustKeepTheIntervals) {
  nlohmann::json document = nlohmann::json::parse(with_what_ifs);
  document["what_if"] = {{"longer", {{"horizon", {{"intervals", 3}}}}}};
  const Scenario scenario(document, "s.json");
  const Model base = scenario.compile();
  EXPECT_EQ(scenario.compile_what_if("longer").horizon.intervals(), 3);
  EXPECT_NE(error_of([&] { scenario.compile_comparable_what_if("longer", base); })
                .find("what-if \"longer\": cannot be compared with the baseline interval by interval"),
            std::string::npos);
}

TEST(LoadedScenario, ReadsRelativePathsFromTheFilesFolder) {
  const fs::path dir = fs::path(testing::TempDir()) / "loaded_scenario_folder";
  fs::create_directories(dir);
  std::ofstream(dir / "s.json") << with_what_ifs;
  const Scenario scenario = Scenario::read(dir / "s.json");
  EXPECT_EQ(scenario.base_dir(), dir);
  EXPECT_EQ(scenario.file(), (dir / "s.json").string());
}

TEST(LoadedScenario, SaysWhyAFileCannotBeRead) {
  EXPECT_EQ(error_of([] { Scenario::read("no/such/file.json"); }),
            "no/such/file.json: cannot read file: no such file or directory");
}

TEST(LoadedScenario, GivesTheLineAndColumnOfBadJson) {
  EXPECT_EQ(error_of([] { Scenario::parse("{\n  \"horizon\": ,\n}", "s.json"); }).rfind("s.json:2:", 0),
            0u);
}

TEST(LoadedScenario, SettingAValueReplacesItWhereTheIdSays) {
  const Scenario more = Scenario::parse(with_what_ifs, "s.json").with_value("/agent_groups/agents/staffing", 14);
  EXPECT_EQ(more.compile().agent_groups.at(0).staffed.at(1), 14);
}

TEST(LoadedScenario, SettingOneIntervalReplacesItsValueAndInsertsNothing) {
  const Scenario base = Scenario::parse(with_what_ifs, "s.json")
                            .with_value("/agent_groups/agents/staffing", nlohmann::json::array({10, 11}));
  const Model model = base.with_value("/agent_groups/agents/staffing/1", 15).compile();
  EXPECT_EQ(model.agent_groups.at(0).staffed, (std::vector<double>{10, 15}));
}

TEST(LoadedScenario, APatchedScenarioKeepsItsWhatIfs) {
  const Scenario patched = Scenario::parse(with_what_ifs, "s.json")
                               .patched(nlohmann::json{{"horizon", {{"intervals", 2}}}});
  EXPECT_EQ(patched.what_if_names(), (std::vector<std::string>{"broken", "more"}));
  EXPECT_EQ(patched.compile_what_if("more").agent_groups.at(0).staffed.at(0), 12);
}

TEST(LoadedScenario, AValueTheScenarioRefusesIsReportedAtItsPlace) {
  const Scenario scenario = Scenario::parse(with_what_ifs, "s.json").with_value("/agent_groups/0/staffing", -1);
  EXPECT_EQ(error_of([&] { scenario.compile(); }),
            "s.json: /agent_groups/0/staffing: must be a number >= 0, got -1");
}

TEST(LoadedScenario, APathThatMatchesNothingNamesTheOption) {
  EXPECT_EQ(error_of([] { Scenario::parse(with_what_ifs, "s.json").with_value("/agent_groups/nobody/staffing", 1); })
                .rfind("s.json: --set /agent_groups/nobody/staffing: ", 0),
            0u);
}

}  // namespace
