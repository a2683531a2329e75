// `ccsim schedule` end to end: exit codes, the JSON's shape, the scenario it writes, bad CSV.
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/command_line.h"

namespace {

using nlohmann::json;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// 08:00-12:00 in hours: an early shift (08:00-12:00, a 1-hour break after 1 to 2 hours) and a
// short late one (10:00-12:00, at most 1 agent).
constexpr const char* scenario_text = R"({
  "horizon": { "start": "08:00", "intervals": 4, "interval_min": 60 },
  "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 30 },
                       "handle_time": { "dist": "exponential", "mean_s": 180 } } ],
  "agent_groups": [
    { "id": "agents", "skills": ["calls"], "staffing": 3, "cost_per_hour": 20,
      "shift_templates": [
        { "id": "early", "start": "08:00", "length_h": 4, "cost_per_hour": 20,
          "breaks": [ { "length_min": 60, "earliest_after_h": 1, "latest_after_h": 2 } ] },
        { "id": "late", "start": "10:00", "length_h": 2, "cost_per_hour": 30, "max_agents": 1 } ] },
    { "id": "backup", "skills": ["calls"], "staffing": 1 } ] })";

class ScheduleCli : public ccsim::testing::CommandLineTest {
 protected:
  void SetUp() override {
    CommandLineTest::SetUp();
    std::ofstream(file("s.json")) << scenario_text;
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(file(name)) << text;
    return file(name).string();
  }
  std::string command(const std::string& requirements, const std::string& more = "") const {
    return "schedule " + file("s.json").string() + " --requirements " + requirements +
           " --json " + file("out.json").string() + " " + more;
  }
};

TEST_F(ScheduleCli, WritesTheRosterItsCostAndCoverage) {
  const std::string req =
      write("req.csv", "group,interval,agents\nagents,0,2\nagents,1,1\nagents,2,2\nagents,3,2\n");
  const auto r = ccsim(command(req, "--no-simulate"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json out = json::parse(ccsim::testing::read_file(file("out.json")));
  // Two early agents with their breaks apart cover 2, 1, 1, 2; one late agent lifts 10:00 to 2.
  EXPECT_DOUBLE_EQ(out["cost"].get<double>(), 2 * 80.0 + 60.0);
  ASSERT_EQ(out["shifts"].size(), 3u);
  for (const json& shift : out["shifts"]) {
    EXPECT_EQ(shift["group"], "agents");
    EXPECT_TRUE(shift.contains("template") && shift.contains("agents") && shift.contains("breaks"));
  }
  ASSERT_EQ(out["coverage"].size(), 4u);
  EXPECT_EQ(out["coverage"][2]["start"], "10:00");
  EXPECT_EQ(out["coverage"][2]["required"], 2.0);
  EXPECT_EQ(out["coverage"][2]["scheduled"], 2.0);
  EXPECT_TRUE(has(r.out, "Roster of agents: cost 220.00 (optimal)")) << r.out;
  EXPECT_TRUE(has(r.out, "early            08:00 12:00  09:00-10:00")) << r.out;
}

TEST_F(ScheduleCli, WritesTheScenarioWithShiftsInPlaceOfStaffing) {
  const std::string req = write("req.csv", "group,interval,agents\nagents,0,1\n");
  const auto r = ccsim(command(req, "--no-simulate --out-scenario " + file("rostered.json").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json scenario = json::parse(ccsim::testing::read_file(file("rostered.json")));
  const json& group = scenario["agent_groups"][0];
  EXPECT_FALSE(group.contains("staffing"));
  ASSERT_EQ(group["shifts"].size(), 1u);
  const json& shift = group["shifts"][0];
  EXPECT_EQ(shift["id"], "early");
  EXPECT_EQ(shift["start"], "08:00");
  EXPECT_EQ(shift["length_h"], 4.0);
  EXPECT_EQ(shift["agents"], 1);
  EXPECT_EQ(shift["breaks"][0]["length_min"], 60.0);
  EXPECT_EQ(shift["days"].size(), 7u);
  // The group the requirements do not name keeps its staffing.
  EXPECT_EQ(scenario["agent_groups"][1]["staffing"], 1);
}

TEST_F(ScheduleCli, SimulatesTheRosterAndStaffsUpWhereTargetsAreMissed) {
  // One agent an hour for 1.5 erlangs misses 80 % in 20 s everywhere: rounds add agents.
  const std::string req = write(
      "req.csv", "group,interval,agents\nagents,0,1\nagents,1,1\nagents,2,1\nagents,3,1\n");
  const auto r = ccsim(command(req, "-r 8 -t 2"));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const json out = json::parse(ccsim::testing::read_file(file("out.json")));
  EXPECT_GE(out["simulation"]["rounds"].get<int>(), 2);
  EXPECT_EQ(out["simulation"]["replications"], 8);
  EXPECT_EQ(out["simulation"]["targets_met"], true);
  EXPECT_TRUE(out["simulation"]["misses"].empty());
  for (const json& interval : out["coverage"]) EXPECT_GE(interval["scheduled"].get<double>(), 2.0);
  EXPECT_TRUE(has(r.out, "every service-level target met")) << r.out;
}

TEST_F(ScheduleCli, TargetsStillMissedAfterTheLastRoundExitOne) {
  const std::string req = write("req.csv", "group,interval,agents\nagents,0,1\n");
  const auto r = ccsim(command(req, "-r 4 -t 2 --max-rounds 1"));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const json out = json::parse(ccsim::testing::read_file(file("out.json")));
  EXPECT_EQ(out["simulation"]["targets_met"], false);
  ASSERT_FALSE(out["simulation"]["misses"].empty());
  EXPECT_EQ(out["simulation"]["misses"][0]["type"], "calls");
  EXPECT_TRUE(has(r.out, "below target")) << r.out;
}

TEST_F(ScheduleCli, AnIntervalMaxAgentsLeaveShortExitsTwoNamingIt) {
  // The early shift cut to 08:00-11:00: only the late shift, at most 1 agent, works 11:00.
  const std::string req = write("req.csv", "group,interval,agents\nagents,2,1\nagents,3,5\n");
  std::ofstream(file("s.json")) << json::parse(scenario_text)
                                       .patch(json::parse(R"([{"op": "replace",
        "path": "/agent_groups/0/shift_templates/0/length_h", "value": 3},
        {"op": "replace", "path": "/agent_groups/0/shift_templates/0/breaks/0/latest_after_h",
         "value": 1}])"))
                                       .dump();
  const auto r = ccsim(command(req, "--no-simulate"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "agent group \"agents\": interval 3 (11:00) needs 5 agents and the shift "
                         "templates' max_agents let at most 1 work it"))
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(file("out.json")));
}

TEST_F(ScheduleCli, AnUnderCoveragePenaltyReportsTheShortIntervals) {
  const std::string req = write("req.csv", "group,interval,agents\nagents,3,1\n");
  const auto r = ccsim(command(req, "--no-simulate --under-coverage-penalty 10"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json out = json::parse(ccsim::testing::read_file(file("out.json")));
  EXPECT_EQ(out["cost"], 0.0);
  EXPECT_EQ(out["penalty"], 10.0);
  EXPECT_EQ(out["coverage"][3]["short"], 1.0);
  EXPECT_TRUE(out["shifts"].empty());
}

TEST_F(ScheduleCli, BadCsvNamesTheFileLineAndColumn) {
  const std::string req = write(
      "req.csv", "group,interval,agents\nagents,0,1\nagents,x,2\nagnets,1,1\nagents,2,-1\n"
                 "agents,0,1\n");
  const auto r = ccsim(command(req, "--no-simulate"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, req + ":3:8: expected an interval, a whole number from 0 to 3 (the "
                               "horizon's 4 intervals), got \"x\""))
      << r.err;
  EXPECT_TRUE(has(r.err, req + ":4:1: expected an agent group of the scenario, got \"agnets\", "
                               "did you mean \"agents\"?"))
      << r.err;
  EXPECT_TRUE(has(r.err, req + ":5:10: expected agents, a number from 0 to 1000000, got \"-1\""))
      << r.err;
  EXPECT_TRUE(has(r.err, req + ":6:8: expected one row per group and interval, got group "
                               "\"agents\" interval 0 again (first on line 2)"))
      << r.err;
}

TEST_F(ScheduleCli, ABadHeaderIsRefused) {
  const std::string req = write("req.csv", "group;interval;agents\nagents;0;1\n");
  const auto r = ccsim(command(req, "--no-simulate"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, req + ":1:1: expected the header group,interval,agents")) << r.err;
}

TEST_F(ScheduleCli, AGroupWithoutTemplatesIsRefused) {
  const std::string req = write("req.csv", "group,interval,agents\nbackup,0,1\n");
  const auto r = ccsim(command(req, "--no-simulate --group backup"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "/agent_groups/1: agent group \"backup\" has no shift_templates")) << r.err;
  const auto unknown = ccsim(command(req, "--no-simulate --group nobody"));
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_TRUE(has(unknown.err, "--group: no agent group \"nobody\"")) << unknown.err;
}

}  // namespace

namespace {

// Without --requirements, the staffing search's plan for the templated groups is the requirement.
class ScheduleFromTargetsCli : public ScheduleCli {};

TEST_F(ScheduleFromTargetsCli, SchedulesThePlanTheStaffingSearchFinds) {
  const auto r = ccsim("schedule " + file("s.json").string() + " -r 6 --json " +
                       file("out.json").string() + " --out-scenario " + file("roster.json").string());
  ASSERT_LE(r.exit_code, 1) << r.err;
  EXPECT_TRUE(has(r.err, "requirements: the staffing search's plan")) << r.err;
  const json out = json::parse(ccsim::testing::read_file(file("out.json")));
  EXPECT_FALSE(out["shifts"].empty());
  for (const json& shift : out["shifts"]) EXPECT_EQ(shift["group"], "agents");  // backup has none
  EXPECT_EQ(ccsim("run " + file("roster.json").string() + " -r 2 -q").exit_code, 0);
}

TEST_F(ScheduleFromTargetsCli, AScenarioWithoutShiftTemplatesIsBadInput) {
  write("plain.json", R"({ "horizon": { "intervals": 2 },
    "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 30 },
                         "handle_time": { "dist": "exponential", "mean_s": 180 } } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls"], "staffing": 3 } ] })");
  const auto r = ccsim("schedule " + file("plain.json").string() + " --json " + file("out.json").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "no agent group has shift_templates")) << r.err;
}

}  // namespace
