#include "ccsim/distribution.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include <boost/math/special_functions/gamma.hpp>

namespace ccsim {

namespace {

constexpr double pi = 3.14159265358979323846;

double standard_normal_pdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2.0 * pi); }
double standard_normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// Mean and CV of N(mu, sigma^2) conditioned on X >= low (Johnson, Kotz & Balakrishnan,
// Continuous Univariate Distributions vol. 1, 2nd ed., section 10.1).
struct Moments { double mean; double cv; };
Moments truncated_normal_moments(double mu, double sigma, double low) {
  const double alpha = (low - mu) / sigma;
  const double lambda = standard_normal_pdf(alpha) / standard_normal_cdf(-alpha);
  const double m = mu + sigma * lambda;
  const double variance = sigma * sigma * (1.0 + alpha * lambda - lambda * lambda);
  return {m, std::sqrt(std::max(variance, 0.0)) / m};
}

double weibull_cv(double shape) {
  const double g1 = boost::math::tgamma(1.0 + 1.0 / shape);
  const double g2 = boost::math::tgamma(1.0 + 2.0 / shape);
  return std::sqrt(std::max(g2 / (g1 * g1) - 1.0, 0.0));
}

// Bisection on a function that decreases in x over [lo, hi]; `f` is monotone for both callers.
template <class F>
double solve_decreasing(F f, double target, double lo, double hi) {
  for (int i = 0; i < 200 && hi - lo > 1e-13 * std::max(1.0, std::abs(hi)); ++i) {
    const double mid = 0.5 * (lo + hi);
    if (f(mid) > target) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

void require_mean_cv(double mean_value, double cv_value) {
  if (!(mean_value > 0.0)) throw std::invalid_argument("mean must be > 0");
  if (!(cv_value > 0.0)) throw std::invalid_argument("cv must be > 0");
}

}  // namespace

Lognormal lognormal_from_mean_cv(double mean_value, double cv_value) {
  require_mean_cv(mean_value, cv_value);
  const double sigma2 = std::log1p(cv_value * cv_value);
  return {std::log(mean_value) - 0.5 * sigma2, std::sqrt(sigma2)};
}

Gamma gamma_from_mean_cv(double mean_value, double cv_value) {
  require_mean_cv(mean_value, cv_value);
  const double shape = 1.0 / (cv_value * cv_value);
  return {shape, mean_value / shape};
}

Weibull weibull_from_mean_cv(double mean_value, double cv_value) {
  require_mean_cv(mean_value, cv_value);
  // The CV falls as the shape grows; shapes in [0.05, 500] cover CVs from ~3e-3 to ~1e10.
  if (cv_value < weibull_cv(500.0) || cv_value > weibull_cv(0.05))
    throw std::invalid_argument("cv out of the range a weibull can have");
  const double log_shape =
      solve_decreasing([](double s) { return weibull_cv(std::exp(s)); }, cv_value,
                       std::log(0.05), std::log(500.0));
  const double shape = std::exp(log_shape);
  return {shape, mean_value / boost::math::tgamma(1.0 + 1.0 / shape)};
}

Uniform uniform_from_mean_cv(double mean_value, double cv_value) {
  require_mean_cv(mean_value, cv_value);
  const double half_width = mean_value * cv_value * std::sqrt(3.0);
  if (half_width > mean_value) throw std::invalid_argument("cv must be <= 1/sqrt(3) for a uniform");
  return {mean_value - half_width, mean_value + half_width};
}

TruncatedNormal truncated_normal_from_mean_cv(double mean_value, double cv_value) {
  require_mean_cv(mean_value, cv_value);
  if (cv_value >= 1.0) throw std::invalid_argument("cv must be < 1 for a truncated normal");
  // The CV of a normal truncated at 0 depends on z = mu / sigma alone and falls as z grows
  // (towards 1 as z -> -inf, the exponential limit). Solve for z, then scale to the mean.
  const auto cv_of_z = [](double z) { return truncated_normal_moments(z, 1.0, 0.0).cv; };
  const double z = solve_decreasing(cv_of_z, cv_value, -30.0, 1e6);
  const double sigma = mean_value / truncated_normal_moments(z, 1.0, 0.0).mean;
  return {z * sigma, sigma, 0.0};
}

namespace {

struct MeanOf {
  double operator()(const Exponential& d) const { return d.mean; }
  double operator()(const Erlang& d) const { return d.mean; }
  double operator()(const Gamma& d) const { return d.shape * d.scale; }
  double operator()(const Lognormal& d) const { return std::exp(d.mu + 0.5 * d.sigma * d.sigma); }
  double operator()(const Weibull& d) const {
    return d.scale * boost::math::tgamma(1.0 + 1.0 / d.shape);
  }
  double operator()(const Uniform& d) const { return 0.5 * (d.low + d.high); }
  double operator()(const Deterministic& d) const { return d.value; }
  double operator()(const TruncatedNormal& d) const {
    return truncated_normal_moments(d.mu, d.sigma, d.low).mean;
  }
  double operator()(const Empirical& d) const {
    return std::accumulate(d.values.begin(), d.values.end(), 0.0) /
           static_cast<double>(d.values.size());
  }
};

struct CvOf {
  double operator()(const Exponential&) const { return 1.0; }
  double operator()(const Erlang& d) const { return 1.0 / std::sqrt(static_cast<double>(d.shape)); }
  double operator()(const Gamma& d) const { return 1.0 / std::sqrt(d.shape); }
  double operator()(const Lognormal& d) const { return std::sqrt(std::expm1(d.sigma * d.sigma)); }
  double operator()(const Weibull& d) const { return weibull_cv(d.shape); }
  double operator()(const Uniform& d) const {
    return (d.high - d.low) / (std::sqrt(12.0) * 0.5 * (d.high + d.low));
  }
  double operator()(const Deterministic&) const { return 0.0; }
  double operator()(const TruncatedNormal& d) const {
    return truncated_normal_moments(d.mu, d.sigma, d.low).cv;
  }
  double operator()(const Empirical& d) const {
    const double m = MeanOf{}(d);
    double sum_sq = 0.0;
    for (double v : d.values) sum_sq += (v - m) * (v - m);
    return std::sqrt(sum_sq / static_cast<double>(d.values.size())) / m;
  }
};

struct NameOf {
  std::string operator()(const Exponential&) const { return "exponential"; }
  std::string operator()(const Erlang&) const { return "erlang"; }
  std::string operator()(const Gamma&) const { return "gamma"; }
  std::string operator()(const Lognormal&) const { return "lognormal"; }
  std::string operator()(const Weibull&) const { return "weibull"; }
  std::string operator()(const Uniform&) const { return "uniform"; }
  std::string operator()(const Deterministic&) const { return "deterministic"; }
  std::string operator()(const TruncatedNormal&) const { return "truncated_normal"; }
  std::string operator()(const Empirical&) const { return "empirical"; }
};

}  // namespace

double mean(const Distribution& d) { return std::visit(MeanOf{}, d); }
double cv(const Distribution& d) { return std::visit(CvOf{}, d); }
std::string family_name(const Distribution& d) { return std::visit(NameOf{}, d); }

}  // namespace ccsim
