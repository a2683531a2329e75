// Shifts and staffing bounds in the scenario format: what an agent group's "shifts",
// "staffing_min", "staffing_max" and "fixed" read into (AgentGroup, Model::roster), and each
// refusal with its pointer and message. What the engine does with a roster is in roster_test.cpp.
#include <array>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/diagnostics.h"
#include "ccsim/model.h"
#include "ccsim/scenario.h"

namespace {

using ccsim::Model;
using Messages = std::vector<std::string>;

// One contact type served by one group "agents" whose members after its skills are `group`, on a
// grid of four half hours from 07:00 (07:00-09:00) over `days` days from a Monday.
std::string scenario(const std::string& group, int days = 1) {
  return R"({
    "horizon": { "start": "07:00", "intervals": 4, "interval_min": 30, "days": )" +
         std::to_string(days) + R"( },
    "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 60 },
      "handle_time": { "dist": "exponential", "mean_s": 180 } } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls"], )" +
         group + " } ] }";
}

Model parse(const std::string& text) { return ccsim::parse_scenario(text, "test.json"); }

// "pointer: message" for each problem of the scenario, in the order reported; empty if valid.
Messages problems(const std::string& text) {
  try {
    parse(text);
  } catch (const ccsim::InputError& e) {
    Messages messages;
    for (const ccsim::Diagnostic& d : e.diagnostics()) messages.push_back(d.where + ": " + d.message);
    return messages;
  }
  return {};
}

// ---- what a roster reads into

TEST(ShiftsFormat, ShiftReadsIntoTheGroupInSeconds) {
  const Model m = parse(scenario(R"("shifts": [ { "id": "early", "start": "07:10", "length_h": 1.5,
      "breaks": [ { "after_h": 0.5, "length_min": 15 } ], "agents": 3, "days": ["Mon", "Wed"] } ])"));
  const auto& shifts = m.agent_groups[0].shifts;
  ASSERT_EQ(shifts.size(), 1u);
  EXPECT_EQ(shifts[0].id, "early");
  EXPECT_EQ(shifts[0].start_min, 7 * 60 + 10);
  EXPECT_EQ(shifts[0].length_s, 5400.0);
  ASSERT_EQ(shifts[0].breaks.size(), 1u);
  EXPECT_EQ(shifts[0].breaks[0].after_s, 1800.0);
  EXPECT_EQ(shifts[0].breaks[0].length_s, 900.0);
  EXPECT_EQ(shifts[0].agents, 3);
  EXPECT_EQ(shifts[0].days, (std::array<bool, 7>{true, false, true, false, false, false, false}));
}

TEST(ShiftsFormat, ShiftWithoutDaysWorksEveryDay) {
  const Model m = parse(scenario(R"("shifts": [ { "id": "all", "start": "07:00", "length_h": 2, "agents": 1 } ])"));
  EXPECT_EQ(m.agent_groups[0].shifts[0].days, (std::array<bool, 7>{true, true, true, true, true, true, true}));
}

TEST(ShiftsFormat, StaffedIsTheMeanOnShiftBreaksIncludedAndOnDutyTheMeanNotOnABreak) {
  // 07:10-08:40, on a break 07:40-07:55: on shift 20, 30, 30, 10 minutes of each half hour, and
  // not on the break 20, 15, 30, 10 minutes: 2, 1.5, 3 and 1 agents on duty, not rounded.
  const Model m = parse(scenario(R"("shifts": [ { "id": "early", "start": "07:10", "length_h": 1.5,
      "breaks": [ { "after_h": 0.5, "length_min": 15 } ], "agents": 3 } ])"));
  const auto& group = m.agent_groups[0];
  ASSERT_EQ(group.staffed.size(), 4u);
  EXPECT_DOUBLE_EQ(group.staffed[0], 3.0 * 20 / 30);
  EXPECT_DOUBLE_EQ(group.staffed[1], 3.0);
  EXPECT_DOUBLE_EQ(group.staffed[2], 3.0);
  EXPECT_DOUBLE_EQ(group.staffed[3], 3.0 * 10 / 30);
  EXPECT_EQ(group.on_duty, (std::vector<double>{2, 1.5, 3, 1}));
}

TEST(ShiftsFormat, RosterListsEveryChangeOfAgentsOnDutyToTheSecond) {
  const Model m = parse(scenario(R"("shifts": [ { "id": "early", "start": "07:10", "length_h": 1.5,
      "breaks": [ { "after_h": 0.5, "length_min": 15 } ], "agents": 3 } ])"));
  // None at the start; on at 07:10, off 07:40-07:55, off at 08:40.
  ASSERT_EQ(m.roster.size(), 5u);
  const std::vector<std::pair<double, int>> expected = {
      {0, 0}, {600, 3}, {2400, 0}, {3300, 3}, {6000, 0}};
  for (std::size_t k = 0; k < expected.size(); ++k) {
    EXPECT_EQ(m.roster[k].time_s, expected[k].first) << k;
    EXPECT_EQ(m.roster[k].group, 0u) << k;
    EXPECT_EQ(m.roster[k].on_duty, expected[k].second) << k;
  }
}

TEST(ShiftsFormat, ShiftIsCutToTheSimulatedPartOfTheDay) {
  // 06:00-08:00 on a grid from 07:00: only 07:00-08:00 is simulated, and paid.
  const Model m = parse(scenario(R"("shifts": [ { "id": "night", "start": "06:00", "length_h": 2, "agents": 2 } ])"));
  EXPECT_EQ(m.agent_groups[0].staffed, (std::vector<double>{2, 2, 0, 0}));
  EXPECT_EQ(m.agent_groups[0].on_duty, (std::vector<double>{2, 2, 0, 0}));
}

TEST(ShiftsFormat, DaysFollowTheHorizonsStartWeekday) {
  // Day 1 is a Monday, day 2 a Tuesday: a Tuesday shift works on the second day only.
  const Model m = parse(scenario(
      R"("shifts": [ { "id": "tue", "start": "07:00", "length_h": 2, "agents": 4, "days": "Tue" } ])", 2));
  EXPECT_EQ(m.agent_groups[0].on_duty, (std::vector<double>{0, 0, 0, 0, 4, 4, 4, 4}));
}

TEST(ShiftsFormat, ShrinkageStillAppliesToAgentsOnShiftAndNotOnABreak) {
  const Model m = parse(scenario(
      R"("shifts": [ { "id": "all", "start": "07:00", "length_h": 2, "agents": 10 } ], "shrinkage": 0.3)"));
  EXPECT_EQ(m.agent_groups[0].on_duty, (std::vector<double>{7, 7, 7, 7}));
  EXPECT_EQ(m.agent_groups[0].staffed, (std::vector<double>{10, 10, 10, 10}));
}

// ---- staffing bounds

TEST(ShiftsFormat, StaffingBoundsAreStoredPerIntervalOfTheHorizon) {
  const Model m = parse(scenario(
      R"("staffing": 3, "staffing_min": [1, 2, 2, 1], "staffing_max": 6, "fixed": true)", 2));
  const auto& group = m.agent_groups[0];
  EXPECT_EQ(group.staffing_min, (std::vector<double>{1, 2, 2, 1, 1, 2, 2, 1}));
  EXPECT_EQ(group.staffing_max, (std::vector<double>(8, 6.0)));
  EXPECT_TRUE(group.fixed);
}

TEST(ShiftsFormat, WithoutBoundsAGroupHasNoneAndIsNotFixed) {
  const Model m = parse(scenario(R"("staffing": 3)"));
  EXPECT_TRUE(m.agent_groups[0].staffing_min.empty());
  EXPECT_TRUE(m.agent_groups[0].staffing_max.empty());
  EXPECT_FALSE(m.agent_groups[0].fixed);
  EXPECT_TRUE(m.roster.empty());
}

TEST(ShiftsFormat, StaffingMaxBelowStaffingMinIsRefusedAtItsInterval) {
  EXPECT_EQ(problems(scenario(R"("staffing": 3, "staffing_min": [1, 2, 5, 1], "staffing_max": 4)")),
            Messages{"/agent_groups/0/staffing_max: must be at least staffing_min in every interval, "
                     "got 4 below 5 in interval 2 (08:00)"});
}

// ---- refusals

TEST(ShiftsFormat, GroupGivesStaffingOrShiftsNotBoth) {
  EXPECT_EQ(problems(scenario(
                R"("staffing": 3, "shifts": [ { "id": "a", "start": "07:00", "length_h": 2, "agents": 1 } ])")),
            Messages{R"(/agent_groups/0: needs one of "staffing" or "shifts", got both)"});
}

TEST(ShiftsFormat, GroupGivesStaffingOrShiftsNotNeither) {
  EXPECT_EQ(problems(scenario(R"("shrinkage": 0.1)")),
            Messages{R"(/agent_groups/0: needs one of "staffing" or "shifts", got none)"});
}

TEST(ShiftsFormat, BreakMustEndBeforeTheShiftDoes) {
  EXPECT_EQ(problems(scenario(R"("shifts": [ { "id": "a", "start": "07:00", "length_h": 2, "agents": 1,
      "breaks": [ { "after_h": 1.75, "length_min": 15 } ] } ])")),
            Messages{"/agent_groups/0/shifts/0/breaks/0: must end before the shift does (after 2 h), "
                     "got a break from 1.75 h to 2 h"});
}

TEST(ShiftsFormat, BreaksMustNotOverlap) {
  EXPECT_EQ(problems(scenario(R"("shifts": [ { "id": "a", "start": "07:00", "length_h": 8, "agents": 1,
      "breaks": [ { "after_h": 4.25, "length_min": 30 }, { "after_h": 4, "length_min": 30 } ] } ])")),
            Messages{"/agent_groups/0/shifts/0/breaks/0: overlaps the break at "
                     "/agent_groups/0/shifts/0/breaks/1 (from 4 h to 4.5 h), got a break from "
                     "4.25 h to 4.75 h"});
}

TEST(ShiftsFormat, LengthsMustBeAboveZero) {
  EXPECT_EQ(problems(scenario(R"("shifts": [ { "id": "a", "start": "07:00", "length_h": 0, "agents": 1,
      "breaks": [ { "after_h": 1, "length_min": 0 } ] } ])")),
            (Messages{"/agent_groups/0/shifts/0/length_h: must be a number in (0, 24], got 0",
                      "/agent_groups/0/shifts/0/breaks/0/length_min: must be a number in (0, 1440), got 0"}));
}

TEST(ShiftsFormat, AgentsMustBeAWholeNumberAtLeastZero) {
  EXPECT_EQ(problems(scenario(R"("shifts": [ { "id": "a", "start": "07:00", "length_h": 2, "agents": 2.5 },
      { "id": "b", "start": "07:00", "length_h": 2, "agents": -1 } ])")),
            (Messages{"/agent_groups/0/shifts/0/agents: must be a whole number >= 0, got 2.5",
                      "/agent_groups/0/shifts/1/agents: must be a whole number >= 0, got -1"}));
}

TEST(ShiftsFormat, AgentsOverAllShiftsAreLimited) {
  EXPECT_EQ(problems(scenario(R"("shifts": [ { "id": "a", "start": "07:00", "length_h": 2, "agents": 600000 },
      { "id": "b", "start": "08:00", "length_h": 1, "agents": 600000 } ])")),
            Messages{"/agent_groups/0/shifts: must have at most 1000000 agents over all its shifts, "
                     "got 1200000"});
}

TEST(ShiftsFormat, ShiftNeedsItsIdStartLengthAndAgents) {
  EXPECT_EQ(problems(scenario(R"("shifts": [ { "days": "Mon-Fri" } ])")),
            (Messages{R"(/agent_groups/0/shifts/0: missing key "id")",
                      R"(/agent_groups/0/shifts/0: missing key "start")",
                      R"(/agent_groups/0/shifts/0: missing key "length_h")",
                      R"(/agent_groups/0/shifts/0: missing key "agents")"}));
}

TEST(ShiftsFormat, ShiftIdsAreUniqueWithinTheGroup) {
  const Messages got = problems(scenario(R"("shifts": [ { "id": "a", "start": "07:00", "length_h": 2, "agents": 1 },
      { "id": "a", "start": "08:00", "length_h": 1, "agents": 1 } ])"));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].rfind("/agent_groups/0/shifts/1/id: ", 0), 0u) << got[0];
}

TEST(ShiftsFormat, StartIsAClockTimeAndDaysAreWeekdays) {
  EXPECT_EQ(problems(scenario(R"("shifts": [ { "id": "a", "start": "7h", "length_h": 2, "agents": 1,
      "days": ["Mon", "Mun"] } ])")),
            (Messages{R"(/agent_groups/0/shifts/0/start: must be a clock time "HH:MM" from 00:00 to 23:59, got "7h")",
                      R"(/agent_groups/0/shifts/0/days/1: unknown day "Mun", did you mean "Mon"?)"}));
}

TEST(ShiftsFormat, ShiftsAreAListOfAtLeastOne) {
  EXPECT_EQ(problems(scenario(R"("shifts": [])")),
            Messages{"/agent_groups/0/shifts: must list at least one shift, got []"});
}

TEST(ShiftsFormat, UnknownKeyOfAShiftIsRefusedWithASuggestion) {
  const Messages got = problems(scenario(R"("shifts": [ { "id": "a", "start": "07:00", "length_h": 2,
      "agents": 1, "brakes": [] } ])"));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].find("did you mean \"breaks\""), std::string::npos) << got[0];
}

}  // namespace
