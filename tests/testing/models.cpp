#include "testing/models.h"

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
