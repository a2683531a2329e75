// Means of per-replication figures with their standard errors, for tests that check a limit
// within a number of standard errors.
#pragma once

#include <cmath>
#include <vector>

namespace ccsim::testing {

struct MeanAndError {
  double mean = 0.0;
  double standard_error = 0.0;
};

inline MeanAndError mean_of(const std::vector<double>& xs) {
  double sum = 0.0;
  for (double x : xs) sum += x;
  const double n = static_cast<double>(xs.size());
  const double mean = sum / n;
  double squares = 0.0;
  for (double x : xs) squares += (x - mean) * (x - mean);
  return {mean, std::sqrt(squares / (n - 1.0) / n)};
}

}  // namespace ccsim::testing
