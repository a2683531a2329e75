// Runs, sweeps and comparisons for the Python module, each as the command does it: the same
// defaults (replications and seed from the scenario, the horizon's default detail), the same
// memory check, and results the library's writers turn into the same bytes as `ccsim run --json`
// and `--csv` (with what-ifs, as `ccsim run --what-if`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ccsim/model.h"
#include "ccsim/replication_values.h"
#include "ccsim/scenario.h"
#include "ccsim/summary.h"
#include "ccsim/what_if_study.h"

namespace ccsim::python {

struct Run {
  Model model;
  std::vector<WhatIfVariant> variants;  // run paired with the baseline, when any
  WhatIfStudy study;
  std::uint64_t seed = 0;
  std::optional<ReplicationValues> replications;  // kept when asked for

  const Summary& summary() const { return study.baseline; }
  std::string json_text() const;   // what `ccsim run --json` writes
  std::string csv_text() const;    // what `ccsim run --csv` writes
  std::string table_text() const;  // what `ccsim run` prints
  std::string replications_text() const;  // what `ccsim run --replications-out` writes
};

struct RunRequest {
  std::optional<int> replications;  // default: the scenario's
  std::optional<std::uint64_t> seed;
  int threads = 0;                  // 0: every core
  std::string detail;               // "", "total", "day" or "interval"; "" is the horizon's default
  bool keep_replications = false;   // keep every replication's values (replication_values.h)
};

// The scenario, with `what_ifs` (names, "all") paired with it as `ccsim run --what-if` runs them.
Run run(const Scenario& scenario, const std::vector<std::string>& what_ifs, const RunRequest& request);

// `candidate` paired with `baseline` replication by replication, reported as a what-if named
// "candidate" of the baseline. They must have the same contact types, groups and intervals.
Run paired(const Scenario& baseline, const Scenario& candidate, const RunRequest& request);

// The sequential comparison of `ccsim compare BASE CANDIDATE --kpi ...` (default margins when
// `kpis` is empty); the JSON text `ccsim compare --json` writes.
struct GateRequest {
  std::vector<std::string> kpis;
  double alpha = 0.05;
  int initial_replications = 10;
  int max_replications = 200;
  std::optional<std::uint64_t> seed;  // default: the baseline's
  int threads = 0;
  bool fail_undecided = false;
};
std::string compare_sequentially(const Scenario& baseline, const Scenario& candidate,
                                 const GateRequest& request);

// A sweep, as `ccsim sweep --set PATH=v1,v2,...` runs it (a Latin hypercube of `lhs_points`
// points when given): every point on the same random numbers, one Run per point, in point order.
// The path "what_if" is the what-if axis: its values index `what_ifs` ("baseline", names, or "*").
struct SweepPoint {
  std::vector<double> values;
  Run run;
};
std::vector<SweepPoint> sweep(const Scenario& scenario, const std::vector<std::string>& paths,
                              const std::vector<std::vector<double>>& values,
                              std::optional<std::size_t> lhs_points, const RunRequest& request,
                              const std::vector<std::string>& what_ifs);

}  // namespace ccsim::python
