// `ccsim staff` end to end: the JSON contract other tools read, the scenario it writes (which
// validates and runs as it is), its CSV, exit codes and refusals.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/command_line.h"

namespace {

// The Erlang C example cut to six half hours (the first two a warm-up), 10 replications a plan.
const std::string small_search = "staff scenarios/erlang-c.json --set /horizon/intervals=6 -r 10 -q";

class StaffCli : public ccsim::testing::CommandLineTest {};

TEST_F(StaffCli, JsonHoldsTheCostTheStaffingPerIntervalAndWhetherTargetsAreMet) {
  const auto r = ccsim(small_search + " --json " + file("plan.json").string());
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  const auto j = nlohmann::json::parse(ccsim::testing::read_file(file("plan.json")));
  EXPECT_TRUE(j["cost"].is_number());
  ASSERT_TRUE(j["staffing"]["agents"].is_array());
  EXPECT_EQ(j["staffing"]["agents"].size(), 6u);
  for (const auto& agents : j["staffing"]["agents"]) EXPECT_TRUE(agents.is_number_integer());
  EXPECT_EQ(j["erlang_seed"]["agents"].size(), 6u);
  ASSERT_TRUE(j["targets_met"].is_boolean());
  EXPECT_EQ(r.exit_code, j["targets_met"].get<bool>() ? 0 : 1);
  EXPECT_EQ(j["targets"].size(), 6u);  // one per interval of the one type
  EXPECT_GT(j["trail"]["evaluations"].get<int>(), 1);
  EXPECT_TRUE(j["verification"]["by_type"]["calls"].contains("sl_target_met"));
}

TEST_F(StaffCli, TheScenarioItWritesValidatesAndRunsWithThePlanAsStaffing) {
  const auto r = ccsim(small_search + " --json " + file("plan.json").string() + " --out-scenario " +
                       file("planned.json").string());
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  const auto plan = nlohmann::json::parse(ccsim::testing::read_file(file("plan.json")));
  const auto scenario = nlohmann::json::parse(ccsim::testing::read_file(file("planned.json")));
  EXPECT_EQ(scenario["agent_groups"][0]["staffing"], plan["staffing"]["agents"]);
  EXPECT_EQ(ccsim("validate " + file("planned.json").string()).exit_code, 0);
  EXPECT_EQ(ccsim("run " + file("planned.json").string() + " -r 2 -q").exit_code, 0);
}

TEST_F(StaffCli, CsvHasARowPerGroupAndInterval) {
  const auto r = ccsim(small_search + " --csv " + file("plan.csv").string());
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  const std::string csv = ccsim::testing::read_file(file("plan.csv"));
  EXPECT_EQ(csv.rfind("group,interval,start,agents,erlang_seed\nagents,0,00:00,", 0), 0u) << csv;
}

TEST_F(StaffCli, ThePlanIsTheSameOnOneThreadAndOnTwo) {
  ASSERT_LE(ccsim(small_search + " -t 1 --csv " + file("one.csv").string()).exit_code, 1);
  ASSERT_LE(ccsim(small_search + " -t 2 --csv " + file("two.csv").string()).exit_code, 1);
  EXPECT_EQ(ccsim::testing::read_file(file("one.csv")), ccsim::testing::read_file(file("two.csv")));
}

TEST_F(StaffCli, ADayScopeOverSeveralDaysHasATargetPerDayWithItsDayAndLabel) {
  const auto r = ccsim(small_search + " --set /horizon/days=2 --scope day --json " + file("plan.json").string());
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  const auto j = nlohmann::json::parse(ccsim::testing::read_file(file("plan.json")));
  ASSERT_EQ(j["targets"].size(), 2u);
  for (std::size_t d = 0; d < 2; ++d) {
    EXPECT_EQ(j["targets"][d]["day"], d);
    EXPECT_TRUE(j["targets"][d]["interval"].is_null());
    EXPECT_EQ(j["targets"][d]["start"], d == 0 ? "d1 Mon" : "d2 Tue");
  }
  EXPECT_EQ(j["staffing"]["agents"].size(), 12u);
}

// The table of the final plan shows the plan's agents on duty, not the scenario's.
TEST_F(StaffCli, TheFinalPlansTableShowsThePlansAgentsOnDuty) {
  const auto r = ccsim("staff scenarios/erlang-c.json --set /horizon/intervals=6 -r 10 --csv " +
                       file("plan.csv").string());
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  const std::string csv = ccsim::testing::read_file(file("plan.csv"));
  // The last interval's row of the plan: agents,5,02:30,N,seed
  const std::size_t row = csv.find("agents,5,02:30,");
  ASSERT_NE(row, std::string::npos) << csv;
  const std::string agents = csv.substr(row + 15, csv.find(',', row + 15) - (row + 15));
  const std::size_t table = r.out.find("By interval");
  ASSERT_NE(table, std::string::npos) << r.out;
  const std::size_t line = r.out.find("\n  02:30 ", table);
  ASSERT_NE(line, std::string::npos) << r.out;
  EXPECT_EQ(r.out.substr(line + 9, agents.size() + 1), agents + " ") << r.out.substr(line, 80);
}

TEST_F(StaffCli, AConfidenceOfOneIsRefused) {
  EXPECT_EQ(ccsim(small_search + " --confidence 1").exit_code, 2);
}

TEST_F(StaffCli, AScenarioWhoseGroupsAreAllFixedIsRefused) {
  const auto r = ccsim(small_search + " --set /agent_groups/agents/fixed=true");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no group the search may change"), std::string::npos) << r.err;
}

TEST_F(StaffCli, AMissingFileIsBadInput) {
  EXPECT_EQ(ccsim("staff scenarios/no-such-file.json").exit_code, 2);
}

}  // namespace
