#include "ccsim/mixture_fit.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <optional>
#include <vector>

#include "sim/maximum_likelihood.h"

namespace ccsim {

namespace {

constexpr int max_em_steps = 1000;
constexpr int trial_em_steps = 20;
constexpr double em_tolerance = 1e-9;
constexpr double min_weight = 1e-6;
constexpr std::array<double, 3> start_quantiles = {0.25, 0.5, 0.75};

const double log_root_two_pi = 0.5 * std::log(2.0 * std::numbers::pi);

// The data as EM needs them: x, y = log x, sorted by x, and the floor on any sigma.
struct Sample {
  std::vector<double> x;
  std::vector<double> y;
  double sum_y = 0.0;
  double sigma_floor = 0.0;
};

Sample prepare(std::span<const double> xs) {
  Sample s;
  s.x.assign(xs.begin(), xs.end());
  std::sort(s.x.begin(), s.x.end());
  s.y.reserve(s.x.size());
  for (double x : s.x) {
    s.y.push_back(std::log(x));
    s.sum_y += s.y.back();
  }
  const double mean = s.sum_y / static_cast<double>(s.y.size());
  double ss = 0.0;
  for (double y : s.y) ss += (y - mean) * (y - mean);
  s.sigma_floor = 1e-3 * std::sqrt(ss / static_cast<double>(s.y.size()));
  return s;
}

// Weighted mean and (divide-by-weight) sd of y over [begin, end) with weights w (all 1 if empty).
std::pair<double, double> log_moments(const Sample& s, std::size_t begin, std::size_t end,
                                      const std::vector<double>& w, bool complement,
                                      double sigma_floor) {
  double total = 0.0;
  double sum = 0.0;
  for (std::size_t i = begin; i < end; ++i) {
    const double wi = w.empty() ? 1.0 : (complement ? 1.0 - w[i] : w[i]);
    total += wi;
    sum += wi * s.y[i];
  }
  // A component whose responsibilities all underflowed to 0 would give 0/0: it restarts from the
  // unweighted moments instead of carrying NaN into the fit.
  if (!(total > 0.0) && !w.empty()) return log_moments(s, begin, end, {}, false, sigma_floor);
  const double mu = sum / total;
  double ss = 0.0;
  for (std::size_t i = begin; i < end; ++i) {
    const double wi = w.empty() ? 1.0 : (complement ? 1.0 - w[i] : w[i]);
    ss += wi * (s.y[i] - mu) * (s.y[i] - mu);
  }
  return {mu, std::max(std::sqrt(ss / total), sigma_floor)};
}

// The two mixtures as parameter vectors with their component log densities (of x) and M-steps.
//   Two lognormals:            p = {w, mu_1, sigma_1, mu_2, sigma_2}
//   Exponential + lognormal:   p = {w, m, mu, sigma}
struct TwoLognormals {
  static constexpr std::size_t size = 5;
  using Parameters = std::array<double, size>;
  // log(w f_1(x)) and log((1 - w) f_2(x)), with the constants worked out once per EM step.
  struct LogParts {
    double c1, mu1, inv1, c2, mu2, inv2;
    std::pair<double, double> operator()(double /*x*/, double y) const {
      const double z1 = (y - mu1) * inv1;
      const double z2 = (y - mu2) * inv2;
      return {c1 - 0.5 * z1 * z1 - y, c2 - 0.5 * z2 * z2 - y};
    }
  };
  static LogParts log_parts(const Parameters& p) {
    return {std::log(p[0]) - std::log(p[2]) - log_root_two_pi, p[1], 1.0 / p[2],
            std::log(1.0 - p[0]) - std::log(p[4]) - log_root_two_pi, p[3], 1.0 / p[4]};
  }
  static Parameters start(const Sample& s, std::size_t split, double q) {
    const auto low = log_moments(s, 0, split, {}, false, s.sigma_floor);
    const auto high = log_moments(s, split, s.y.size(), {}, false, s.sigma_floor);
    return {q, low.first, low.second, high.first, high.second};
  }
  static Parameters m_step(const Sample& s, const std::vector<double>& r, double w) {
    const auto first = log_moments(s, 0, s.y.size(), r, false, s.sigma_floor);
    const auto second = log_moments(s, 0, s.y.size(), r, true, s.sigma_floor);
    return {w, first.first, first.second, second.first, second.second};
  }
  static std::array<double, size> steps(const Parameters& p) {
    const double hw = 1e-4 * std::min(p[0], 1.0 - p[0]);
    return {hw, 1e-4 * p[2], 1e-4 * p[2], 1e-4 * p[4], 1e-4 * p[4]};
  }
};

struct ExponentialAndLognormal {
  static constexpr std::size_t size = 4;
  using Parameters = std::array<double, size>;
  struct LogParts {
    double c1, rate, c2, mu, inv;
    std::pair<double, double> operator()(double x, double y) const {
      const double z = (y - mu) * inv;
      return {c1 - rate * x, c2 - 0.5 * z * z - y};
    }
  };
  static LogParts log_parts(const Parameters& p) {
    return {std::log(p[0]) - std::log(p[1]), 1.0 / p[1],
            std::log(1.0 - p[0]) - std::log(p[3]) - log_root_two_pi, p[2], 1.0 / p[3]};
  }
  static Parameters start(const Sample& s, std::size_t split, double q) {
    double sum = 0.0;
    for (std::size_t i = 0; i < split; ++i) sum += s.x[i];
    const auto high = log_moments(s, split, s.y.size(), {}, false, s.sigma_floor);
    return {q, sum / static_cast<double>(split), high.first, high.second};
  }
  static Parameters m_step(const Sample& s, const std::vector<double>& r, double w) {
    double total = 0.0;
    double sum = 0.0;
    for (std::size_t i = 0; i < s.x.size(); ++i) {
      total += r[i];
      sum += r[i] * s.x[i];
    }
    const auto second = log_moments(s, 0, s.y.size(), r, true, s.sigma_floor);
    // A mean below the smallest value cannot be reached by data but can by an emptied component;
    // keeping it there keeps the density finite.
    const double mean = total > 0.0 ? sum / total : s.x.front();
    return {w, std::max(mean, 1e-3 * s.x.front()), second.first, second.second};
  }
  static std::array<double, size> steps(const Parameters& p) {
    const double hw = 1e-4 * std::min(p[0], 1.0 - p[0]);
    return {hw, 1e-4 * p[1], 1e-4 * p[3], 1e-4 * p[3]};
  }
};

template <class Model>
double log_likelihood(const Sample& s, const typename Model::Parameters& p,
                      std::vector<double>* responsibilities) {
  const auto parts = Model::log_parts(p);
  double total = 0.0;
  for (std::size_t i = 0; i < s.x.size(); ++i) {
    const auto [a, b] = parts(s.x[i], s.y[i]);
    const double top = std::max(a, b);
    const double ea = std::exp(a - top);
    const double eb = std::exp(b - top);
    total += top + std::log(ea + eb);
    if (responsibilities) (*responsibilities)[i] = ea / (ea + eb);
  }
  return total;
}

template <class Model>
struct EmResult {
  typename Model::Parameters parameters;
  double log_likelihood;
  int iterations;
};

// At most `steps` EM steps from p; stops early when a step raises log L by less than the
// tolerance.
template <class Model>
EmResult<Model> run_em(const Sample& s, typename Model::Parameters p, int steps) {
  std::vector<double> r(s.x.size());
  double previous = log_likelihood<Model>(s, p, &r);
  int step = 0;
  while (step < steps) {
    double w = 0.0;
    for (double ri : r) w += ri;
    w = std::clamp(w / static_cast<double>(r.size()), min_weight, 1.0 - min_weight);
    p = Model::m_step(s, r, w);
    const double current = log_likelihood<Model>(s, p, &r);
    ++step;
    const bool converged = std::abs(current - previous) < em_tolerance * (1.0 + std::abs(current));
    previous = current;
    if (converged) break;
  }
  return {p, previous, step};
}

// Each start gets a short trial; only the best is run on to convergence, which costs about a
// third of running them all (EM on overlapping components can take hundreds of steps).
template <class Model>
EmResult<Model> best_of_starts(const Sample& s) {
  std::optional<EmResult<Model>> best;
  for (double q : start_quantiles) {
    const auto split = std::clamp<std::size_t>(
        static_cast<std::size_t>(q * static_cast<double>(s.x.size())), 2, s.x.size() - 2);
    auto trial = run_em<Model>(s, Model::start(s, split, q), trial_em_steps);
    if (!best || trial.log_likelihood > best->log_likelihood) best = trial;
  }
  if (best->iterations < trial_em_steps) return *best;  // converged within its trial
  auto rest = run_em<Model>(s, best->parameters, max_em_steps - trial_em_steps);
  rest.iterations += best->iterations;
  return rest;
}

template <class Model>
std::array<double, Model::size> standard_errors(const Sample& s,
                                                const typename Model::Parameters& p) {
  const auto h = Model::steps(p);
  auto f = [&s](std::span<const double> v) {
    typename Model::Parameters q;
    std::copy(v.begin(), v.end(), q.begin());
    return log_likelihood<Model>(s, q, nullptr);
  };
  std::vector<double> information = detail::numerical_hessian(f, p, h);
  for (double& v : information) v = -v;
  const auto se = detail::standard_errors_from_information(std::move(information), Model::size);
  std::array<double, Model::size> out;
  std::copy(se.begin(), se.end(), out.begin());
  return out;
}

}  // namespace

FittedDistribution fit_lognormal_mixture(std::span<const double> xs) {
  detail::check_handle_times(xs, "lognormal+lognormal fit", 10, 4);
  const Sample s = prepare(xs);
  auto em = best_of_starts<TwoLognormals>(s);
  auto& p = em.parameters;
  if (p[1] > p[3]) p = {1.0 - p[0], p[3], p[4], p[1], p[2]};
  const auto se = standard_errors<TwoLognormals>(s, p);
  MixtureLaw law{{{p[0], LognormalLaw{p[1], p[2]}}, {1.0 - p[0], LognormalLaw{p[3], p[4]}}}};
  return detail::finish_fit("lognormal+lognormal", std::move(law),
                {{"weight_1", p[0], se[0]},
                 {"mu_1", p[1], se[1]},
                 {"sigma_1", p[2], se[2]},
                 {"mu_2", p[3], se[3]},
                 {"sigma_2", p[4], se[4]}},
                em.log_likelihood, xs, em.iterations);
}

FittedDistribution fit_exponential_lognormal_mixture(std::span<const double> xs) {
  detail::check_handle_times(xs, "exponential+lognormal fit", 10, 4);
  const Sample s = prepare(xs);
  const auto em = best_of_starts<ExponentialAndLognormal>(s);
  const auto& p = em.parameters;
  const auto se = standard_errors<ExponentialAndLognormal>(s, p);
  MixtureLaw law{{{p[0], ExponentialLaw{p[1]}}, {1.0 - p[0], LognormalLaw{p[2], p[3]}}}};
  return detail::finish_fit("exponential+lognormal", std::move(law),
                {{"weight_1", p[0], se[0]},
                 {"mean_s_1", p[1], se[1]},
                 {"mu_2", p[2], se[2]},
                 {"sigma_2", p[3], se[3]}},
                em.log_likelihood, xs, em.iterations);
}

}  // namespace ccsim
