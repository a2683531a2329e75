// `ccsim` end to end: the binary as a user runs it, its exit codes, outputs and files.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

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

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ccsim-cli-" + std::to_string(::getpid()) + "-" +
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

  fs::path file(const std::string& name) const { return dir_ / name; }

  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
  }

  fs::path dir_;
};

TEST_F(Cli, RunPrintsTheKpiTableAndExitsZero) {
  const Result r = ccsim("run scenarios/retail-day.json --replications 4");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("By contact type"), std::string::npos);
  EXPECT_NE(r.out.find("By agent group"), std::string::npos);
  EXPECT_NE(r.out.find("By interval"), std::string::npos);
  EXPECT_NE(r.out.find("service level"), std::string::npos);
}

TEST_F(Cli, RunWritesJsonInTheDocumentedShape) {
  const Result r = ccsim("run scenarios/erlang-c.json --replications 3 --seed 5 -q --json " +
                         file("out.json").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(slurp(file("out.json")));
  EXPECT_EQ(j["replications"], 3);
  EXPECT_EQ(j["seed"], 5);
  EXPECT_TRUE(j["scenario"].is_string());
  for (const char* kpi : {"offered", "handled", "abandoned", "service_level", "asa_s", "wait_p50_s",
                          "wait_p90_s", "wait_p99_s", "abandon_rate", "aht_s", "occupancy",
                          "utilisation", "cost_total"}) {
    EXPECT_TRUE(j["overall"].contains(kpi)) << kpi;
    EXPECT_TRUE(j["overall"][kpi].contains("mean")) << kpi;
    EXPECT_TRUE(j["overall"][kpi].contains("ci95")) << kpi;
  }
  EXPECT_TRUE(j["by_type"].is_object());
  EXPECT_TRUE(j["by_group"].is_object());
  ASSERT_TRUE(j["by_interval"].is_array());
  EXPECT_EQ(j["by_interval"][0]["interval"], 0);
  EXPECT_TRUE(j["by_interval"][0]["start"].is_string());
}

TEST_F(Cli, RunWritesTidyCsv) {
  const Result r = ccsim("run scenarios/erlang-c.json --replications 2 -q --csv " + file("out.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = slurp(file("out.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "scope,id,interval,start,kpi,mean,ci95,n");
  EXPECT_NE(csv.find("\noverall,,all,,service_level,"), std::string::npos);
}

TEST_F(Cli, JsonIsByteIdenticalAtOneAndTwoThreads) {
  ASSERT_EQ(ccsim("run scenarios/retail-day.json -r 6 -q -t 1 --json " + file("one.json").string()).exit_code, 0);
  ASSERT_EQ(ccsim("run scenarios/retail-day.json -r 6 -q -t 2 --json " + file("two.json").string()).exit_code, 0);
  EXPECT_EQ(slurp(file("one.json")), slurp(file("two.json")));
}

TEST_F(Cli, BadScenarioExitsTwoWithFileAndPointerAndWritesNothing) {
  write("bad.json", R"({"horizon": {"intervals": 2}, "contact_types": [], "agent_groups": [
    {"id": "a", "skills": [], "staffing": [3, -3]}]})");
  const Result r = ccsim("run " + file("bad.json").string() + " --json " + file("out.json").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/agent_groups/0/staffing/1: must be a whole number >= 0, got -3"), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(file("out.json")));
}

TEST_F(Cli, MissingFileExitsTwo) {
  const Result r = ccsim("run " + file("nowhere.json").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("nowhere.json"), std::string::npos);
}

TEST_F(Cli, SyntaxErrorNamesLineAndColumn) {
  write("broken.json", "{\n  \"name\": \"x\",\n  oops\n}\n");
  const Result r = ccsim("validate " + file("broken.json").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("broken.json:3:"), std::string::npos) << r.err;
}

TEST_F(Cli, UnwritableOutputExitsTwoAndLeavesNoTemporaryFile) {
  const Result r = ccsim("run scenarios/erlang-c.json -r 2 -q --json " + file("no/such/dir/out.json").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("out.json"), std::string::npos);
}

TEST_F(Cli, ExistingOutputSurvivesAFailedRun) {
  write("keep.json", "previous results\n");
  write("bad.json", "{");
  EXPECT_EQ(ccsim("run " + file("bad.json").string() + " --json " + file("keep.json").string()).exit_code, 2);
  EXPECT_EQ(slurp(file("keep.json")), "previous results\n");
}

TEST_F(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(ccsim("").exit_code, 2);
  EXPECT_EQ(ccsim("run").exit_code, 2);
  EXPECT_EQ(ccsim("run scenarios/erlang-c.json --replications 0").exit_code, 2);
  EXPECT_EQ(ccsim("frobnicate").exit_code, 2);
}

TEST_F(Cli, HelpAndVersionExitZero) {
  EXPECT_EQ(ccsim("--help").exit_code, 0);
  EXPECT_EQ(ccsim("--version").exit_code, 0);
}

TEST_F(Cli, ValidateSummarisesAGoodScenario) {
  const Result r = ccsim("validate scenarios/retail-day.json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("billing"), std::string::npos);
}

TEST_F(Cli, ErlangCReproducesTheWorkedExample) {
  const Result r = ccsim("erlang c --rate-per-hour 200 --aht-s 180 --agents 14 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_NEAR(j["service_level"].get<double>(), 0.888, 0.0005);
  EXPECT_NEAR(j["asa_s"].get<double>(), 7.84, 0.005);
}

TEST_F(Cli, ErlangRejectsNonsenseWithExitTwo) {
  EXPECT_EQ(ccsim("erlang c --rate-per-hour 200 --aht-s -5 --agents 14").exit_code, 2);
  EXPECT_EQ(ccsim("erlang a --rate-per-hour 200 --aht-s 180 --agents 14").exit_code, 2);
}

}  // namespace
