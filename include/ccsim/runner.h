// Replications of one model as oneTBB tasks, reduced in replication order.
//
// Each replication draws only from its own streams (seed, replication, purpose), and the summary
// reduces the replications' KPI vectors in replication order, so the result is bit-identical
// whatever the number of threads or how the tasks were scheduled.
#pragma once

#include <cstdint>
#include <functional>

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

}  // namespace ccsim
