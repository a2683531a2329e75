// Distributions: the mean/CV constructors give what a planner asked for, and samples have the
// moments the formulas promise.
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "ccsim/distribution.h"
#include "ccsim/random_streams.h"

namespace ccsim {
namespace {

struct Case {
  std::string name;
  Distribution distribution;
};

// Test names then show the case, not the parameter's bytes.
void PrintTo(const Case& c, std::ostream* out) { *out << c.name; }

class DistributionMoments : public ::testing::TestWithParam<Case> {};

// 400,000 draws: the sample mean's standard error is cv * mean / 632. A bound of 5 standard errors
// fails a correct sampler with probability 6e-7 per case (and the seed is fixed, so it either passes
// always or never). The CV bound is looser (5 %) because the sample CV's error depends on the
// fourth moment, which is large for the lognormal.
TEST_P(DistributionMoments, SampleMeanAndCvMatchTheFormulas) {
  const Distribution& d = GetParam().distribution;
  RandomEngine rng = make_stream(42, 0, StreamPurpose::handle_time, 0);
  constexpr int n = 400000;
  double sum = 0.0;
  double sum_sq = 0.0;
  for (int i = 0; i < n; ++i) {
    const double x = sample(d, rng);
    ASSERT_GE(x, 0.0);
    sum += x;
    sum_sq += x * x;
  }
  const double m = sum / n;
  const double sd = std::sqrt(std::max(0.0, sum_sq / n - m * m));
  const double se = std::max(cv(d) * mean(d), 1e-12) / std::sqrt(static_cast<double>(n));
  EXPECT_NEAR(m, mean(d), 5.0 * se);
  EXPECT_NEAR(sd / m, cv(d), 0.05 * cv(d) + 1e-9);
}

INSTANTIATE_TEST_SUITE_P(
    Families, DistributionMoments,
    ::testing::Values(
        Case{"exponential", Exponential{240.0}},
        Case{"erlang", Erlang{4, 300.0}},
        Case{"gamma_below_one", gamma_from_mean_cv(200.0, 1.5)},
        Case{"gamma", gamma_from_mean_cv(200.0, 0.6)},
        Case{"lognormal", lognormal_from_mean_cv(310.0, 0.9)},
        Case{"weibull", weibull_from_mean_cv(180.0, 0.7)},
        Case{"uniform", uniform_from_mean_cv(60.0, 0.5)},
        Case{"deterministic", Deterministic{42.0}},
        Case{"truncated_normal", truncated_normal_from_mean_cv(300.0, 0.4)},
        Case{"truncated_normal_deep", truncated_normal_from_mean_cv(300.0, 0.95)},
        Case{"empirical", Empirical{{30.0, 60.0, 60.0, 120.0, 600.0}}}),
    [](const auto& info) { return info.param.name; });

TEST(DistributionFromMeanCv, LognormalHasTheRequestedMeanAndCv) {
  const Distribution d = lognormal_from_mean_cv(310.0, 0.9);
  EXPECT_NEAR(mean(d), 310.0, 1e-9);
  EXPECT_NEAR(cv(d), 0.9, 1e-12);
}

TEST(DistributionFromMeanCv, WeibullSolvesItsShapeForTheCv) {
  const Distribution d = weibull_from_mean_cv(180.0, 0.7);
  EXPECT_NEAR(mean(d), 180.0, 1e-6);
  EXPECT_NEAR(cv(d), 0.7, 1e-6);
}

TEST(DistributionFromMeanCv, TruncatedNormalKeepsTheMeanAfterTruncation) {
  const Distribution d = truncated_normal_from_mean_cv(300.0, 0.8);
  EXPECT_NEAR(mean(d), 300.0, 1e-6);
  EXPECT_NEAR(cv(d), 0.8, 1e-6);
}

TEST(DistributionFromMeanCv, UniformRefusesACvThatWouldGoBelowZero) {
  EXPECT_THROW(uniform_from_mean_cv(60.0, 0.6), std::invalid_argument);
}

TEST(DistributionFromMeanCv, ExponentialIsGammaWithCvOne) {
  EXPECT_NEAR(cv(gamma_from_mean_cv(100.0, 1.0)), 1.0, 1e-12);
}

// Stability tier: fixed seed, fixed output. These values depend on Boost's algorithms (1.74 on
// Debian 12) and Random123's Philox; a Boost upgrade may change them, and then the golden results
// in results/golden must be refreshed together with this test.
TEST(DistributionStability, ExponentialDrawsAreFixedForAGivenStream) {
  RandomEngine rng = make_stream(1, 0, StreamPurpose::arrivals, 0);
  const double first = sample(Distribution{Exponential{1.0}}, rng);
  RandomEngine again = make_stream(1, 0, StreamPurpose::arrivals, 0);
  EXPECT_EQ(first, sample(Distribution{Exponential{1.0}}, again));
  RandomEngine other = make_stream(1, 1, StreamPurpose::arrivals, 0);
  EXPECT_NE(first, sample(Distribution{Exponential{1.0}}, other));
}

}  // namespace
}  // namespace ccsim
