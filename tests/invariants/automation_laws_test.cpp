// Laws of automation and channels: exact identities on every replication, and limits checked
// against their standard errors (4.5 of them, fixed seeds) with enough contacts that a correct
// engine passes every time.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "ccsim/erlang.h"
#include "testing/models.h"
#include "testing/statistics.h"

namespace ccsim {
namespace {

using testing::type_totals;

using testing::MeanAndError;
using testing::mean_of;

testing::SingleQueue day_of_calls() {
  testing::SingleQueue spec;
  spec.rate_per_hour = 200.0;
  spec.handle_time = Exponential{300.0};
  spec.patience = Exponential{300.0};
  spec.agents = 18;
  spec.intervals = 48;
  spec.interval_min = 30.0;
  return spec;
}

TEST(BotLaws, ContainmentThinsTheHumanArrivalsToTheHandedOffShare) {
  Model model = testing::single_queue(day_of_calls());
  Bot bot;
  bot.id = "assistant";
  bot.types = {0};
  bot.containment_p = 0.35;
  bot.abandon_p = 0.05;
  bot.duration = Exponential{90.0};
  model.bots = {bot};
  std::vector<double> share;
  for (std::uint64_t r = 0; r < 10; ++r) {
    const Tallies tallies = run_replication(model, 21, r);
    testing::expect_conservation(model, tallies);
    const ContactTally t = type_totals(tallies, 0);
    // Everybody who reached the human queue was handed off by the bot.
    EXPECT_EQ(t.answered + (t.abandoned - t.bot_abandoned) + tallies.in_system_at_end[0], t.handed_off);
    share.push_back(static_cast<double>(t.handed_off) / static_cast<double>(t.bot_entries));
  }
  const MeanAndError s = mean_of(share);
  EXPECT_NEAR(s.mean, 0.60, 4.5 * s.standard_error + 1e-3) << "standard error " << s.standard_error;
}

TEST(ChatLaws, ChatWithOneSessionAndNoSlowdownIsVoiceDrawForDraw) {
  const Model voice = testing::single_queue(day_of_calls());
  Model chat = voice;
  chat.contact_types[0].channel = Channel::chat;
  chat.agent_groups[0].chat_concurrency = 1;
  for (std::uint64_t r = 0; r < 5; ++r) {
    const Tallies a = run_replication(voice, 4, r);
    const Tallies b = run_replication(chat, 4, r);
    const ContactTally ta = type_totals(a, 0), tb = type_totals(b, 0);
    EXPECT_EQ(ta.offered, tb.offered);
    EXPECT_EQ(ta.answered_within_sla, tb.answered_within_sla);
    EXPECT_EQ(ta.abandoned, tb.abandoned);
    EXPECT_DOUBLE_EQ(ta.wait_answered_s, tb.wait_answered_s);
    EXPECT_DOUBLE_EQ(testing::group_totals(a, 0).busy_s, testing::group_totals(b, 0).busy_s);
  }
}

// Email only, three days of 24 half hours, 4 agents for 3.6 erlangs in the day: a backlog
// builds in the afternoon and is carried into the next morning.
Model email_days(double agents_per_interval = 4) {
  testing::SingleQueue spec;
  spec.rate_per_hour = 24.0;
  spec.handle_time = Exponential{540.0};
  spec.agents = static_cast<int>(agents_per_interval);
  spec.intervals = 24;
  spec.interval_min = 30.0;
  Model model = testing::single_queue(spec);
  model.horizon.days = 3;
  model.contact_types[0].channel = Channel::email;
  model.contact_types[0].response = ResponseRule{24 * 3600.0, 0.8, std::nullopt};
  model.contact_types[0].rate_per_s.assign(72, 24.0 / 3600.0);
  model.agent_groups[0].on_duty.assign(72, spec.agents);
  model.agent_groups[0].staffed.assign(72, spec.agents);
  link_routing(model);  // email's place in routing is compiled with the tables
  return model;
}

TEST(EmailLaws, EveryEmailIsAnsweredOrInTheBacklogAtTheEnd) {
  Model model = email_days(3);  // under-staffed: the backlog grows over the days
  for (std::uint64_t r = 0; r < 10; ++r) {
    const Tallies tallies = run_replication(model, 8, r);
    const ContactTally t = type_totals(tallies, 0);
    const BacklogTally& last = tallies.backlog(tallies.intervals - 1, 0);
    EXPECT_GT(last.waiting, 0u);
    EXPECT_EQ(t.offered, t.handled + last.waiting) << "replication " << r;
    EXPECT_EQ(t.abandoned, 0u);
  }
}

TEST(EmailLaws, LittlesLawHoldsForTheBacklog) {
  // Time-average backlog (sampled at every interval's end) = arrival rate x mean wait.
  Model model = email_days(4);
  model.horizon.days = 5;
  model.contact_types[0].rate_per_s.assign(120, 24.0 / 3600.0);
  model.agent_groups[0].on_duty.assign(120, 4);
  model.agent_groups[0].staffed.assign(120, 4);
  link_routing(model);
  std::vector<double> gap;
  double backlog_mean = 0.0;
  for (std::uint64_t r = 0; r < 20; ++r) {
    const Tallies tallies = run_replication(model, 12, r);
    double samples = 0.0;
    for (std::size_t i = 0; i < tallies.intervals; ++i) samples += static_cast<double>(tallies.backlog(i, 0).waiting);
    const double backlog = samples / static_cast<double>(tallies.intervals);
    const ContactTally t = type_totals(tallies, 0);
    const double wait = t.wait_answered_s / static_cast<double>(t.answered);
    gap.push_back(backlog - 24.0 / 3600.0 * wait);
    backlog_mean += backlog / 20.0;
  }
  const MeanAndError g = mean_of(gap);
  EXPECT_GT(backlog_mean, 0.5) << "the test needs a backlog to speak of";
  EXPECT_NEAR(g.mean, 0.0, 4.5 * g.standard_error + 0.03 * backlog_mean) << "standard error " << g.standard_error;
}

TEST(AssistLaws, AnAssistFactorOf088CutsAhtBy12PercentAndServiceLevelFollowsErlangC) {
  testing::SingleQueue spec;
  spec.rate_per_hour = 200.0;
  spec.handle_time = Exponential{300.0};
  spec.agents = 17;
  spec.intervals = 48;
  spec.interval_min = 30.0;
  spec.warmup_min = 60.0;
  Model model = testing::single_queue(spec);
  model.agent_groups[0].assist = AgentGroup::Assist{0.88, 1.0, 1.5};
  std::vector<double> aht, sl;
  for (std::uint64_t r = 0; r < 20; ++r) {
    const ContactTally t = type_totals(run_replication(model, 17, r), 0);
    aht.push_back(t.handle_s / static_cast<double>(t.handled));
    sl.push_back(static_cast<double>(t.answered_within_sla) / static_cast<double>(t.offered));
  }
  ErlangInput shorter;
  shorter.rate_per_s = 200.0 / 3600.0;
  shorter.aht_s = 300.0 * 0.88;
  shorter.agents = 17;
  shorter.answer_within_s = 20.0;
  const double predicted = erlang_c_model(shorter).service_level;
  const MeanAndError a = mean_of(aht), s = mean_of(sl);
  EXPECT_NEAR(a.mean, 264.0, 4.5 * a.standard_error) << "standard error " << a.standard_error;
  EXPECT_NEAR(s.mean, predicted, 4.5 * s.standard_error + 0.005) << "Erlang C says " << predicted;
  ErlangInput without = shorter;
  without.aht_s = 300.0;
  EXPECT_GT(predicted, erlang_c_model(without).service_level + 0.05) << "a case where assist matters";
}

TEST(Conservation, DemandIsDeflectedContainedAbandonedInTheBotOrHandedToHumans) {
  Model model = testing::single_queue(day_of_calls());
  model.contact_types[0].deflection = Deflection{0.1, 0.3, Exponential{1800.0}};
  Bot bot;
  bot.id = "assistant";
  bot.types = {0};
  bot.entry_share = 0.8;
  bot.containment_p = 0.3;
  bot.abandon_p = 0.1;
  bot.capacity = 5;
  bot.duration = Exponential{120.0};
  model.bots = {bot};
  model.contact_types[0].retry = Retry{0.5, Exponential{300.0}};
  for (const bool drain : {true, false}) {
    model.run.drain = drain;
    for (std::uint64_t r = 0; r < 10; ++r) {
      const Tallies tallies = run_replication(model, 2, r);
      testing::expect_conservation(model, tallies);
      const ContactTally t = type_totals(tallies, 0);
      EXPECT_GT(t.deflected, 0u);
      EXPECT_GT(t.leaked, 0u);
      EXPECT_GT(t.contained, 0u);
      EXPECT_LT(t.bot_entries, t.offered) << "the capacity sends some straight to agents";
    }
  }
}

}  // namespace
}  // namespace ccsim
