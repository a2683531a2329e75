#include "ccsim/runner.h"

#include <atomic>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "ccsim/engine.h"

namespace ccsim {

RunResult run_replications(const Model& model, const RunOptions& options) {
  const auto replications = static_cast<std::size_t>(options.replications);
  std::vector<std::vector<double>> values(replications);
  std::vector<RunTotals> totals(replications);
  std::atomic<int> finished{0};

  tbb::task_arena arena(options.threads > 0 ? options.threads : tbb::task_arena::automatic);
  arena.execute([&] {
    // Grain 1: a replication is long enough to be a task of its own, and small grains balance
    // replications of unequal length.
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, replications, 1),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                        for (std::size_t r = range.begin(); r != range.end(); ++r) {
                          const Tallies tallies = run_replication(model, options.seed, r);
                          values[r] = kpi_values(model, tallies);
                          totals[r] = {tallies.events, tallies.arrivals};
                          const int done = ++finished;
                          if (options.progress) options.progress(done, options.replications);
                        }
                      });
  });

  RunResult result{summarise(model, values), {}};
  for (const RunTotals& t : totals) {
    result.totals.events += t.events;
    result.totals.arrivals += t.arrivals;
  }
  return result;
}

}  // namespace ccsim
