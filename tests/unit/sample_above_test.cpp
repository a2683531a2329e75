// sample_above: X conditioned on X > w, for the coming replay of served calls (a call that waited
// w tells only that its patience exceeded w). The law: never below w, whatever the family.
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
void PrintTo(const Case& c, std::ostream* out) { *out << c.name; }

class SampleAbove : public testing::TestWithParam<Case> {};

// Waits from 0 to far beyond each distribution's mean, 300 draws each.
TEST_P(SampleAbove, NeverReturnsLessThanTheWait) {
  const Distribution& d = GetParam().distribution;
  RandomEngine rng = make_stream(21, 0, StreamPurpose::patience, 0);
  for (double w : {0.0, 1.0, 5.0, 30.0, 100.0, 400.0, 2000.0, 20000.0}) {
    for (int i = 0; i < 300; ++i) {
      const double x = sample_above(d, w, rng);
      ASSERT_GE(x, w) << "w " << w;
      ASSERT_TRUE(std::isfinite(x)) << "w " << w;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    EveryFamily, SampleAbove,
    testing::Values(
        Case{"exponential", Exponential{120.0}}, Case{"erlang", Erlang{3, 200.0}},
        Case{"gamma", Gamma{0.5, 200.0}}, Case{"lognormal", Lognormal{4.5, 1.2}},
        Case{"weibull", Weibull{0.6, 100.0}}, Case{"uniform", Uniform{10.0, 300.0}},
        Case{"deterministic", Deterministic{60.0}},
        Case{"truncated_normal", TruncatedNormal{100.0, 50.0, 0.0}},
        Case{"empirical", Empirical({3, 8, 8, 40, 200, 1500})},
        Case{"kaplan_meier", make_kaplan_meier({3, 10, 25}, {0.9, 0.6, 0.2}, 300.0)},
        Case{"kaplan_meier_ending_at_zero", make_kaplan_meier({3, 10}, {0.5, 0.0}, 0.0)},
        Case{"truncated", make_truncated(Lognormal{4.5, 1.2}, 20.0, 600.0)},
        Case{"mixture", make_mixture({mixture_component(Exponential{6.0}),
                                      mixture_component(Lognormal{5.1, 0.9})},
                                     {0.3, 0.7})},
        Case{"bounded_mixture", make_mixture({mixture_component(Deterministic{5.0}),
                                              mixture_component(Weibull{0.8, 300.0})},
                                             {0.4, 0.6}, 1.0, 5000.0)}),
    [](const auto& info) { return info.param.name; });

// 40,000 draws of 100 + Exp(120): standard error 0.6 s.
TEST(SampleAbove, ExponentialIsMemoryless) {
  RandomEngine rng = make_stream(22, 0, StreamPurpose::patience, 0);
  constexpr int n = 40000;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += sample_above(Exponential{120.0}, 100.0, rng);
  EXPECT_NEAR(sum / n, 220.0, 5.0 * 120.0 / std::sqrt(double{n}));
}

// The conditional mean is that of the law truncated to [w, inf) (exact, from its partial moments).
TEST(SampleAbove, LognormalHasTheMeanOfItsTruncationAtTheWait) {
  const Lognormal d{4.5, 1.2};
  const Distribution above_w = make_truncated(d, 150.0, INFINITY);
  RandomEngine rng = make_stream(23, 0, StreamPurpose::patience, 0);
  constexpr int n = 40000;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += sample_above(d, 150.0, rng);
  EXPECT_NEAR(sum / n, mean(above_w), 5.0 * cv(above_w) * mean(above_w) / std::sqrt(double{n}));
}

TEST(SampleAbove, ReturnsTheWaitWhenNothingLiesAboveIt) {
  RandomEngine rng = make_stream(24, 0, StreamPurpose::patience, 0);
  EXPECT_EQ(sample_above(Deterministic{30.0}, 45.0, rng), 45.0);
  EXPECT_EQ(sample_above(Deterministic{45.0}, 45.0, rng), 45.0);
  EXPECT_EQ(sample_above(Uniform{10.0, 40.0}, 45.0, rng), 45.0);
  EXPECT_EQ(sample_above(Empirical({1, 2, 3}), 3.0, rng), 3.0);
  EXPECT_EQ(sample_above(make_kaplan_meier({3, 10}, {0.5, 0.0}, 0.0), 12.0, rng), 12.0);
  EXPECT_EQ(sample_above(make_truncated(Gamma{2.0, 10.0}, 1.0, 40.0), 50.0, rng), 50.0);
}

TEST(SampleAbove, DeterministicAboveTheWaitIsItsValue) {
  RandomEngine rng = make_stream(25, 0, StreamPurpose::patience, 0);
  EXPECT_EQ(sample_above(Deterministic{60.0}, 45.0, rng), 60.0);
}

TEST(SampleAbove, EmpiricalDrawsOnlyTheValuesAboveTheWaitEqually) {
  RandomEngine rng = make_stream(26, 0, StreamPurpose::patience, 0);
  int forty = 0;
  constexpr int n = 20000;  // binomial(0.5): sd 0.0035
  for (int i = 0; i < n; ++i) {
    const double x = sample_above(Empirical({3, 8, 8, 40, 200}), 8.0, rng);
    ASSERT_TRUE(x == 40.0 || x == 200.0) << x;
    forty += x == 40.0;
  }
  EXPECT_NEAR(static_cast<double>(forty) / n, 0.5, 5.0 * std::sqrt(0.25 / n));
}

// Beyond the last time only the tail is left: 25 + Exp(300) given > 100 is 100 + Exp(300).
TEST(SampleAbove, KaplanMeierBeyondItsLastTimeDrawsTheMemorylessTail) {
  const Distribution d = make_kaplan_meier({3, 10, 25}, {0.9, 0.6, 0.2}, 300.0);
  RandomEngine rng = make_stream(27, 0, StreamPurpose::patience, 0);
  constexpr int n = 20000;  // standard error 2.1 s
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += sample_above(d, 100.0, rng);
  EXPECT_NEAR(sum / n, 400.0, 5.0 * 300.0 / std::sqrt(double{n}));
}

// Given X > 20 the deterministic part (10) is impossible: only the exponential is left.
TEST(SampleAbove, MixtureWeighsItsPartsByTheirMassAboveTheWait) {
  const Distribution d = make_mixture(
      {mixture_component(Deterministic{10.0}), mixture_component(Exponential{100.0})}, {0.5, 0.5});
  RandomEngine rng = make_stream(28, 0, StreamPurpose::patience, 0);
  constexpr int n = 20000;  // standard error 0.71 s
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += sample_above(d, 20.0, rng);
  EXPECT_NEAR(sum / n, 120.0, 5.0 * 100.0 / std::sqrt(double{n}));
}

}  // namespace
}  // namespace ccsim
