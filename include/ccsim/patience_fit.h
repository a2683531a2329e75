// Patience (how long a caller will wait before hanging up) estimated from a call log, where it is
// seen only for callers who abandoned. A caller served after waiting w shows only that patience
// exceeded w: that observation is right-censored at w. Ignoring such calls, or treating their waits
// as patience, biases patience low; these estimators use them correctly.
//
// Data: one PatienceObservation per call that waited (or was offered to the queue): `wait_s` and
// whether it was abandoned. Calls served after a wait of exactly 0 s are dropped before anything is
// estimated: patience >= 0 holds for everyone, so they carry no information (counted in
// `dropped_zero_waits`). Abandonments at 0 s are kept by Kaplan-Meier and the exponential; the
// Weibull and lognormal, whose log-densities are -inf or undefined there, refuse them.
//
// Kaplan-Meier (Kaplan and Meier 1958). At each distinct abandonment time t_j, with n_j calls at
// risk (wait >= t_j; a call served at t_j is counted at risk at t_j, the usual convention that
// censoring follows events at the same time) and d_j abandonments,
//     S(t_j) = prod_{i <= j} (1 - d_i / n_i),
// with Greenwood's variance  Var S(t_j) = S(t_j)^2 sum_{i <= j} d_i / (n_i (n_i - d_i)).
// Where S reaches 0 (everyone left at risk abandoned) Greenwood's sum is infinite; the standard
// error is reported as 0 there, the estimate being degenerate.
// Its scenario object is  {"dist":"kaplan_meier","times_s":[t_j],"survival":[S(t_j)],
// "tail_mean_s":m}: S is 1 before times_s[0] and survival[j] on [t_j, t_j+1); beyond the last time
// the remaining mass survival.back() is spread as an exponential of mean m (no tail_mean_s when
// that mass is 0: everyone at risk abandoned). The tail mean m is the
// censored exponential MLE over all the data (total wait / abandonments): simple, always defined
// when anyone abandoned, and exact if patience is exponential.
//
// Censored maximum likelihood, with d abandonments among n observations, E the abandoned and C the
// served (censored) calls:
//   exponential  mean m = (sum of all waits) / d;  SE(m) = m / sqrt(d);  log L = -d log m - d.
//   weibull      log L = d log k - d k log l + (k - 1) sum_E log t - sum_all (t/l)^k, solved by
//                profile likelihood in the shape (sim/maximum_likelihood.h, weibull_mle).
//   lognormal    log L = sum_E [log phi(z) - log sigma - log t] + sum_C log Q(z),
//                z = (log t - mu) / sigma, Q the standard normal upper tail. Maximised over Olsen's
//                parameters a = mu/sigma, b = 1/sigma, in which log L is concave (Olsen 1978, for
//                the Tobit model), by Newton's method with step halving (at most 100 steps, 60
//                halvings each), started from the abandoned calls' own log-mean and log-sd,
//                stopping when a step changes a and b by less than 1e-12 relative. With y = log t,
//                h = phi(z)/Q(z) and delta = h (h - z), the information is
//                  sum_E [[1, -y], [-y, 1/b^2 + y^2]] + sum_C delta [[1, -y], [-y, y^2]];
//                standard errors of mu and sigma by the delta method from those of (a, b).
// Each fit's `ks_distance` is the largest gap between the fitted survival and the Kaplan-Meier
// estimate up to its last abandonment time (goodness_of_fit.h, survival_distance).
//
// Refused with std::invalid_argument: no observations; waits that are negative or not finite (the
// message says how many); no abandonment at all (served calls alone bound patience from below and
// identify no distribution); for the Weibull and lognormal, abandonments at 0 s and fewer than 2
// distinct abandonment times.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include <nlohmann/json.hpp>

#include "ccsim/fitted_law.h"

namespace ccsim {

struct PatienceObservation {
  double wait_s = 0.0;     // time in queue until abandonment or answer
  bool abandoned = false;  // true: patience = wait_s; false: patience > wait_s (censored)
};

struct KaplanMeierStep {
  double time_s = 0.0;
  std::size_t at_risk = 0;
  std::size_t abandoned = 0;
  double survival = 1.0;        // S(time_s), after this step
  double standard_error = 0.0;  // Greenwood
};

struct KaplanMeierEstimate {
  std::vector<KaplanMeierStep> steps;  // one per distinct abandonment time, ascending
  std::size_t observations = 0;        // used (zero-wait served calls excluded)
  std::size_t abandoned = 0;
  std::size_t censored = 0;
  std::size_t dropped_zero_waits = 0;
  double tail_mean_s = 0.0;
  nlohmann::json scenario;
  // The step function: 1 before the first step time, survival of the last step at or before t.
  double survival_at(double t) const;
};

KaplanMeierEstimate kaplan_meier(std::span<const PatienceObservation> observations);

FittedDistribution fit_censored_exponential(std::span<const PatienceObservation> observations);
FittedDistribution fit_censored_weibull(std::span<const PatienceObservation> observations);
FittedDistribution fit_censored_lognormal(std::span<const PatienceObservation> observations);

// The three censored fits, in that order; the Weibull and lognormal are left out (not refused)
// where they would refuse the data. Choose with best_by_aic (fitted_law.h).
std::vector<FittedDistribution> fit_patience(std::span<const PatienceObservation> observations);

}  // namespace ccsim
