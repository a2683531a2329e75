// Two-component mixtures of handle times, fitted by EM (Dempster, Laird and Rubin 1977).
//
// Call logs often hold a short-call component (wrong numbers, transfers, hang-ups in the first
// seconds) under the bulk of ordinary calls; one family fits neither well. Two mixtures are fitted:
//
//   lognormal+lognormal     f = w LN(mu_1, sigma_1) + (1 - w) LN(mu_2, sigma_2): a two-component
//                           Gaussian mixture on y = log x. Components ordered by mu (mu_1 <= mu_2).
//   exponential+lognormal   f = w Exp(mean m) + (1 - w) LN(mu, sigma): the short-call component is
//                           the exponential.
//
// EM. E-step: r_i = w f_1(x_i) / f(x_i), computed from log densities shifted by their maximum.
// M-step (closed forms, weighted by r and 1 - r): w = mean r; a lognormal's mu and sigma^2 are
// the weighted mean and (divide-by-weight) variance of log x; the exponential's mean is
// sum r x / sum r.
// Each sigma is kept at or above 1e-3 sd(log x) and w within [1e-6, 1 - 1e-6], so that a component
// collapsing onto one point cannot make the likelihood infinite or NaN.
// Stops when the log-likelihood rises by less than 1e-9 (1 + |log L|) in a step (3e-5 for 5,000
// calls of a few minutes: far below what AIC can tell apart), or after 1,000 steps in all; it never
// hangs, and `iterations` says how many it took. EM never lowers the likelihood but finds a local
// maximum, so it starts from three deterministic points, splitting the sorted data at its 25 %,
// 50 % and 75 % quantiles (lognormal+lognormal: each side's mean and sd of log x, w = the quantile;
// exponential+lognormal: the lower side's mean as the exponential's, the upper side's log-moments
// as the lognormal's, w = the quantile). Each start runs 20 steps; the best of them goes on to
// convergence. Running all three to the end costs up to three times as much; on 40 synthetic logs
// of 2,000 calls (gamma, lognormal, short calls under a lognormal, whole-second times) it raised
// the log-likelihood by at most 0.1, on flat ridges of unimodal data: nothing AIC would notice.
//
// Standard errors: the inverse of minus a central-difference Hessian of log L in the reported
// parameters (steps 1e-4 min(w, 1 - w) for w, 1e-4 m for m, 1e-4 sigma for mu and sigma). NaN when
// that matrix is not positive definite: when a component has collapsed (w at its floor), or when
// the two components overlap so much that the data cannot tell them apart (a flat ridge, on which
// EM stops short of the exact maximum). A mixture with NaN errors is a sign that one family will
// do. Parameters: weight_1, mu_1, sigma_1, mu_2, sigma_2 (five); weight_1, mean_s_1, mu_2,
// sigma_2 (four). weight_2 = 1 - weight_1 is not a free parameter and is not listed.
#pragma once

#include <span>

#include "ccsim/fitted_law.h"

namespace ccsim {

// Refuses data as the handle-time fitters do (handle_time_fit.h), and fewer than 10 values or 4
// distinct ones.
FittedDistribution fit_lognormal_mixture(std::span<const double> handle_times_s);
FittedDistribution fit_exponential_lognormal_mixture(std::span<const double> handle_times_s);

}  // namespace ccsim
