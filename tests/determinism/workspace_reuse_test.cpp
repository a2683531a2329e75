// A worker thread's workspace is reset, not rebuilt, between replications: running replications
// on one reused workspace, models interleaved, gives exactly what fresh workspaces give.
#include <bit>

#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "ccsim/summary.h"
#include "testing/models.h"

namespace ccsim {
namespace {

// Every KPI of every scope and interval, and the counts beside them; NaN-safe by comparing bits.
void expect_identical(const Model& model, const Tallies& a, const Tallies& b) {
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.arrivals, b.arrivals);
  const std::vector<double> x = kpi_values(model, a), y = kpi_values(model, b);
  ASSERT_EQ(x.size(), y.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    EXPECT_EQ(std::bit_cast<std::uint64_t>(x[i]), std::bit_cast<std::uint64_t>(y[i])) << "KPI " << i;
}

TEST(WorkspaceReuse, ReplicationsOnAReusedWorkspaceEqualFreshOnesModelsInterleaved) {
  const Model tiered = testing::tiered_centre();
  const Model three = testing::three_types_three_groups();
  Workspace workspace;
  for (std::uint64_t r = 0; r < 3; ++r) {
    for (const Model* model : {&tiered, &three}) {
      const Tallies fresh = run_replication(*model, 5, r);
      const Tallies& reused = run_replication(*model, 5, r, workspace);
      expect_identical(*model, fresh, reused);
    }
  }
}

}  // namespace
}  // namespace ccsim
