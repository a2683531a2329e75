// Mixtures: exact mean and CV by the law of total variance, the weights honoured by the draws.
#include <cmath>

#include <gtest/gtest.h>

#include "ccsim/distribution.h"
#include "ccsim/random_streams.h"

namespace ccsim {
namespace {

// The brief's fitted handle time: 30 % quick transfers, 70 % conversations.
Mixture transfers_and_conversations() {
  return make_mixture({mixture_component(Exponential{6.0}),
                       mixture_component(Lognormal{5.1, 0.9})},
                      {0.3, 0.7});
}

TEST(Mixture, MeanAndCvFollowTheLawOfTotalVariance) {
  const double m1 = 6.0;
  const double v1 = 36.0;
  const double m2 = std::exp(5.1 + 0.5 * 0.81);
  const double v2 = m2 * m2 * std::expm1(0.81);
  const double m = 0.3 * m1 + 0.7 * m2;
  const double v = 0.3 * (v1 + (m1 - m) * (m1 - m)) + 0.7 * (v2 + (m2 - m) * (m2 - m));
  const Distribution d = transfers_and_conversations();
  EXPECT_NEAR(mean(d), m, 1e-12 * m);
  EXPECT_NEAR(cv(d), std::sqrt(v) / m, 1e-12);
  EXPECT_EQ(family_name(d), "mixture");
}

// 100,000 draws: the standard error of the mean is sd / 316; 5 of them fail a correct sampler
// with probability 6e-7 (and the seed is fixed).
TEST(Mixture, SampleMeanIsWithinFiveStandardErrors) {
  const Distribution d = transfers_and_conversations();
  RandomEngine rng = make_stream(7, 0, StreamPurpose::handle_time, 0);
  constexpr int n = 100000;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += sample(d, rng);
  EXPECT_NEAR(sum / n, mean(d), 5.0 * cv(d) * mean(d) / std::sqrt(double{n}));
}

// The share of the first part is binomial: sd sqrt(0.3 * 0.7 / n) = 0.00145 for n = 100,000.
TEST(Mixture, ChoosesEachPartWithItsWeight) {
  const Distribution d =
      make_mixture({mixture_component(Deterministic{1.0}), mixture_component(Deterministic{2.0})},
                   {0.3, 0.7});
  RandomEngine rng = make_stream(8, 0, StreamPurpose::handle_time, 0);
  constexpr int n = 100000;
  int ones = 0;
  for (int i = 0; i < n; ++i) ones += sample(d, rng) == 1.0;
  EXPECT_NEAR(static_cast<double>(ones) / n, 0.3, 5.0 * std::sqrt(0.3 * 0.7 / n));
}

TEST(Mixture, RefusesWeightsThatDoNotSumToOne) {
  EXPECT_THROW(make_mixture({mixture_component(Exponential{1.0}),
                             mixture_component(Exponential{2.0})},
                            {0.3, 0.6}),
               std::invalid_argument);
}

TEST(Mixture, AcceptsWeightsSummingToOneWithinOnePartInAMillion) {
  const Mixture m = make_mixture(
      {mixture_component(Exponential{1.0}), mixture_component(Exponential{2.0})},
      {0.3333333, 0.6666666});
  EXPECT_EQ(m.cumulative.back(), 1.0);
}

TEST(Mixture, RefusesAMixtureAsAPart) {
  EXPECT_THROW(mixture_component(transfers_and_conversations()), std::invalid_argument);
}

TEST(Mixture, DrawIsDeterministicForAGivenStream) {
  const Distribution d = transfers_and_conversations();
  RandomEngine rng = make_stream(1, 0, StreamPurpose::handle_time, 0);
  RandomEngine again = make_stream(1, 0, StreamPurpose::handle_time, 0);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(sample(d, rng), sample(d, again));
}

}  // namespace
}  // namespace ccsim
