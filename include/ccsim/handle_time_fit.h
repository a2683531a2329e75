// Maximum-likelihood fits of handle times (fully observed durations, in seconds), one family at a
// time or all at once, for `ccsim fit` to turn a call log into a scenario's handle-time law.
//
// Each fit returns a FittedDistribution (fitted_law.h): estimates with standard errors from the
// observed information, log-likelihood, AIC and the Kolmogorov-Smirnov distance to the sample.
// With n values x_i, xbar their mean and ybar the mean of y_i = log x_i:
//
//   exponential  mean m = xbar.  SE(m) = m / sqrt(n).  log L = -n log m - n.
//   lognormal    mu = ybar, sigma^2 = (1/n) sum (y_i - mu)^2 (the MLE divides by n, not n-1).
//                SE(mu) = sigma / sqrt(n), SE(sigma) = sigma / sqrt(2n) (the information is
//                diagonal). log L = -sum y_i - n log sigma - (n/2) log(2 pi) - n/2.
//   gamma        shape k solves log k - digamma(k) = s, s = log xbar - ybar (> 0 unless all x
//                are equal), by Newton's method from Minka's start
//                k0 = (3 - s + sqrt((s - 3)^2 + 24 s)) / (12 s)  (T. Minka, "Estimating a gamma
//                distribution", 2002), stopping when a step is below 1e-12 k, at most 100 steps;
//                scale t = xbar / k. The observed information at the estimate equals the expected
//                one, n [[trigamma(k), 1/t], [1/t, k/t^2]], whence, with D = n (k trigamma(k) - 1),
//                Var k = k / D,  Var t = t^2 trigamma(k) / D.
//   weibull      profile likelihood in the shape; see weibull_mle in sim/maximum_likelihood.h for
//                the score, the solver and the closed-form information.
//   mixtures     two components by EM; see mixture_fit.h.
//
// Every fitter refuses bad data with std::invalid_argument: no values; values that are not finite;
// values that are zero or negative (every family here lives on (0, inf); the message says how
// many); fewer than 2 distinct values (nothing to estimate a spread from). The mixtures also need
// at least 10 values, 4 of them distinct.
#pragma once

#include <span>
#include <vector>

#include "ccsim/fitted_law.h"
#include "ccsim/mixture_fit.h"

namespace ccsim {

FittedDistribution fit_exponential(std::span<const double> handle_times_s);
FittedDistribution fit_gamma(std::span<const double> handle_times_s);
FittedDistribution fit_lognormal(std::span<const double> handle_times_s);
FittedDistribution fit_weibull(std::span<const double> handle_times_s);

// Every candidate, in this order: exponential, gamma, lognormal, weibull, lognormal+lognormal,
// exponential+lognormal. The mixtures are left out (not refused) below 10 values or 4 distinct
// ones, where they would only chase single points. Choose with best_by_aic (fitted_law.h).
//
// Example:
//   const auto fits = ccsim::fit_handle_times(handle_times_s);
//   const ccsim::FittedDistribution& best = ccsim::best_by_aic(fits);
//   scenario["contact_types"][0]["handle_time"] = best.scenario;
std::vector<FittedDistribution> fit_handle_times(std::span<const double> handle_times_s);

}  // namespace ccsim
