// Schedule, simulate, staff up: the roster simulated as shifts, and rounds that stop once every
// target is met.
#include "ccsim/schedule_search.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/scenario.h"

namespace {

// 08:00-10:00 in hours; 45 calls an hour of 3 minutes (2.25 erlangs), 20 % shrinkage.
ccsim::Model two_hours() {
  return ccsim::parse_scenario(R"({
    "horizon": { "start": "08:00", "intervals": 2, "interval_min": 60 },
    "run": { "replications": 6, "seed": 3 },
    "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 45 },
                         "handle_time": { "dist": "exponential", "mean_s": 180 } } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls"], "staffing": 0, "shrinkage": 0.2,
      "shift_templates": [ { "id": "day", "start": "08:00", "length_h": 2, "cost_per_hour": 20 },
                           { "id": "half", "start": "08:30", "length_h": 1.5,
                             "cost_per_hour": 20 } ] } ] })",
                               "two-hours.json");
}

// One agent on "day" (08:00-10:00) and two on "half" (08:30-10:00).
TEST(ScheduleSearch, SimulatesTheRosterAsShiftsOnDutyToTheMinute) {
  const ccsim::Model model = two_hours();
  ccsim::ShiftSchedule schedule;
  schedule.shifts = {{0, "day", {}, 1, 40.0}, {1, "half", {}, 2, 60.0}};
  const ccsim::Model rostered = ccsim::model_with_rosters(model, {{0, schedule}});
  ASSERT_EQ(rostered.agent_groups[0].shifts.size(), 2u);
  EXPECT_EQ(rostered.agent_groups[0].staffed, (std::vector<double>{2.0, 3.0}));
  // Agents taking contacts: 1 from 08:00, 3 from 08:30, less 20 % shrinkage: 0.8 until 08:30,
  // then 2.4. A fraction is one agent more for the last part of each span within an interval:
  // 08:00-08:30 none, one from 08:06; 08:30-09:00 two, three from 08:48; 09:00-10:00 two, three
  // from 09:36.
  const std::vector<std::pair<double, int>> expected = {
      {0, 0}, {360, 1}, {1800, 2}, {2880, 3}, {3600, 2}, {5760, 3}};
  ASSERT_EQ(rostered.roster.size(), expected.size());
  for (std::size_t k = 0; k < expected.size(); ++k) {
    EXPECT_DOUBLE_EQ(rostered.roster[k].time_s, expected[k].first) << k;
    EXPECT_EQ(rostered.roster[k].on_duty, expected[k].second) << k;
  }
  ASSERT_EQ(rostered.agent_groups[0].on_duty.size(), 2u);
  EXPECT_NEAR(rostered.agent_groups[0].on_duty[0], 1.6, 1e-12);
  EXPECT_NEAR(rostered.agent_groups[0].on_duty[1], 2.4, 1e-12);
}

TEST(ScheduleSearch, AnEmptyRosterLeavesTheGroupWithoutAgents) {
  const ccsim::Model model = two_hours();
  const ccsim::Model rostered = ccsim::model_with_rosters(model, {{0, ccsim::ShiftSchedule{}}});
  EXPECT_EQ(rostered.agent_groups[0].staffed, (std::vector<double>{0.0, 0.0}));
  EXPECT_EQ(rostered.agent_groups[0].on_duty, (std::vector<double>{0, 0}));
}

TEST(ScheduleSearch, RaisesMissedIntervalsUntilEveryTargetIsMet) {
  const ccsim::Model model = two_hours();
  ccsim::ScheduleSearchSettings settings;
  settings.run.replications = 6;
  settings.run.threads = 2;
  const ccsim::ScheduleSearch search =
      ccsim::search_schedule(model, {0}, {{1.0, 1.0}}, settings);
  EXPECT_TRUE(search.targets_met());
  EXPECT_GT(search.rounds, 1);
  ASSERT_EQ(search.schedules.size(), 1u);
  // 2.25 erlangs at 80 % on duty need well over one agent in each hour.
  for (const double agents : search.schedules[0].schedule.coverage) EXPECT_GE(agents, 3.0);
}

TEST(ScheduleSearch, StopsAfterMaxRoundsWithTheMisses) {
  const ccsim::Model model = two_hours();
  ccsim::ScheduleSearchSettings settings;
  settings.run.replications = 6;
  settings.run.threads = 2;
  settings.max_rounds = 1;
  const ccsim::ScheduleSearch search =
      ccsim::search_schedule(model, {0}, {{1.0, 1.0}}, settings);
  EXPECT_EQ(search.rounds, 1);
  ASSERT_FALSE(search.targets_met());
  EXPECT_EQ(search.misses[0].type, 0u);
  EXPECT_LT(search.misses[0].service_level, search.misses[0].target);
}

}  // namespace
