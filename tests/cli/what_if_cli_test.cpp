// `ccsim run --what-if`: the binary end to end with the what-ifs of the retail demo.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

struct Result {
  int exit_code;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class WhatIfCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ccsim-what-if-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `ccsim <args>` from the source root, as the README does.
  Result ccsim(const std::string& args) {
    const fs::path out = dir_ / "stdout";
    const fs::path err = dir_ / "stderr";
    const std::string command = std::string("cd '") + CCSIM_SOURCE_DIR + "' && '" + CCSIM_BINARY +
                                "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  }

  std::string file(const std::string& name) const { return (dir_ / name).string(); }

  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
  }

  fs::path dir_;
};

TEST_F(WhatIfCli, AllWhatIfsRunAndTheJsonHasTheirSection) {
  const Result r =
      ccsim("run scenarios/retail-day.json --what-if all -r 6 --json " + file("out.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("What-if \"volume+20%\" against the baseline"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("service level 12:00"), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(slurp(file("out.json")));
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

TEST_F(WhatIfCli, UnknownWhatIfExitsTwoListingTheNames) {
  const Result r = ccsim("run scenarios/retail-day.json --what-if nosuch -r 2 --json " +
                         file("out.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("scenarios/retail-day.json: what-if \"nosuch\": no such what-if (what-ifs: "
                       "self-service-10%, two-fewer-at-lunch, volume+20%)"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(file("out.json")));
}

TEST_F(WhatIfCli, JsonAndCsvAreByteIdenticalAtOneAndTwoThreads) {
  for (const char* threads : {"1", "2"})
    ASSERT_EQ(ccsim(std::string("run scenarios/retail-day.json -r 6 -q --what-if all -t ") +
                    threads + " --json " + file(std::string("t") + threads + ".json") +
                    " --csv " + file(std::string("t") + threads + ".csv"))
                  .exit_code,
              0);
  EXPECT_EQ(slurp(file("t1.json")), slurp(file("t2.json")));
  EXPECT_EQ(slurp(file("t1.csv")), slurp(file("t2.csv")));
}

TEST_F(WhatIfCli, CsvGainsAVariantColumn) {
  ASSERT_EQ(ccsim("run scenarios/retail-day.json -r 3 -q --what-if volume+20%,two-fewer-at-lunch "
                  "--csv " + file("out.csv"))
                .exit_code,
            0);
  const std::string csv = slurp(file("out.csv"));
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
  const Result r = ccsim("run " + file("plan.json") + " --what-if cut");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("plan.json: /what_if/cut/0/value: must be a whole number >= 0, got -2"),
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
  const Result r = ccsim("run " + file("plan.json") + " --what-if longer");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("what-if \"longer\": cannot be compared with the baseline interval by "
                       "interval: it changes the number of intervals from 2 to 4"),
            std::string::npos)
      << r.err;
}

}  // namespace
