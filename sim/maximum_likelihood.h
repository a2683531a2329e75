// Private to the fitters (handle_time_fit.cpp, patience_fit.cpp): the numerical pieces they share.
//   - the Weibull maximum-likelihood estimate, censored or not (one profile-likelihood solver);
//   - standard errors from an observed information matrix (its inverse, by Cholesky);
//   - a central-difference Hessian, for the mixtures, whose information has no closed form.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "ccsim/fitted_law.h"

namespace ccsim::detail {

// The checks of handle_time_fit.h, shared with the mixtures; `minimum_values` and
// `minimum_distinct` as the family needs. Throws std::invalid_argument whose message starts with
// `what`.
void check_handle_times(std::span<const double> xs, const char* what,
                        std::size_t minimum_values = 1, std::size_t minimum_distinct = 2);

// The report of an uncensored fit: AIC, the KS distance to `xs`, n and the scenario object added.
FittedDistribution finish_fit(std::string family, FittedLaw law,
                              std::vector<FittedParameter> parameters, double log_likelihood,
                              std::span<const double> xs, int iterations);

// Observed information J (row-major, k x k, symmetric) to standard errors sqrt(diag(J^-1)). All NaN
// when J is not positive definite (the estimate is on a ridge or at a boundary).
std::vector<double> standard_errors_from_information(std::vector<double> information,
                                                     std::size_t k);

// d^2 f / dx_i dx_j by central differences with steps h_i:
//   diagonal  (f(x + h_i e_i) - 2 f(x) + f(x - h_i e_i)) / h_i^2,
//   off it    (f(++) - f(+-) - f(-+) + f(--)) / (4 h_i h_j).
// The truncation error is O(h^2); with h_i = 1e-4 |x_i| and log-likelihoods of a few times 10^4,
// the rounding error is about 1e-12 / h^2 relative to f'' ~ n / x^2, i.e. 1e-7: plenty for
// standard errors.
std::vector<double> numerical_hessian(const std::function<double(std::span<const double>)>& f,
                                      std::span<const double> x, std::span<const double> h);

struct WeibullEstimate {
  double shape = 0.0;
  double scale_s = 0.0;
  double log_likelihood = 0.0;
  double shape_se = 0.0;
  double scale_se = 0.0;
  int iterations = 0;
};

// Maximum likelihood for the Weibull S(t) = exp(-(t/l)^k) from d observed times (events) and
// right-censored ones, all > 0. The log-likelihood is
//     log L = d log k - d k log l + (k - 1) sum_events log t - sum_all (t/l)^k.
// For fixed k it is largest at l^k = sum_all t^k / d; putting that back, the profile score is
//     g(k) = sum_all t^k log t / sum_all t^k - 1/k - (1/d) sum_events log t,
// which increases in k (its derivative is a weighted variance of log t plus 1/k^2), so its root is
// unique. It is found by Boost's newton_raphson_iterate (45 bits, at most 100 steps) inside a
// bracket grown from k0 = pi / (sqrt(6) sd(log t over events)) (the shape matching the spread of
// log t), halving or doubling at most 60 times. Sums run over exp(k (log t - c) - m), centred by
// c, the mean log event time, and shifted by m, the largest exponent, so nothing overflows. The
// observed information at the estimate, with v = log(t/l) and z = (t/l)^k (sum_all z = d there), is
//     J_kk = d/k^2 + sum_all z v^2,   J_ll = d k^2/l^2,   J_kl = -(k/l) sum_all z v.
// Throws std::invalid_argument (with `what` leading the message) when no root exists: the event
// times all equal and no censored time lies beyond them.
WeibullEstimate weibull_mle(std::span<const double> event_times,
                            std::span<const double> censored_times, const std::string& what);

}  // namespace ccsim::detail
