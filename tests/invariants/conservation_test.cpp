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
  for (std::uint64_t r = 0; r < 30; ++r) testing::expect_conservation(model, run_replication(model, 2, r));
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
