// A distribution fitted to data, and the report of the fit.
//
// `FittedLaw` is the law a fit found (exponential, gamma, lognormal, Weibull, or a mixture of those
// with weights), with its CDF, survival function and log-density evaluated through Boost.Math's
// distributions. `FittedDistribution` is what every fitter returns: the law, each parameter with
// its standard error, the log-likelihood, AIC, a distance to the data, and the scenario JSON object
// a ccsim scenario accepts for that law. The fitters live in handle_time_fit.h (uncensored data)
// and patience_fit.h (censored data); the distances in goodness_of_fit.h.
//
// Parameterisations, as in scenario files (sim/distribution_reader.cpp):
//   exponential  f(x) = exp(-x/m)/m                    {"dist":"exponential","mean_s":m}
//   gamma        f(x) = x^(k-1) exp(-x/t)/(G(k) t^k)   {"dist":"gamma","shape":k,"scale_s":t}
//   lognormal    log X ~ Normal(mu, sigma)             {"dist":"lognormal","mu":..,"sigma":..}
//   weibull      S(x) = exp(-(x/l)^k)                  {"dist":"weibull","shape":k,"scale_s":l}
//   mixture      f(x) = sum_j w_j f_j(x), sum_j w_j = 1
//       {"dist":"mixture","components":[{"weight":w,"dist":"exponential","mean_s":..},...]}
#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace ccsim {

struct ExponentialLaw { double mean_s; };
struct GammaLaw { double shape; double scale_s; };
struct LognormalLaw { double mu; double sigma; };
struct WeibullLaw { double shape; double scale_s; };

using ComponentLaw = std::variant<ExponentialLaw, GammaLaw, LognormalLaw, WeibullLaw>;
struct MixtureComponent {
  double weight;
  ComponentLaw law;
};
// Components are not nested: a mixture of mixtures is a mixture of their components.
struct MixtureLaw { std::vector<MixtureComponent> components; };

using FittedLaw = std::variant<ExponentialLaw, GammaLaw, LognormalLaw, WeibullLaw, MixtureLaw>;

// P(X <= x), P(X > x) and log f(x); 0, 1 and -infinity for x <= 0 (every family lives on (0, inf)).
double cdf(const FittedLaw& law, double x);
double survival(const FittedLaw& law, double x);
double log_density(const FittedLaw& law, double x);
// The scenario object for the law, as in the table above.
nlohmann::json scenario_json(const FittedLaw& law);

struct FittedParameter {
  std::string name;       // as in the scenario object ("mean_s", "shape", "weight_1", "mu_2" ...)
  double value = 0.0;
  // From the inverse of the observed information matrix at the estimate. NaN when that matrix is
  // not positive definite (a mixture component that collapsed onto a few points): the parameter
  // is then not identified by the data, and no standard error exists.
  double standard_error = 0.0;
};

struct FittedDistribution {
  std::string family;  // "exponential", "gamma", "lognormal", "weibull", "lognormal+lognormal",
                       // "exponential+lognormal"
  FittedLaw law;
  std::vector<FittedParameter> parameters;
  double log_likelihood = 0.0;  // at the estimate, in seconds (densities of x, not of log x)
  int parameter_count = 0;
  double aic = 0.0;             // 2 parameter_count - 2 log_likelihood
  // Uncensored fits: the Kolmogorov-Smirnov distance sup |F_n - F| between the sample and the law.
  // Censored fits: the same distance with the Kaplan-Meier estimate in place of F_n, taken where
  // the estimate is defined (up to its last event time); see goodness_of_fit.h.
  double ks_distance = 0.0;
  std::size_t n = 0;         // observations the likelihood counts
  std::size_t censored = 0;  // of which censored (0 for handle times)
  int iterations = 0;        // of the iterative solver (0 for closed forms)
  nlohmann::json scenario;   // scenario_json(law)
};

// The fit with the smallest AIC (the first of equals). Throws std::invalid_argument when empty.
const FittedDistribution& best_by_aic(const std::vector<FittedDistribution>& fits);

}  // namespace ccsim
