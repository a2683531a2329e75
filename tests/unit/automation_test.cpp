// Bots, deflection, agent assist, chat and email in the engine, pinned by exact traces of tiny
// deterministic journeys (replayed arrivals, deterministic times, probabilities of 0 or 1).
#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "testing/models.h"
#include "testing/trace_recorder.h"

namespace ccsim {
namespace {

using testing::type_totals;
using testing::at;
using testing::journey;
using K = TraceKind;

// One type, one agent, handle 10 s, in one-minute intervals; arrivals replayed.
Model one_queue(std::vector<double> arrivals, int minutes = 5, int agents = 1) {
  testing::SingleQueue spec;
  spec.handle_time = Deterministic{10.0};
  spec.agents = agents;
  spec.intervals = minutes;
  spec.interval_min = 1.0;
  Model model = testing::single_queue(spec);
  model.contact_types[0].arrival_times_s = std::move(arrivals);
  return model;
}

Bot bot_for_calls(double containment, double abandon) {
  Bot bot;
  bot.id = "assistant";
  bot.types = {0};
  bot.containment_p = containment;
  bot.abandon_p = abandon;
  bot.duration = Deterministic{30.0};
  bot.cost_per_session = 0.4;
  return bot;
}

TEST(Bot, AContainedSessionResolvesTheIssueWithoutAnAgent) {
  Model model = one_queue({0.0});
  model.bots = {bot_for_calls(1.0, 0.0)};
  Tallies tallies;
  EXPECT_EQ(journey(model, &tallies), (std::vector<TraceRecord>{
                                          at(0, K::arrival, 0, 0, -1),
                                          at(0, K::bot_entry, 0, 0, -1),
                                          at(30, K::contained, 0, 0, -1),
                                      }));
  const ContactTally t = tallies.contact(0, 0);
  EXPECT_EQ(t.offered, 1u);
  EXPECT_EQ(t.bot_entries, 1u);
  EXPECT_EQ(t.contained, 1u);
  EXPECT_DOUBLE_EQ(t.bot_cost, 0.4);
  EXPECT_EQ(testing::issue_totals(tallies, 0).resolved, 1u);
}

TEST(Bot, AHandedOffContactQueuesForAgentsAndItsWaitCountsFromTheHandoff) {
  // Handed off at 30 with context (aht x 0.9) on a residual contact (x 1.2): handle 10.8 s.
  Model model = one_queue({0.0});
  model.bots = {bot_for_calls(0.0, 0.0)};
  model.bots[0].handoff_aht_factor = 0.9;
  model.bots[0].residual_aht_factor = 1.2;
  Tallies tallies;
  const auto steps = journey(model, &tallies);
  ASSERT_EQ(steps.size(), 6u);
  EXPECT_EQ(steps[1], at(0, K::bot_entry, 0, 0, -1));
  EXPECT_EQ(steps[2], at(30, K::handoff, 0, 0, -1));
  EXPECT_EQ(steps[3], at(30, K::answer, 0, 0, 0));
  EXPECT_DOUBLE_EQ(steps[5].time, 30 + 10.0 * 1.2 * 0.9);
  EXPECT_EQ(tallies.contact(0, 0).answered_within_sla, 1u) << "no wait after the handoff";
}

TEST(Bot, WithoutContextTheCustomerRepeatsTheStoryToTheAgent) {
  Model model = one_queue({0.0});
  model.bots = {bot_for_calls(0.0, 0.0)};
  model.bots[0].handoff_context = false;
  model.bots[0].handoff_extra_handle = Deterministic{45.0};
  const auto steps = journey(model);
  EXPECT_DOUBLE_EQ(steps.back().time, 30 + 10 + 45);
}

TEST(Bot, AbandonsInTheBotCountAsAbandonedContacts) {
  Model model = one_queue({0.0});
  model.bots = {bot_for_calls(0.0, 1.0)};
  Tallies tallies;
  const auto steps = journey(model, &tallies);
  EXPECT_EQ(steps[2], at(30, K::bot_abandonment, 0, 0, -1));
  EXPECT_EQ(tallies.contact(0, 0).abandoned, 1u);
  EXPECT_EQ(tallies.contact(0, 0).bot_abandoned, 1u);
}

TEST(Bot, ContactsBeyondItsCapacityGoStraightToAgents) {
  Model model = one_queue({0.0, 1.0});
  model.bots = {bot_for_calls(1.0, 0.0)};
  model.bots[0].capacity = 1;
  Tallies tallies;
  const auto steps = journey(model, &tallies);
  EXPECT_EQ(steps[1], at(0, K::bot_entry, 0, 0, -1));
  EXPECT_EQ(steps[3], at(1, K::answer, 1, 0, 0));
  EXPECT_EQ(tallies.contact(0, 0).bot_entries, 1u);
}

TEST(Deflection, DeflectedDemandNeverArrivesUnlessItLeaksBack) {
  // Self-service takes the demand at 0; it leaks back as a contact (a new issue) at 100.
  Model model = one_queue({0.0});
  model.contact_types[0].deflection = Deflection{1.0, 1.0, Deterministic{100.0}};
  Tallies tallies;
  EXPECT_EQ(journey(model, &tallies), (std::vector<TraceRecord>{
                                          at(0, K::deflected, 0, 0, -1),
                                          at(100, K::arrival, 0, 0, -1),
                                          at(100, K::answer, 0, 0, 0),
                                          at(110, K::resolved, 0, 0, 0),
                                          at(110, K::service_end, 0, 0, 0),
                                      }));
  EXPECT_EQ(tallies.contact(0, 0).deflected, 1u);
  EXPECT_EQ(tallies.contact(1, 0).leaked, 1u);
  EXPECT_EQ(testing::issue_totals(tallies, 0).opened, 1u);
}

TEST(AgentAssist, AdoptersHandleContactsFaster) {
  Model model = one_queue({0.0});
  model.agent_groups[0].assist = AgentGroup::Assist{0.5, 1.0, 1.5};
  Tallies tallies;
  EXPECT_DOUBLE_EQ(journey(model, &tallies).back().time, 5.0);
  // The tool's cost: 1.5 an agent-hour over the five paid minutes of the one agent.
  double assist = 0.0;
  for (const AgentTally& a : tallies.agents) assist += a.assist_cost;
  EXPECT_NEAR(assist, 1.5 * 5.0 / 60.0, 1e-12);
}

// "calls" (voice) and "mail" (email) on one group.
Model blended(int agents, int reserve) {
  Model model = one_queue({2.0}, 5, agents);
  ContactType mail;
  mail.id = "mail";
  mail.channel = Channel::email;
  mail.rate_per_s.assign(5, 0.0);
  mail.handle_time = Deterministic{10.0};
  mail.response = ResponseRule{3600.0, 0.8, std::nullopt};
  model.contact_types.push_back(mail);
  model.agent_groups[0].skills.push_back(Skill{1, 1, 1.0});
  model.agent_groups[0].voice_reserve = reserve;
  link_routing(model);
  return model;
}

TEST(Email, AFreedAgentTakesWaitingVoiceBeforeOlderEmail) {
  // The agent is busy with email #0 (0-10); email #1 waits from 1, the call #2 from 2; at 10
  // the call goes first.
  Model model = blended(1, 0);
  model.contact_types[1].arrival_times_s = {0.0, 1.0};
  std::vector<std::uint64_t> answered;
  for (const auto& r : journey(model))
    if (r.kind == K::answer) answered.push_back(r.contact);
  EXPECT_EQ(answered, (std::vector<std::uint64_t>{0, 2, 1}));
}

TEST(Email, TheVoiceReserveKeepsAgentsFreeOfEmail) {
  // Two agents, one kept for voice: email #0 is taken at 0, email #1 waits until #0 is done.
  Model model = blended(2, 1);
  model.contact_types[0].arrival_times_s.clear();
  model.contact_types[0].rate_per_s.assign(5, 0.0);
  model.contact_types[1].arrival_times_s = {0.0, 1.0};
  std::vector<std::pair<double, std::uint64_t>> answers;
  for (const auto& r : journey(model))
    if (r.kind == K::answer) answers.emplace_back(r.time, r.contact);
  EXPECT_EQ(answers, (std::vector<std::pair<double, std::uint64_t>>{{0, 0}, {10, 1}}));
}

TEST(Email, EmailLeftAtTheHorizonsEndIsTheBacklogNotNightWork) {
  // Ten emails in the last minute for one agent: five are answered by 300 s, the rest wait.
  Model model = blended(1, 0);
  model.contact_types[0].arrival_times_s.clear();
  model.contact_types[0].rate_per_s.assign(5, 0.0);
  for (int i = 0; i < 10; ++i) model.contact_types[1].arrival_times_s.push_back(250.0);
  Tallies tallies;
  journey(model, &tallies);
  const ContactTally mail = type_totals(tallies, 1);
  EXPECT_EQ(mail.handled, 5u);
  EXPECT_EQ(tallies.in_system_at_end[1], 5u);
  EXPECT_EQ(tallies.backlog(4, 1).waiting, 5u);
  EXPECT_DOUBLE_EQ(tallies.backlog(4, 1).oldest_s, 50.0);
  EXPECT_EQ(mail.responded_within, 5u);
}

TEST(Email, ResponseTimeCountsOnlyBusinessHours) {
  // Two days of one 12-hour interval from 08:00, business hours 08:00-10:00 on weekdays, reply
  // within 1 business hour. An email at 09:30 waits (no agent) and is answered at 10:45 of the
  // same day: 30 business minutes, inside the target, though 75 minutes passed.
  Model model = blended(1, 0);
  model.horizon.intervals_per_day = 1;
  model.horizon.interval_s = 12 * 3600.0;
  model.horizon.start_min = 8 * 60;
  model.horizon.days = 2;
  for (auto* g : {&model.agent_groups[0]}) {
    g->on_duty = {1, 1};
    g->staffed = {1, 1};
  }
  for (auto& type : model.contact_types) type.rate_per_s.assign(2, 0.0);
  model.contact_types[0].arrival_times_s = {5400.0 - 3590.0};  // a call from 08:30 to 10:45
  model.contact_types[0].handle_time = Deterministic{3590.0 + 3600.0 + 900.0 - 10.0};
  model.contact_types[1].arrival_times_s = {5400.0};
  model.contact_types[1].response = ResponseRule{3600.0, 0.8, BusinessHours{480, 600, {true, true, true, true, true, false, false}}};
  link_routing(model);  // business hours are compiled with the routing tables
  Tallies tallies;
  journey(model, &tallies);
  EXPECT_EQ(type_totals(tallies, 1).handled, 1u);
  EXPECT_EQ(type_totals(tallies, 1).responded_within, 1u);
}

TEST(Chat, AnAgentHoldsSeveralSessionsEachSlowerByTheSlowdown) {
  // One agent, two sessions: #0 at 0 alone (10 s), #1 at 1 beside it (10 x 1.5 = 15 s).
  Model model = one_queue({0.0, 1.0});
  model.contact_types[0].channel = Channel::chat;
  model.agent_groups[0].chat_concurrency = 2;
  model.agent_groups[0].concurrency_slowdown = 0.5;
  const auto steps = journey(model);
  std::vector<std::pair<double, std::uint64_t>> ends;
  for (const auto& r : steps)
    if (r.kind == K::service_end) ends.emplace_back(r.time, r.contact);
  EXPECT_EQ(ends, (std::vector<std::pair<double, std::uint64_t>>{{10, 0}, {16, 1}}));
}

TEST(Chat, ASilentAbandonmentCostsTheAgentTheDiscoverTime) {
  // #1 waits from 1 and leaves silently at 6 (patience 5): counted abandoned, not handled, but
  // the agent still picks the chat up at 10 and spends 30 s finding nobody.
  Model model = one_queue({0.0, 1.0});
  model.contact_types[0].channel = Channel::chat;
  model.contact_types[0].patience = Deterministic{5.0};
  model.contact_types[0].silent_abandonment = SilentAbandonment{1.0, Deterministic{30.0}};
  Tallies tallies;
  const auto steps = journey(model, &tallies);
  EXPECT_EQ(steps.back(), at(40, K::service_end, 1, 0, 0));
  const ContactTally t = type_totals(tallies, 0);
  EXPECT_EQ(t.abandoned, 1u);
  EXPECT_EQ(t.handled, 1u);
  EXPECT_EQ(t.answered, 1u);
  EXPECT_EQ(tallies.in_system_at_end[0], 0u);
}

}  // namespace
}  // namespace ccsim
