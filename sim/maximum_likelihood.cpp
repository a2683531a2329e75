#include "sim/maximum_likelihood.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <utility>

#include <boost/math/tools/roots.hpp>
#include <fmt/core.h>

#include "ccsim/goodness_of_fit.h"

namespace ccsim::detail {

void check_handle_times(std::span<const double> xs, const char* what, std::size_t minimum_values,
                        std::size_t minimum_distinct) {
  if (xs.empty()) throw std::invalid_argument(fmt::format("{}: no handle times to fit", what));
  std::size_t not_finite = 0;
  std::size_t not_positive = 0;
  for (double x : xs) {
    if (!std::isfinite(x))
      ++not_finite;
    else if (x <= 0.0)
      ++not_positive;
  }
  if (not_finite > 0)
    throw std::invalid_argument(fmt::format("{}: {} of {} handle times are not finite numbers",
                                            what, not_finite, xs.size()));
  if (not_positive > 0)
    throw std::invalid_argument(fmt::format(
        "{}: {} of {} handle times are zero or negative; the families fitted here live on "
        "(0, inf), so remove or correct them",
        what, not_positive, xs.size()));
  if (xs.size() < minimum_values)
    throw std::invalid_argument(fmt::format("{}: {} handle times; this fit needs at least {}",
                                            what, xs.size(), minimum_values));
  std::vector<double> sorted(xs.begin(), xs.end());
  std::sort(sorted.begin(), sorted.end());
  const auto distinct = static_cast<std::size_t>(
      std::unique(sorted.begin(), sorted.end()) - sorted.begin());
  if (distinct < minimum_distinct) {
    if (distinct == 1)
      throw std::invalid_argument(fmt::format(
          "{}: all {} handle times equal {} s; fitting a distribution needs at least {} distinct "
          "values",
          what, xs.size(), sorted.front(), minimum_distinct));
    throw std::invalid_argument(
        fmt::format("{}: only {} distinct handle times; this fit needs at least {}", what,
                    distinct, minimum_distinct));
  }
}

FittedDistribution finish_fit(std::string family, FittedLaw law,
                              std::vector<FittedParameter> parameters, double log_likelihood,
                              std::span<const double> xs, int iterations) {
  FittedDistribution f;
  f.family = std::move(family);
  f.law = std::move(law);
  f.parameter_count = static_cast<int>(parameters.size());
  f.parameters = std::move(parameters);
  f.log_likelihood = log_likelihood;
  f.aic = aic(log_likelihood, f.parameter_count);
  f.ks_distance = ks_distance(xs, f.law);
  f.n = xs.size();
  f.iterations = iterations;
  f.scenario = scenario_json(f.law);
  return f;
}

std::vector<double> standard_errors_from_information(std::vector<double> a, std::size_t k) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Cholesky a = L L^T in place (lower triangle), then the diagonal of a^-1 = L^-T L^-1 as the
  // squared norms of the columns of L^-1.
  for (std::size_t j = 0; j < k; ++j) {
    double diag = a[j * k + j];
    for (std::size_t p = 0; p < j; ++p) diag -= a[j * k + p] * a[j * k + p];
    if (!(diag > 0.0) || !std::isfinite(diag)) return std::vector<double>(k, nan);
    const double ljj = std::sqrt(diag);
    a[j * k + j] = ljj;
    for (std::size_t i = j + 1; i < k; ++i) {
      double v = a[i * k + j];
      for (std::size_t p = 0; p < j; ++p) v -= a[i * k + p] * a[j * k + p];
      a[i * k + j] = v / ljj;
    }
  }
  std::vector<double> variance(k, 0.0);
  for (std::size_t col = 0; col < k; ++col) {
    // Solve L y = e_col by forward substitution; y is column `col` of L^-1.
    std::vector<double> y(k, 0.0);
    for (std::size_t i = col; i < k; ++i) {
      double v = (i == col) ? 1.0 : 0.0;
      for (std::size_t p = col; p < i; ++p) v -= a[i * k + p] * y[p];
      y[i] = v / a[i * k + i];
    }
    // (a^-1)_{col,col} = sum_i (L^-1)_{i,col}^2, and (L^-1)_{i,col} = y[i].
    double s = 0.0;
    for (std::size_t i = col; i < k; ++i) s += y[i] * y[i];
    variance[col] = s;
  }
  std::vector<double> se(k);
  for (std::size_t i = 0; i < k; ++i) se[i] = std::sqrt(variance[i]);
  return se;
}

std::vector<double> numerical_hessian(const std::function<double(std::span<const double>)>& f,
                                      std::span<const double> x0, std::span<const double> h) {
  const std::size_t k = x0.size();
  std::vector<double> x(x0.begin(), x0.end());
  auto at = [&](std::size_t i, double di, std::size_t j, double dj) {
    x[i] += di;
    x[j] += dj;
    const double v = f(x);
    x[i] -= di;
    x[j] -= dj;
    return v;
  };
  const double centre = f(x);
  std::vector<double> hessian(k * k, 0.0);
  for (std::size_t i = 0; i < k; ++i) {
    hessian[i * k + i] =
        (at(i, h[i], i, 0.0) - 2.0 * centre + at(i, -h[i], i, 0.0)) / (h[i] * h[i]);
    for (std::size_t j = 0; j < i; ++j) {
      const double v = (at(i, h[i], j, h[j]) - at(i, h[i], j, -h[j]) - at(i, -h[i], j, h[j]) +
                        at(i, -h[i], j, -h[j])) /
                       (4.0 * h[i] * h[j]);
      hessian[i * k + j] = v;
      hessian[j * k + i] = v;
    }
  }
  return hessian;
}

namespace {

// Weighted sums over all times of exp(k u - m), u = log t - c, and their first two u-moments.
struct ExpSums {
  double shift = 0.0;  // m
  double s0 = 0.0, s1 = 0.0, s2 = 0.0;
};

ExpSums exp_sums(std::span<const double> u, double k) {
  ExpSums s;
  s.shift = -std::numeric_limits<double>::infinity();
  for (double v : u) s.shift = std::max(s.shift, k * v);
  for (double v : u) {
    const double w = std::exp(k * v - s.shift);
    s.s0 += w;
    s.s1 += w * v;
    s.s2 += w * v * v;
  }
  return s;
}

}  // namespace

WeibullEstimate weibull_mle(std::span<const double> event_times,
                            std::span<const double> censored_times, const std::string& what) {
  const auto d = static_cast<double>(event_times.size());
  if (event_times.empty()) throw std::invalid_argument(what + ": no observed (uncensored) times");
  double sum_log_events = 0.0;
  for (double t : event_times) sum_log_events += std::log(t);
  const double c = sum_log_events / d;
  std::vector<double> u;
  u.reserve(event_times.size() + censored_times.size());
  double event_ss = 0.0;
  for (double t : event_times) {
    u.push_back(std::log(t) - c);
    event_ss += u.back() * u.back();
  }
  for (double t : censored_times) u.push_back(std::log(t) - c);
  // After centring, sum_events u = 0, so g(k) = s1/s0 - 1/k.
  auto score = [&](double k) {
    const ExpSums s = exp_sums(u, k);
    const double mean_u = s.s1 / s.s0;
    const double var_u = std::max(0.0, s.s2 / s.s0 - mean_u * mean_u);
    return std::pair<double, double>(mean_u - 1.0 / k, var_u + 1.0 / (k * k));
  };
  const double event_sd = std::sqrt(event_ss / d);
  const double k0 = event_sd > 0.0 ? std::numbers::pi / (std::sqrt(6.0) * event_sd) : 1.0;
  double lo = k0;
  double hi = k0;
  for (int i = 0; i < 60 && score(lo).first > 0.0; ++i) lo /= 2.0;
  int doublings = 0;
  for (; doublings < 60 && score(hi).first < 0.0; ++doublings) hi *= 2.0;
  if (score(hi).first < 0.0 || score(lo).first > 0.0)
    throw std::invalid_argument(
        what + ": the Weibull shape has no finite estimate (the observed times are all equal and "
               "no censored time lies beyond them)");
  std::uintmax_t iterations = 100;
  const double k = boost::math::tools::newton_raphson_iterate(
      score, std::clamp(k0, lo, hi), lo, hi, 45, iterations);

  const ExpSums s = exp_sums(u, k);
  const double log_scale = c + (s.shift + std::log(s.s0) - std::log(d)) / k;
  WeibullEstimate e;
  e.shape = k;
  e.scale_s = std::exp(log_scale);
  e.iterations = static_cast<int>(iterations);
  e.log_likelihood = d * std::log(k) - d * k * log_scale + (k - 1.0) * sum_log_events - d;
  // Information, with v = u - (log l - c) and z = exp(k v) = exp(k u - m) * d / s0.
  double zv = 0.0;
  double zv2 = 0.0;
  for (double ui : u) {
    const double v = ui - (log_scale - c);
    const double z = std::exp(k * ui - s.shift) * d / s.s0;
    zv += z * v;
    zv2 += z * v * v;
  }
  const double l = e.scale_s;
  std::vector<double> information = {d / (k * k) + zv2, -(k / l) * zv,  //
                                     -(k / l) * zv, d * k * k / (l * l)};
  const auto se = standard_errors_from_information(std::move(information), 2);
  e.shape_se = se[0];
  e.scale_se = se[1];
  return e;
}

}  // namespace ccsim::detail
