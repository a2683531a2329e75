// An AHT factor (a skill's aht_factor, agent assist, a bot's residual factor) multiplies the drawn
// handle time, so it scales every form of distribution as a whole: a Kaplan-Meier curve's times,
// a truncated law's bounds and each part of a mixture alike. No code scales a distribution's
// parameters, which could scale one and forget the others.
#include <map>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/distribution.h"
#include "ccsim/engine.h"
#include "testing/models.h"
#include "testing/trace_recorder.h"

namespace ccsim {
namespace {

// Handle times of replication 0 with 60 agents for 120 calls an hour: nobody waits, so a call's
// handle time is from its answer to its service end.
std::vector<double> handle_times(const Distribution& handle_time, double aht_factor) {
  testing::SingleQueue spec;
  spec.rate_per_hour = 120.0;
  spec.handle_time = handle_time;
  spec.agents = 60;
  spec.interval_min = 600.0;
  Model model = testing::single_queue(spec);
  model.agent_groups[0].skills[0].aht_factor = aht_factor;
  link_routing(model);
  std::map<std::uint64_t, double> answered;
  std::vector<double> times;
  for (const TraceRecord& r : testing::journey(model)) {
    if (r.kind == TraceKind::answer) answered[r.contact] = r.time;
    if (r.kind == TraceKind::service_end) times.push_back(r.time - answered.at(r.contact));
  }
  return times;
}

TEST(AhtFactor, ScalesTheTimesOfATruncatedKaplanMeierCurve) {
  // Within [10, 25] the curve has atoms at 10 and 25 only; doubled, 20 and 50.
  const Distribution d =
      make_truncated(make_kaplan_meier({3, 10, 25}, {0.9, 0.6, 0.2}, 300.0), 10.0, 25.0);
  const std::vector<double> times = handle_times(d, 2.0);
  ASSERT_GT(times.size(), 1000u);
  for (double t : times) EXPECT_TRUE(std::abs(t - 20.0) < 1e-6 || std::abs(t - 50.0) < 1e-6) << t;
}

// About 1,200 calls: the mean handle time's standard error is below 4 % of the mean (cv < 1.3).
TEST(AhtFactor, ScalesABoundedMixtureAsAWhole) {
  const Distribution d = make_mixture(
      {mixture_component(Exponential{6.0}), mixture_component(Lognormal{5.1, 0.9})}, {0.3, 0.7},
      0.0, 900.0);
  const std::vector<double> times = handle_times(d, 2.0);
  double sum = 0.0;
  for (double t : times) {
    EXPECT_LE(t, 1800.0 + 1e-6);
    sum += t;
  }
  const double n = static_cast<double>(times.size());
  EXPECT_NEAR(sum / n, 2.0 * mean(d), 5.0 * 2.0 * cv(d) * mean(d) / std::sqrt(n));
}

}  // namespace
}  // namespace ccsim
