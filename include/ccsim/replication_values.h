// Every replication's KPI values, kept for a researcher who wants their distribution (or the
// share of replications in which a target holds) rather than their mean: `ccsim run
// --replications-out FILE.csv` and the Python module's replications frame.
//
// The file is tidy, one row per replication x cell, with the columns of the run's tidy CSV:
//   replication,scope,id,interval,start,kpi,value          (without what-ifs)
//   replication,variant,scope,id,interval,start,kpi,value  (with them: "baseline" or the what-if)
// (day,weekday for interval,start under detail day). A value undefined in a replication (no
// contact answered) is empty. Replication r of every variant saw the same random numbers.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "ccsim/model.h"
#include "ccsim/runner.h"
#include "ccsim/summary.h"

namespace ccsim {

class ReplicationValues {
 public:
  // `variants` names the models of each outcome after the baseline (empty for a plain run).
  ReplicationValues(const Model& base, std::vector<std::string> variants);

  // Bytes `replications` of them would take in memory, for the memory check before a run.
  static std::uint64_t bytes_for(const Model& base, std::size_t variants, std::uint64_t replications);
  // Throws InputError (naming `option`) when they would take more than half the base model's
  // memory limit: the run's own estimate (limits.h) leaves them out.
  static void check_memory(const Model& base, std::size_t variants, std::uint64_t replications,
                           const std::string& option);

  // Keeps one replication's values (in replication order, as run_what_if_study hands them on).
  void add(const ReplicationOutcome& outcome);

  // `base` is the model given to the constructor (or a copy of it): its names label the rows.
  void write_csv(std::ostream& out, const Model& base) const;

 private:
  KpiLayout layout_;
  std::vector<std::string> variants_;
  std::vector<std::uint64_t> replications_;
  std::vector<std::vector<std::vector<double>>> values_;  // [replication][model][cell]
};

}  // namespace ccsim
