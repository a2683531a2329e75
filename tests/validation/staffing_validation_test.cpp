// The staffing search's plan on fresh random numbers.
//
// The arithmetic. The search keeps a plan whose targets hold on its own R = 40 replications; the
// true service level of an interval may then sit below its target by the search's noise (a
// selection effect: removals are kept when the sample says the target holds). Checked on F = 200
// fresh replications (another seed), an interval fails this test when its fresh mean lies more
// than 4.5 combined standard errors under the target: se_fresh * sqrt(1 + F / R), the search's
// standard error being about sqrt(F / R) times the fresh one. For a correct search whose plan sits
// exactly at the target that happens with probability about 3e-6 per interval (24 targets here);
// the seeds are fixed, so the test passes every time or never. It catches a plan that misses by
// more than about two points, e.g. one that forgot carry-over between intervals or the warm-up.
#include <cmath>

#include <gtest/gtest.h>

#include "ccsim/runner.h"
#include "ccsim/staffing_search.h"
#include "testing/models.h"

namespace ccsim {
namespace {

constexpr int search_replications = 40;
constexpr int fresh_replications = 200;
constexpr double allowed_standard_errors = 4.5;

TEST(StaffingValidation, ThePlanMeetsItsTargetsOnFreshReplicationsWithinNoise) {
  const Model model = testing::three_types_three_groups();
  StaffingSearchOptions options;
  options.replications = search_replications;
  options.seed = 2026;
  const StaffingSearchResult result = search_staffing(model, options);

  Model planned = with_staffing(model, result.staffed);
  planned.run.detail = Detail::interval;
  const RunResult fresh = run_replications(planned, {fresh_replications, 99, 0, {}});
  const double t = student_t_975(fresh_replications - 1);
  int judged = 0;
  for (const TargetCheck& check : check_targets(model, fresh.summary, options)) {
    if (check.kind != TargetKind::service_level || std::isnan(check.value)) continue;
    const std::size_t scope = fresh.summary.layout.type_scope(check.type);
    const double se = fresh.summary.get(scope, check.slot, Kpi::service_level).ci95 / t;
    const double allowed = allowed_standard_errors * se *
                           std::sqrt(1.0 + double(fresh_replications) / search_replications);
    EXPECT_GE(check.value, check.target - allowed)
        << "type " << check.type << " slot " << check.slot << " se " << se;
    ++judged;
  }
  EXPECT_EQ(judged, 24);
}

}  // namespace
}  // namespace ccsim
