// Two identical agent groups serving one contact type: what is symmetric about them, and what is not.
//
// A new contact goes to the first group in routing order with an idle agent (engine.h), so at a
// load where agents are often idle the first group takes more than half the work: the groups are
// not interchangeable contact by contact. What is symmetric is the pair: together the two groups
// are exactly one group of all their agents.
#include <cstdint>

#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "testing/models.h"

namespace ccsim {
namespace {

// The single queue of `spec`, its group "agents" followed by an identical group "twin".
Model with_a_twin_group(const testing::SingleQueue& spec) {
  Model model = testing::single_queue(spec);
  AgentGroup twin = model.agent_groups[0];
  twin.id = "twin";
  model.agent_groups.push_back(twin);
  link_routing(model);
  return model;
}

// An agent takes the queue's head whichever group it belongs to, and handle time and patience are
// drawn per contact from the type's own streams, so two groups of 8 are one group of 16 draw for
// draw: the same contacts are answered at the same times, wait as long and abandon alike. The load
// (15.2 erlangs on 16 agents, patience 2 min) is one where the routing order matters: some contacts
// find agents idle in both groups (and the first group takes them), others wait or abandon.
TEST(Symmetry, TwoIdenticalGroupsServeTheirTypeExactlyAsOneGroupOfBoth) {
  testing::SingleQueue spec;
  spec.rate_per_hour = 304.0;
  spec.handle_time = Exponential{180.0};
  spec.patience = Exponential{120.0};
  spec.intervals = 8;
  spec.interval_min = 30.0;
  spec.answer_within_s = 0.0;  // "answered within SLA" is then "found an agent idle"
  spec.agents = 16;
  const Model pooled = testing::single_queue(spec);
  spec.agents = 8;
  const Model split = with_a_twin_group(spec);

  std::uint64_t found_idle = 0, waited = 0, abandoned = 0, handled_by_twin = 0;
  for (std::uint64_t r = 0; r < 10; ++r) {
    const Tallies one = run_replication(pooled, 4, r);
    const Tallies two = run_replication(split, 4, r);
    EXPECT_EQ(one.in_system_at_end, two.in_system_at_end);
    for (std::size_t i = 0; i < one.intervals; ++i) {
      SCOPED_TRACE(::testing::Message() << "replication " << r << ", interval " << i);
      const ContactTally& a = one.contact(i, 0);
      const ContactTally& b = two.contact(i, 0);
      EXPECT_EQ(a.offered, b.offered);
      EXPECT_EQ(a.answered, b.answered);
      EXPECT_EQ(a.answered_within_sla, b.answered_within_sla);
      EXPECT_EQ(a.abandoned, b.abandoned);
      EXPECT_EQ(a.handled, b.handled);
      // Same waits and handle times, added up in the same order: equal to the last bit.
      EXPECT_EQ(a.wait_answered_s, b.wait_answered_s);
      EXPECT_EQ(a.handle_s, b.handle_s);
      EXPECT_EQ(one.wait(i, 0).count(), two.wait(i, 0).count());
      EXPECT_EQ(one.wait(i, 0).quantile(0.9), two.wait(i, 0).quantile(0.9));
      // The agents' work is the same, shared between the two groups; their busy seconds are summed
      // in other pieces, so they agree up to rounding.
      const AgentTally& all = one.agent(i, 0);
      const AgentTally& first = two.agent(i, 0);
      const AgentTally& second = two.agent(i, 1);
      EXPECT_EQ(all.handled, first.handled + second.handled);
      EXPECT_NEAR(all.busy_s, first.busy_s + second.busy_s, 1e-9 * all.present_s);
      EXPECT_NEAR(all.present_s, first.present_s + second.present_s, 1e-9 * all.present_s);
      found_idle += a.answered_within_sla;
      waited += a.answered - a.answered_within_sla;
      abandoned += a.abandoned;
      handled_by_twin += second.handled;
    }
  }
  // The load is the one described: every path of the routing is taken.
  EXPECT_GT(found_idle, 0u);
  EXPECT_GT(waited, 0u);
  EXPECT_GT(abandoned, 0u);
  EXPECT_GT(handled_by_twin, 0u);
}

}  // namespace
}  // namespace ccsim
