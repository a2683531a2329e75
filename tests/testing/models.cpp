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
  }
  return total;
}

void expect_conservation(const Model& model, const Tallies& tallies) {
  for (std::size_t k = 0; k < model.type_count(); ++k) {
    const ContactTally total = type_totals(tallies, k);
    EXPECT_EQ(total.offered, total.handled + total.abandoned + tallies.in_system_at_end[k])
        << "contact type " << model.contact_types[k].id;
    EXPECT_LE(total.handled, total.answered);
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

}  // namespace ccsim::testing
