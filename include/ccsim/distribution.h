// Distributions of handle time, patience and other durations, as plain value types.
//
// A `Distribution` is a std::variant of small structs whose parameters are already in the form the
// sampler needs (a lognormal keeps mu and sigma, not the mean and CV a planner wrote), so that
// sampling is one std::visit, no allocation and no virtual call. Parameters are converted once, by
// the scenario reader, through the `*_from_mean_cv` constructors below.
//
// Sampling uses Boost.Random's distributions, not std::'s: Boost's give the same numbers on every
// platform for a given engine state, so results reproduce across machines (they may change between
// Boost releases; run metadata records the Boost version).
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>

namespace ccsim {

using Seconds = double;

struct Exponential { double mean; };
// Sum of `shape` exponentials: CV = 1/sqrt(shape).
struct Erlang { int shape; double mean; };
struct Gamma { double shape; double scale; };
// log X ~ Normal(mu, sigma).
struct Lognormal { double mu; double sigma; };
struct Weibull { double shape; double scale; };
struct Uniform { double low; double high; };
struct Deterministic { double value; };
// Normal(mu, sigma) conditioned on X >= low (durations cannot be negative).
struct TruncatedNormal { double mu; double sigma; double low; };
// Resamples the observed values with equal weight (the empirical distribution itself).
struct Empirical { std::vector<double> values; };

using Distribution = std::variant<Exponential, Erlang, Gamma, Lognormal, Weibull, Uniform,
                                  Deterministic, TruncatedNormal, Empirical>;

// Constructors from what planners know. Each requires mean > 0; cv as the family allows
// (erlang needs 1/cv^2 to be a whole number, weibull solves for its shape numerically).
Lognormal lognormal_from_mean_cv(double mean, double cv);
Gamma gamma_from_mean_cv(double mean, double cv);
Weibull weibull_from_mean_cv(double mean, double cv);
Uniform uniform_from_mean_cv(double mean, double cv);
TruncatedNormal truncated_normal_from_mean_cv(double mean, double cv);

// Exact moments of the distribution as sampled (the truncated normal's include the truncation).
double mean(const Distribution& d);
double cv(const Distribution& d);
// The family name as written in scenario files ("lognormal", ...).
std::string family_name(const Distribution& d);

namespace detail {

// Marsaglia & Tsang (2000), "A simple method for generating gamma variables", ACM TOMS 26(3):
// about 3x faster than Boost 1.74's gamma for shape > 1, which matters for Erlang/gamma handle times.
template <class Rng>
double sample_gamma(double shape, double scale, Rng& rng) {
  if (shape < 1.0) {
    // Boost the shape by one and correct with U^(1/shape) (Marsaglia & Tsang, section 6).
    const double u = boost::random::uniform_01<double>{}(rng);
    return sample_gamma(shape + 1.0, scale, rng) * std::pow(u, 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  boost::random::normal_distribution<double> normal;
  boost::random::uniform_01<double> uniform;
  for (;;) {
    double x;
    double v;
    do {
      x = normal(rng);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = uniform(rng);
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v * scale;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v * scale;
  }
}

}  // namespace detail

template <class Rng>
double sample(const Exponential& d, Rng& rng) {
  return boost::random::exponential_distribution<double>{1.0}(rng) * d.mean;
}
template <class Rng>
double sample(const Erlang& d, Rng& rng) {
  return detail::sample_gamma(static_cast<double>(d.shape), d.mean / d.shape, rng);
}
template <class Rng>
double sample(const Gamma& d, Rng& rng) {
  return detail::sample_gamma(d.shape, d.scale, rng);
}
template <class Rng>
double sample(const Lognormal& d, Rng& rng) {
  return std::exp(d.mu + d.sigma * boost::random::normal_distribution<double>{}(rng));
}
template <class Rng>
double sample(const Weibull& d, Rng& rng) {
  return boost::random::weibull_distribution<double>{d.shape, d.scale}(rng);
}
template <class Rng>
double sample(const Uniform& d, Rng& rng) {
  return d.low + (d.high - d.low) * boost::random::uniform_01<double>{}(rng);
}
template <class Rng>
double sample(const Deterministic& d, Rng&) {
  return d.value;
}
template <class Rng>
double sample(const TruncatedNormal& d, Rng& rng) {
  const double alpha = (d.low - d.mu) / d.sigma;  // the truncation point in standard units
  if (alpha < 0.5) {
    // Plain rejection accepts at least 31 % of draws here.
    boost::random::normal_distribution<double> normal{d.mu, d.sigma};
    for (;;) {
      const double x = normal(rng);
      if (x >= d.low) return x;
    }
  }
  // Deep in the tail: Robert (1995), "Simulation of truncated normal variables", Statistics and
  // Computing 5(2): a shifted exponential proposal with the optimal rate, accepting >= 76 %.
  const double rate = 0.5 * (alpha + std::sqrt(alpha * alpha + 4.0));
  boost::random::exponential_distribution<double> exponential{rate};
  boost::random::uniform_01<double> uniform;
  for (;;) {
    const double z = alpha + exponential(rng);
    if (uniform(rng) <= std::exp(-0.5 * (z - rate) * (z - rate))) return d.mu + d.sigma * z;
  }
}
template <class Rng>
double sample(const Empirical& d, Rng& rng) {
  const auto i = boost::random::uniform_int_distribution<std::size_t>{0, d.values.size() - 1}(rng);
  return d.values[i];
}

// Called for every contact. The exponential, the commonest, skips std::visit's dispatch, which
// costs as much as the draw itself.
template <class Rng>
[[gnu::always_inline]] inline double sample(const Distribution& d, Rng& rng) {
  if (const auto* exponential = std::get_if<Exponential>(&d)) [[likely]]
    return sample(*exponential, rng);
  return std::visit([&rng](const auto& alternative) { return sample(alternative, rng); }, d);
}

}  // namespace ccsim
