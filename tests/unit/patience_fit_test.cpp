#include "ccsim/patience_fit.h"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

using ccsim::FittedDistribution;
using ccsim::PatienceObservation;

// The 6-MP group of Freireich et al. (1963), weeks in remission, + censored: 6 6 6 6+ 7 9+ 10 10+
// 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+; Kaplan-Meier's estimate in every textbook (e.g.
// Kleinbaum and Klein, Survival Analysis, table 2.1).
std::vector<PatienceObservation> freireich() {
  const std::vector<std::pair<double, bool>> rows = {
      {6, true},   {6, true},   {6, true},   {6, false},  {7, true},   {9, false},  {10, true},
      {10, false}, {11, false}, {13, true},  {16, true},  {17, false}, {19, false}, {20, false},
      {22, true},  {23, true},  {25, false}, {32, false}, {32, false}, {34, false}, {35, false}};
  std::vector<PatienceObservation> out;
  for (const auto& [t, event] : rows) out.push_back({t, event});
  return out;
}

TEST(KaplanMeier, MatchesTheFreireichTextbookExample) {
  const auto km = ccsim::kaplan_meier(freireich());
  const std::vector<double> times = {6, 7, 10, 13, 16, 22, 23};
  const std::vector<double> survival = {0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448};
  const std::vector<std::size_t> at_risk = {21, 17, 15, 12, 11, 7, 6};
  ASSERT_EQ(km.steps.size(), times.size());
  for (std::size_t j = 0; j < times.size(); ++j) {
    EXPECT_EQ(km.steps[j].time_s, times[j]);
    EXPECT_EQ(km.steps[j].at_risk, at_risk[j]);
    EXPECT_NEAR(km.steps[j].survival, survival[j], 5e-4) << "at " << times[j];
  }
  EXPECT_EQ(km.steps[0].abandoned, 3u);
  EXPECT_DOUBLE_EQ(km.steps[0].survival, 18.0 / 21.0);
}

TEST(KaplanMeier, GreenwoodStandardErrorMatchesTheTextbook) {
  // (18/21)^2 * 3 / (21 * 18) = 0.005831; its square root 0.0764.
  const auto km = ccsim::kaplan_meier(freireich());
  EXPECT_NEAR(km.steps[0].standard_error, 0.076, 5e-4);
  EXPECT_NEAR(km.steps[0].standard_error, 18.0 / 21.0 * std::sqrt(3.0 / (21.0 * 18.0)), 1e-15);
}

TEST(KaplanMeier, EqualsTheEmpiricalSurvivalWithoutCensoring) {
  const std::vector<PatienceObservation> obs = {
      {30, true}, {10, true}, {20, true}, {20, true}, {50, true}};
  const auto km = ccsim::kaplan_meier(obs);
  ASSERT_EQ(km.steps.size(), 4u);
  EXPECT_DOUBLE_EQ(km.survival_at(5), 1.0);
  EXPECT_DOUBLE_EQ(km.survival_at(10), 4.0 / 5.0);
  EXPECT_DOUBLE_EQ(km.survival_at(25), 2.0 / 5.0);
  EXPECT_DOUBLE_EQ(km.survival_at(30), 1.0 / 5.0);
  EXPECT_DOUBLE_EQ(km.survival_at(50), 0.0);
  EXPECT_EQ(km.steps.back().standard_error, 0.0);
}

TEST(KaplanMeier, ScenarioHasTimesSurvivalAndTheExponentialTailMean) {
  // Total time 6 + 6 + 6 + 6 + 7 + 9 + ... + 34 + 35 = 359 weeks over 9 events.
  const auto km = ccsim::kaplan_meier(freireich());
  EXPECT_EQ(km.scenario["dist"], "kaplan_meier");
  EXPECT_EQ(km.scenario["times_s"].size(), 7u);
  EXPECT_EQ(km.scenario["survival"].size(), 7u);
  EXPECT_EQ(km.scenario["times_s"][6].get<double>(), 23.0);
  EXPECT_DOUBLE_EQ(km.scenario["tail_mean_s"].get<double>(), 359.0 / 9.0);
  EXPECT_DOUBLE_EQ(km.tail_mean_s, 359.0 / 9.0);
}

TEST(KaplanMeier, DropsCallsServedWithoutWaiting) {
  std::vector<PatienceObservation> obs = freireich();
  obs.push_back({0.0, false});
  obs.push_back({0.0, false});
  const auto km = ccsim::kaplan_meier(obs);
  EXPECT_EQ(km.dropped_zero_waits, 2u);
  EXPECT_EQ(km.observations, 21u);
  EXPECT_EQ(km.steps[0].at_risk, 21u);
}

TEST(KaplanMeier, RefusesDataWhereNobodyAbandoned) {
  const std::vector<PatienceObservation> obs = {{0.0, false}, {12.0, false}, {40.0, false}};
  EXPECT_THAT([&] { ccsim::kaplan_meier(obs); },
              testing::ThrowsMessage<std::invalid_argument>(testing::HasSubstr(
                  "none of the 3 calls abandoned (2 served after waiting, 1 served at once)")));
}

TEST(KaplanMeier, RefusesOnlyZeroWaitServedCalls) {
  const std::vector<PatienceObservation> obs = {{0.0, false}};
  EXPECT_THROW(ccsim::kaplan_meier(obs), std::invalid_argument);
  EXPECT_THROW(ccsim::fit_censored_exponential(obs), std::invalid_argument);
  EXPECT_THROW(ccsim::fit_patience(obs), std::invalid_argument);
}

TEST(KaplanMeier, RefusesNegativeWaitsSayingHowMany) {
  const std::vector<PatienceObservation> obs = {{-1.0, true}, {12.0, false}, {NAN, true}};
  EXPECT_THAT([&] { ccsim::kaplan_meier(obs); },
              testing::ThrowsMessage<std::invalid_argument>(
                  testing::HasSubstr("2 of 3 waits are negative or not finite")));
}

TEST(KaplanMeier, RefusesNoData) {
  EXPECT_THROW(ccsim::kaplan_meier({}), std::invalid_argument);
}

// Synthetic patience censored by independent waits: each call waits min(patience, wait) and
// abandons if patience < wait. n = 5,000, fixed seeds; "within 4 standard errors" as in
// handle_time_fit_test.cpp.
template <class Patience>
std::vector<PatienceObservation> censored_by_waits(Patience patience, double mean_wait,
                                                   std::uint64_t seed) {
  boost::random::mt19937_64 engine(seed);
  boost::random::exponential_distribution<double> wait(1.0 / mean_wait);
  std::vector<PatienceObservation> out;
  for (int i = 0; i < 5000; ++i) {
    const double p = patience(engine);
    const double w = wait(engine);
    out.push_back({std::min(p, w), p < w});
  }
  return out;
}

double censored_share(const std::vector<PatienceObservation>& obs) {
  double c = 0.0;
  for (const auto& o : obs) c += o.abandoned ? 0.0 : 1.0;
  return c / static_cast<double>(obs.size());
}

const ccsim::FittedParameter& parameter(const FittedDistribution& fit, const std::string& name) {
  for (const auto& p : fit.parameters)
    if (p.name == name) return p;
  throw std::logic_error("no parameter " + name);
}

void expect_within_four_se(const FittedDistribution& fit, const std::string& name, double truth) {
  const auto& p = parameter(fit, name);
  EXPECT_GT(p.standard_error, 0.0) << name;
  EXPECT_LT(std::abs(p.value - truth), 4.0 * p.standard_error)
      << fit.family << " " << name << " = " << p.value << " +- " << p.standard_error
      << ", truth " << truth;
}

// Exponential patience of mean 120 s, waits of mean 100 s: P(censored) = (1/100) / (1/100 + 1/120)
// = 0.545.
std::vector<PatienceObservation> exponential_patience() {
  boost::random::exponential_distribution<double> patience(1.0 / 120.0);
  return censored_by_waits([&](auto& e) { return patience(e); }, 100.0, 11);
}

TEST(CensoredFit, ExponentialIsAbandonmentsOverTotalWait) {
  const auto obs = exponential_patience();
  double total = 0.0;
  double events = 0.0;
  for (const auto& o : obs) {
    total += o.wait_s;
    events += o.abandoned ? 1.0 : 0.0;
  }
  const auto fit = ccsim::fit_censored_exponential(obs);
  EXPECT_DOUBLE_EQ(parameter(fit, "mean_s").value, total / events);
  EXPECT_DOUBLE_EQ(parameter(fit, "mean_s").standard_error, total / events / std::sqrt(events));
  EXPECT_EQ(fit.censored, 5000u - static_cast<std::size_t>(events));
}

TEST(CensoredFit, ExponentialRecoversTheMeanPatience) {
  const auto obs = exponential_patience();
  EXPECT_GT(censored_share(obs), 0.3);
  EXPECT_LT(censored_share(obs), 0.6);
  expect_within_four_se(ccsim::fit_censored_exponential(obs), "mean_s", 120.0);
}

TEST(CensoredFit, WeibullRecoversShapeAndScale) {
  boost::random::weibull_distribution<double> patience(1.5, 150.0);
  const auto obs = censored_by_waits([&](auto& e) { return patience(e); }, 150.0, 12);
  EXPECT_GT(censored_share(obs), 0.3);
  EXPECT_LT(censored_share(obs), 0.6);
  const auto fit = ccsim::fit_censored_weibull(obs);
  expect_within_four_se(fit, "shape", 1.5);
  expect_within_four_se(fit, "scale_s", 150.0);
  EXPECT_LT(fit.ks_distance, 0.03);
}

TEST(CensoredFit, LognormalRecoversMuAndSigma) {
  boost::random::normal_distribution<double> log_patience(std::log(100.0), 0.8);
  const auto obs = censored_by_waits([&](auto& e) { return std::exp(log_patience(e)); }, 150.0, 13);
  EXPECT_GT(censored_share(obs), 0.3);
  EXPECT_LT(censored_share(obs), 0.6);
  const auto fit = ccsim::fit_censored_lognormal(obs);
  expect_within_four_se(fit, "mu", std::log(100.0));
  expect_within_four_se(fit, "sigma", 0.8);
  EXPECT_LT(fit.ks_distance, 0.03);
}

TEST(CensoredFit, UncensoredWeibullAgreesWithTheClosedFormScale) {
  // Without censoring the scale is (mean of t^k)^(1/k) at the fitted shape.
  boost::random::weibull_distribution<double> patience(1.5, 150.0);
  const auto obs = censored_by_waits([&](auto& e) { return patience(e); }, 1e12, 14);
  const auto fit = ccsim::fit_censored_weibull(obs);
  const double k = parameter(fit, "shape").value;
  double sum = 0.0;
  for (const auto& o : obs) sum += std::pow(o.wait_s, k);
  EXPECT_NEAR(parameter(fit, "scale_s").value, std::pow(sum / 5000.0, 1.0 / k), 1e-9 * 150.0);
}

TEST(CensoredFit, AicPrefersTheTrueFamily) {
  boost::random::normal_distribution<double> log_patience(std::log(100.0), 0.8);
  const auto obs = censored_by_waits([&](auto& e) { return std::exp(log_patience(e)); }, 150.0, 13);
  const auto fits = ccsim::fit_patience(obs);
  ASSERT_EQ(fits.size(), 3u);
  EXPECT_EQ(ccsim::best_by_aic(fits).family, "lognormal");
}

TEST(CensoredFit, ServedCallsWithoutWaitingChangeNothing) {
  auto obs = exponential_patience();
  const auto before = ccsim::fit_censored_weibull(obs);
  obs.push_back({0.0, false});
  const auto after = ccsim::fit_censored_weibull(obs);
  EXPECT_EQ(parameter(after, "shape").value, parameter(before, "shape").value);
  EXPECT_EQ(after.n, before.n);
}

TEST(CensoredFit, WeibullAndLognormalRefuseAbandonmentsAtZero) {
  auto obs = freireich();
  obs.push_back({0.0, true});
  EXPECT_THAT([&] { ccsim::fit_censored_lognormal(obs); },
              testing::ThrowsMessage<std::invalid_argument>(
                  testing::HasSubstr("1 of 10 abandonments happened at 0 s")));
  EXPECT_THROW(ccsim::fit_censored_weibull(obs), std::invalid_argument);
  EXPECT_NO_THROW(ccsim::fit_censored_exponential(obs));
  EXPECT_EQ(ccsim::fit_patience(obs).size(), 1u);
}

TEST(CensoredFit, RefusesAllAbandonmentsAtOneTime) {
  const std::vector<PatienceObservation> obs = {{30, true}, {30, true}, {10, false}};
  EXPECT_THAT([&] { ccsim::fit_censored_weibull(obs); },
              testing::ThrowsMessage<std::invalid_argument>(
                  testing::HasSubstr("all 2 abandonments happened at 30 s")));
}

TEST(CensoredFit, ExponentialRefusesWaitsThatAreAllZero) {
  const std::vector<PatienceObservation> obs = {{0.0, true}, {0.0, false}};
  EXPECT_THAT([&] { ccsim::fit_censored_exponential(obs); },
              testing::ThrowsMessage<std::invalid_argument>(
                  testing::HasSubstr("every wait is 0 s")));
}

}  // namespace
