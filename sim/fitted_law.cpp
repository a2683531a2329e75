#include "ccsim/fitted_law.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <boost/math/special_functions/gamma.hpp>

namespace ccsim {

namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// Boost.Math's distribution for each family; the mixture is handled by its callers.
boost::math::exponential_distribution<> boost_law(const ExponentialLaw& l) {
  return boost::math::exponential_distribution<>(1.0 / l.mean_s);
}
boost::math::gamma_distribution<> boost_law(const GammaLaw& l) {
  return boost::math::gamma_distribution<>(l.shape, l.scale_s);
}
boost::math::lognormal_distribution<> boost_law(const LognormalLaw& l) {
  return boost::math::lognormal_distribution<>(l.mu, l.sigma);
}
boost::math::weibull_distribution<> boost_law(const WeibullLaw& l) {
  return boost::math::weibull_distribution<>(l.shape, l.scale_s);
}

double component_cdf(const ComponentLaw& law, double x) {
  return std::visit([x](const auto& l) { return boost::math::cdf(boost_law(l), x); }, law);
}
double component_survival(const ComponentLaw& law, double x) {
  return std::visit(
      [x](const auto& l) { return boost::math::cdf(boost::math::complement(boost_law(l), x)); },
      law);
}

// Written out rather than log(pdf): the logarithm stays finite where the density underflows.
double component_log_density(const ComponentLaw& law, double x) {
  return std::visit(
      Overloaded{
          [x](const ExponentialLaw& l) { return -std::log(l.mean_s) - x / l.mean_s; },
          [x](const GammaLaw& l) {
            return (l.shape - 1.0) * std::log(x) - x / l.scale_s - std::lgamma(l.shape) -
                   l.shape * std::log(l.scale_s);
          },
          [x](const LognormalLaw& l) {
            const double z = (std::log(x) - l.mu) / l.sigma;
            return -std::log(x) - std::log(l.sigma) - 0.5 * std::log(2.0 * std::numbers::pi) -
                   0.5 * z * z;
          },
          [x](const WeibullLaw& l) {
            const double u = std::log(x / l.scale_s);
            return std::log(l.shape / l.scale_s) + (l.shape - 1.0) * u - std::exp(l.shape * u);
          }},
      law);
}

nlohmann::json component_json(const ComponentLaw& law) {
  return std::visit(
      Overloaded{[](const ExponentialLaw& l) {
                   return nlohmann::json{{"dist", "exponential"}, {"mean_s", l.mean_s}};
                 },
                 [](const GammaLaw& l) {
                   return nlohmann::json{
                       {"dist", "gamma"}, {"shape", l.shape}, {"scale_s", l.scale_s}};
                 },
                 [](const LognormalLaw& l) {
                   return nlohmann::json{{"dist", "lognormal"}, {"mu", l.mu}, {"sigma", l.sigma}};
                 },
                 [](const WeibullLaw& l) {
                   return nlohmann::json{
                       {"dist", "weibull"}, {"shape", l.shape}, {"scale_s", l.scale_s}};
                 }},
      law);
}

ComponentLaw as_component(const ExponentialLaw& l) { return l; }
ComponentLaw as_component(const GammaLaw& l) { return l; }
ComponentLaw as_component(const LognormalLaw& l) { return l; }
ComponentLaw as_component(const WeibullLaw& l) { return l; }

}  // namespace

double cdf(const FittedLaw& law, double x) {
  if (!(x > 0.0)) return 0.0;
  return std::visit(Overloaded{[x](const MixtureLaw& m) {
                                 double p = 0.0;
                                 for (const auto& c : m.components)
                                   p += c.weight * component_cdf(c.law, x);
                                 return std::min(p, 1.0);
                               },
                               [x](const auto& l) { return component_cdf(as_component(l), x); }},
                    law);
}

double survival(const FittedLaw& law, double x) {
  if (!(x > 0.0)) return 1.0;
  return std::visit(Overloaded{[x](const MixtureLaw& m) {
                                 double p = 0.0;
                                 for (const auto& c : m.components)
                                   p += c.weight * component_survival(c.law, x);
                                 return std::min(p, 1.0);
                               },
                               [x](const auto& l) {
                                 return component_survival(as_component(l), x);
                               }},
                    law);
}

double log_density(const FittedLaw& law, double x) {
  if (!(x > 0.0)) return -std::numeric_limits<double>::infinity();
  return std::visit(
      Overloaded{[x](const MixtureLaw& m) {
                   // log sum_j exp(log w_j + log f_j(x)), shifted by the largest term.
                   std::vector<double> terms;
                   terms.reserve(m.components.size());
                   for (const auto& c : m.components)
                     terms.push_back(std::log(c.weight) + component_log_density(c.law, x));
                   const double top = *std::max_element(terms.begin(), terms.end());
                   if (!std::isfinite(top)) return top;
                   double sum = 0.0;
                   for (double t : terms) sum += std::exp(t - top);
                   return top + std::log(sum);
                 },
                 [x](const auto& l) { return component_log_density(as_component(l), x); }},
      law);
}

nlohmann::json scenario_json(const FittedLaw& law) {
  return std::visit(Overloaded{[](const MixtureLaw& m) {
                                 nlohmann::json components = nlohmann::json::array();
                                 for (const auto& c : m.components) {
                                   nlohmann::json one = {{"weight", c.weight}};
                                   one.update(component_json(c.law));
                                   components.push_back(std::move(one));
                                 }
                                 return nlohmann::json{{"dist", "mixture"},
                                                       {"components", std::move(components)}};
                               },
                               [](const auto& l) { return component_json(as_component(l)); }},
                    law);
}

const FittedDistribution& best_by_aic(const std::vector<FittedDistribution>& fits) {
  if (fits.empty()) throw std::invalid_argument("no fitted distributions to choose from");
  const FittedDistribution* best = &fits.front();
  for (const auto& f : fits)
    if (f.aic < best->aic) best = &f;
  return *best;
}

}  // namespace ccsim
