// The engine's rules, pinned by exact traces of tiny deterministic journeys: arrivals replayed at
// given times, deterministic handle times and patience. Each test narrates its timeline.
#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "testing/models.h"
#include "testing/trace_recorder.h"

namespace ccsim {
namespace {

using testing::SingleQueue;
using testing::TraceRecorder;
using testing::at;
using testing::trace_of;
using K = TraceKind;

// One agent, handle 10 s, patience 5 s, arrivals replayed at the given times.
Model one_agent(std::vector<double> arrivals, double handle_s = 10.0, double patience_s = 5.0) {
  SingleQueue spec;
  spec.handle_time = Deterministic{handle_s};
  spec.patience = Deterministic{patience_s};
  spec.agents = 1;
  spec.interval_min = 1.0;
  Model model = testing::single_queue(spec);
  model.contact_types[0].arrival_times_s = std::move(arrivals);
  return model;
}

TEST(EngineTrace, ServiceEndBeforeAbandonmentBeforeArrivalAtTheSameInstant) {
  // t=0  #0 arrives and is answered at once; its service ends at t=10.
  // t=5  #1 arrives and waits; its patience runs out at t=10.
  // t=10 the service end comes first, so the agent answers #1 exactly as its patience ends;
  //      #2 arrives after that, finds the agent busy, waits, and abandons at t=15.
  const Model model = one_agent({0.0, 5.0, 10.0});
  EXPECT_EQ(trace_of(model), (std::vector<TraceRecord>{
                                 at(0, K::staffing, 1, -1, 0),
                                 at(0, K::arrival, 0, 0, -1),
                                 at(0, K::answer, 0, 0, 0),
                                 at(5, K::arrival, 1, 0, -1),
                                 at(10, K::resolved, 0, 0, 0),
                                 at(10, K::service_end, 0, 0, 0),
                                 at(10, K::answer, 1, 0, 0),
                                 at(10, K::arrival, 2, 0, -1),
                                 at(15, K::abandonment, 2, 0, -1),
                                 at(15, K::gave_up, 2, 0, -1),
                                 at(20, K::resolved, 1, 0, 0),
                                 at(20, K::service_end, 1, 0, 0),
                             }));
}

TEST(EngineTrace, AnsweredContactNeverAbandonsLater) {
  // #1 waits from t=1 and is answered at t=10, before its patience (12 s) would end at t=13.
  Tallies tallies;
  const Model model = one_agent({0.0, 1.0}, 10.0, 12.0);
  const auto trace = trace_of(model, &tallies);
  for (const auto& r : trace) EXPECT_NE(r.kind, K::abandonment);
  EXPECT_EQ(testing::type_totals(tallies, 0).abandoned, 0u);
  EXPECT_EQ(testing::type_totals(tallies, 0).handled, 2u);
}

TEST(EngineTrace, SameTimeArrivalsAreServedInArrivalOrder) {
  const Model model = one_agent({3.0, 3.0, 3.0}, 1.0, 100.0);
  std::vector<std::uint64_t> answered;
  for (const auto& r : trace_of(model))
    if (r.kind == K::answer) answered.push_back(r.contact);
  EXPECT_EQ(answered, (std::vector<std::uint64_t>{0, 1, 2}));
}

// One agent in the first minute, none in the second, handle 100 s, no abandonment.
Model leaving_agent(std::vector<int> staffing) {
  SingleQueue spec;
  spec.handle_time = Deterministic{100.0};
  spec.agents = 1;
  spec.intervals = static_cast<int>(staffing.size());
  spec.interval_min = 1.0;
  Model model = testing::single_queue(spec);
  model.agent_groups[0].on_duty.assign(staffing.begin(), staffing.end());
  model.agent_groups[0].staffed.assign(staffing.begin(), staffing.end());
  model.contact_types[0].arrival_times_s = {10.0, 70.0};
  return model;
}

TEST(EngineTrace, LeavingAgentFinishesTheContactInHand) {
  // t=10 #0 is answered; t=60 staffing drops to 0 but the agent is busy and stays;
  // t=70 #1 waits; t=110 the agent finishes #0 and leaves without taking #1, which is still
  // in the system when the run ends (no agent ever comes back).
  Tallies tallies;
  const Model model = leaving_agent({1, 0});
  EXPECT_EQ(trace_of(model, &tallies), (std::vector<TraceRecord>{
                                           at(0, K::staffing, 1, -1, 0),
                                           at(10, K::arrival, 0, 0, -1),
                                           at(10, K::answer, 0, 0, 0),
                                           at(60, K::staffing, 0, -1, 0),
                                           at(70, K::arrival, 1, 0, -1),
                                           at(110, K::resolved, 0, 0, 0),
                                           at(110, K::service_end, 0, 0, 0),
                                       }));
  EXPECT_EQ(tallies.in_system_at_end[0], 1u);
}

TEST(EngineTrace, ArrivingAgentTakesTheWaitingContactAtTheBoundary) {
  // As above, but an agent comes back at t=120 and answers #1 at once.
  const Model model = leaving_agent({1, 0, 1});
  const auto trace = trace_of(model);
  ASSERT_GE(trace.size(), 11u);
  EXPECT_EQ(trace[7], at(120, K::staffing, 1, -1, 0));
  EXPECT_EQ(trace[8], at(120, K::answer, 1, 0, 0));
  EXPECT_EQ(trace[9], at(220, K::resolved, 1, 0, 0));
  EXPECT_EQ(trace[10], at(220, K::service_end, 1, 0, 0));
}

TEST(EngineTrace, ReturningAgentCancelsADepartureInsteadOfAddingAnAgent) {
  // Staffing 1, 0, 1 with the contact in hand lasting past both changes: the agent who was due to
  // leave simply stays, so one agent (not two) is on duty after t=120.
  Model model = leaving_agent({1, 0, 1});
  model.contact_types[0].handle_time = Deterministic{150.0};
  model.contact_types[0].arrival_times_s = {10.0, 70.0, 71.0};
  std::vector<std::pair<double, std::uint64_t>> answers;
  for (const auto& r : trace_of(model))
    if (r.kind == K::answer) answers.emplace_back(r.time, r.contact);
  // #1 is answered when #0 ends at t=160, #2 only when #1 ends at t=310.
  EXPECT_EQ(answers, (std::vector<std::pair<double, std::uint64_t>>{{10, 0}, {160, 1}, {310, 2}}));
}

// Two contact types on one group with one agent: "vip" at skill priority 1, "std" at 2.
Model two_types(int std_priority) {
  Model model;
  model.name = "two-types";
  model.horizon.intervals_per_day = 1;
  model.horizon.interval_s = 600.0;
  for (const char* id : {"vip", "std"}) {
    ContactType type;
    type.id = id;
    type.rate_per_s = {0.0};
    type.handle_time = Deterministic{10.0};
    model.contact_types.push_back(type);
  }
  model.contact_types[0].arrival_times_s = {0.0, 2.0};  // #0 at t=0, #2 at t=2
  model.contact_types[1].arrival_times_s = {1.0};       // #1 at t=1
  AgentGroup group;
  group.id = "agents";
  group.staffed = {1};
  group.on_duty = {1};
  group.skills = {Skill{1, std_priority, 1.0}, Skill{0, 1, 1.0}};
  model.agent_groups.push_back(group);
  link_routing(model);
  return model;
}

std::vector<std::uint64_t> answer_order(const Model& model) {
  TraceRecorder recorder;
  run_replication(model, 1, 0, &recorder);
  std::vector<std::uint64_t> order;
  for (const auto& r : recorder.records)
    if (r.kind == K::answer) order.push_back(r.contact);
  return order;
}

TEST(Routing, FreedAgentTakesTheBetterSkillPriorityBeforeTheLongerWait) {
  // At t=10 "std" #1 has waited 9 s and "vip" #2 8 s; vip's priority wins.
  EXPECT_EQ(answer_order(two_types(2)), (std::vector<std::uint64_t>{0, 2, 1}));
}

TEST(Routing, FreedAgentTakesTheLongestWaitAmongEqualPriorities) {
  EXPECT_EQ(answer_order(two_types(1)), (std::vector<std::uint64_t>{0, 1, 2}));
}

// One type served by groups "first" and "second", one agent each, arrivals at t=0 and t=1.
Model two_groups(int first_priority, int second_priority) {
  SingleQueue spec;
  spec.handle_time = Deterministic{100.0};
  spec.agents = 1;
  spec.interval_min = 10.0;
  Model model = testing::single_queue(spec);
  model.contact_types[0].arrival_times_s = {0.0, 1.0};
  model.agent_groups[0].id = "first";
  model.agent_groups[0].skills[0].priority = first_priority;
  AgentGroup second = model.agent_groups[0];
  second.id = "second";
  second.skills[0].priority = second_priority;
  model.agent_groups.push_back(second);
  link_routing(model);
  return model;
}

std::vector<int> answering_groups(const Model& model) {
  TraceRecorder recorder;
  run_replication(model, 1, 0, &recorder);
  std::vector<int> groups;
  for (const auto& r : recorder.records)
    if (r.kind == K::answer) groups.push_back(r.group);
  return groups;
}

TEST(Routing, NewContactGoesToTheFirstGroupWithAnIdleAgent) {
  EXPECT_EQ(answering_groups(two_groups(1, 2)), (std::vector<int>{0, 1}));
}

TEST(Routing, SkillPriorityDecidesTheGroupOrderNotTheFileOrder) {
  EXPECT_EQ(answering_groups(two_groups(2, 1)), (std::vector<int>{1, 0}));
}

TEST(Routing, AhtFactorOfTheServingGroupScalesTheHandleTime) {
  Model model = two_groups(1, 2);
  model.agent_groups[1].skills[0].aht_factor = 1.5;
  link_routing(model);
  TraceRecorder recorder;
  run_replication(model, 1, 0, &recorder);
  std::vector<double> ends;
  for (const auto& r : recorder.records)
    if (r.kind == K::service_end) ends.push_back(r.time);
  EXPECT_EQ(ends, (std::vector<double>{100.0, 151.0}));
}

TEST(Horizon, ContactsArrivingBeforeTheWarmupAreNotCounted) {
  Model model = one_agent({0.0, 30.0, 90.0}, 1.0, 100.0);
  model.horizon.interval_s = 120.0;
  model.run.warmup_s = 60.0;
  const Tallies tallies = run_replication(model, 1, 0);
  EXPECT_EQ(testing::type_totals(tallies, 0).offered, 1u);
  // Agent time counts from the warm-up on: 60 s of one agent.
  EXPECT_DOUBLE_EQ(tallies.agent(0, 0).present_s, 60.0);
}

TEST(Horizon, WithoutDrainContactsStillWaitingAtTheEndAreInTheSystem) {
  Model model = one_agent({0.0, 10.0, 20.0}, 100.0, 1000.0);
  model.run.drain = false;
  Tallies tallies;
  trace_of(model, &tallies);
  const ContactTally total = testing::type_totals(tallies, 0);
  EXPECT_EQ(total.offered, 3u);
  EXPECT_EQ(total.handled, 0u);  // the one in service has not finished at t=60
  EXPECT_EQ(tallies.in_system_at_end[0], 3u);
}

TEST(Horizon, WithDrainContactsInTheSystemAreFollowedToTheEnd) {
  Model model = one_agent({0.0, 10.0, 20.0}, 100.0, 1000.0);
  Tallies tallies;
  trace_of(model, &tallies);
  EXPECT_EQ(testing::type_totals(tallies, 0).handled, 3u);
  EXPECT_EQ(tallies.in_system_at_end[0], 0u);
}

TEST(Horizon, OccupancyCountsBusyTimeWithinTheHorizonOnly) {
  // One agent busy from t=0 to t=100 on a 60 s horizon: busy all 60 s of it.
  const Model model = one_agent({0.0}, 100.0, 1000.0);
  const Tallies tallies = run_replication(model, 1, 0);
  EXPECT_DOUBLE_EQ(tallies.agent(0, 0).busy_s, 60.0);
  EXPECT_DOUBLE_EQ(tallies.agent(0, 0).present_s, 60.0);
}

TEST(Conservation, HoldsInEveryReplicationOfABusyCentre) {
  SingleQueue spec;
  spec.rate_per_hour = 400.0;  // overloaded: 20 erlangs on 14 agents
  spec.patience = Exponential{120.0};
  spec.intervals = 8;
  spec.interval_min = 30.0;
  spec.drain = false;
  const Model model = testing::single_queue(spec);
  for (std::uint64_t r = 0; r < 20; ++r) testing::expect_conservation(model, run_replication(model, 5, r));
}

TEST(PoissonArrivals, RateChangesExactlyAtIntervalBoundaries) {
  // 0 per hour in the first interval, 3600 per hour in the second: no arrival before t=60.
  SingleQueue spec;
  spec.intervals = 2;
  spec.interval_min = 1.0;
  spec.agents = 1000;
  Model model = testing::single_queue(spec);
  model.contact_types[0].rate_per_s = {0.0, 1.0};
  TraceRecorder recorder;
  std::uint64_t arrivals = 0;
  for (std::uint64_t r = 0; r < 50; ++r) {
    recorder.records.clear();
    run_replication(model, 3, r, &recorder);
    for (const auto& rec : recorder.records) {
      if (rec.kind != K::arrival) continue;
      EXPECT_GE(rec.time, 60.0);
      EXPECT_LT(rec.time, 120.0);
      ++arrivals;
    }
  }
  // 50 replications x 60 expected: 3000 +- 3 * sqrt(3000).
  EXPECT_NEAR(static_cast<double>(arrivals), 3000.0, 3.0 * 54.8);
}

}  // namespace
}  // namespace ccsim
