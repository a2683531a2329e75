#include "ccsim/handle_time_fit.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

#include "sim/maximum_likelihood.h"

namespace ccsim {

namespace {

struct Moments {
  double n = 0.0;
  double mean = 0.0;      // of x
  double log_mean = 0.0;  // of log x
  double log_sum = 0.0;   // sum of log x
  double log_var = 0.0;   // (1/n) sum (log x - log_mean)^2
};

Moments moments(std::span<const double> xs) {
  Moments m;
  m.n = static_cast<double>(xs.size());
  for (double x : xs) {
    m.mean += x;
    m.log_sum += std::log(x);
  }
  m.mean /= m.n;
  m.log_mean = m.log_sum / m.n;
  for (double x : xs) {
    const double d = std::log(x) - m.log_mean;
    m.log_var += d * d;
  }
  m.log_var /= m.n;
  return m;
}

}  // namespace

FittedDistribution fit_exponential(std::span<const double> xs) {
  detail::check_handle_times(xs, "exponential fit");
  const Moments m = moments(xs);
  return detail::finish_fit("exponential", ExponentialLaw{m.mean},
                {{"mean_s", m.mean, m.mean / std::sqrt(m.n)}}, -m.n * std::log(m.mean) - m.n, xs,
                0);
}

FittedDistribution fit_lognormal(std::span<const double> xs) {
  detail::check_handle_times(xs, "lognormal fit");
  const Moments m = moments(xs);
  const double sigma = std::sqrt(m.log_var);
  const double log_likelihood = -m.log_sum - m.n * std::log(sigma) -
                                0.5 * m.n * std::log(2.0 * std::numbers::pi) - 0.5 * m.n;
  return detail::finish_fit("lognormal", LognormalLaw{m.log_mean, sigma},
                {{"mu", m.log_mean, sigma / std::sqrt(m.n)},
                 {"sigma", sigma, sigma / std::sqrt(2.0 * m.n)}},
                log_likelihood, xs, 0);
}

FittedDistribution fit_gamma(std::span<const double> xs) {
  detail::check_handle_times(xs, "gamma fit");
  const Moments m = moments(xs);
  const double s = std::log(m.mean) - m.log_mean;
  double k = (3.0 - s + std::sqrt((s - 3.0) * (s - 3.0) + 24.0 * s)) / (12.0 * s);
  int iterations = 0;
  // f(k) = log k - digamma(k) - s decreases and is convex, so Newton from the left climbs to the
  // root without overshooting; a step that would leave (0, inf) is halved instead.
  for (; iterations < 100; ++iterations) {
    const double f = std::log(k) - boost::math::digamma(k) - s;
    const double slope = 1.0 / k - boost::math::trigamma(k);
    double next = k - f / slope;
    if (!(next > 0.0)) next = k / 2.0;
    const double step = std::abs(next - k);
    k = next;
    if (step <= 1e-12 * k) {
      ++iterations;
      break;
    }
  }
  const double scale = m.mean / k;
  const double tri = boost::math::trigamma(k);
  const double denominator = m.n * (k * tri - 1.0);
  const double log_likelihood = (k - 1.0) * m.log_sum - m.n * k - m.n * k * std::log(scale) -
                                m.n * std::lgamma(k);
  return detail::finish_fit("gamma", GammaLaw{k, scale},
                {{"shape", k, std::sqrt(k / denominator)},
                 {"scale_s", scale, scale * std::sqrt(tri / denominator)}},
                log_likelihood, xs, iterations);
}

FittedDistribution fit_weibull(std::span<const double> xs) {
  detail::check_handle_times(xs, "weibull fit");
  const detail::WeibullEstimate e = detail::weibull_mle(xs, {}, "weibull fit");
  return detail::finish_fit("weibull", WeibullLaw{e.shape, e.scale_s},
                {{"shape", e.shape, e.shape_se}, {"scale_s", e.scale_s, e.scale_se}},
                e.log_likelihood, xs, e.iterations);
}

std::vector<FittedDistribution> fit_handle_times(std::span<const double> xs) {
  detail::check_handle_times(xs, "handle-time fit");
  std::vector<FittedDistribution> fits;
  fits.push_back(fit_exponential(xs));
  fits.push_back(fit_gamma(xs));
  fits.push_back(fit_lognormal(xs));
  fits.push_back(fit_weibull(xs));
  std::vector<double> sorted(xs.begin(), xs.end());
  std::sort(sorted.begin(), sorted.end());
  const auto distinct = std::unique(sorted.begin(), sorted.end()) - sorted.begin();
  if (xs.size() >= 10 && distinct >= 4) {
    fits.push_back(fit_lognormal_mixture(xs));
    fits.push_back(fit_exponential_lognormal_mixture(xs));
  }
  return fits;
}

}  // namespace ccsim
