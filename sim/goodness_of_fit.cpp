#include "ccsim/goodness_of_fit.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ccsim {

double ks_distance(std::span<const double> sample, const std::function<double(double)>& cdf) {
  if (sample.empty())
    throw std::invalid_argument("the Kolmogorov-Smirnov distance needs at least one value");
  std::vector<double> sorted(sample.begin(), sample.end());
  std::sort(sorted.begin(), sorted.end());
  const double n = static_cast<double>(sorted.size());
  double d = 0.0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const double f = cdf(sorted[i]);
    d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
  }
  return d;
}

double ks_distance(std::span<const double> sample, const FittedLaw& law) {
  return ks_distance(sample, [&law](double x) { return cdf(law, x); });
}

double aic(double log_likelihood, int parameter_count) {
  return 2.0 * parameter_count - 2.0 * log_likelihood;
}

double survival_distance(std::span<const double> times, std::span<const double> survival_km,
                         const FittedLaw& law) {
  if (times.size() != survival_km.size())
    throw std::invalid_argument("survival_distance: times and survival differ in length");
  double d = 0.0;
  double before = 1.0;
  for (std::size_t j = 0; j < times.size(); ++j) {
    const double s = survival(law, times[j]);
    d = std::max({d, std::abs(survival_km[j] - s), std::abs(before - s)});
    before = survival_km[j];
  }
  return d;
}

}  // namespace ccsim
