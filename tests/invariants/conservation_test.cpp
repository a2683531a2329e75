// Conservation (offered = handled + abandoned + in system, per type) on the general model, counted
// independently of the engine's own check, over many replications and both end-of-horizon rules.
#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "testing/models.h"

namespace ccsim {
namespace {

TEST(Conservation, HoldsForEveryTypeWithDrain) {
  const Model model = testing::three_types_three_groups();
  for (std::uint64_t r = 0; r < 30; ++r) testing::expect_conservation(model, run_replication(model, 1, r));
}

TEST(Conservation, HoldsForEveryTypeWithoutDrain) {
  Model model = testing::three_types_three_groups();
  model.run.drain = false;
  std::uint64_t left_in_system = 0;
  for (std::uint64_t r = 0; r < 30; ++r) {
    const Tallies tallies = run_replication(model, 1, r);
    testing::expect_conservation(model, tallies);
    for (auto n : tallies.in_system_at_end) left_in_system += n;
  }
  EXPECT_GT(left_in_system, 0u) << "the test should stop with contacts still in the system";
}

TEST(Conservation, HoldsWhenAGroupDropsToZeroMidDay) {
  Model model = testing::three_types_three_groups();
  for (std::size_t i = 3; i < 6; ++i) model.agent_groups[2].on_duty[i] = 0;
  link_routing(model);  // its on-duty is in fractions: a roster to compile again
  for (std::uint64_t r = 0; r < 30; ++r) testing::expect_conservation(model, run_replication(model, 2, r));
}

// The general model with its second group staffed by a roster whose shifts and breaks start and
// end inside intervals (the grid is eight half hours).
Model with_roster() {
  Model model = testing::three_types_three_groups();
  Shift early;
  early.start_min = model.horizon.start_min + 10;
  early.length_s = 2.5 * 3600.0;
  early.agents = 6;
  early.breaks = {{3600.0 + 420.0, 900.0}};
  Shift late;
  late.start_min = model.horizon.start_min + 95;
  late.length_s = 3 * 3600.0;
  late.agents = 5;
  late.breaks = {{5000.0, 1300.0}};
  model.agent_groups[1].shifts = {early, late};
  link_routing(model);
  return model;
}

TEST(Conservation, HoldsUnderARosterChangingInsideIntervals) {
  const Model model = with_roster();
  for (std::uint64_t r = 0; r < 30; ++r) testing::expect_conservation(model, run_replication(model, 3, r));
}

TEST(Conservation, HoldsUnderARosterWithoutDrain) {
  Model model = with_roster();
  model.run.drain = false;
  for (std::uint64_t r = 0; r < 30; ++r) testing::expect_conservation(model, run_replication(model, 3, r));
}

TEST(AgentTime, BusyNeverExceedsPresentUnderARoster) {
  const Model model = with_roster();
  for (std::uint64_t r = 0; r < 5; ++r) {
    const Tallies tallies = run_replication(model, 3, r);
    for (std::size_t i = 0; i < tallies.intervals; ++i)
      for (std::size_t g = 0; g < tallies.groups; ++g)
        EXPECT_LE(tallies.agent(i, g).busy_s, tallies.agent(i, g).present_s + 1e-6);
  }
}

TEST(AgentTime, BusyNeverExceedsPresentAndPresentNeverExceedsOnDutyPlusLeavers) {
  const Model model = testing::three_types_three_groups();
  const Tallies tallies = run_replication(model, 1, 0);
  for (std::size_t i = 0; i < tallies.intervals; ++i)
    for (std::size_t g = 0; g < tallies.groups; ++g) {
      const AgentTally& a = tallies.agent(i, g);
      EXPECT_LE(a.busy_s, a.present_s + 1e-6);
      EXPECT_LE(a.present_s, a.paid_s + 1e-6) << "shrinkage leaves fewer agents on duty than paid";
    }
}

}  // namespace
}  // namespace ccsim
