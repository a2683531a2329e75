// The offered load worked out from a scenario alone (offered_load.h), checked on tiny models whose
// every figure can be done by hand: 200 calls an hour of 180 s are 10 erlangs.
#include <gtest/gtest.h>

#include "ccsim/offered_load.h"
#include "testing/models.h"

namespace ccsim {
namespace {

// 200 calls an hour, mean handle 180 s, 14 agents, in half-hour intervals: 10 erlangs.
Model calls(int intervals = 1) {
  testing::SingleQueue spec;
  spec.rate_per_hour = 200.0;
  spec.handle_time = Exponential{180.0};
  spec.agents = 14;
  spec.intervals = intervals;
  spec.interval_min = 30.0;
  return testing::single_queue(spec);
}

// `calls` with a second group at tier 2 that takes what tier 1 escalates: tier 1 resolves 60 %
// and escalates half of the rest.
Model calls_with_tier_2() {
  Model model = calls();
  AgentGroup experts;
  experts.id = "experts";
  experts.tier = 2;
  experts.staffed = {4.0};
  experts.on_duty = {4};
  experts.skills.push_back(Skill{0, 1, 1.0});
  model.agent_groups.push_back(experts);
  ContactType& type = model.contact_types[0];
  type.resolution_p = 0.6;
  type.escalation = Escalation{};
  type.escalation->p_by_tier = {0.5, 0.0, 0.0};
  link_routing(model);
  return model;
}

TEST(OfferedLoad, IsArrivalRateTimesMeanHandleTime) {
  const OfferedLoad load = offered_load(calls());
  ASSERT_EQ(load.types.size(), 1u);
  EXPECT_DOUBLE_EQ(load.types[0].erlangs(0), 200.0 / 3600.0 * 180.0);
  EXPECT_DOUBLE_EQ(load.types[0].erlangs(0), 10.0);
}

TEST(OfferedLoad, CountsTheExpectedArrivalsOfEachInterval) {
  const OfferedLoad load = offered_load(calls());
  EXPECT_DOUBLE_EQ(load.types[0].contacts[0], 100.0);  // 200 an hour for half an hour
}

TEST(OfferedLoad, FollowsTheArrivalRateIntervalByInterval) {
  Model model = calls(3);
  model.contact_types[0].rate_per_s = {100.0 / 3600.0, 200.0 / 3600.0, 0.0};
  const OfferedLoad load = offered_load(model);
  ASSERT_EQ(load.intervals, 3u);
  EXPECT_DOUBLE_EQ(load.types[0].erlangs(0), 5.0);
  EXPECT_DOUBLE_EQ(load.types[0].erlangs(1), 10.0);
  EXPECT_DOUBLE_EQ(load.types[0].erlangs(2), 0.0);
}

TEST(OfferedLoad, InAgentHoursIsErlangsTimesTheIntervalLength) {
  const OfferedLoad load = offered_load(calls());
  EXPECT_DOUBLE_EQ(load.agent_hours(load.types[0].erlangs(0)), 5.0);  // 10 agents for half an hour
}

TEST(OfferedLoad, UsesTheHandleTimeOfTheGroupThatTakesTheTypeFirst) {
  Model model = calls();
  model.agent_groups[0].skills[0].aht_factor = 1.5;
  EXPECT_DOUBLE_EQ(offered_load(model).types[0].erlangs(0), 15.0);
}

TEST(OfferedLoad, SelfServiceThinsItByTheShareThatDoesNotComeBack) {
  // 40 % deflected, a quarter of them back as contacts: 1 - 0.4 x 0.75 = 0.7 of the load stays.
  Model model = calls();
  model.contact_types[0].deflection = Deflection{0.4, 0.25, Exponential{3600.0}};
  const OfferedLoad load = offered_load(model);
  EXPECT_DOUBLE_EQ(load.types[0].agent_load_factor, 0.7);
  EXPECT_DOUBLE_EQ(load.types[0].erlangs(0), 7.0);
}

TEST(OfferedLoad, ABotThinsItByWhatItContainsOrLoses) {
  // Half enter the bot; of those 30 % are contained and 10 % abandon: 0.5 + 0.5 x 0.6 = 0.8.
  Model model = calls();
  Bot bot;
  bot.id = "assistant";
  bot.types = {0};
  bot.entry_share = 0.5;
  bot.containment_p = 0.3;
  bot.abandon_p = 0.1;
  model.bots = {bot};
  EXPECT_DOUBLE_EQ(offered_load(model).types[0].erlangs(0), 8.0);
}

TEST(OfferedLoad, AHandoffWithoutContextAddsTheRepeatedPartToTheHandleTime) {
  // Every call goes through the bot and is handed off; the customer repeats for 36 s on top of
  // the 180 s: x 1.2.
  Model model = calls();
  Bot bot;
  bot.id = "ivr";
  bot.types = {0};
  bot.handoff_context = false;
  bot.handoff_extra_handle = Deterministic{36.0};
  model.bots = {bot};
  EXPECT_DOUBLE_EQ(offered_load(model).types[0].erlangs(0), 12.0);
}

TEST(OfferedLoad, AgentAssistShortensTheAdoptingShareOfHandleTimes) {
  // Half the contacts handled 20 % faster: 1 - 0.5 x 0.2 = 0.9.
  Model model = calls();
  model.agent_groups[0].assist = AgentGroup::Assist{0.8, 0.5, 0.0};
  EXPECT_DOUBLE_EQ(offered_load(model).types[0].erlangs(0), 9.0);
}

TEST(OfferedLoad, ATier2TakesTheEscalatedShareOfTheContacts) {
  // 40 % unresolved at tier 1, half of them escalated: 20 % reach tier 2.
  const OfferedLoad load = offered_load(calls_with_tier_2());
  EXPECT_EQ(load.tiers, (std::vector<int>{1, 2}));
  EXPECT_DOUBLE_EQ(load.types[0].tier_shares[1].share, 1.0);
  EXPECT_DOUBLE_EQ(load.types[0].tier_shares[2].share, 0.2);
  EXPECT_DOUBLE_EQ(load.tier_erlangs[0][0], 10.0);
  EXPECT_DOUBLE_EQ(load.tier_erlangs[1][0], 2.0);
  EXPECT_DOUBLE_EQ(load.types[0].erlangs(0), 12.0);
}

TEST(OfferedLoad, EscalatedContactsTakeTheirOwnHandleTimeAtTheHigherTier) {
  Model model = calls_with_tier_2();
  model.contact_types[0].escalation->handle_time = Deterministic{900.0};
  const OfferedLoad load = offered_load(model);
  EXPECT_DOUBLE_EQ(load.types[0].tier_shares[2].handle_s, 900.0);
  EXPECT_DOUBLE_EQ(load.tier_erlangs[1][0], 200.0 / 3600.0 * 0.2 * 900.0);
}

TEST(OfferedLoad, TheSkillsResolveFactorChangesWhatIsEscalated) {
  // Tier 1 resolves 0.5 x 1.5 = 75 %: half of the other 25 % reach tier 2.
  Model model = calls_with_tier_2();
  model.contact_types[0].resolution_p = 0.5;
  model.agent_groups[0].skills[0].resolve_factor = 1.5;
  EXPECT_DOUBLE_EQ(offered_load(model).types[0].tier_shares[2].share, 0.125);
}

TEST(OfferedLoad, SetsEachTierAgainstItsOwnAgentsOnDuty) {
  const OfferedLoad load = offered_load(calls_with_tier_2());
  EXPECT_EQ(load.tier_sessions_on_duty[0][0], 14);
  EXPECT_EQ(load.tier_sessions_on_duty[1][0], 4);
}

TEST(OfferedLoad, CountsAChatAgentAsTheSessionsItHoldsAtOnce) {
  Model model = calls();
  model.contact_types[0].channel = Channel::chat;
  model.agent_groups[0].chat_concurrency = 3;
  EXPECT_EQ(offered_load(model).tier_sessions_on_duty[0][0], 42);
}

TEST(OfferedLoad, NotesAutomationOnlyWhenTheScenarioHasSome) {
  Model model = calls();
  EXPECT_FALSE(automation_changes_load(model));
  model.agent_groups[0].chat_concurrency = 2;
  EXPECT_TRUE(automation_changes_load(model));
}

}  // namespace
}  // namespace ccsim
