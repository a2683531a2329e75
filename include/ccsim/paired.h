// Paired comparisons of two models run on the same random streams (common random numbers).
//
// Replication r of a baseline and of a variant see the same arrivals, handle times and patience,
// so most of their noise is shared. The change of a KPI is estimated from the per-replication
// differences, variant minus baseline: their mean is the change and their Student-t half-width
// its 95 % confidence interval, usually far narrower than the intervals of the two runs taken
// apart. This needs the two models to share one KPI layout, cell for cell.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ccsim/model.h"
#include "ccsim/summary.h"

namespace ccsim {

// variant[cell] - base[cell], NaN where either is undefined (NaN). The vectors must be equally
// long (laid out by the same KpiLayout).
std::vector<double> paired_difference(const std::vector<double>& base,
                                      const std::vector<double>& variant);

// Why `variant` cannot be compared with `base` cell by cell (a different number or order of
// contact types, agent groups or segments, a contact type on another channel, or a different
// number of intervals), or nothing when it can.
std::optional<std::string> pairing_problem(const Model& base, const Model& variant);

// True when the 95 % confidence interval of a change excludes 0: a change that is not noise.
bool change_is_significant(const Estimate& change);

// A variant against its baseline: the variant's own estimates and the paired change.
struct PairedSummary {
  Summary variant;
  Summary change;
};

// Folds replications of (baseline, variant) pairs, in replication order, as SummaryAccumulator
// does for one model.
class PairedAccumulator {
 public:
  // `base` fixes the layout; the variant must have the same (see pairing_problem).
  explicit PairedAccumulator(const Model& base);
  void add(const std::vector<double>& base_values, const std::vector<double>& variant_values);
  PairedSummary finish() const;

 private:
  SummaryAccumulator variant_;
  SummaryAccumulator change_;
};

}  // namespace ccsim
