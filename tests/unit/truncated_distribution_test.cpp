// Bounds on a distribution: X conditioned on min_s <= X <= max_s, drawn by the inverse CDF, its
// mean and CV exact; bounds that keep no probability refused.
#include <cmath>
#include <functional>
#include <string>

#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <gtest/gtest.h>

#include "ccsim/distribution.h"
#include "ccsim/random_streams.h"

namespace ccsim {
namespace {

struct Case {
  std::string name;
  Law law;
  double min;
  double max;
  std::function<double(double)> density;  // of the law before the bounds
};
void PrintTo(const Case& c, std::ostream* out) { *out << c.name; }

class TruncatedLaw : public testing::TestWithParam<Case> {};

double integral(const std::function<double(double)>& f, double a, double b) {
  return boost::math::quadrature::gauss_kronrod<double, 61>::integrate(f, a, b, 15, 1e-13);
}

// An independent check of the closed forms: quadrature of the density over the bounds.
TEST_P(TruncatedLaw, MeanAndCvMatchTheDensityIntegratedOverTheBounds) {
  const Case& c = GetParam();
  const double mass = integral(c.density, c.min, c.max);
  const double m = integral([&](double x) { return x * c.density(x); }, c.min, c.max) / mass;
  const double second =
      integral([&](double x) { return x * x * c.density(x); }, c.min, c.max) / mass;
  const Distribution d = make_truncated(c.law, c.min, c.max);
  EXPECT_NEAR(mean(d), m, 1e-8 * m);
  EXPECT_NEAR(cv(d), std::sqrt(second - m * m) / m, 1e-7);
}

// 40,000 draws: the mean's standard error is sd / 200; within 5 of them (fixed seed).
TEST_P(TruncatedLaw, DrawsStayWithinTheBoundsWithTheExactMean) {
  const Case& c = GetParam();
  const Distribution d = make_truncated(c.law, c.min, c.max);
  RandomEngine rng = make_stream(11, 0, StreamPurpose::handle_time, 0);
  constexpr int n = 40000;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double x = sample(d, rng);
    ASSERT_GE(x, c.min);
    ASSERT_LE(x, c.max);
    sum += x;
  }
  EXPECT_NEAR(sum / n, mean(d), 5.0 * cv(d) * mean(d) / std::sqrt(double{n}));
}

namespace bm = boost::math;

INSTANTIATE_TEST_SUITE_P(
    Families, TruncatedLaw,
    testing::Values(
        Case{"exponential", Exponential{120.0}, 30.0, 400.0,
             [](double x) { return std::exp(-x / 120.0) / 120.0; }},
        Case{"erlang", Erlang{3, 300.0}, 100.0, 900.0,
             [](double x) { return bm::pdf(bm::gamma_distribution<>(3.0, 100.0), x); }},
        Case{"gamma", Gamma{0.6, 250.0}, 5.0, 1200.0,
             [](double x) { return bm::pdf(bm::gamma_distribution<>(0.6, 250.0), x); }},
        Case{"lognormal", Lognormal{5.1, 0.9}, 30.0, 600.0,
             [](double x) { return bm::pdf(bm::lognormal_distribution<>(5.1, 0.9), x); }},
        Case{"weibull", Weibull{0.7, 150.0}, 10.0, 2000.0,
             [](double x) { return bm::pdf(bm::weibull_distribution<>(0.7, 150.0), x); }},
        Case{"truncated_normal", TruncatedNormal{200.0, 80.0, 0.0}, 50.0, 300.0,
             [](double x) { return bm::pdf(bm::normal_distribution<>(200.0, 80.0), x); }},
        Case{"upper_tail", Lognormal{5.1, 0.9}, 1200.0, 9000.0,
             [](double x) { return bm::pdf(bm::lognormal_distribution<>(5.1, 0.9), x); }}),
    [](const auto& info) { return info.param.name; });

// Memoryless: X | X >= a is a + X, so the mean is a + 60 and the sd 60, even 20 means deep into
// the tail, where P(X >= a) is 2e-9 and 1 - F(a) would have lost half its digits.
TEST(Truncated, MinOnlyOnAnExponentialIsMemorylessEvenDeepInTheTail) {
  const Distribution d = make_truncated(Exponential{60.0}, 1200.0, INFINITY);
  EXPECT_NEAR(mean(d), 1260.0, 1e-9 * 1260.0);
  EXPECT_NEAR(cv(d), 60.0 / 1260.0, 1e-9);
  RandomEngine rng = make_stream(12, 0, StreamPurpose::patience, 0);
  double sum = 0.0;
  constexpr int n = 10000;  // standard error 0.6 s
  for (int i = 0; i < n; ++i) {
    const double x = sample(d, rng);
    ASSERT_GE(x, 1200.0);
    sum += x;
  }
  EXPECT_NEAR(sum / n, 1260.0, 5.0 * 60.0 / std::sqrt(double{n}));
}

TEST(Truncated, RefusesBoundsKeepingNoProbability) {
  EXPECT_THROW(make_truncated(Exponential{60.0}, 1e6, 2e6), std::invalid_argument);
  EXPECT_THROW(make_truncated(Lognormal{5.0, 0.5}, 0.0, 1e-3), std::invalid_argument);
  EXPECT_THROW(make_truncated(Uniform{10.0, 20.0}, 30.0, 40.0), std::invalid_argument);
}

TEST(Truncated, RefusesAMinNotBelowTheMax) {
  EXPECT_THROW(make_truncated(Exponential{60.0}, 100.0, 100.0), std::invalid_argument);
  EXPECT_THROW(make_truncated(Exponential{60.0}, 200.0, 100.0), std::invalid_argument);
}

TEST(Truncated, FiltersEmpiricalValues) {
  const auto d = std::get<Empirical>(make_truncated(Empirical({5, 50, 500, 5000}), 10.0, 1000.0));
  EXPECT_EQ(d.values, (std::vector<double>{50, 500}));
  EXPECT_THROW(make_truncated(Empirical({5, 5000}), 10.0, 1000.0), std::invalid_argument);
}

TEST(Truncated, NarrowsAUniformAndChecksADeterministicValue) {
  const auto u = std::get<Uniform>(make_truncated(Uniform{10.0, 100.0}, 20.0, 1000.0));
  EXPECT_EQ(u.low, 20.0);
  EXPECT_EQ(u.high, 100.0);
  EXPECT_EQ(std::get<Deterministic>(make_truncated(Deterministic{30.0}, 0.0, 60.0)).value, 30.0);
  EXPECT_THROW(make_truncated(Deterministic{90.0}, 0.0, 60.0), std::invalid_argument);
}

TEST(Truncated, AKaplanMeierCurveKeepsItsAtomsWithinTheBounds) {
  const KaplanMeier km = make_kaplan_meier({3, 10, 25}, {0.9, 0.6, 0.2}, 300.0);
  // Within [10, 25]: atoms 10 (0.3) and 25 (0.4).
  const Distribution d = make_truncated(km, 10.0, 25.0);
  EXPECT_NEAR(mean(d), (10 * 0.3 + 25 * 0.4) / 0.7, 1e-12);
  RandomEngine rng = make_stream(13, 0, StreamPurpose::patience, 0);
  for (int i = 0; i < 1000; ++i) {
    const double x = sample(d, rng);
    EXPECT_TRUE(x == 10.0 || x == 25.0) << x;
  }
}

// Bounds on a mixture: its parts truncated, their weights scaled by the mass each keeps.
// Exponentials 60 and 600 on [0, 300]: masses 1 - e^-5 and 1 - e^-0.5, truncated means
// m - 300 e^(-300/m) / (1 - e^(-300/m)).
TEST(Truncated, BoundsOnAMixtureReweighItsParts) {
  const Distribution d =
      make_mixture({mixture_component(Exponential{60.0}), mixture_component(Exponential{600.0})},
                   {0.5, 0.5}, 0.0, 300.0);
  const auto part = [](double m) {
    const double kept = -std::expm1(-300.0 / m);
    return std::pair{kept, m - 300.0 * std::exp(-300.0 / m) / kept};
  };
  const auto [k1, m1] = part(60.0);
  const auto [k2, m2] = part(600.0);
  const double expected = (k1 * m1 + k2 * m2) / (k1 + k2);
  EXPECT_NEAR(mean(d), expected, 1e-9 * expected);
  RandomEngine rng = make_stream(14, 0, StreamPurpose::handle_time, 0);
  constexpr int n = 40000;  // sd < 90 s: standard error < 0.45 s
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double x = sample(d, rng);
    ASSERT_LE(x, 300.0);
    sum += x;
  }
  EXPECT_NEAR(sum / n, expected, 5.0 * cv(d) * mean(d) / std::sqrt(double{n}));
}

TEST(Truncated, APartOfAMixtureMayHaveItsOwnBounds) {
  const Distribution bounded = make_truncated(Lognormal{5.1, 0.9}, 60.0, 900.0);
  const Distribution d = make_mixture(
      {mixture_component(Deterministic{5.0}), mixture_component(bounded)}, {0.2, 0.8});
  EXPECT_NEAR(mean(d), 0.2 * 5.0 + 0.8 * mean(bounded), 1e-9 * mean(d));
  RandomEngine rng = make_stream(15, 0, StreamPurpose::handle_time, 0);
  for (int i = 0; i < 2000; ++i) {
    const double x = sample(d, rng);
    EXPECT_TRUE(x == 5.0 || (x >= 60.0 && x <= 900.0)) << x;
  }
}

TEST(Truncated, TakesTheFamilyNameOfItsLaw) {
  EXPECT_EQ(family_name(make_truncated(Gamma{2.0, 50.0}, 10.0, 500.0)), "gamma");
}

}  // namespace
}  // namespace ccsim
