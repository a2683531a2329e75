// Replications of one or more models as oneTBB tasks, folded in replication order.
//
// Each replication draws only from its own streams (seed, replication, purpose), so replication r
// of two variants of a scenario sees the same arrivals, handle times and patience (common random
// numbers), and results are folded in replication order, so they are bit-identical whatever the
// number of threads or how the tasks were scheduled.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "ccsim/model.h"
#include "ccsim/summary.h"

namespace ccsim {

struct RunOptions {
  int replications = 30;
  std::uint64_t seed = 1;
  int threads = 0;  // 0: every core
  // Called after each finished replication with (finished, total), from worker threads, possibly
  // concurrently; it must be thread-safe and cheap.
  std::function<void(int, int)> progress;
};

struct RunTotals {
  std::uint64_t events = 0;    // events taken off the calendar, over all replications
  std::uint64_t arrivals = 0;  // contacts simulated, warm-up included
};

struct RunResult {
  Summary summary;
  RunTotals totals;
};

RunResult run_replications(const Model& model, const RunOptions& options);

// One replication of every model: values[m] is kpi_values(*models[m], tallies of replication r),
// totals[m] its event and contact counts.
struct ReplicationOutcome {
  std::uint64_t replication = 0;
  std::vector<std::vector<double>> values;
  std::vector<RunTotals> totals;
};

// The building block of paired comparisons and sweeps: runs replications first .. first+count-1 of
// every model in `models` (as oneTBB tasks, `options.threads` wide, with `options.seed`; the
// `replications` field is ignored) and hands each replication's outcome to `fold` in replication
// order, on the calling thread. Replication r of every model uses the streams of (seed, r).
// Memory stays bounded by a batch of a few replications per thread, whatever `count` is.
void run_replication_range(const std::vector<const Model*>& models, const RunOptions& options,
                           std::uint64_t first, std::uint64_t count,
                           const std::function<void(const ReplicationOutcome&)>& fold);

// The fold of a plain run: the summary and totals of the first model's replications.
class RunFold {
 public:
  explicit RunFold(const Model& model) : accumulator_(model) {}
  void operator()(const ReplicationOutcome& outcome) {
    accumulator_.add(outcome.values[0]);
    totals_.events += outcome.totals[0].events;
    totals_.arrivals += outcome.totals[0].arrivals;
  }
  RunResult result() const { return {accumulator_.finish(), totals_}; }

 private:
  SummaryAccumulator accumulator_;
  RunTotals totals_;
};

}  // namespace ccsim
