#include "ccsim/distribution.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <boost/math/special_functions/gamma.hpp>
#include <fmt/core.h>

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

constexpr double inf = std::numeric_limits<double>::infinity();

Distribution as_distribution(const Law& law) {
  return std::visit([](const auto& l) -> Distribution { return l; }, law);
}

std::string bounds_text(double min, double max) {
  return fmt::format("[{}, {}]", min, max == inf ? std::string("inf") : fmt::format("{}", max));
}

}  // namespace

KaplanMeier make_kaplan_meier(std::vector<double> times, std::vector<double> survival,
                              double tail_mean) {
  if (times.empty() || times.size() != survival.size())
    throw std::invalid_argument(fmt::format(
        "needs as many survival values as times, at least one, got {} and {}", times.size(),
        survival.size()));
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (!(times[i] >= 0.0) || (i > 0 && !(times[i] > times[i - 1])))
      throw std::invalid_argument(fmt::format(
          "times must be >= 0 and strictly increasing, got {} after {}", times[i],
          i == 0 ? 0.0 : times[i - 1]));
    if (!(survival[i] >= 0.0 && survival[i] < 1.0))
      throw std::invalid_argument(
          fmt::format("survival must be in [0, 1), got {} at time {}", survival[i], times[i]));
    if (i > 0 && survival[i] > survival[i - 1])
      throw std::invalid_argument(fmt::format(
          "survival must not increase, got {} at time {} after {} at time {}", survival[i],
          times[i], survival[i - 1], times[i - 1]));
  }
  if (survival.back() > 0.0 && !(tail_mean > 0.0))
    throw std::invalid_argument(fmt::format(
        "survival ends at {} (customers still waiting when the data ended), which needs a "
        "tail_mean_s > 0 for the time beyond the last time",
        survival.back()));
  if (survival.back() == 0.0 && tail_mean != 0.0)
    throw std::invalid_argument(
        "survival ends at 0, so there is no tail: tail_mean_s would be ignored; leave it out");
  return {std::move(times), std::move(survival), tail_mean};
}

Distribution make_truncated(const Law& law, double min, double max) {
  if (!(min >= 0.0 && min < max))
    throw std::invalid_argument(fmt::format("min_s ({}) must be below max_s ({})", min, max));
  if (!(min > 0.0 || max < inf)) return as_distribution(law);
  if (const auto* empirical = std::get_if<Empirical>(&law)) {
    std::vector<double> kept;
    for (double v : empirical->values)
      if (v >= min && v <= max) kept.push_back(v);
    if (kept.empty())
      throw std::invalid_argument(
          fmt::format("no value lies within the bounds {}", bounds_text(min, max)));
    return Empirical(std::move(kept));
  }
  if (const auto* fixed = std::get_if<Deterministic>(&law)) {
    if (fixed->value < min || fixed->value > max)
      throw std::invalid_argument(fmt::format("the value {} lies outside the bounds {}",
                                              fixed->value, bounds_text(min, max)));
    return *fixed;
  }
  const detail::Tails tails = detail::tails_of(law, {min, false, max});
  const double kept = tails.mass();
  if (!(kept >= min_kept_mass))
    throw std::invalid_argument(fmt::format(
        "the bounds {} keep a probability of {:.3g}, expected at least {}", bounds_text(min, max),
        kept, min_kept_mass));
  if (const auto* uniform = std::get_if<Uniform>(&law))
    return Uniform{std::max(uniform->low, min), std::min(uniform->high, max)};
  return Truncated{law, min, max, tails};
}

Truncated mixture_component(const Distribution& d) {
  return std::visit(
      [](const auto& x) -> Truncated {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, Mixture>)
          throw std::invalid_argument("a mixture cannot be a component of a mixture");
        else if constexpr (std::is_same_v<T, Truncated>)
          return x;
        else
          return Truncated{Law{x}, 0.0, inf, {}};
      },
      d);
}

Mixture make_mixture(std::vector<Truncated> components, std::vector<double> weights, double min,
                     double max) {
  if (components.empty() || components.size() != weights.size())
    throw std::invalid_argument("needs one weight per component, at least one component");
  double sum = 0.0;
  for (double w : weights) {
    if (!(w > 0.0)) throw std::invalid_argument(fmt::format("weights must be > 0, got {}", w));
    sum += w;
  }
  if (!(std::abs(sum - 1.0) <= 1e-6))
    throw std::invalid_argument(fmt::format("weights must sum to 1, got {:.9g}", sum));
  if (!(min >= 0.0 && min < max))
    throw std::invalid_argument(fmt::format("min_s ({}) must be below max_s ({})", min, max));
  // Bounds on the whole: each part keeps its own bounds and these, its weight scaled by the share
  // of its mass that they keep.
  Mixture mixture;
  std::vector<double> kept;
  double total = 0.0;
  for (std::size_t i = 0; i < components.size(); ++i) {
    Truncated part = std::move(components[i]);
    double share = weights[i] / sum;
    if (min > 0.0 || max < inf) {
      const double own = part.bounded() ? part.tails.mass() : 1.0;
      part.min = std::max(part.min, min);
      part.max = std::min(part.max, max);
      part.tails = detail::tails_of(part.law, {part.min, false, part.max});
      share *= part.min <= part.max ? part.tails.mass() / own : 0.0;
    }
    if (!(share > 0.0)) continue;
    mixture.components.push_back(std::move(part));
    kept.push_back(share);
    total += share;
  }
  if (!(total >= min_kept_mass))
    throw std::invalid_argument(fmt::format(
        "the bounds {} keep a probability of {:.3g}, expected at least {}", bounds_text(min, max),
        total, min_kept_mass));
  double running = 0.0;
  for (double share : kept) {
    running += share;
    mixture.cumulative.push_back(running / total);
  }
  mixture.cumulative.back() = 1.0;
  return mixture;
}

namespace {

struct MeanVariance {
  double mean;
  double variance;
};
MeanVariance of_moments(const detail::PartialMoments& m) {
  const double mean_value = m.first / m.mass;
  return {mean_value, std::max(m.second / m.mass - mean_value * mean_value, 0.0)};
}
MeanVariance law_moments(const Law& law);
MeanVariance part_moments(const Truncated& part) {
  if (!part.bounded()) return law_moments(part.law);
  return of_moments(detail::partial_moments(part.law, {part.min, false, part.max}));
}
// The law of total variance: the parts' variances plus the spread of their means.
MeanVariance mixture_moments(const Mixture& d) {
  double m = 0.0;
  std::vector<MeanVariance> parts;
  for (std::size_t i = 0; i < d.components.size(); ++i) {
    parts.push_back(part_moments(d.components[i]));
    m += (d.cumulative[i] - (i == 0 ? 0.0 : d.cumulative[i - 1])) * parts.back().mean;
  }
  double variance = 0.0;
  for (std::size_t i = 0; i < d.components.size(); ++i) {
    const double weight = d.cumulative[i] - (i == 0 ? 0.0 : d.cumulative[i - 1]);
    variance += weight * (parts[i].variance + (parts[i].mean - m) * (parts[i].mean - m));
  }
  return {m, variance};
}

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
  double operator()(const KaplanMeier& d) const {
    return of_moments(detail::partial_moments(d, {})).mean;
  }
  double operator()(const Truncated& d) const { return part_moments(d).mean; }
  double operator()(const Mixture& d) const { return mixture_moments(d).mean; }
};

double cv_of(const MeanVariance& m) { return std::sqrt(m.variance) / m.mean; }

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
  double operator()(const KaplanMeier& d) const {
    return cv_of(of_moments(detail::partial_moments(d, {})));
  }
  double operator()(const Truncated& d) const { return cv_of(part_moments(d)); }
  double operator()(const Mixture& d) const { return cv_of(mixture_moments(d)); }
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
  std::string operator()(const KaplanMeier&) const { return "kaplan_meier"; }
  std::string operator()(const Truncated& d) const { return std::visit(*this, d.law); }
  std::string operator()(const Mixture&) const { return "mixture"; }
};

MeanVariance law_moments(const Law& law) {
  const double m = std::visit(MeanOf{}, law);
  const double c = std::visit(CvOf{}, law);
  return {m, (c * m) * (c * m)};
}

}  // namespace

double mean(const Distribution& d) { return std::visit(MeanOf{}, d); }
double cv(const Distribution& d) { return std::visit(CvOf{}, d); }
std::string family_name(const Distribution& d) { return std::visit(NameOf{}, d); }

}  // namespace ccsim
