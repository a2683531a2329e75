// A Kaplan-Meier curve as a distribution: atoms at its times, the censored rest as an exponential
// tail, exact moments, and draws that give the table back.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/distribution.h"
#include "ccsim/random_streams.h"

namespace ccsim {
namespace {

// P(X = 3) = 0.1, P(X = 10) = 0.3, P(X = 25) = 0.4, and 0.2 beyond 25, as 25 + Exp(300).
KaplanMeier patience() { return make_kaplan_meier({3, 10, 25}, {0.9, 0.6, 0.2}, 300.0); }

TEST(KaplanMeierDistribution, MeanAndCvAreThoseOfTheAtomsAndTheTail) {
  const double m = 3 * 0.1 + 10 * 0.3 + 25 * 0.4 + 0.2 * (25 + 300);
  // E[(25 + Y)^2] = 25^2 + 2 * 25 * 300 + 2 * 300^2 for Y ~ Exp(300).
  const double second = 9 * 0.1 + 100 * 0.3 + 625 * 0.4 + 0.2 * (625 + 15000 + 180000);
  EXPECT_NEAR(mean(patience()), m, 1e-12 * m);
  EXPECT_NEAR(cv(patience()), std::sqrt(second - m * m) / m, 1e-12);
  EXPECT_EQ(family_name(patience()), "kaplan_meier");
}

// 100,000 draws; each frequency is binomial, sd sqrt(p (1 - p) / n) <= 0.00158; within 5 of them.
TEST(KaplanMeierDistribution, DrawsReproduceTheSurvivalAtEachTime) {
  const Distribution d = patience();
  RandomEngine rng = make_stream(3, 0, StreamPurpose::patience, 0);
  constexpr int n = 100000;
  std::vector<int> at(3, 0);
  int beyond = 0;
  double tail_sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double x = sample(d, rng);
    if (x == 3.0) ++at[0];
    else if (x == 10.0) ++at[1];
    else if (x == 25.0) ++at[2];
    else {
      ASSERT_GT(x, 25.0);
      ++beyond;
      tail_sum += x;
    }
  }
  const std::vector<double> survival = {0.9, 0.6, 0.2};
  int died = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    died += at[i];
    const double s = survival[i];
    EXPECT_NEAR(1.0 - static_cast<double>(died) / n, s, 5.0 * std::sqrt(s * (1 - s) / n));
  }
  // The tail is 25 + Exp(300): its mean's standard error is 300 / sqrt(about 20,000) = 2.1.
  EXPECT_NEAR(tail_sum / beyond, 325.0, 5.0 * 300.0 / std::sqrt(double(beyond)));
}

// Logs keep whole seconds, so a fitted curve may start at 0: callers who hang up at once.
// 10,000 draws: P(X = 0) = 0.05 has sd 0.0022; within 5 of them.
TEST(KaplanMeierDistribution, AFirstTimeOfZeroIsAnAtomAtZero) {
  const Distribution d = make_kaplan_meier({0, 10}, {0.95, 0.5}, 100.0);
  RandomEngine rng = make_stream(5, 0, StreamPurpose::patience, 0);
  constexpr int n = 10000;
  int zeros = 0;
  for (int i = 0; i < n; ++i) zeros += sample(d, rng) == 0.0;
  EXPECT_NEAR(static_cast<double>(zeros) / n, 0.05, 5.0 * std::sqrt(0.05 * 0.95 / n));
  EXPECT_DOUBLE_EQ(mean(d), 0.45 * 10 + 0.5 * 110);
}

TEST(KaplanMeierDistribution, EndingAtZeroHasNoTail) {
  const KaplanMeier d = make_kaplan_meier({5, 20}, {0.5, 0.0}, 0.0);
  EXPECT_DOUBLE_EQ(mean(d), 12.5);
  RandomEngine rng = make_stream(4, 0, StreamPurpose::patience, 0);
  for (int i = 0; i < 1000; ++i) {
    const double x = sample(Distribution{d}, rng);
    EXPECT_TRUE(x == 5.0 || x == 20.0) << x;
  }
}

TEST(KaplanMeierDistribution, RefusesASurvivalThatIncreases) {
  EXPECT_THROW(make_kaplan_meier({3, 10}, {0.8, 0.9}, 60.0), std::invalid_argument);
}

TEST(KaplanMeierDistribution, RefusesACensoredTailWithoutItsMean) {
  EXPECT_THROW(make_kaplan_meier({3, 10}, {0.8, 0.5}, 0.0), std::invalid_argument);
}

TEST(KaplanMeierDistribution, RefusesATailMeanWhenNothingIsLeft) {
  EXPECT_THROW(make_kaplan_meier({3, 10}, {0.8, 0.0}, 60.0), std::invalid_argument);
}

TEST(KaplanMeierDistribution, RefusesTimesThatDoNotIncreaseAreNegativeOrSurvivalOfOne) {
  EXPECT_THROW(make_kaplan_meier({3, 3}, {0.8, 0.5}, 60.0), std::invalid_argument);
  EXPECT_THROW(make_kaplan_meier({-1, 3}, {0.8, 0.5}, 60.0), std::invalid_argument);
  EXPECT_THROW(make_kaplan_meier({3, 5}, {1.0, 0.5}, 60.0), std::invalid_argument);
}

}  // namespace
}  // namespace ccsim
