// A group staffed by a roster of shifts: on duty to the minute, breaks taken after the contact in
// hand, paid time and cost of whole shifts, and a roster that equals a flat staffing behaving as
// that staffing. Models are built in code, every number in sight; the scenario format of shifts is
// in shifts_format_test.cpp.
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "ccsim/roster.h"
#include "testing/models.h"
#include "testing/trace_recorder.h"

namespace ccsim {
namespace {

using testing::at;
using testing::SingleQueue;
using testing::trace_of;
using K = TraceKind;

// One type "calls" and one group "agents" on a grid of `intervals` half hours from 07:00, staffed
// by `shifts` (linked again, so that the roster is compiled).
Model rostered(std::vector<Shift> shifts, int intervals = 2, SingleQueue spec = {}) {
  spec.intervals = intervals;
  spec.interval_min = 30.0;
  Model model = testing::single_queue(spec);
  model.horizon.start_min = 7 * 60;
  model.agent_groups[0].shifts = std::move(shifts);
  link_routing(model);
  return model;
}

// The engine never reads a shift's id, so these have none.
Shift shift(int start_min, double length_s, int agents, std::vector<ShiftBreak> breaks = {}) {
  Shift s;
  s.start_min = start_min;
  s.length_s = length_s;
  s.agents = agents;
  s.breaks = std::move(breaks);
  return s;
}

TEST(Roster, AgentsAreOnDutyFromTheMinuteTheirShiftStartsInsideAnInterval) {
  // 07:10-07:40 on a grid of 07:00-07:30 and 07:30-08:00: present 20 minutes, then 10.
  SingleQueue quiet;
  quiet.rate_per_hour = 0.0;
  Tallies tallies;
  trace_of(rostered({shift(7 * 60 + 10, 1800.0, 1)}, 2, quiet), &tallies);
  EXPECT_EQ(tallies.agent(0, 0).present_s, 20 * 60.0);
  EXPECT_EQ(tallies.agent(1, 0).present_s, 10 * 60.0);
}

TEST(Roster, AgentsOnABreakAreNotOnDuty) {
  // 07:00-08:00 with a break 07:20-07:35: present 20 + 15 minutes, paid the whole hour.
  SingleQueue quiet;
  quiet.rate_per_hour = 0.0;
  Tallies tallies;
  trace_of(rostered({shift(7 * 60, 3600.0, 2, {{1200.0, 900.0}})}, 2, quiet), &tallies);
  EXPECT_EQ(tallies.agent(0, 0).present_s, 2 * 20 * 60.0);
  EXPECT_EQ(tallies.agent(1, 0).present_s, 2 * 25 * 60.0);
  EXPECT_EQ(testing::group_totals(tallies, 0).paid_s, 2 * 3600.0);
}

TEST(Roster, AgentGoingOnABreakWhileServingFinishesTheContactFirst) {
  // One agent 07:00-08:00 with a break 6 minutes in (t=360) for 6 minutes (to t=720); handle
  // 100 s, no abandonment.
  // t=300 #0 is answered; t=360 the break starts but the agent is busy and stays;
  // t=380 #1 waits; t=400 the agent finishes #0 and goes on the break without taking #1;
  // t=720 the break ends and the agent answers #1 at once.
  SingleQueue spec;
  spec.handle_time = Deterministic{100.0};
  Model model = rostered({shift(7 * 60, 3600.0, 1, {{360.0, 360.0}})}, 2, spec);
  model.contact_types[0].arrival_times_s = {300.0, 380.0};
  EXPECT_EQ(trace_of(model), (std::vector<TraceRecord>{
                                 at(0, K::staffing, 1, -1, 0),
                                 at(300, K::arrival, 0, 0, -1),
                                 at(300, K::answer, 0, 0, 0),
                                 at(360, K::staffing, 0, -1, 0),
                                 at(380, K::arrival, 1, 0, -1),
                                 at(400, K::resolved, 0, 0, 0),
                                 at(400, K::service_end, 0, 0, 0),
                                 at(720, K::staffing, 1, -1, 0),
                                 at(720, K::answer, 1, 0, 0),
                                 at(820, K::resolved, 1, 0, 0),
                                 at(820, K::service_end, 1, 0, 0),
                             }));
}

TEST(Roster, AgentFinishingAContactDuringItsBreakCountsPresentUntilThen) {
  // As above: the agent is present from 0 to 400 and from 720 to the end of the hour.
  SingleQueue spec;
  spec.handle_time = Deterministic{100.0};
  Model model = rostered({shift(7 * 60, 3600.0, 1, {{360.0, 360.0}})}, 2, spec);
  model.contact_types[0].arrival_times_s = {300.0, 380.0};
  Tallies tallies;
  trace_of(model, &tallies);
  EXPECT_EQ(testing::group_totals(tallies, 0).present_s, 400.0 + (3600.0 - 720.0));
  EXPECT_EQ(testing::group_totals(tallies, 0).busy_s, 200.0);
}

TEST(Roster, CostIsAgentsTimesShiftLengthTimesCostPerHourBreaksIncluded) {
  // 3 agents, 07:10-08:40 with a 15-minute break, at 20 an hour: 3 x 1.5 h x 20 = 90.
  SingleQueue quiet;
  quiet.rate_per_hour = 0.0;
  Model model = rostered({shift(7 * 60 + 10, 5400.0, 3, {{1800.0, 900.0}})}, 4, quiet);
  model.agent_groups[0].cost_per_hour = 20.0;
  Tallies tallies;
  trace_of(model, &tallies);
  EXPECT_NEAR(testing::group_totals(tallies, 0).cost, 90.0, 1e-9);
  EXPECT_NEAR(testing::group_totals(tallies, 0).paid_s, 3 * 5400.0, 1e-9);
}

TEST(Roster, RosterEqualToAFlatStaffingGivesTheSameKpis) {
  // Staffing 2, 3, 3, 2 per half hour, written as a staffing and as two shifts: 2 agents all
  // morning and 1 more 07:30-08:30. Every tally agrees (the events counted aside: the roster's
  // changes are events of their own).
  SingleQueue spec;
  spec.rate_per_hour = 40.0;
  spec.patience = Exponential{120.0};
  spec.intervals = 4;
  spec.interval_min = 30.0;
  Model flat = testing::single_queue(spec);
  flat.horizon.start_min = 7 * 60;
  flat.agent_groups[0].staffed = {2, 3, 3, 2};
  flat.agent_groups[0].on_duty = {2, 3, 3, 2};
  flat.agent_groups[0].cost_per_hour = 25.0;
  link_routing(flat);
  Model roster = rostered({shift(7 * 60, 4 * 1800.0, 2), shift(7 * 60 + 30, 3600.0, 1)}, 4, spec);
  roster.agent_groups[0].cost_per_hour = 25.0;
  ASSERT_EQ(roster.agent_groups[0].staffed, flat.agent_groups[0].staffed);
  ASSERT_EQ(roster.agent_groups[0].on_duty, flat.agent_groups[0].on_duty);
  for (std::uint64_t r = 0; r < 20; ++r) {
    Tallies a = run_replication(flat, 7, r);
    Tallies b = run_replication(roster, 7, r);
    b.events = a.events;
    EXPECT_TRUE(a == b) << "replication " << r;
  }
}

TEST(Roster, OnDutyRangeShowsWhatTheRosterDoesInsideEachInterval) {
  // 07:10-08:40 with a break 07:40-07:55: 0 then 3 in the first half hour, 3 then 0 then 3 in the
  // second, 3 in the third, 3 then 0 in the fourth.
  SingleQueue quiet;
  quiet.rate_per_hour = 0.0;
  const Model model = rostered({shift(7 * 60 + 10, 5400.0, 3, {{1800.0, 900.0}})}, 4, quiet);
  EXPECT_EQ(on_duty_range(model, 0),
            (std::vector<std::pair<int, int>>{{0, 3}, {0, 3}, {3, 3}, {0, 3}}));
}

TEST(Roster, GridPastMidnightTakesTheSmallHoursAfterIt) {
  // A grid of 8 hours from 22:00: a shift at 01:00 for 2 hours is 3 hours in, not 21 hours before.
  SingleQueue quiet;
  quiet.rate_per_hour = 0.0;
  quiet.intervals = 8;
  quiet.interval_min = 60.0;
  Model model = testing::single_queue(quiet);
  model.horizon.start_min = 22 * 60;
  model.agent_groups[0].shifts = {shift(60, 7200.0, 4)};
  link_routing(model);
  EXPECT_EQ(model.agent_groups[0].on_duty, (std::vector<double>{0, 0, 0, 4, 4, 0, 0, 0}));
}

}  // namespace
}  // namespace ccsim
