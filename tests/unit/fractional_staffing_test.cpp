// Fractional staffing: 6.4 agents on duty in an interval are six agents for all of it and a
// seventh for its last 40 %, so that the interval's capacity is exactly 6.4 agents' time. Exact
// roster changes, exact traces of a queue that never empties, and the paths a fraction reaches:
// a staffing plan, shrinkage, a roster with shrinkage.
#include <cstddef>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "ccsim/model.h"
#include "ccsim/roster.h"
#include "ccsim/scenario.h"
#include "testing/models.h"
#include "testing/trace_recorder.h"

namespace ccsim {
namespace {

using Changes = std::vector<std::pair<double, int>>;

Changes changes_of(const Model& model) {
  Changes out;
  for (const RosterChange& change : model.roster) out.emplace_back(change.time_s, change.on_duty);
  return out;
}

// One type served by one group on half-hour intervals, staffed `on_duty` (already after
// shrinkage), handle time 100 s; `backlog` contacts all arrive at the start and never abandon,
// so the agents are never idle while it lasts.
Model busy_queue(std::vector<double> on_duty, int backlog = 0) {
  testing::SingleQueue spec;
  spec.handle_time = Deterministic{100.0};
  spec.agents = 1;
  spec.intervals = static_cast<int>(on_duty.size());
  spec.interval_min = 30.0;
  Model model = testing::single_queue(spec);
  model.agent_groups[0].staffed = on_duty;
  model.agent_groups[0].on_duty = std::move(on_duty);
  model.contact_types[0].arrival_times_s.assign(static_cast<std::size_t>(backlog), 0.0);
  link_routing(model);
  return model;
}

TEST(FractionalStaffing, APartTimeAgentComesForTheLastShareOfTheInterval) {
  // 6.4: six agents, a seventh from 60 % into the half hour (18 minutes); then two all along.
  const Model model = busy_queue({6.4, 2.0});
  EXPECT_TRUE(model.agent_groups[0].follows_roster);
  EXPECT_EQ(changes_of(model), (Changes{{0.0, 6}, {1080.0, 7}, {1800.0, 2}}));
}

TEST(FractionalStaffing, EachIntervalPlacesItsOwnFraction) {
  // 0.5 then 2.25: nobody, one agent from 15 minutes; two, a third from 22.5 minutes.
  const Model model = busy_queue({0.5, 2.25});
  EXPECT_EQ(changes_of(model), (Changes{{0.0, 0}, {900.0, 1}, {1800.0, 2}, {3150.0, 3}}));
}

TEST(FractionalStaffing, APartTimeAgentStayingIntoTheNextIntervalMakesNoChange) {
  // 1.5 then 2: the second agent comes at 15 minutes and stays; nothing happens at 30.
  const Model model = busy_queue({1.5, 2.0});
  EXPECT_EQ(changes_of(model), (Changes{{0.0, 1}, {900.0, 2}}));
}

TEST(FractionalStaffing, WholeAgentsAddNothingToTheRoster) {
  const Model model = busy_queue({6.0, 2.0});
  EXPECT_FALSE(model.agent_groups[0].follows_roster);
  EXPECT_TRUE(model.roster.empty());
}

TEST(FractionalStaffing, TheTraceShowsThePartTimeAgentComingAndGoing) {
  const std::vector<TraceRecord> trace = testing::trace_of(busy_queue({1.5, 1.0, 1.5}));
  std::vector<std::pair<double, std::uint64_t>> staffing;
  for (const TraceRecord& r : trace)
    if (r.kind == TraceKind::staffing) staffing.emplace_back(r.time, r.contact);
  EXPECT_EQ(staffing, (std::vector<std::pair<double, std::uint64_t>>{
                          {0.0, 1}, {900.0, 2}, {1800.0, 1}, {4500.0, 2}}));
}

TEST(FractionalStaffing, HandledContactsFollowTheTimeWeightedCapacity) {
  // 1.5 agents in every half hour and a queue that never empties: one agent serves 18 contacts of
  // 100 s in each half hour, the part-time one 9 in its last 15 minutes, 27 in all = 1.5 * 1800 /
  // 100. Service ends on a boundary count in the next interval (the boundary comes first), so
  // the first interval has 17 + 8 and every later one 27.
  const int intervals = 10;
  Tallies tallies;
  const std::vector<TraceRecord> trace =
      testing::trace_of(busy_queue(std::vector<double>(intervals, 1.5), 400), &tallies);
  std::vector<int> ends(intervals, 0);
  for (const TraceRecord& r : trace)
    if (r.kind == TraceKind::service_end && r.time < intervals * 1800.0)
      ++ends[static_cast<std::size_t>(r.time / 1800.0)];
  EXPECT_EQ(ends[0], 25);
  for (int i = 1; i < intervals; ++i) EXPECT_EQ(ends[static_cast<std::size_t>(i)], 27) << i;
  for (int i = 0; i < intervals; ++i) {
    // Agent time on duty is 1.5 agents' time, and all of it busy.
    EXPECT_DOUBLE_EQ(tallies.agent(static_cast<std::size_t>(i), 0).present_s, 2700.0) << i;
    EXPECT_DOUBLE_EQ(tallies.agent(static_cast<std::size_t>(i), 0).busy_s, 2700.0) << i;
  }
}

TEST(FractionalStaffing, ContactsLeftAtTheEndDrainOnThePartTimeAgentToo) {
  // 0.5 agents in the only interval: the agent comes at 15 minutes and stays for the drain.
  Tallies tallies;
  testing::trace_of(busy_queue({0.5}, 20), &tallies);
  EXPECT_EQ(testing::type_totals(tallies, 0).handled, 20u);
}

TEST(FractionalStaffing, AScenarioMayStaffAFraction) {
  const Model m = parse_scenario(R"({
    "horizon": { "intervals": 2, "interval_min": 30 },
    "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 60 },
      "handle_time": { "dist": "exponential", "mean_s": 180 } } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls"], "staffing": [2.5, 14],
                        "shrinkage": 0.25 } ] })",
                                 "fraction.json");
  EXPECT_EQ(m.agent_groups[0].on_duty, (std::vector<double>{1.875, 10.5}));
  // 1.875: one agent, a second for the last 87.5 %; 10.5: ten, an eleventh for the last half.
  EXPECT_EQ(changes_of(m), (Changes{{0.0, 1}, {225.0, 2}, {1800.0, 10}, {2700.0, 11}}));
}

TEST(FractionalStaffing, ARosterWithShrinkageSplitsEachIntervalItHolds) {
  // Ten agents from 07:10 (to 08:10, cut at the grid's end at 08:00) at 25 % shrinkage: 7.5 on
  // duty while on shift. 07:00-07:10 none;
  // 07:10-07:30 seven, an eighth for its last 10 minutes; 07:30-08:00 seven, an eighth for its
  // last 15 minutes.
  const Model m = parse_scenario(R"({
    "horizon": { "start": "07:00", "intervals": 2, "interval_min": 30 },
    "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 60 },
      "handle_time": { "dist": "exponential", "mean_s": 180 } } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls"], "shrinkage": 0.25,
      "shifts": [ { "id": "s", "start": "07:10", "length_h": 1, "agents": 10 } ] } ] })",
                                 "roster.json");
  EXPECT_EQ(changes_of(m), (Changes{{0.0, 0}, {600.0, 7}, {1200.0, 8}, {1800.0, 7}, {2700.0, 8}}));
  // The mean over each interval: 7.5 for 20 of 30 minutes, then 7.5.
  EXPECT_DOUBLE_EQ(m.agent_groups[0].on_duty[0], 5.0);
  EXPECT_DOUBLE_EQ(m.agent_groups[0].on_duty[1], 7.5);
}

}  // namespace
}  // namespace ccsim
