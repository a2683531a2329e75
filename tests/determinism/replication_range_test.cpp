// run_replication_range: the building block of paired comparisons and sweeps.
#include <cstring>

#include <gtest/gtest.h>

#include "ccsim/runner.h"
#include "testing/models.h"

namespace ccsim {
namespace {

RunOptions options_with(int threads) {
  RunOptions options;
  options.seed = 17;
  options.threads = threads;
  return options;
}

TEST(ReplicationRange, FoldsReplicationsInOrder) {
  const Model model = testing::three_types_three_groups();
  std::vector<std::uint64_t> seen;
  run_replication_range({&model}, options_with(2), 3, 40,
                        [&](const ReplicationOutcome& o) { seen.push_back(o.replication); });
  ASSERT_EQ(seen.size(), 40u);
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], 3 + i);
}

TEST(ReplicationRange, AReplicationIsTheSameWhicheverRangeRunsIt) {
  const Model model = testing::three_types_three_groups();
  std::vector<std::vector<double>> whole;
  run_replication_range({&model}, options_with(2), 0, 10,
                        [&](const ReplicationOutcome& o) { whole.push_back(o.values[0]); });
  std::vector<double> seventh;
  run_replication_range({&model}, options_with(1), 7, 1,
                        [&](const ReplicationOutcome& o) { seventh = o.values[0]; });
  // Compare as bits: NaN marks undefined cells and never equals itself.
  ASSERT_EQ(seventh.size(), whole[7].size());
  EXPECT_EQ(0, std::memcmp(seventh.data(), whole[7].data(), seventh.size() * sizeof(double)));
}

TEST(ReplicationRange, VariantsOfOneReplicationSeeTheSameContacts) {
  const Model base = testing::three_types_three_groups();
  Model more = base;
  for (auto& n : more.agent_groups[1].on_duty) n += 2;
  link_routing(more);  // its on-duty is in fractions: a roster to compile again
  const KpiLayout layout(base);
  run_replication_range({&base, &more}, options_with(2), 0, 12, [&](const ReplicationOutcome& o) {
    const std::size_t offered = layout.at(KpiLayout::overall, KpiLayout::whole_horizon, Kpi::offered);
    const std::size_t sl = layout.at(KpiLayout::overall, KpiLayout::whole_horizon, Kpi::service_level);
    EXPECT_EQ(o.values[0][offered], o.values[1][offered]) << "replication " << o.replication;
    EXPECT_EQ(o.totals[0].arrivals, o.totals[1].arrivals);
    EXPECT_NE(o.values[0][sl], o.values[1][sl]);
  });
}

}  // namespace
}  // namespace ccsim
