#include "testing/models.h"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

namespace ccsim::testing {

Model single_queue(const SingleQueue& spec) {
  Model model;
  model.name = "single-queue";
  model.horizon.intervals_per_day = spec.intervals;
  model.horizon.interval_s = spec.interval_min * 60.0;
  model.run.warmup_s = spec.warmup_min * 60.0;
  model.run.drain = spec.drain;
  ContactType calls;
  calls.id = "calls";
  calls.rate_per_s.assign(static_cast<std::size_t>(spec.intervals), spec.rate_per_hour / 3600.0);
  calls.handle_time = spec.handle_time;
  calls.patience = spec.patience;
  calls.sla.answer_within_s = spec.answer_within_s;
  model.contact_types.push_back(calls);
  AgentGroup agents;
  agents.id = "agents";
  agents.staffed.assign(static_cast<std::size_t>(spec.intervals), spec.agents);
  agents.on_duty.assign(static_cast<std::size_t>(spec.intervals), spec.agents);
  agents.skills.push_back(Skill{0, 1, 1.0});
  model.agent_groups.push_back(agents);
  link_routing(model);
  return model;
}

ContactTally type_totals(const Tallies& tallies, std::size_t type) {
  ContactTally total;
  for (std::size_t i = 0; i < tallies.intervals; ++i) {
    const ContactTally& t = tallies.contact(i, type);
    total.offered += t.offered;
    total.answered += t.answered;
    total.handled += t.handled;
    total.abandoned += t.abandoned;
    total.short_abandoned += t.short_abandoned;
    total.answered_within_sla += t.answered_within_sla;
    total.wait_answered_s += t.wait_answered_s;
    total.handle_s += t.handle_s;
    total.wrap_s += t.wrap_s;
    total.resolved += t.resolved;
    total.escalated += t.escalated;
    total.transferred += t.transferred;
    total.callbacks_offered += t.callbacks_offered;
    total.callbacks_accepted += t.callbacks_accepted;
    total.callbacks_answered += t.callbacks_answered;
    total.callback_wait_s += t.callback_wait_s;
    total.deflected += t.deflected;
    total.leaked += t.leaked;
    total.bot_entries += t.bot_entries;
    total.contained += t.contained;
    total.bot_abandoned += t.bot_abandoned;
    total.handed_off += t.handed_off;
    total.bot_cost += t.bot_cost;
    total.responded_within += t.responded_within;
  }
  return total;
}

IssueTally issue_totals(const Tallies& tallies, std::size_t type) {
  IssueTally total;
  for (std::size_t i = 0; i < tallies.intervals; ++i) {
    const IssueTally& t = tallies.issue(i, type);
    total.opened += t.opened;
    total.resolved += t.resolved;
    total.gave_up += t.gave_up;
    total.open_at_end += t.open_at_end;
    total.first_contact_resolved += t.first_contact_resolved;
    total.repeated += t.repeated;
    total.contacts += t.contacts;
  }
  return total;
}

AgentTally group_totals(const Tallies& tallies, std::size_t group) {
  AgentTally total;
  for (std::size_t i = 0; i < tallies.intervals; ++i) {
    const AgentTally& a = tallies.agent(i, group);
    total.handled += a.handled;
    total.handle_s += a.handle_s;
    total.wrap_s += a.wrap_s;
    total.busy_s += a.busy_s;
    total.present_s += a.present_s;
    total.paid_s += a.paid_s;
    total.cost += a.cost;
    total.resolved += a.resolved;
    total.escalated += a.escalated;
    total.transferred += a.transferred;
  }
  return total;
}

void expect_conservation(const Model& model, const Tallies& tallies) {
  for (std::size_t k = 0; k < model.type_count(); ++k) {
    const ContactTally total = type_totals(tallies, k);
    EXPECT_EQ(total.offered,
              total.handled + total.abandoned + total.contained + tallies.in_system_at_end[k])
        << "contact type " << model.contact_types[k].id;
    EXPECT_GE(total.bot_entries, total.contained + total.bot_abandoned + total.handed_off)
        << "bot sessions of " << model.contact_types[k].id;
    EXPECT_LE(total.handled, total.answered);
    const IssueTally issues = issue_totals(tallies, k);
    EXPECT_EQ(issues.opened, issues.resolved + issues.gave_up + issues.open_at_end)
        << "issues of contact type " << model.contact_types[k].id;
    EXPECT_LE(issues.first_contact_resolved, issues.opened);
    EXPECT_GE(issues.contacts, issues.opened);
  }
}

}  // namespace ccsim::testing

namespace ccsim::testing {

Model three_types_three_groups() {
  Model model;
  model.name = "three-types";
  model.horizon.start_min = 8 * 60;
  model.horizon.intervals_per_day = 8;
  model.horizon.interval_s = 1800.0;
  const std::vector<double> profile = {0.6, 0.9, 1.2, 1.3, 1.0, 0.8, 1.1, 0.7};
  const struct {
    const char* id;
    double per_hour;
    Distribution handle;
    double patience_s;
  } types[] = {{"billing", 120.0, lognormal_from_mean_cv(300.0, 0.9), 240.0},
               {"orders", 90.0, gamma_from_mean_cv(200.0, 0.7), 180.0},
               {"tech", 40.0, weibull_from_mean_cv(480.0, 1.1), 400.0}};
  for (const auto& t : types) {
    ContactType type;
    type.id = t.id;
    for (double f : profile) type.rate_per_s.push_back(t.per_hour * f / 3600.0);
    type.handle_time = t.handle;
    type.patience = Exponential{t.patience_s};
    type.busyness_cv = 0.1;
    model.contact_types.push_back(type);
  }
  const struct {
    const char* id;
    std::vector<Skill> skills;
    double staffed;
    double cost;
  } groups[] = {{"billing_team", {Skill{0, 1, 1.0}, Skill{1, 2, 1.1}}, 16, 28.0},
                {"orders_team", {Skill{1, 1, 1.0}, Skill{0, 2, 1.15}}, 10, 26.0},
                {"tech_team", {Skill{2, 1, 1.0}, Skill{1, 2, 1.2}}, 9, 35.0}};
  for (const auto& g : groups) {
    AgentGroup group;
    group.id = g.id;
    group.skills = g.skills;
    group.shrinkage = 0.25;
    group.cost_per_hour = g.cost;
    for (double f : profile) {
      const double staffed = std::round(g.staffed * std::max(f, 0.8));
      group.staffed.push_back(staffed);
      group.on_duty.push_back(on_duty_after_shrinkage(staffed, group.shrinkage));
    }
    model.agent_groups.push_back(group);
  }
  link_routing(model);
  return model;
}

Model tiered_centre() {
  constexpr int intervals = 8;
  Model model;
  model.name = "tiered-centre";
  model.horizon.intervals_per_day = intervals;
  model.horizon.interval_s = 1800.0;
  model.segments = {Segment{"vip", 1, std::nullopt}, Segment{"standard", 2, std::nullopt}};
  const auto type = [&](const char* id, double per_hour, Distribution handle, SegmentIndex segment) {
    ContactType t;
    t.id = id;
    t.rate_per_s.assign(intervals, per_hour / 3600.0);
    t.handle_time = std::move(handle);
    t.patience = Exponential{240.0};
    t.segment = segment;
    return t;
  };
  ContactType billing = type("billing", 150.0, lognormal_from_mean_cv(300.0, 0.8), 1);
  billing.resolution_p = 0.75;
  Escalation warm;
  warm.p_by_tier = {0.2, 0.3, 0.0};
  warm.transfer = TransferMode::warm;
  warm.handoff = Deterministic{30.0};
  warm.handle_time = Exponential{600.0};
  warm.priority = 0;
  warm.warm_limit_s = 90.0;
  billing.escalation = warm;
  billing.repeat = Repeat{0.6, Exponential{3600.0}, 72 * 3600.0};
  billing.retry = Retry{0.5, Exponential{300.0}};
  billing.callback = Callback{120.0, 0.5, WaitPredictor::queue_length, 0.9, Deterministic{20.0}};
  ContactType vip = type("vip", 30.0, Exponential{360.0}, 0);
  vip.resolution_p = 0.85;
  Escalation cold;
  cold.p_by_tier = {0.3, 0.0, 0.0};
  cold.handoff = Deterministic{20.0};
  vip.escalation = cold;
  vip.misroute = Misroute{0.05, 0, Deterministic{45.0}};
  ContactType tech = type("tech", 40.0, Exponential{600.0}, 1);
  tech.resolution_p = 0.6;
  Escalation tech_escalation;
  tech_escalation.p_by_tier = {0.5, 0.4, 0.0};
  tech.escalation = tech_escalation;
  tech.repeat = Repeat{0.8, Exponential{1800.0}, 24 * 3600.0};
  model.contact_types = {billing, vip, tech};

  const auto group = [&](const char* id, int tier, double agents, std::vector<Skill> skills) {
    AgentGroup g;
    g.id = id;
    g.tier = tier;
    g.staffed.assign(intervals, agents);
    g.on_duty.assign(intervals, static_cast<int>(agents));
    g.cost_per_hour = 30.0 + 10.0 * tier;
    g.skills = std::move(skills);
    return g;
  };
  model.agent_groups = {
      group("t1", 1, 18, {Skill{0, 1, 1.0}, Skill{1, 1, 1.0}, Skill{2, 1, 1.0}}),
      group("t2", 2, 6, {Skill{0, 1, 1.0, 1.3}, Skill{1, 1, 1.0, 1.2}, Skill{2, 1, 1.0, 1.4}}),
      group("t3", 3, 2, {Skill{0, 1, 1.0, 1.5}, Skill{2, 1, 1.0, 1.6}}),
      group("partner", 1, 4, {Skill{0, 1, 1.2, 0.8}}),
  };
  model.agent_groups[3].cost_per_hour = 0.0;
  model.agent_groups[3].cost_per_contact = 3.0;
  model.overflow = {OverflowStep{0, 1, 60.0, {3}}};
  link_routing(model);
  return model;
}

}  // namespace ccsim::testing
