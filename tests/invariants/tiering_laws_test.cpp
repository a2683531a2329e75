// Laws of issues and tiers that hold whatever the numbers: exact identities on every replication,
// and limits checked against their standard errors with enough contacts that a correct engine
// passes every time (bounds of 4.5 standard errors; seeds fixed, so a run is reproducible).
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "testing/models.h"
#include "testing/statistics.h"

namespace ccsim {
namespace {

using testing::group_totals;
using testing::issue_totals;
using testing::type_totals;

using testing::MeanAndError;
using testing::mean_of;

// 48 half hours at 120 contacts an hour on 40 agents (10 Erlangs): nobody waits.
Model ample(double resolution_p) {
  testing::SingleQueue spec;
  spec.rate_per_hour = 120.0;
  spec.handle_time = Exponential{300.0};
  spec.agents = 40;
  spec.intervals = 48;
  spec.interval_min = 30.0;
  Model model = testing::single_queue(spec);
  model.contact_types[0].resolution_p = resolution_p;
  model.contact_types[0].repeat = Repeat{1.0, Exponential{600.0}, 72 * 3600.0};
  return model;
}

TEST(IssueLaws, WhenEveryUnresolvedCustomerRepeatsFcrTendsToPAndContactsPerIssueTo1OverP) {
  // Issues opened in the first 40 intervals: their repeats end well inside the 24 h horizon.
  const double p = 0.7;
  const Model model = ample(p);
  std::vector<double> fcr, contacts;
  for (std::uint64_t r = 0; r < 12; ++r) {
    const Tallies tallies = run_replication(model, 11, r);
    testing::expect_conservation(model, tallies);
    double opened = 0, first = 0, all = 0;
    for (std::size_t i = 0; i < 40; ++i) {
      opened += static_cast<double>(tallies.issue(i, 0).opened);
      first += static_cast<double>(tallies.issue(i, 0).first_contact_resolved);
      all += static_cast<double>(tallies.issue(i, 0).contacts);
    }
    fcr.push_back(first / opened);
    contacts.push_back(all / opened);
  }
  const MeanAndError f = mean_of(fcr);
  const MeanAndError c = mean_of(contacts);
  EXPECT_NEAR(f.mean, p, 4.5 * f.standard_error + 1e-3) << "standard error " << f.standard_error;
  EXPECT_NEAR(c.mean, 1.0 / p, 4.5 * c.standard_error + 1e-3) << "standard error " << c.standard_error;
}

// Tier 1 (12 agents) escalates 30 % of what it cannot resolve to tier 2 (4 agents), which sends
// 40 % of its unresolved on to tier 3 (2 agents). No abandonment, drained to the end.
Model three_tiers(TransferMode transfer) {
  testing::SingleQueue spec;
  spec.rate_per_hour = 150.0;
  spec.handle_time = Exponential{240.0};
  spec.agents = 12;
  spec.intervals = 16;
  spec.interval_min = 30.0;
  Model model = testing::single_queue(spec);
  ContactType& type = model.contact_types[0];
  type.resolution_p = 0.6;
  Escalation escalation;
  escalation.p_by_tier = {0.3, 0.4, 0.0};
  escalation.transfer = transfer;
  escalation.handle_time = Exponential{480.0};
  escalation.warm_limit_s = 1e9;
  type.escalation = escalation;
  for (const auto& [id, tier, agents] : {std::tuple{"t2", 2, 4}, std::tuple{"t3", 3, 2}}) {
    AgentGroup group = model.agent_groups[0];
    group.id = id;
    group.tier = tier;
    group.staffed.assign(16, agents);
    group.on_duty.assign(16, agents);
    model.agent_groups.push_back(group);
  }
  link_routing(model);
  return model;
}

TEST(TierLaws, EveryEscalationArrivesAtTheNextTierAndIsHandledThere) {
  for (const TransferMode transfer : {TransferMode::cold, TransferMode::warm}) {
    const Model model = three_tiers(transfer);
    for (std::uint64_t r = 0; r < 10; ++r) {
      const Tallies tallies = run_replication(model, 5, r);
      testing::expect_conservation(model, tallies);
      const AgentTally t1 = group_totals(tallies, 0), t2 = group_totals(tallies, 1),
                       t3 = group_totals(tallies, 2);
      EXPECT_GT(t1.escalated, 0u);
      EXPECT_EQ(t2.handled, t1.escalated) << "replication " << r;
      EXPECT_EQ(t3.handled, t2.escalated) << "replication " << r;
      EXPECT_EQ(t3.escalated, 0u) << "tier 3 is the top";
      EXPECT_EQ(type_totals(tallies, 0).escalated, t1.escalated + t2.escalated);
    }
  }
}

TEST(TierLaws, WarmTransferAddsTheNextTiersWaitToTheFirstAgentsHandleTime) {
  // Only tier 1 escalates; its handle times are 240 s exactly and it never makes anyone wait (40
  // agents for 10 Erlangs), so every wait answered is a tier-2 wait, spent with the escalating
  // agent on the line (no handoff time, no hold limit).
  Model model = three_tiers(TransferMode::warm);
  model.contact_types[0].escalation->p_by_tier = {0.3, 0.0, 0.0};
  model.contact_types[0].handle_time = Deterministic{240.0};
  model.agent_groups[0].on_duty.assign(16, 40);
  model.agent_groups[0].staffed.assign(16, 40);
  for (std::uint64_t r = 0; r < 5; ++r) {
    const Tallies tallies = run_replication(model, 6, r);
    const AgentTally t1 = group_totals(tallies, 0);
    const double waits = type_totals(tallies, 0).wait_answered_s;
    EXPECT_GT(waits, 0.0) << "tier 2 should be busy enough to make escalations wait";
    EXPECT_NEAR(t1.handle_s - 240.0 * static_cast<double>(t1.handled), waits, 1e-9 * t1.handle_s);
  }
}

// 14 agents for 12.5 Erlangs, patience 3 minutes: a queue where callers abandon.
testing::SingleQueue busy_queue() {
  testing::SingleQueue spec;
  spec.rate_per_hour = 150.0;
  spec.handle_time = Exponential{300.0};
  spec.patience = Exponential{180.0};
  spec.agents = 14;
  spec.intervals = 16;
  spec.interval_min = 30.0;
  return spec;
}

TEST(CallbackLaws, CallbacksCutAbandonmentAgainstTheSameDaysWithout) {
  // Common random numbers: the same arrivals, handle times and patience with and without the
  // offer; the difference is paired by replication.
  const Model without = testing::single_queue(busy_queue());
  Model with = without;
  with.contact_types[0].callback = Callback{60.0, 0.6, WaitPredictor::queue_length, 0.9, Deterministic{20.0}};
  link_routing(with);
  std::vector<double> cut;
  for (std::uint64_t r = 0; r < 20; ++r) {
    const Tallies a = run_replication(without, 9, r);
    const Tallies b = run_replication(with, 9, r);
    testing::expect_conservation(with, b);
    const ContactTally ta = type_totals(a, 0), tb = type_totals(b, 0);
    EXPECT_EQ(ta.offered, tb.offered) << "the same arrivals";
    EXPECT_GT(tb.callbacks_accepted, 0u);
    cut.push_back(static_cast<double>(ta.abandoned) / static_cast<double>(ta.offered) -
                  static_cast<double>(tb.abandoned) / static_cast<double>(tb.offered));
  }
  const MeanAndError c = mean_of(cut);
  EXPECT_GT(c.mean, 4.5 * c.standard_error) << "mean cut " << c.mean;
}

TEST(OverflowLaws, OverflowAfterZeroSecondsMakesTwoGroupsOneQueue) {
  // 9 agents with the skill and 5 without it taking overflow at once behave, draw for draw, as
  // one group of 14.
  const Model pooled = testing::single_queue(busy_queue());
  Model split = pooled;
  split.agent_groups[0].on_duty.assign(16, 9);
  split.agent_groups[0].staffed.assign(16, 9);
  AgentGroup partner = split.agent_groups[0];
  partner.id = "partner";
  partner.skills.clear();
  partner.on_duty.assign(16, 5);
  partner.staffed.assign(16, 5);
  split.agent_groups.push_back(partner);
  split.overflow = {OverflowStep{0, 1, 0.0, {1}}};
  link_routing(split);
  for (std::uint64_t r = 0; r < 5; ++r) {
    const ContactTally a = type_totals(run_replication(pooled, 3, r), 0);
    const Tallies split_tallies = run_replication(split, 3, r);
    const ContactTally b = type_totals(split_tallies, 0);
    EXPECT_EQ(a.offered, b.offered);
    EXPECT_EQ(a.answered, b.answered);
    EXPECT_EQ(a.abandoned, b.abandoned);
    EXPECT_EQ(a.answered_within_sla, b.answered_within_sla);
    EXPECT_DOUBLE_EQ(a.wait_answered_s, b.wait_answered_s);
    EXPECT_GT(group_totals(split_tallies, 1).handled, 0u) << "the partner takes part";
  }
}

TEST(Conservation, HoldsForContactsAndIssuesWithEveryTieringFeature) {
  Model model = testing::tiered_centre();
  for (const bool drain : {true, false}) {
    model.run.drain = drain;
    for (std::uint64_t r = 0; r < 20; ++r) {
      const Tallies tallies = run_replication(model, 1, r);
      testing::expect_conservation(model, tallies);
      for (std::size_t k = 0; k < model.type_count(); ++k)
        EXPECT_GT(issue_totals(tallies, k).resolved, 0u);
    }
  }
}

}  // namespace
}  // namespace ccsim
