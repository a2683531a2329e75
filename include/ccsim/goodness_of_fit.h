// How well a fitted law matches the data: the Kolmogorov-Smirnov distance, Akaike's information
// criterion, and the distance between a Kaplan-Meier estimate and a fitted survival function.
//
// Kolmogorov-Smirnov. With x_(1) <= ... <= x_(n) the sorted sample and F continuous,
//     D = max_i max( i/n - F(x_(i)),  F(x_(i)) - (i-1)/n ),
// which is sup_x |F_n(x) - F(x)| exactly (ties included: at a tie the largest i gives the upper
// step and the smallest the lower one). No p-value is given: the parameters were estimated from
// the same data, so the classical KS tables do not apply; use D to compare fits and to see misfit.
//
// AIC = 2 k - 2 log L (Akaike 1974), k the number of free parameters; smaller is better.
#pragma once

#include <functional>
#include <span>
#include <vector>

#include "ccsim/fitted_law.h"

namespace ccsim {

// Throws std::invalid_argument for an empty sample.
double ks_distance(std::span<const double> sample, const std::function<double(double)>& cdf);
double ks_distance(std::span<const double> sample, const FittedLaw& law);

double aic(double log_likelihood, int parameter_count);

// sup over [0, times.back()] of |S_KM(t) - S(t)|, where S_KM is the right-continuous step function
// equal to 1 before times[0] and to survival[j] on [times[j], times[j+1]). As the law's survival S
// decreases, the supremum is reached at a step, from one side or the other, so
//     max_j max( |survival[j] - S(times[j])|, |survival[j-1] - S(times[j])| ),  survival[-1] = 1.
// Requires times.size() == survival.size(); 0 for no steps.
double survival_distance(std::span<const double> times, std::span<const double> survival,
                         const FittedLaw& law);

}  // namespace ccsim
