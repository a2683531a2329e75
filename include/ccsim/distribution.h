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

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
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
// Resamples the observed values with equal weight (the empirical distribution itself). `values`
// keeps the order observed, which sampling indexes (so a stream gives the same draws as ever);
// `ascending` holds them sorted, for conditioning on bounds or on X > w by binary search.
struct Empirical {
  Empirical() = default;
  explicit Empirical(std::vector<double> observed);
  std::vector<double> values;
  std::vector<double> ascending;
};
inline Empirical::Empirical(std::vector<double> observed)
    : values(std::move(observed)), ascending(values) {
  std::sort(ascending.begin(), ascending.end());
}
// A Kaplan-Meier survival curve as a distribution (patience fitted from censored waits): X has an
// atom at each time, P(X = t_i) = S(t_{i-1}) - S(t_i) with S(t_0) = 1, and the mass S(t_last)
// that the curve never resolves (customers still waiting when the data ended) is drawn as
// t_last + Exponential(tail_mean).
struct KaplanMeier {
  std::vector<double> times;     // strictly increasing, > 0
  std::vector<double> survival;  // just after each time: non-increasing, in [0, 1)
  double tail_mean = 0.0;        // of the tail beyond the last time; 0 when survival ends at 0
};

// The laws that can be truncated or mixed.
using Law = std::variant<Exponential, Erlang, Gamma, Lognormal, Weibull, Uniform, Deterministic,
                         TruncatedNormal, Empirical, KaplanMeier>;

namespace detail {
// Probabilities of a law outside and inside a window [low, high]: computed once for a truncated
// law, so that a draw is one quantile. Kept on both sides (P(X < low) and P(X >= low)) because
// the one near 0 is the one with full precision, and a window deep in a tail needs it.
struct Tails {
  double below_low = 0.0;   // P(X < low)
  double to_high = 1.0;     // P(X <= high)
  double from_low = 1.0;    // P(X >= low)
  double above_high = 0.0;  // P(X > high)
  double mass() const;      // P(low <= X <= high), from the precise side
};
}  // namespace detail

// `law` conditioned on min <= X <= max, sampled by its inverse CDF (one uniform per draw, never a
// rejection loop). As a mixture component, min 0 and max infinity mean no condition: the law's own
// sampler is used.
struct Truncated {
  Law law;
  double min = 0.0;
  double max = std::numeric_limits<double>::infinity();
  detail::Tails tails;  // of `law` over [min, max]
  bool bounded() const { return min > 0.0 || max < std::numeric_limits<double>::infinity(); }
};

// Several laws with weights (fitted call logs often show two populations: quick transfers and
// real conversations). One uniform chooses the component by the cumulative weights; an unbounded
// component then draws as usual, a bounded one inverts its CDF with what is left of that uniform.
// Bounds on the mixture as a whole are folded into its components when it is made
// (make_mixture), with the weights reweighted by the mass each keeps: X | bounds is that mixture.
// So a bounded mixture is still one uniform per draw, with no root finder inverting the mixture's
// CDF as a whole: exact, in bounded time, and atoms (empirical or deterministic parts) stay atoms.
struct Mixture {
  std::vector<Truncated> components;  // those the bounds on the whole leave any mass
  std::vector<double> cumulative;     // of their weights after those bounds, the last exactly 1
};

// The laws of `Law` in the same order, then truncated and mixed ones (which hold laws, not
// distributions: a mixture does not nest and bounds do not stack).
using Distribution = std::variant<Exponential, Erlang, Gamma, Lognormal, Weibull, Uniform,
                                  Deterministic, TruncatedNormal, Empirical, KaplanMeier,
                                  Truncated, Mixture>;
static_assert(std::variant_size_v<Distribution> == std::variant_size_v<Law> + 2);

// Constructors from what planners know. Each requires mean > 0; cv as the family allows
// (erlang needs 1/cv^2 to be a whole number, weibull solves for its shape numerically).
Lognormal lognormal_from_mean_cv(double mean, double cv);
Gamma gamma_from_mean_cv(double mean, double cv);
Weibull weibull_from_mean_cv(double mean, double cv);
Uniform uniform_from_mean_cv(double mean, double cv);
TruncatedNormal truncated_normal_from_mean_cv(double mean, double cv);

// Checked constructors of the fitted forms; each throws std::invalid_argument saying what is wrong.
// The table: times strictly increasing and > 0, survival non-increasing in [0, 1); tail_mean > 0
// when the survival ends above 0, and 0 when it ends at 0 (there is no tail to give a mean).
KaplanMeier make_kaplan_meier(std::vector<double> times, std::vector<double> survival,
                              double tail_mean);
// `law` conditioned on [min, max]: refuses min >= max and bounds keeping less than
// min_kept_mass of the probability. An empirical law's values are filtered instead, a uniform's
// range narrowed and a deterministic value checked, so the result is not always a Truncated.
inline constexpr double min_kept_mass = 1e-12;
Distribution make_truncated(const Law& law, double min, double max);
// Components (each possibly bounded, as make_truncated makes them, but not a mixture) with weights
// > 0 summing to 1 within 1e-6, then bounds on the whole ([0, inf] for none).
Mixture make_mixture(std::vector<Truncated> components, std::vector<double> weights,
                     double min = 0.0, double max = std::numeric_limits<double>::infinity());
// A distribution as a mixture component (a Truncated, bounded or not); throws for a mixture.
Truncated mixture_component(const Distribution& d);

// Exact moments of the distribution as sampled (the truncated normal's include the truncation).
double mean(const Distribution& d);
double cv(const Distribution& d);
// The family name as written in scenario files ("lognormal", ...); a truncated law's is its law's.
std::string family_name(const Distribution& d);

namespace detail {

// A window [low, high] of values, or (low, high] when low_open: conditioning on bounds, on X > w,
// or both.
struct Window {
  double low = 0.0;
  bool low_open = false;
  double high = std::numeric_limits<double>::infinity();
};
Tails tails_of(const Law& law, const Window& window);
// The value of `law` conditioned on `window` at level v in [0, 1) of its conditional CDF (the
// inverse CDF; for atoms, the index they cover), given tails_of(law, window) with mass > 0.
// Always within the window.
double draw_in(const Law& law, const Window& window, const Tails& tails, double v);
// Partial moments over a window: P(X in w), E[X; X in w], E[X^2; X in w].
struct PartialMoments {
  double mass = 0.0;
  double first = 0.0;
  double second = 0.0;
};
PartialMoments partial_moments(const Law& law, const Window& window);
// Sampling a Kaplan-Meier curve at uniform u (out of line: a binary search and the tail).
double kaplan_meier_at(const KaplanMeier& d, double u);
// X conditioned on X > w, at a uniform u (mixtures choose their part with u, then use what is
// left of it); w itself when P(X > w) = 0.
double above(const Distribution& d, double w, double u);

}  // namespace detail

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

template <class Rng>
double sample(const KaplanMeier& d, Rng& rng) {
  return detail::kaplan_meier_at(d, boost::random::uniform_01<double>{}(rng));
}
template <class Rng>
double sample(const Truncated& d, Rng& rng) {
  return detail::draw_in(d.law, {d.min, false, d.max}, d.tails,
                         boost::random::uniform_01<double>{}(rng));
}
template <class Rng>
double sample(const Mixture& d, Rng& rng) {
  const double u = boost::random::uniform_01<double>{}(rng);
  const auto chosen = std::upper_bound(d.cumulative.begin(), d.cumulative.end(), u);
  const std::size_t i = std::min<std::size_t>(chosen - d.cumulative.begin(), d.cumulative.size() - 1);
  const Truncated& part = d.components[i];
  if (!part.bounded())
    return std::visit([&rng](const auto& law) { return sample(law, rng); }, part.law);
  // What is left of u above the part's lower cumulative weight is uniform on [0, 1) and
  // independent of the choice.
  const double from = i == 0 ? 0.0 : d.cumulative[i - 1];
  const double v = std::clamp((u - from) / (d.cumulative[i] - from), 0.0, std::nextafter(1.0, 0.0));
  return detail::draw_in(part.law, {part.min, false, part.max}, part.tails, v);
}

// Called for every contact. The exponential, the commonest, skips std::visit's dispatch, which
// costs as much as the draw itself.
template <class Rng>
[[gnu::always_inline]] inline double sample(const Distribution& d, Rng& rng) {
  if (const auto* exponential = std::get_if<Exponential>(&d)) [[likely]]
    return sample(*exponential, rng);
  return std::visit([&rng](const auto& alternative) { return sample(alternative, rng); }, d);
}

// X drawn from `d` conditioned on X > w: what a served call that waited w tells of its patience.
// One uniform by the inverse CDF on (F(w), 1); an exponential is memoryless, w plus a draw; a
// mixture first weighs its parts by P(X > w) in each. Never below w: when P(X > w) is 0 (a
// deterministic value at or below w, a uniform ending there, a curve ending at 0 before w) the
// answer is w itself.
template <class Rng>
double sample_above(const Distribution& d, double w, Rng& rng) {
  if (const auto* exponential = std::get_if<Exponential>(&d))
    return std::max(w, 0.0) + sample(*exponential, rng);
  return detail::above(d, w, boost::random::uniform_01<double>{}(rng));
}

}  // namespace ccsim
