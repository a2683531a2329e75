// The routing policies' rules, pinned by exact traces of tiny deterministic journeys. Handle times
// are 10 s and nobody abandons; each test narrates its timeline.
#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "testing/models.h"
#include "testing/trace_recorder.h"

namespace ccsim {
namespace {

using testing::journey;
using K = TraceKind;

// Types "a" and "b" (skill priorities given) on one group of `agents`, arrivals replayed.
Model two_types(RoutingPolicy policy, int agents, int a_priority, int b_priority,
                std::vector<double> a_arrivals, std::vector<double> b_arrivals) {
  Model model;
  model.horizon.intervals_per_day = 1;
  model.horizon.interval_s = 600.0;
  for (const char* id : {"a", "b"}) {
    ContactType type;
    type.id = id;
    type.rate_per_s = {0.0};
    type.handle_time = Deterministic{10.0};
    model.contact_types.push_back(type);
  }
  model.contact_types[0].arrival_times_s = std::move(a_arrivals);
  model.contact_types[1].arrival_times_s = std::move(b_arrivals);
  AgentGroup group;
  group.id = "agents";
  group.staffed = {static_cast<double>(agents)};
  group.on_duty = {static_cast<double>(agents)};
  group.skills = {Skill{0, a_priority, 1.0}, Skill{1, b_priority, 1.0}};
  model.agent_groups.push_back(group);
  model.routing.policy = policy;
  link_routing(model);
  return model;
}

// (contact, time) of every answer, in order.
std::vector<std::pair<std::uint64_t, double>> answers(const Model& model) {
  std::vector<std::pair<std::uint64_t, double>> out;
  for (const TraceRecord& r : journey(model))
    if (r.kind == K::answer) out.emplace_back(r.contact, r.time);
  return out;
}

using Answers = std::vector<std::pair<std::uint64_t, double>>;

TEST(LongestWeightedWait, FreedAgentTakesTheLargestWaitTimesWeightOverSkillPriority) {
  // #0 (a) is served 0-10. #1 (a) waits from 1, #2 (b) from 6. At 10: a scores 9 x 1 = 9, b scores
  // 4 x 3 = 12, so b goes first although a has the better skill priority and the longer wait.
  Model model = two_types(RoutingPolicy::longest_weighted_wait, 1, 1, 2, {0.0, 1.0}, {6.0});
  model.routing.weights = {1.0, 3.0};  // [type * groups + group]
  link_routing(model);
  EXPECT_EQ(answers(model), (Answers{{0, 0.0}, {2, 10.0}, {1, 20.0}}));
}

TEST(LongestWeightedWait, WithEqualWeightsTheLongestWaitGoesFirstWhateverTheSkillPriority) {
  // #1 (b, priority 2) waits from 1, #2 (a, priority 1) from 6: b has waited longer.
  const Model model = two_types(RoutingPolicy::longest_weighted_wait, 1, 1, 2, {0.0, 6.0}, {1.0});
  EXPECT_EQ(answers(model), (Answers{{0, 0.0}, {1, 10.0}, {2, 20.0}}));
}

TEST(LongestWeightedWait, EqualScoresGoToTheSkillListedFirst) {
  // "a" at 0 and 5, "b" at 5. b's arrival at 5 was scheduled at the start, a's second when a's
  // first arrived, so b is #1 and a #2. At 10 both have waited 5 s with weight 1: a's skill comes
  // first in the group's list, so #2 goes before #1.
  const Model model = two_types(RoutingPolicy::longest_weighted_wait, 1, 1, 1, {0.0, 5.0}, {5.0});
  EXPECT_EQ(answers(model), (Answers{{0, 0.0}, {2, 10.0}, {1, 20.0}}));
}

TEST(PriorityRouting, FreedAgentTakesTheBetterSkillPriorityWhateverTheWeights) {
  // The same arrivals as the first weighted test: under the priority rule, a goes first.
  Model model = two_types(RoutingPolicy::priority, 1, 1, 2, {0.0, 1.0}, {6.0});
  model.routing.weights = {1.0, 3.0};
  link_routing(model);
  EXPECT_EQ(answers(model), (Answers{{0, 0.0}, {1, 10.0}, {2, 20.0}}));
}

TEST(Reservation, ASecondPriorityContactWaitsWhileOnlyTheReserveIsIdle) {
  // Two agents, reserve 1 for "a". #0 (b) at 0 finds 2 idle (> 1): answered. #1 (b) at 1 finds 1
  // idle: it waits. #2 (a) at 2 takes the reserved agent. At 10 #0's agent frees with nobody else
  // idle: b may not take the last idle agent, so it goes idle. At 12 #2's agent frees while the
  // other is idle: b #1 is answered.
  Model model = two_types(RoutingPolicy::reservation, 2, 1, 2, {2.0}, {0.0, 1.0});
  model.routing.reserve = {1};
  link_routing(model);
  EXPECT_EQ(answers(model), (Answers{{0, 0.0}, {2, 2.0}, {1, 12.0}}));
}

TEST(Reservation, WithoutTheReserveTheSameDayIsTheSkillPriorityRule) {
  const Model model = two_types(RoutingPolicy::priority, 2, 1, 2, {2.0}, {0.0, 1.0});
  EXPECT_EQ(answers(model), (Answers{{0, 0.0}, {1, 1.0}, {2, 10.0}}));
}

TEST(Reservation, FirstPriorityContactsMayTakeTheLastIdleAgent) {
  // Reserve 1 of 2 agents; three "a" contacts at 0, 1, 2: the first two take both agents, the
  // third waits for the first to free at 10.
  Model model = two_types(RoutingPolicy::reservation, 2, 1, 2, {0.0, 1.0, 2.0}, {});
  model.routing.reserve = {1};
  link_routing(model);
  EXPECT_EQ(answers(model), (Answers{{0, 0.0}, {1, 1.0}, {2, 10.0}}));
}

TEST(Reservation, WithEveryReserveZeroItIsThePriorityRuleDrawForDraw) {
  const Model priority = testing::three_types_three_groups();
  Model reservation = priority;
  reservation.routing.policy = RoutingPolicy::reservation;
  reservation.routing.reserve.assign(reservation.group_count(), 0);
  link_routing(reservation);
  for (std::uint64_t r = 0; r < 3; ++r) {
    testing::TraceRecorder a, b;
    run_replication(priority, 2, r, &a);
    run_replication(reservation, 2, r, &b);
    EXPECT_EQ(a.records, b.records) << "replication " << r;
  }
}

}  // namespace
}  // namespace ccsim
