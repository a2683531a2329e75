// Issues, tiers, transfers, repeats, overflow and callbacks, pinned by exact traces of tiny
// deterministic journeys: arrivals replayed at given times, deterministic handle times, and
// probabilities of 0 or 1 so that no draw decides anything. Each test narrates its timeline.
#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "testing/models.h"
#include "testing/trace_recorder.h"

namespace ccsim {
namespace {

using testing::group_totals;
using testing::issue_totals;
using testing::at;
using testing::journey;
using K = TraceKind;

AgentGroup group_of(const char* id, int tier, std::vector<Skill> skills, int agents, int intervals) {
  AgentGroup group;
  group.id = id;
  group.tier = tier;
  group.staffed.assign(static_cast<std::size_t>(intervals), agents);
  group.on_duty.assign(static_cast<std::size_t>(intervals), agents);
  group.skills = std::move(skills);
  return group;
}

// One type "support" (handle 10 s) in one-minute intervals; group "t1" at tier 1 never resolves
// (resolve_factor 0) and escalates every contact to "t2" at tier 2, which always resolves
// (escalated handle 20 s). One agent each, no abandonment.
Model two_tiers(std::vector<double> arrivals, TransferMode transfer, int minutes = 10) {
  Model model;
  model.name = "two-tiers";
  model.horizon.intervals_per_day = minutes;
  model.horizon.interval_s = 60.0;
  ContactType support;
  support.id = "support";
  support.rate_per_s.assign(static_cast<std::size_t>(minutes), 0.0);
  support.arrival_times_s = std::move(arrivals);
  support.handle_time = Deterministic{10.0};
  Escalation escalation;
  escalation.p_by_tier = {1.0, 0.0, 0.0};
  escalation.transfer = transfer;
  escalation.handle_time = Deterministic{20.0};
  support.escalation = escalation;
  model.contact_types.push_back(support);
  model.agent_groups.push_back(group_of("t1", 1, {Skill{0, 1, 1.0, 0.0}}, 1, minutes));
  model.agent_groups.push_back(group_of("t2", 2, {Skill{0, 1, 1.0, 1.0}}, 1, minutes));
  link_routing(model);
  return model;
}

TEST(Escalation, ColdTransferReleasesTheFirstAgentAndTheCustomerQueuesForTheNextTier) {
  // t=0  #0 is answered by t1.            t=5  #1 waits for t1.
  // t=10 t1 escalates #0 and is free at once: it takes #1; #0 comes back as #2 in t2's queue,
  //      and t2 answers it.
  // t=20 t1 escalates #1, which arrives at tier 2 as #3 and waits: t2 is busy with #2 until 30.
  // t=30 t2 resolves #2 and takes #3, which it resolves at 50.
  Tallies tallies;
  const auto steps = journey(two_tiers({0.0, 5.0}, TransferMode::cold), &tallies);
  EXPECT_EQ(steps, (std::vector<TraceRecord>{
                       at(0, K::arrival, 0, 0, -1),     at(0, K::answer, 0, 0, 0),
                       at(5, K::arrival, 1, 0, -1),     at(10, K::escalated, 0, 0, 0),
                       at(10, K::service_end, 0, 0, 0), at(10, K::answer, 1, 0, 0),
                       at(10, K::arrival, 2, 0, -1),    at(10, K::answer, 2, 0, 1),
                       at(20, K::escalated, 1, 0, 0),   at(20, K::service_end, 1, 0, 0),
                       at(20, K::arrival, 3, 0, -1),    at(30, K::resolved, 2, 0, 1),
                       at(30, K::service_end, 2, 0, 1), at(30, K::answer, 3, 0, 1),
                       at(50, K::resolved, 3, 0, 1),    at(50, K::service_end, 3, 0, 1),
                   }));
  const IssueTally issues = issue_totals(tallies, 0);
  EXPECT_EQ(issues.opened, 2u);
  EXPECT_EQ(issues.resolved, 2u);
  EXPECT_EQ(issues.contacts, 4u);
  EXPECT_EQ(issues.first_contact_resolved, 0u);
  EXPECT_EQ(group_totals(tallies, 0).escalated, 2u);
  EXPECT_DOUBLE_EQ(group_totals(tallies, 0).handle_s, 20.0);  // t1 talks, then lets go
}

TEST(Escalation, WarmTransferHoldsTheFirstAgentUntilTheNextTierAnswersThenHandsOver) {
  // Warm, with a 2 s handoff in which both agents are on the line.
  // t=10 t1 escalates #0; #2 arrives at tier 2 and t2 answers at once; t1 stays for the
  //      handoff until 12, when it takes #1 (waiting since 5). #2 lasts 20 + 2 s, to 32.
  // t=22 t1 escalates #1: #3 waits for t2 while t1 holds the line.
  // t=32 t2 resolves #2 and answers #3; t1 hands over until 34, then leaves. #3 ends at 54.
  Model model = two_tiers({0.0, 5.0}, TransferMode::warm);
  model.contact_types[0].escalation->handoff = Deterministic{2.0};
  Tallies tallies;
  const auto steps = journey(model, &tallies);
  EXPECT_EQ(steps, (std::vector<TraceRecord>{
                       at(0, K::arrival, 0, 0, -1),     at(0, K::answer, 0, 0, 0),
                       at(5, K::arrival, 1, 0, -1),     at(10, K::escalated, 0, 0, 0),
                       at(10, K::arrival, 2, 0, -1),    at(10, K::answer, 2, 0, 1),
                       at(12, K::service_end, 0, 0, 0), at(12, K::answer, 1, 0, 0),
                       at(22, K::escalated, 1, 0, 0),   at(22, K::arrival, 3, 0, -1),
                       at(32, K::resolved, 2, 0, 1),    at(32, K::service_end, 2, 0, 1),
                       at(32, K::answer, 3, 0, 1),      at(34, K::service_end, 1, 0, 0),
                       at(54, K::resolved, 3, 0, 1),    at(54, K::service_end, 3, 0, 1),
                   }));
  // t1's handle times: 10 + 2 for #0, 10 + 10 held + 2 for #1.
  EXPECT_DOUBLE_EQ(group_totals(tallies, 0).handle_s, 34.0);
  EXPECT_DOUBLE_EQ(group_totals(tallies, 1).handle_s, 44.0);
  EXPECT_EQ(issue_totals(tallies, 0).resolved, 2u);
}

TEST(Escalation, WarmTransferFallsBackToColdAtTheHoldLimit) {
  // As above without a handoff and with a 5 s hold limit: #1 is escalated at 20 and t1 gives up
  // holding at 25; #3 then waits alone, with its patience (100 s) running, until t2 frees at 30.
  Model model = two_tiers({0.0, 5.0}, TransferMode::warm);
  model.contact_types[0].escalation->warm_limit_s = 5.0;
  model.contact_types[0].patience = Deterministic{100.0};
  Tallies tallies;
  const auto steps = journey(model, &tallies);
  EXPECT_EQ(steps, (std::vector<TraceRecord>{
                       at(0, K::arrival, 0, 0, -1),     at(0, K::answer, 0, 0, 0),
                       at(5, K::arrival, 1, 0, -1),     at(10, K::escalated, 0, 0, 0),
                       at(10, K::arrival, 2, 0, -1),    at(10, K::answer, 2, 0, 1),
                       at(10, K::service_end, 0, 0, 0), at(10, K::answer, 1, 0, 0),
                       at(20, K::escalated, 1, 0, 0),   at(20, K::arrival, 3, 0, -1),
                       at(25, K::hold_limit, 1, 0, 0),  at(25, K::service_end, 1, 0, 0),
                       at(30, K::resolved, 2, 0, 1),    at(30, K::service_end, 2, 0, 1),
                       at(30, K::answer, 3, 0, 1),      at(50, K::resolved, 3, 0, 1),
                       at(50, K::service_end, 3, 0, 1),
                   }));
  EXPECT_DOUBLE_EQ(group_totals(tallies, 0).handle_s, 25.0);  // 10, then 10 + 5 held
}

// two_tiers plus "tech", which only t2 serves (tech's first tier is 2): t2 answers tech #1 at 1
// (busy to 11), tech #2 waits from 2, and t1 escalates support #0 at 10, arriving as #3.
std::vector<std::uint64_t> tier2_answers(std::optional<int> escalation_priority) {
  Model model = two_tiers({0.0}, TransferMode::cold);
  model.contact_types[0].escalation->priority = escalation_priority;
  ContactType tech;
  tech.id = "tech";
  tech.rate_per_s.assign(10, 0.0);
  tech.arrival_times_s = {1.0, 2.0};
  tech.handle_time = Deterministic{10.0};
  model.contact_types.push_back(tech);
  model.agent_groups[1].skills.push_back(Skill{1, 1, 1.0});
  link_routing(model);
  std::vector<std::uint64_t> answers;
  for (const auto& r : journey(model))
    if (r.kind == K::answer && r.group == 1) answers.push_back(r.contact);
  return answers;
}

TEST(Escalation, EscalatedContactsWaitInOrderOfArrivalByDefault) {
  EXPECT_EQ(tier2_answers(std::nullopt), (std::vector<std::uint64_t>{1, 2, 3}));
}

TEST(Escalation, AnEscalationPriorityJumpsTheQueue) {
  // Priority 0 is served before the default 1: at 11 t2 takes #3 before tech #2.
  EXPECT_EQ(tier2_answers(0), (std::vector<std::uint64_t>{1, 3, 2}));
}

// One type, one agent, handle 10 s, never resolved (p = 0); every customer repeats after 100 s.
Model repeating(double window_h) {
  Model model;
  model.name = "repeats";
  model.horizon.intervals_per_day = 3;
  model.horizon.interval_s = 60.0;
  ContactType support;
  support.id = "support";
  support.rate_per_s = {0.0, 0.0, 0.0};
  support.arrival_times_s = {0.0};
  support.handle_time = Deterministic{10.0};
  support.resolution_p = 0.0;
  support.repeat = Repeat{1.0, Deterministic{100.0}, window_h * 3600.0};
  model.contact_types.push_back(support);
  model.agent_groups.push_back(group_of("agents", 1, {Skill{0, 1, 1.0}}, 1, 3));
  link_routing(model);
  return model;
}

TEST(Repeat, UnresolvedCustomerComesBackAfterTheDelayAsANewContactOfTheSameIssue) {
  // t=0 #0 is answered, unresolved at 10; the customer calls again at 110 (#1), unresolved at
  // 120; the next repeat would come at 220, after the 180 s horizon: the issue is open at the end.
  Tallies tallies;
  EXPECT_EQ(journey(repeating(72), &tallies),
            (std::vector<TraceRecord>{
                at(0, K::arrival, 0, 0, -1), at(0, K::answer, 0, 0, 0),
                at(10, K::unresolved, 0, 0, 0), at(10, K::service_end, 0, 0, 0),
                at(110, K::arrival, 1, 0, -1), at(110, K::answer, 1, 0, 0),
                at(120, K::unresolved, 1, 0, 0), at(120, K::service_end, 1, 0, 0),
            }));
  const IssueTally issues = issue_totals(tallies, 0);
  EXPECT_EQ(issues.opened, 1u);
  EXPECT_EQ(issues.open_at_end, 1u);
  EXPECT_EQ(issues.contacts, 2u);
  EXPECT_EQ(issues.repeated, 1u);
}

TEST(Repeat, ARepeatInsideTheWindowIsAnFcrFailure) {
  // Window 180 s: the repeat at 110 falls inside it.
  Tallies tallies;
  journey(repeating(0.05), &tallies);
  EXPECT_EQ(issue_totals(tallies, 0).first_contact_resolved, 0u);
}

TEST(Repeat, ARepeatOutsideTheWindowIsNoFcrFailure) {
  // Window 72 s: the repeat at 110 comes after it, as a centre's FCR measure would see it.
  Tallies tallies;
  journey(repeating(0.02), &tallies);
  EXPECT_EQ(issue_totals(tallies, 0).first_contact_resolved, 1u);
  EXPECT_EQ(issue_totals(tallies, 0).repeated, 1u);
}

TEST(Repeat, WithoutARepeatRuleTheUnresolvedIssueEndsGivenUp) {
  Model model = repeating(72);
  model.contact_types[0].repeat.reset();
  Tallies tallies;
  const auto steps = journey(model, &tallies);
  EXPECT_EQ(steps.back(), at(10, K::gave_up, 0, 0, -1));
  EXPECT_EQ(issue_totals(tallies, 0).gave_up, 1u);
  // Measured FCR: handled, no transfer, no repeat; the simulator also knows it was unresolved.
  EXPECT_EQ(issue_totals(tallies, 0).first_contact_resolved, 1u);
  EXPECT_EQ(issue_totals(tallies, 0).resolved, 0u);
}

TEST(Retry, AnAbandoningCustomerTriesAgainAfterTheDelay) {
  // One agent busy with #0 until 10; #1 arrives at 1, abandons at 6 (patience 5) and retries
  // at 26 as #2, answered at once.
  Model model = repeating(72);
  model.contact_types[0].resolution_p = 1.0;
  model.contact_types[0].arrival_times_s = {0.0, 1.0};
  model.contact_types[0].patience = Deterministic{5.0};
  model.contact_types[0].retry = Retry{1.0, Deterministic{20.0}};
  Tallies tallies;
  const auto steps = journey(model, &tallies);
  EXPECT_EQ(steps, (std::vector<TraceRecord>{
                       at(0, K::arrival, 0, 0, -1),   at(0, K::answer, 0, 0, 0),
                       at(1, K::arrival, 1, 0, -1),   at(6, K::abandonment, 1, 0, -1),
                       at(10, K::resolved, 0, 0, 0),  at(10, K::service_end, 0, 0, 0),
                       at(26, K::arrival, 2, 0, -1),  at(26, K::answer, 2, 0, 0),
                       at(36, K::resolved, 2, 0, 0),  at(36, K::service_end, 2, 0, 0),
                   }));
  const IssueTally issues = issue_totals(tallies, 0);
  EXPECT_EQ(issues.opened, 2u);
  EXPECT_EQ(issues.resolved, 2u);
  EXPECT_EQ(issues.contacts, 3u);
  EXPECT_EQ(issues.first_contact_resolved, 1u);  // #1's first contact was abandoned
}

// Type "billing" served by "team" (1 agent); "partner" (1 agent, no billing skill) takes it by
// overflow after 30 s. Handle 100 s.
Model overflowing(std::vector<double> arrivals) {
  Model model;
  model.name = "overflow";
  model.horizon.intervals_per_day = 10;
  model.horizon.interval_s = 60.0;
  ContactType billing;
  billing.id = "billing";
  billing.rate_per_s.assign(10, 0.0);
  billing.arrival_times_s = std::move(arrivals);
  billing.handle_time = Deterministic{100.0};
  model.contact_types.push_back(billing);
  model.agent_groups.push_back(group_of("team", 1, {Skill{0, 1, 1.0}}, 1, 10));
  model.agent_groups.push_back(group_of("partner", 1, {}, 1, 10));
  model.overflow.push_back(OverflowStep{0, 1, 30.0, {1}});
  link_routing(model);
  return model;
}

TEST(Overflow, AWaitingContactBecomesEligibleForTheOverflowGroupAfterTheStepsWait) {
  // #0 takes the team at 0; #1 waits from 5 and, although the partner is idle, is answered by it
  // only when its 30 s are up, at 35.
  EXPECT_EQ(journey(overflowing({0.0, 5.0})),
            (std::vector<TraceRecord>{
                at(0, K::arrival, 0, 0, -1),  at(0, K::answer, 0, 0, 0),
                at(5, K::arrival, 1, 0, -1),  at(35, K::overflow, 1, 0, -1),
                at(35, K::answer, 1, 0, 1),   at(100, K::resolved, 0, 0, 0),
                at(100, K::service_end, 0, 0, 0), at(135, K::resolved, 1, 0, 1),
                at(135, K::service_end, 1, 0, 1),
            }));
}

TEST(Overflow, ABusyOverflowGroupTakesTheEligibleContactWhenItFrees) {
  // #1 (from 5) overflows to the partner at 35; #2 (from 10) overflows at 40 but the partner is
  // busy until 135; the team frees at 100 and takes #2 first (it is its own queue).
  // #3 arrives at 101 and is eligible for the partner from 131, so at 135 the partner takes it.
  std::vector<std::pair<std::uint64_t, int>> answers;
  for (const auto& r : journey(overflowing({0.0, 5.0, 10.0, 101.0})))
    if (r.kind == K::answer) answers.emplace_back(r.contact, r.group);
  EXPECT_EQ(answers, (std::vector<std::pair<std::uint64_t, int>>{{0, 0}, {1, 1}, {2, 0}, {3, 1}}));
}

TEST(Overflow, AContactNotYetEligibleStaysForItsOwnGroup) {
  // #3 arrives at 120 instead: at 135 it has waited 15 s only, so the partner goes idle and the
  // contact waits for the team (free at 200) or its step at 150, whichever comes first.
  const auto steps = journey(overflowing({0.0, 5.0, 10.0, 120.0}));
  std::vector<std::pair<double, int>> answers_of_3;
  for (const auto& r : steps)
    if (r.kind == K::answer && r.contact == 3) answers_of_3.emplace_back(r.time, r.group);
  EXPECT_EQ(answers_of_3, (std::vector<std::pair<double, int>>{{150, 1}}));
}

TEST(Callback, AnAcceptedCallbackKeepsThePlaceAndNeverAbandons) {
  // One agent, handle 10 s, patience 5 s. #1 arrives at 1: predicted wait (0 + 1) x 10 / 1 = 10 s
  // is over the 5 s threshold, so it is offered a callback and accepts. It is called back when
  // the agent frees at 10 (3 s dial, then 10 s), instead of abandoning at 6.
  Model model = repeating(72);
  model.contact_types[0].resolution_p = 1.0;
  model.contact_types[0].arrival_times_s = {0.0, 1.0};
  model.contact_types[0].patience = Deterministic{5.0};
  model.contact_types[0].callback = Callback{5.0, 1.0, WaitPredictor::queue_length, 1.0, Deterministic{3.0}};
  link_routing(model);
  Tallies tallies;
  EXPECT_EQ(journey(model, &tallies),
            (std::vector<TraceRecord>{
                at(0, K::arrival, 0, 0, -1),  at(0, K::answer, 0, 0, 0),
                at(1, K::arrival, 1, 0, -1),  at(1, K::callback, 1, 0, -1),
                at(10, K::resolved, 0, 0, 0), at(10, K::service_end, 0, 0, 0),
                at(10, K::answer, 1, 0, 0),   at(23, K::resolved, 1, 0, 0),
                at(23, K::service_end, 1, 0, 0),
            }));
  const ContactTally contacts = testing::type_totals(tallies, 0);
  EXPECT_EQ(contacts.abandoned, 0u);
  EXPECT_EQ(tallies.contact(0, 0).callbacks_offered, 1u);
  EXPECT_EQ(tallies.contact(0, 0).callbacks_accepted, 1u);
  EXPECT_DOUBLE_EQ(tallies.contact(0, 0).callback_wait_s, 9.0);
}

TEST(Callback, ACallbackThatReachesNobodyCostsTheDialAndTheIssueEndsUnlessTheCustomerRetries) {
  Model model = repeating(72);
  model.contact_types[0].resolution_p = 1.0;
  model.contact_types[0].arrival_times_s = {0.0, 1.0};
  model.contact_types[0].callback = Callback{5.0, 1.0, WaitPredictor::queue_length, 0.0, Deterministic{3.0}};
  link_routing(model);
  Tallies tallies;
  const auto steps = journey(model, &tallies);
  EXPECT_EQ(steps[6], at(10, K::answer, 1, 0, 0));
  EXPECT_EQ(steps[7], at(13, K::unreached, 1, 0, 0));
  EXPECT_EQ(steps[8], at(13, K::service_end, 1, 0, 0));
  EXPECT_EQ(steps[9], at(13, K::gave_up, 1, 0, -1));
  EXPECT_EQ(issue_totals(tallies, 0).gave_up, 1u);
}

TEST(Callback, NoOfferWhenThePredictedWaitIsWithinTheThreshold) {
  Model model = repeating(72);
  model.contact_types[0].resolution_p = 1.0;
  model.contact_types[0].arrival_times_s = {0.0, 1.0};
  model.contact_types[0].callback = Callback{10.0, 1.0, WaitPredictor::queue_length, 1.0, Deterministic{3.0}};
  link_routing(model);
  Tallies tallies;
  for (const auto& r : journey(model, &tallies)) EXPECT_NE(r.kind, K::callback);
  EXPECT_EQ(tallies.contact(0, 0).callbacks_offered, 0u);
}

TEST(Misroute, AMisroutedContactIsHandledBrieflyInTheWrongQueueThenTransferredToItsOwn) {
  // "billing" lands in "orders" (p = 1): orders' agent finds out in 5 s and transfers it; it
  // arrives in billing's queue as #1 and is resolved there.
  Model model;
  model.name = "misroute";
  model.horizon.intervals_per_day = 1;
  model.horizon.interval_s = 600.0;
  for (const char* id : {"billing", "orders"}) {
    ContactType type;
    type.id = id;
    type.rate_per_s = {0.0};
    type.handle_time = Deterministic{10.0};
    model.contact_types.push_back(type);
  }
  model.contact_types[0].arrival_times_s = {0.0};
  model.contact_types[0].misroute = Misroute{1.0, 1, Deterministic{5.0}};
  model.agent_groups.push_back(group_of("billing-team", 1, {Skill{0, 1, 1.0}}, 1, 1));
  model.agent_groups.push_back(group_of("orders-team", 1, {Skill{1, 1, 1.0}}, 1, 1));
  link_routing(model);
  Tallies tallies;
  EXPECT_EQ(journey(model, &tallies),
            (std::vector<TraceRecord>{
                at(0, K::arrival, 0, 1, -1),     at(0, K::answer, 0, 1, 1),
                at(5, K::transferred, 0, 1, 1),  at(5, K::service_end, 0, 1, 1),
                at(5, K::arrival, 1, 0, -1),     at(5, K::answer, 1, 0, 0),
                at(15, K::resolved, 1, 0, 0),    at(15, K::service_end, 1, 0, 0),
            }));
  EXPECT_EQ(tallies.contact(0, 1).transferred, 1u);
  EXPECT_EQ(tallies.contact(0, 1).offered, 1u);  // the misrouted contact loads the orders queue
  const IssueTally issues = issue_totals(tallies, 0);
  EXPECT_EQ(issues.opened, 1u);
  EXPECT_EQ(issues.contacts, 2u);
  EXPECT_EQ(issues.first_contact_resolved, 0u);
}

TEST(Segments, AHigherPrioritySegmentIsServedBeforeALongerWait) {
  // One agent busy until 10; "std" (segment priority 2) waits from 1, "vip" (priority 1) from 2.
  Model model;
  model.name = "segments";
  model.horizon.intervals_per_day = 1;
  model.horizon.interval_s = 600.0;
  model.segments = {Segment{"vip", 1, std::nullopt}, Segment{"standard", 2, std::nullopt}};
  for (const char* id : {"vip", "std"}) {
    ContactType type;
    type.id = id;
    type.rate_per_s = {0.0};
    type.handle_time = Deterministic{10.0};
    model.contact_types.push_back(type);
  }
  model.contact_types[0].segment = 0;
  model.contact_types[1].segment = 1;
  model.contact_types[0].arrival_times_s = {2.0};
  model.contact_types[1].arrival_times_s = {0.0, 1.0};
  model.agent_groups.push_back(group_of("agents", 1, {Skill{0, 1, 1.0}, Skill{1, 1, 1.0}}, 1, 1));
  link_routing(model);
  std::vector<std::uint64_t> answered;
  for (const auto& r : journey(model))
    if (r.kind == K::answer) answered.push_back(r.contact);
  // Serials follow arrival: std #0 at 0, std #1 at 1, vip #2 at 2.
  EXPECT_EQ(answered, (std::vector<std::uint64_t>{0, 2, 1}));
}

TEST(PartnerCosts, PerContactAndPerMinuteCostsAddToTheGroupsCost) {
  // The partner handles #1 (100 s) by overflow: 2.50 per contact plus 0.60 a minute.
  Model model = overflowing({0.0, 5.0});
  model.agent_groups[1].cost_per_contact = 2.5;
  model.agent_groups[1].cost_per_minute = 0.6;
  Tallies tallies;
  journey(model, &tallies);
  EXPECT_DOUBLE_EQ(group_totals(tallies, 1).cost, 2.5 + 0.6 * 100.0 / 60.0);
}

}  // namespace
}  // namespace ccsim
