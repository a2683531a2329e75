#include "ccsim/goodness_of_fit.h"

#include <cmath>
#include <stdexcept>
#include <vector>

#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <gtest/gtest.h>

#include "ccsim/fitted_law.h"

namespace {

using ccsim::ExponentialLaw;
using ccsim::GammaLaw;
using ccsim::LognormalLaw;
using ccsim::MixtureLaw;
using ccsim::WeibullLaw;

TEST(GoodnessOfFit, KsDistanceEqualsTheHandComputedValue) {
  // F(x) = 1 - exp(-x) at 0.5, 1, 2: 0.393469, 0.632121, 0.864665. The gaps F - (i-1)/3 are
  // 0.393469, 0.298788, 0.197998 and i/3 - F are -0.060136, 0.034546, 0.135335: D = 0.393469.
  const std::vector<double> sample = {2.0, 0.5, 1.0};
  EXPECT_NEAR(ccsim::ks_distance(sample, ExponentialLaw{1.0}), 1.0 - std::exp(-0.5), 1e-12);
}

TEST(GoodnessOfFit, KsDistanceTakesBothSidesOfEachStep) {
  // Uniform(0, 4) at 1, 2, 3: the largest gap is the last step, 1 - 3/4, and the first, 1/4 - 0.
  const std::vector<double> sample = {1.0, 2.0, 3.0};
  EXPECT_NEAR(ccsim::ks_distance(sample, [](double x) { return x / 4.0; }), 0.25, 1e-15);
}

TEST(GoodnessOfFit, KsDistanceCountsTiesAsOneJump) {
  // Both values at 1 against Uniform(0, 2): the sample CDF jumps from 0 to 1 where F = 1/2.
  const std::vector<double> sample = {1.0, 1.0};
  EXPECT_NEAR(ccsim::ks_distance(sample, [](double x) { return x / 2.0; }), 0.5, 1e-15);
}

TEST(GoodnessOfFit, KsDistanceIsSmallForTheTrueLaw) {
  // The 1 % critical value of D for n = 5,000 is 1.628 / sqrt(5000) = 0.023; with a fixed seed
  // this is a fixed number, and a correct CDF gives about 0.012 here.
  boost::random::mt19937_64 engine(7);
  boost::random::normal_distribution<double> normal(5.0, 0.6);
  std::vector<double> sample;
  for (int i = 0; i < 5000; ++i) sample.push_back(std::exp(normal(engine)));
  EXPECT_LT(ccsim::ks_distance(sample, LognormalLaw{5.0, 0.6}), 0.023);
  EXPECT_GT(ccsim::ks_distance(sample, LognormalLaw{5.2, 0.6}), 0.1);
}

TEST(GoodnessOfFit, KsDistanceRefusesAnEmptySample) {
  EXPECT_THROW(ccsim::ks_distance(std::vector<double>{}, ExponentialLaw{1.0}),
               std::invalid_argument);
}

TEST(GoodnessOfFit, AicIsTwiceTheParametersLessTwiceTheLogLikelihood) {
  EXPECT_DOUBLE_EQ(ccsim::aic(-100.0, 2), 204.0);
}

TEST(GoodnessOfFit, CdfOfEachFamilyIsBoostMathsCdf) {
  EXPECT_NEAR(ccsim::cdf(ExponentialLaw{100.0}, 50.0), 1.0 - std::exp(-0.5), 1e-15);
  EXPECT_NEAR(ccsim::cdf(GammaLaw{2.0, 30.0}, 45.0),
              boost::math::cdf(boost::math::gamma_distribution<>(2.0, 30.0), 45.0), 1e-15);
  EXPECT_NEAR(ccsim::cdf(LognormalLaw{5.0, 0.5}, 200.0),
              boost::math::cdf(boost::math::lognormal_distribution<>(5.0, 0.5), 200.0), 1e-15);
  EXPECT_NEAR(ccsim::cdf(WeibullLaw{1.5, 120.0}, 100.0),
              1.0 - std::exp(-std::pow(100.0 / 120.0, 1.5)), 1e-15);
}

TEST(GoodnessOfFit, MixtureCdfIsTheWeightedSumOfItsComponents) {
  const MixtureLaw mixture{{{0.3, ExponentialLaw{20.0}}, {0.7, LognormalLaw{5.5, 0.4}}}};
  const double x = 150.0;
  const double expected = 0.3 * ccsim::cdf(ExponentialLaw{20.0}, x) +
                          0.7 * ccsim::cdf(LognormalLaw{5.5, 0.4}, x);
  EXPECT_NEAR(ccsim::cdf(mixture, x), expected, 1e-15);
  EXPECT_NEAR(ccsim::survival(mixture, x), 1.0 - expected, 1e-15);
  const double density = 0.3 * std::exp(ccsim::log_density(ExponentialLaw{20.0}, x)) +
                         0.7 * std::exp(ccsim::log_density(LognormalLaw{5.5, 0.4}, x));
  EXPECT_NEAR(ccsim::log_density(mixture, x), std::log(density), 1e-12);
}

TEST(GoodnessOfFit, LogDensityIsBoostMathsPdf) {
  EXPECT_NEAR(ccsim::log_density(GammaLaw{2.5, 40.0}, 70.0),
              std::log(boost::math::pdf(boost::math::gamma_distribution<>(2.5, 40.0), 70.0)),
              1e-12);
  EXPECT_NEAR(ccsim::log_density(WeibullLaw{0.8, 90.0}, 30.0),
              std::log(boost::math::pdf(boost::math::weibull_distribution<>(0.8, 90.0), 30.0)),
              1e-12);
  EXPECT_NEAR(ccsim::log_density(LognormalLaw{4.0, 1.2}, 30.0),
              std::log(boost::math::pdf(boost::math::lognormal_distribution<>(4.0, 1.2), 30.0)),
              1e-12);
}

TEST(GoodnessOfFit, EveryLawLivesOnThePositiveHalfLine) {
  EXPECT_EQ(ccsim::cdf(LognormalLaw{1.0, 1.0}, 0.0), 0.0);
  EXPECT_EQ(ccsim::survival(WeibullLaw{2.0, 1.0}, -1.0), 1.0);
  EXPECT_TRUE(std::isinf(ccsim::log_density(ExponentialLaw{1.0}, 0.0)));
}

TEST(GoodnessOfFit, ScenarioObjectsUseTheReadersForms) {
  EXPECT_EQ(ccsim::scenario_json(ExponentialLaw{180.0}),
            (nlohmann::json{{"dist", "exponential"}, {"mean_s", 180.0}}));
  EXPECT_EQ(ccsim::scenario_json(GammaLaw{2.0, 90.0}),
            (nlohmann::json{{"dist", "gamma"}, {"shape", 2.0}, {"scale_s", 90.0}}));
  EXPECT_EQ(ccsim::scenario_json(LognormalLaw{5.0, 0.5}),
            (nlohmann::json{{"dist", "lognormal"}, {"mu", 5.0}, {"sigma", 0.5}}));
  EXPECT_EQ(ccsim::scenario_json(WeibullLaw{1.5, 200.0}),
            (nlohmann::json{{"dist", "weibull"}, {"shape", 1.5}, {"scale_s", 200.0}}));
  const auto mixture = ccsim::scenario_json(
      MixtureLaw{{{0.25, ExponentialLaw{15.0}}, {0.75, LognormalLaw{5.5, 0.4}}}});
  EXPECT_EQ(mixture, nlohmann::json::parse(R"({"dist":"mixture","components":[
      {"weight":0.25,"dist":"exponential","mean_s":15.0},
      {"weight":0.75,"dist":"lognormal","mu":5.5,"sigma":0.4}]})"));
}

TEST(GoodnessOfFit, SurvivalDistanceIsTheLargestGapOnEitherSideOfAStep) {
  // S(t) = exp(-t/10) at 5 and 10: 0.606531, 0.367879. The steps 1 -> 0.8 -> 0.3 differ from it
  // by 0.393469 (before 5), 0.193469, 0.432121 (before 10) and 0.067879: the largest is 0.432121.
  const std::vector<double> times = {5.0, 10.0};
  const std::vector<double> survival = {0.8, 0.3};
  EXPECT_NEAR(ccsim::survival_distance(times, survival, ExponentialLaw{10.0}),
              0.8 - std::exp(-1.0), 1e-12);
}

}  // namespace
