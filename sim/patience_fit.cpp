#include "ccsim/patience_fit.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>

#include <boost/math/special_functions/erf.hpp>
#include <fmt/core.h>

#include "ccsim/goodness_of_fit.h"
#include "sim/maximum_likelihood.h"

namespace ccsim {

namespace {

// The observations split into abandonment times (events) and waits of served calls (censored),
// zero-wait served calls dropped. Refuses what every estimator refuses.
struct CensoredData {
  std::vector<double> events;
  std::vector<double> censored;
  std::size_t dropped_zero_waits = 0;
  double total_time = 0.0;
};

CensoredData split(std::span<const PatienceObservation> observations, const char* what) {
  if (observations.empty())
    throw std::invalid_argument(fmt::format("{}: no waits to estimate patience from", what));
  std::size_t bad = 0;
  for (const auto& o : observations)
    if (!std::isfinite(o.wait_s) || o.wait_s < 0.0) ++bad;
  if (bad > 0)
    throw std::invalid_argument(fmt::format("{}: {} of {} waits are negative or not finite",
                                            what, bad, observations.size()));
  CensoredData data;
  for (const auto& o : observations) {
    if (o.abandoned)
      data.events.push_back(o.wait_s);
    else if (o.wait_s > 0.0)
      data.censored.push_back(o.wait_s);
    else
      ++data.dropped_zero_waits;
    data.total_time += o.wait_s;
  }
  if (data.events.empty())
    throw std::invalid_argument(fmt::format(
        "{}: none of the {} calls abandoned ({} served after waiting, {} served at once); "
        "served calls only show that patience exceeded their waits, so no patience "
        "distribution can be estimated",
        what, observations.size(), data.censored.size(), data.dropped_zero_waits));
  return data;
}

// The Weibull and lognormal's further conditions.
void check_positive_events(const CensoredData& data, const char* what) {
  const auto zeros = std::count(data.events.begin(), data.events.end(), 0.0);
  if (zeros > 0)
    throw std::invalid_argument(fmt::format(
        "{}: {} of {} abandonments happened at 0 s, where this family's density is zero or "
        "undefined; use the exponential or Kaplan-Meier, or drop them",
        what, zeros, data.events.size()));
  const auto [low, high] = std::minmax_element(data.events.begin(), data.events.end());
  if (*low == *high)
    throw std::invalid_argument(fmt::format(
        "{}: all {} abandonments happened at {} s; this fit needs at least 2 distinct "
        "abandonment times",
        what, data.events.size(), *low));
}

FittedDistribution finish(std::string family, FittedLaw law, std::vector<FittedParameter> params,
                          double log_likelihood, const CensoredData& data, const KaplanMeierEstimate& km,
                          int iterations) {
  FittedDistribution f;
  f.family = std::move(family);
  f.law = std::move(law);
  f.parameter_count = static_cast<int>(params.size());
  f.parameters = std::move(params);
  f.log_likelihood = log_likelihood;
  f.aic = aic(log_likelihood, f.parameter_count);
  std::vector<double> times;
  std::vector<double> survival;
  for (const auto& step : km.steps) {
    times.push_back(step.time_s);
    survival.push_back(step.survival);
  }
  f.ks_distance = survival_distance(times, survival, f.law);
  f.n = data.events.size() + data.censored.size();
  f.censored = data.censored.size();
  f.iterations = iterations;
  f.scenario = scenario_json(f.law);
  return f;
}

const double log_root_two_pi = 0.5 * std::log(2.0 * std::numbers::pi);

// log Q(z) and h(z) = phi(z) / Q(z) for the standard normal, Q(z) = P(Z > z). erfc underflows past
// z of about 37; there the asymptotic series (Abramowitz and Stegun 26.2.12) takes over.
struct UpperTail {
  double log_q;
  double hazard;
};

UpperTail upper_tail(double z) {
  if (z < 37.0) {
    const double q = z < 0.0 ? 1.0 - 0.5 * boost::math::erfc(-z / std::numbers::sqrt2)
                             : 0.5 * boost::math::erfc(z / std::numbers::sqrt2);
    const double log_phi = -0.5 * z * z - log_root_two_pi;
    return {std::log(q), std::exp(log_phi - std::log(q))};
  }
  const double z2 = z * z;
  const double series = 1.0 - 1.0 / z2 + 3.0 / (z2 * z2);
  return {-0.5 * z2 - std::log(z) - log_root_two_pi + std::log(series), z / series};
}

// Censored normal log-likelihood of y = log t in Olsen's (a, b), with its gradient and the
// information (minus the Hessian), the -sum_E y Jacobian term included in the value.
struct OlsenPoint {
  double log_likelihood = 0.0;
  double ga = 0.0, gb = 0.0;
  double iaa = 0.0, iab = 0.0, ibb = 0.0;
};

OlsenPoint olsen(const std::vector<double>& ye, const std::vector<double>& yc, double a, double b) {
  OlsenPoint p;
  for (double y : ye) {
    const double z = b * y - a;
    p.log_likelihood += std::log(b) - 0.5 * z * z - log_root_two_pi - y;
    p.ga += z;
    p.gb += 1.0 / b - z * y;
    p.iaa += 1.0;
    p.iab -= y;
    p.ibb += 1.0 / (b * b) + y * y;
  }
  for (double y : yc) {
    const double z = b * y - a;
    const UpperTail tail = upper_tail(z);
    const double delta = tail.hazard * (tail.hazard - z);
    p.log_likelihood += tail.log_q;
    p.ga += tail.hazard;
    p.gb -= tail.hazard * y;
    p.iaa += delta;
    p.iab -= delta * y;
    p.ibb += delta * y * y;
  }
  return p;
}

}  // namespace

double KaplanMeierEstimate::survival_at(double t) const {
  double s = 1.0;
  for (const auto& step : steps) {
    if (step.time_s > t) break;
    s = step.survival;
  }
  return s;
}

KaplanMeierEstimate kaplan_meier(std::span<const PatienceObservation> observations) {
  const CensoredData data = split(observations, "Kaplan-Meier");
  std::vector<std::pair<double, bool>> sorted;  // (time, abandoned)
  for (double t : data.events) sorted.emplace_back(t, true);
  for (double t : data.censored) sorted.emplace_back(t, false);
  std::sort(sorted.begin(), sorted.end());

  KaplanMeierEstimate km;
  km.observations = sorted.size();
  km.abandoned = data.events.size();
  km.censored = data.censored.size();
  km.dropped_zero_waits = data.dropped_zero_waits;
  km.tail_mean_s = data.total_time / static_cast<double>(data.events.size());

  std::size_t at_risk = sorted.size();
  double s = 1.0;
  double greenwood = 0.0;
  for (std::size_t i = 0; i < sorted.size();) {
    const double t = sorted[i].first;
    std::size_t events = 0;
    std::size_t leaving = 0;
    for (; i < sorted.size() && sorted[i].first == t; ++i, ++leaving)
      if (sorted[i].second) ++events;
    if (events > 0) {
      const double n = static_cast<double>(at_risk);
      const double d = static_cast<double>(events);
      s *= 1.0 - d / n;
      if (events < at_risk) greenwood += d / (n * (n - d));
      const double se = events < at_risk && s > 0.0 ? s * std::sqrt(greenwood) : 0.0;
      km.steps.push_back({t, at_risk, events, s, se});
    }
    at_risk -= leaving;
  }
  nlohmann::json times = nlohmann::json::array();
  nlohmann::json survival = nlohmann::json::array();
  for (const auto& step : km.steps) {
    times.push_back(step.time_s);
    survival.push_back(step.survival);
  }
  km.scenario = {{"dist", "kaplan_meier"}, {"times_s", std::move(times)}, {"survival", std::move(survival)}};
  // Everyone left at risk abandoned by the last time: no tail, and the reader refuses a tail mean.
  if (km.steps.back().survival > 0.0) km.scenario["tail_mean_s"] = km.tail_mean_s;
  return km;
}

FittedDistribution fit_censored_exponential(std::span<const PatienceObservation> observations) {
  const char* what = "censored exponential fit";
  const CensoredData data = split(observations, what);
  if (!(data.total_time > 0.0))
    throw std::invalid_argument(fmt::format(
        "{}: every wait is 0 s, so the mean patience would be 0; no exponential fits", what));
  const double d = static_cast<double>(data.events.size());
  const double mean = data.total_time / d;
  return finish("exponential", ExponentialLaw{mean}, {{"mean_s", mean, mean / std::sqrt(d)}},
                -d * std::log(mean) - d, data, kaplan_meier(observations), 0);
}

FittedDistribution fit_censored_weibull(std::span<const PatienceObservation> observations) {
  const char* what = "censored weibull fit";
  const CensoredData data = split(observations, what);
  check_positive_events(data, what);
  const detail::WeibullEstimate e = detail::weibull_mle(data.events, data.censored, what);
  return finish("weibull", WeibullLaw{e.shape, e.scale_s},
                {{"shape", e.shape, e.shape_se}, {"scale_s", e.scale_s, e.scale_se}},
                e.log_likelihood, data, kaplan_meier(observations), e.iterations);
}

FittedDistribution fit_censored_lognormal(std::span<const PatienceObservation> observations) {
  const char* what = "censored lognormal fit";
  const CensoredData data = split(observations, what);
  check_positive_events(data, what);
  std::vector<double> ye;
  std::vector<double> yc;
  for (double t : data.events) ye.push_back(std::log(t));
  for (double t : data.censored) yc.push_back(std::log(t));
  double mu = 0.0;
  for (double y : ye) mu += y;
  mu /= static_cast<double>(ye.size());
  double ss = 0.0;
  for (double y : ye) ss += (y - mu) * (y - mu);
  const double sigma0 = std::sqrt(ss / static_cast<double>(ye.size()));

  double a = mu / sigma0;
  double b = 1.0 / sigma0;
  OlsenPoint p = olsen(ye, yc, a, b);
  int iterations = 0;
  for (; iterations < 100; ++iterations) {
    // Newton step: information * (da, db) = gradient.
    const double det = p.iaa * p.ibb - p.iab * p.iab;
    double da = (p.ibb * p.ga - p.iab * p.gb) / det;
    double db = (p.iaa * p.gb - p.iab * p.ga) / det;
    OlsenPoint next;
    bool improved = false;
    for (int halving = 0; halving < 60; ++halving, da /= 2.0, db /= 2.0) {
      if (!(b + db > 0.0)) continue;
      next = olsen(ye, yc, a + da, b + db);
      if (next.log_likelihood >= p.log_likelihood) {
        improved = true;
        break;
      }
    }
    if (!improved) break;  // at the maximum to rounding
    a += da;
    b += db;
    p = next;
    if (std::abs(da) <= 1e-12 * (1.0 + std::abs(a)) && std::abs(db) <= 1e-12 * b) {
      ++iterations;
      break;
    }
  }
  // Covariance of (a, b) = information^-1; then mu = a/b, sigma = 1/b by the delta method.
  const double det = p.iaa * p.ibb - p.iab * p.iab;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  double se_mu = nan;
  double se_sigma = nan;
  if (det > 0.0 && p.iaa > 0.0) {
    const double caa = p.ibb / det;
    const double cab = -p.iab / det;
    const double cbb = p.iaa / det;
    const double g1 = 1.0 / b;
    const double g2 = -a / (b * b);
    se_mu = std::sqrt(g1 * g1 * caa + 2.0 * g1 * g2 * cab + g2 * g2 * cbb);
    se_sigma = std::sqrt(cbb) / (b * b);
  }
  return finish("lognormal", LognormalLaw{a / b, 1.0 / b},
                {{"mu", a / b, se_mu}, {"sigma", 1.0 / b, se_sigma}}, p.log_likelihood, data,
                kaplan_meier(observations), iterations);
}

std::vector<FittedDistribution> fit_patience(std::span<const PatienceObservation> observations) {
  std::vector<FittedDistribution> fits;
  fits.push_back(fit_censored_exponential(observations));
  const CensoredData data = split(observations, "patience fit");
  bool two_parameter = true;
  try {
    check_positive_events(data, "patience fit");
  } catch (const std::invalid_argument&) {
    two_parameter = false;
  }
  if (two_parameter) {
    fits.push_back(fit_censored_weibull(observations));
    fits.push_back(fit_censored_lognormal(observations));
  }
  return fits;
}

}  // namespace ccsim
