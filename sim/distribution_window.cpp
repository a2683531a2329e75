// A law restricted to a window of values: its probability there, its inverse CDF there and its
// partial moments there. Truncation bounds, mixtures with bounds and sampling above a wait are all
// built on these three.
//
// Continuous laws go through Boost.Math's cdf and quantile, on whichever side of the median the
// window lies (P(X > x) keeps full precision far in the upper tail, where 1 - P(X <= x) is 0), so
// that a window deep in a tail still draws correctly. Laws with atoms (deterministic, empirical,
// Kaplan-Meier) are inverted exactly, by index. Moments are closed forms: incomplete gamma
// functions for the gamma family and the Weibull, the normal CDF for the lognormal and normal.
#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/math/distributions/complement.hpp>
#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include "ccsim/distribution.h"

namespace ccsim::detail {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
namespace bm = boost::math;
namespace bp = boost::math::policies;
// Sampling must not throw: a quantile at the very edge gives inf or 0, which the window clamps.
using Quiet = bp::policy<bp::domain_error<bp::ignore_error>, bp::overflow_error<bp::ignore_error>,
                         bp::evaluation_error<bp::ignore_error>, bp::promote_double<false>>;

double clamp_to(double x, double low, double high) {
  if (!(x >= low)) return low;  // NaN too
  if (!(x <= high)) return high;
  return x;
}

// ---- continuous laws: P(X <= x), P(X > x) and their inverses

template <class D>
struct BoostLaw {
  D d;
  double cdf(double x) const { return x <= 0.0 ? 0.0 : x == inf ? 1.0 : bm::cdf(d, x); }
  double sf(double x) const {
    return x <= 0.0 ? 1.0 : x == inf ? 0.0 : bm::cdf(bm::complement(d, x));
  }
  double quantile(double p) const { return p <= 0.0 ? 0.0 : bm::quantile(d, p); }
  double upper_quantile(double q) const {
    return q >= 1.0 ? 0.0 : q <= 0.0 ? inf : bm::quantile(bm::complement(d, q));
  }
};

using ExponentialLaw = BoostLaw<bm::exponential_distribution<double, Quiet>>;
using GammaLaw = BoostLaw<bm::gamma_distribution<double, Quiet>>;
using LognormalLaw = BoostLaw<bm::lognormal_distribution<double, Quiet>>;
using WeibullLaw = BoostLaw<bm::weibull_distribution<double, Quiet>>;

// N(mu, sigma) conditioned on X >= low, through the normal's upper tail Q: the precise side for a
// truncation point far below the mean (mu/sigma up to 30 from the mean-and-CV constructor).
struct TruncatedNormalLaw {
  bm::normal_distribution<double, Quiet> normal;
  double low;
  double kept;  // Q(low)
  explicit TruncatedNormalLaw(const TruncatedNormal& d)
      : normal(d.mu, d.sigma), low(d.low), kept(bm::cdf(bm::complement(normal, d.low))) {}
  double sf(double x) const {
    return x <= low ? 1.0 : x == inf ? 0.0 : bm::cdf(bm::complement(normal, x)) / kept;
  }
  double cdf(double x) const {
    if (x <= low) return 0.0;
    if (x == inf) return 1.0;
    const double below = bm::cdf(normal, x) - bm::cdf(normal, low);
    return below < 0.5 * kept ? below / kept : 1.0 - sf(x);
  }
  double upper_quantile(double q) const {
    return q >= 1.0 ? low : q <= 0.0 ? inf : bm::quantile(bm::complement(normal, q * kept));
  }
  double quantile(double p) const { return upper_quantile(1.0 - p); }
};

ExponentialLaw continuous(const Exponential& d) { return {{1.0 / d.mean}}; }
GammaLaw continuous(const Erlang& d) { return {{static_cast<double>(d.shape), d.mean / d.shape}}; }
GammaLaw continuous(const Gamma& d) { return {{d.shape, d.scale}}; }
LognormalLaw continuous(const Lognormal& d) { return {{d.mu, d.sigma}}; }
WeibullLaw continuous(const Weibull& d) { return {{d.shape, d.scale}}; }
TruncatedNormalLaw continuous(const TruncatedNormal& d) { return TruncatedNormalLaw(d); }

template <class C>
Tails continuous_tails(const C& c, const Window& w) {
  return {c.cdf(w.low), c.cdf(w.high), c.sf(w.low), c.sf(w.high)};
}

template <class C>
double continuous_draw(const C& c, const Window& w, const Tails& t, double v) {
  const double p = t.below_low + v * (t.to_high - t.below_low);
  const double x = p <= 0.5 ? c.quantile(p)
                            : c.upper_quantile(t.above_high + (1.0 - v) * (t.from_low - t.above_high));
  return clamp_to(x, w.low, w.high);
}

// ---- laws with atoms

// The indices [first, last) of the ascending values inside the window.
struct Span {
  std::size_t first;
  std::size_t last;
};
Span span_of(const std::vector<double>& ascending, const Window& w) {
  const auto begin = ascending.begin();
  const auto first = w.low_open ? std::upper_bound(begin, ascending.end(), w.low)
                                : std::lower_bound(begin, ascending.end(), w.low);
  const auto last = std::upper_bound(first, ascending.end(), w.high);
  return {static_cast<std::size_t>(first - begin), static_cast<std::size_t>(last - begin)};
}

bool inside(double x, const Window& w) {
  return (w.low_open ? x > w.low : x >= w.low) && x <= w.high;
}

// Kaplan-Meier: P(X > x), and P(X >= low) or P(X > low) for the window's lower end.
double km_survival(const KaplanMeier& d, double x) {
  const double last = d.times.back();
  if (x >= last) {
    if (d.tail_mean <= 0.0 || x == inf) return x == last ? d.survival.back() : 0.0;
    return d.survival.back() * std::exp(-(x - last) / d.tail_mean);
  }
  const auto i = std::upper_bound(d.times.begin(), d.times.end(), x) - d.times.begin();
  return i == 0 ? 1.0 : d.survival[i - 1];
}
double km_from(const KaplanMeier& d, const Window& w) {
  if (w.low_open || w.low > d.times.back()) return km_survival(d, w.low);
  const auto i = std::lower_bound(d.times.begin(), d.times.end(), w.low) - d.times.begin();
  return i == 0 ? 1.0 : d.survival[i - 1];  // P(X >= low): the atom at low, if any, counts
}

// ---- partial moments

// P(a <= G <= b) for G ~ Gamma(shape, 1), from the precise side.
double gamma_between(double shape, double a, double b) {
  const double below = a <= 0.0 ? 0.0 : bm::gamma_p(shape, a, Quiet());
  if (below < 0.5) return (b == inf ? 1.0 : bm::gamma_p(shape, b, Quiet())) - below;
  return bm::gamma_q(shape, a, Quiet()) - (b == inf ? 0.0 : bm::gamma_q(shape, b, Quiet()));
}

// E[X^k; a <= X <= b] for k = 0, 1, 2 of Gamma(shape, scale): scale^k Γ(shape+k)/Γ(shape) times
// the mass of Gamma(shape + k) there.
PartialMoments gamma_moments(double shape, double scale, double a, double b) {
  const double ua = std::max(a, 0.0) / scale;
  const double ub = b / scale;
  return {gamma_between(shape, ua, ub), scale * shape * gamma_between(shape + 1.0, ua, ub),
          scale * scale * shape * (shape + 1.0) * gamma_between(shape + 2.0, ua, ub)};
}

double phi(double z) { return std::isinf(z) ? 0.0 : std::exp(-0.5 * z * z) / std::sqrt(2.0 * M_PI); }
// P(alpha <= Z <= beta) for a standard normal Z, from the precise side.
double normal_between(double alpha, double beta) {
  const auto lower = [](double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); };
  const auto upper = [](double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); };
  if (alpha > 0.0) return upper(alpha) - upper(beta);
  if (beta < 0.0) return lower(beta) - lower(alpha);
  return 1.0 - lower(alpha) - upper(beta);
}

struct MomentsOf {
  const Window& w;
  PartialMoments operator()(const Exponential& d) const {
    return gamma_moments(1.0, d.mean, w.low, w.high);
  }
  PartialMoments operator()(const Erlang& d) const {
    return gamma_moments(d.shape, d.mean / d.shape, w.low, w.high);
  }
  PartialMoments operator()(const Gamma& d) const {
    return gamma_moments(d.shape, d.scale, w.low, w.high);
  }
  // E[X^k; a <= X <= b] = exp(k mu + k^2 sigma^2 / 2) P(a <= Lognormal(mu + k sigma^2, sigma) <= b).
  PartialMoments operator()(const Lognormal& d) const {
    const auto part = [&](double k) {
      const double shift = d.mu + k * d.sigma * d.sigma;
      const double alpha = w.low <= 0.0 ? -inf : (std::log(w.low) - shift) / d.sigma;
      const double beta = w.high == inf ? inf : (std::log(w.high) - shift) / d.sigma;
      return std::exp(k * d.mu + 0.5 * k * k * d.sigma * d.sigma) * normal_between(alpha, beta);
    };
    return {part(0.0), part(1.0), part(2.0)};
  }
  // X = scale E^(1/shape) with E ~ Exp(1): E[X^k; ...] = scale^k Γ(1 + k/shape) P(... of E).
  PartialMoments operator()(const Weibull& d) const {
    const double ea = std::pow(std::max(w.low, 0.0) / d.scale, d.shape);
    const double eb = w.high == inf ? inf : std::pow(w.high / d.scale, d.shape);
    const auto part = [&](double k) {
      const double g = 1.0 + k / d.shape;
      return std::pow(d.scale, k) * bm::tgamma(g, Quiet()) * gamma_between(g, ea, eb);
    };
    return {part(0.0), part(1.0), part(2.0)};
  }
  PartialMoments operator()(const Uniform& d) const {
    if (d.high == d.low) return (*this)(Deterministic{d.low});
    const double a = std::max(w.low, d.low);
    const double b = std::min(w.high, d.high);
    if (!(a < b)) return {};
    const double width = d.high - d.low;
    return {(b - a) / width, (b * b - a * a) / (2.0 * width), (b * b * b - a * a * a) / (3.0 * width)};
  }
  PartialMoments operator()(const Deterministic& d) const {
    if (!inside(d.value, w)) return {};
    return {1.0, d.value, d.value * d.value};
  }
  // Z standard on [alpha, beta]: E[Z] = phi(alpha) - phi(beta), E[Z^2] = P + alpha phi(alpha) -
  // beta phi(beta); then X = mu + sigma Z, divided by the mass kept by the truncation at low.
  PartialMoments operator()(const TruncatedNormal& d) const {
    const double alpha = (std::max(w.low, d.low) - d.mu) / d.sigma;
    const double beta = (w.high - d.mu) / d.sigma;
    if (!(alpha < beta)) return {};
    const double kept = normal_between((d.low - d.mu) / d.sigma, inf);
    const double m0 = normal_between(alpha, beta);
    const double m1 = phi(alpha) - phi(beta);
    const double edge = (std::isinf(alpha) ? 0.0 : alpha * phi(alpha)) -
                        (std::isinf(beta) ? 0.0 : beta * phi(beta));
    const double m2 = m0 + edge;
    return {m0 / kept, (d.mu * m0 + d.sigma * m1) / kept,
            (d.mu * d.mu * m0 + 2.0 * d.mu * d.sigma * m1 + d.sigma * d.sigma * m2) / kept};
  }
  PartialMoments operator()(const Empirical& d) const {
    const Span s = span_of(d.ascending, w);
    PartialMoments m;
    for (std::size_t i = s.first; i < s.last; ++i) {
      m.first += d.ascending[i];
      m.second += d.ascending[i] * d.ascending[i];
    }
    const double n = static_cast<double>(d.ascending.size());
    return {static_cast<double>(s.last - s.first) / n, m.first / n, m.second / n};
  }
  PartialMoments operator()(const KaplanMeier& d) const {
    PartialMoments m;
    double before = 1.0;
    for (std::size_t i = 0; i < d.times.size(); ++i) {
      const double p = before - d.survival[i];
      before = d.survival[i];
      if (!inside(d.times[i], w)) continue;
      m.mass += p;
      m.first += p * d.times[i];
      m.second += p * d.times[i] * d.times[i];
    }
    const double t = d.times.back();
    if (d.tail_mean > 0.0 && w.high > t) {
      // The tail t + Y, Y ~ Exp(tail_mean), over the window shifted by t.
      const PartialMoments y = gamma_moments(1.0, d.tail_mean, w.low - t, w.high - t);
      const double s = d.survival.back();
      m.mass += s * y.mass;
      m.first += s * (t * y.mass + y.first);
      m.second += s * (t * t * y.mass + 2.0 * t * y.first + y.second);
    }
    return m;
  }
};

}  // namespace

double Tails::mass() const {
  const double m = below_low < 0.5 ? to_high - below_low : from_low - above_high;
  return std::max(m, 0.0);
}

namespace {

double km_at_level(const KaplanMeier& d, double q);

template <class T>
Tails tails_for(const T& d, const Window& w) {
  if (!(w.low <= w.high)) return {1.0, 0.0, 0.0, 1.0};
  if constexpr (std::is_same_v<T, Uniform>) {
    if (d.high == d.low) return tails_for(Deterministic{d.low}, w);
    const auto at = [&](double x) { return std::clamp((x - d.low) / (d.high - d.low), 0.0, 1.0); };
    return {at(w.low), at(w.high), 1.0 - at(w.low), 1.0 - at(w.high)};
  } else if constexpr (std::is_same_v<T, Deterministic>) {
    const bool reaches = w.low_open ? d.value > w.low : d.value >= w.low;
    const bool within = d.value <= w.high;
    return {reaches ? 0.0 : 1.0, within ? 1.0 : 0.0, reaches ? 1.0 : 0.0, within ? 0.0 : 1.0};
  } else if constexpr (std::is_same_v<T, Empirical>) {
    const Span s = span_of(d.ascending, w);
    const double n = static_cast<double>(d.ascending.size());
    return {static_cast<double>(s.first) / n, static_cast<double>(s.last) / n,
            static_cast<double>(d.ascending.size() - s.first) / n,
            static_cast<double>(d.ascending.size() - s.last) / n};
  } else if constexpr (std::is_same_v<T, KaplanMeier>) {
    const double from = km_from(d, w);
    const double above = km_survival(d, w.high);
    return {1.0 - from, 1.0 - above, from, above};
  } else {
    return continuous_tails(continuous(d), w);
  }
}

template <class T>
double draw_for(const T& d, const Window& w, const Tails& t, double v) {
  if constexpr (std::is_same_v<T, Uniform>) {
    const double a = std::max(w.low, d.low);
    const double b = std::min(w.high, d.high);
    return clamp_to(a + v * (b - a), a, b);
  } else if constexpr (std::is_same_v<T, Deterministic>) {
    return d.value;
  } else if constexpr (std::is_same_v<T, Empirical>) {
    const Span s = span_of(d.ascending, w);
    const auto offset = static_cast<std::size_t>(v * static_cast<double>(s.last - s.first));
    return d.ascending[std::min(s.first + offset, s.last - 1)];
  } else if constexpr (std::is_same_v<T, KaplanMeier>) {
    // A survival level in (P(X > high), P(X in the window or above)]: see km_at_level.
    const double level = t.above_high + (1.0 - v) * (t.from_low - t.above_high);
    return clamp_to(km_at_level(d, level), w.low, w.high);
  } else {
    return continuous_draw(continuous(d), w, t, v);
  }
}

// With a survival level q in (0, 1]: the first time whose survival falls below q, or in the tail
// (q at or below the last survival) t_last + tail_mean * log(S_last / q), the exponential's
// inverse.
double km_at_level(const KaplanMeier& d, double q) {
  const double last = d.survival.back();
  if (q > last || d.tail_mean <= 0.0) {
    const auto i = std::partition_point(d.survival.begin(), d.survival.end(),
                                        [q](double s) { return s >= q; });
    return d.times[std::min<std::size_t>(i - d.survival.begin(), d.times.size() - 1)];
  }
  return d.times.back() + d.tail_mean * std::log(last / q);
}

}  // namespace

Tails tails_of(const Law& law, const Window& w) {
  return std::visit([&w](const auto& d) { return tails_for(d, w); }, law);
}

double draw_in(const Law& law, const Window& w, const Tails& t, double v) {
  return std::visit([&](const auto& d) { return draw_for(d, w, t, v); }, law);
}

PartialMoments partial_moments(const Law& law, const Window& w) {
  if (!(w.low <= w.high)) return {};
  return std::visit(MomentsOf{w}, law);
}

double kaplan_meier_at(const KaplanMeier& d, double u) { return km_at_level(d, 1.0 - u); }

namespace {

// The window [min, max] conditioned on X > w as well.
Window and_above(double min, double max, double w) {
  if (w >= min) return {w, true, max};
  return {min, false, max};
}

template <class T>
double above_in(const T& law, double min, double max, double w, double u) {
  const Window window = and_above(min, max, w);
  const Tails tails = tails_for(law, window);
  if (!(tails.mass() > 0.0)) return w;
  return std::max(w, draw_for(law, window, tails, u));
}

double above_in(const Truncated& part, double w, double u) {
  return std::visit([&](const auto& law) { return above_in(law, part.min, part.max, w, u); },
                    part.law);
}

// The posterior weight of a mixture's part given X > w: its weight times the share of its mass
// above w.
double weight_above(const Mixture& m, std::size_t i, double w) {
  const Truncated& part = m.components[i];
  const double weight = m.cumulative[i] - (i == 0 ? 0.0 : m.cumulative[i - 1]);
  const double own = part.bounded() ? part.tails.mass() : 1.0;
  return weight * tails_of(part.law, and_above(part.min, part.max, w)).mass() / own;
}

double mixture_above(const Mixture& m, double w, double u) {
  double total = 0.0;
  for (std::size_t i = 0; i < m.components.size(); ++i) total += weight_above(m, i, w);
  if (!(total > 0.0)) return w;
  // One uniform: it picks the part, and what is left of it draws within the part.
  const double target = u * total;
  double before = 0.0;
  std::size_t chosen = m.components.size();
  double chosen_share = 0.0;
  double chosen_before = 0.0;
  for (std::size_t i = 0; i < m.components.size(); ++i) {
    const double share = weight_above(m, i, w);
    if (share <= 0.0) continue;
    chosen = i;
    chosen_share = share;
    chosen_before = before;
    if (target < before + share) break;
    before += share;
  }
  const double v =
      std::clamp((target - chosen_before) / chosen_share, 0.0, std::nextafter(1.0, 0.0));
  return above_in(m.components[chosen], w, v);
}

}  // namespace

double above(const Distribution& d, double w, double u) {
  return std::visit(
      [&](const auto& x) -> double {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, Truncated>) {
          return above_in(x, w, u);
        } else if constexpr (std::is_same_v<T, Mixture>) {
          return mixture_above(x, w, u);
        } else {
          return above_in(x, 0.0, inf, w, u);
        }
      },
      d);
}

}  // namespace ccsim::detail
