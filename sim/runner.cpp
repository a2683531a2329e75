#include "ccsim/runner.h"

#include <algorithm>
#include <atomic>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "ccsim/engine.h"

namespace ccsim {

RunResult run_replications(const Model& model, const RunOptions& options) {
  const auto replications = static_cast<std::size_t>(options.replications);
  tbb::task_arena arena(options.threads > 0 ? options.threads : tbb::task_arena::automatic);
  // Replications run in batches of a few per thread and are folded into the summary in
  // replication order after each batch: memory stays bounded by the batch, not by the number of
  // replications, and the idle tail at each batch's end is small.
  const std::size_t batch = 8 * static_cast<std::size_t>(arena.max_concurrency());
  std::vector<std::vector<double>> values(std::min(batch, replications));
  std::vector<RunTotals> totals(values.size());
  SummaryAccumulator accumulator(model);
  RunTotals all;
  std::atomic<int> finished{0};

  for (std::size_t first = 0; first < replications; first += batch) {
    const std::size_t count = std::min(batch, replications - first);
    arena.execute([&] {
      // Grain 1: a replication is long enough to be a task of its own.
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, 1),
                        [&](const tbb::blocked_range<std::size_t>& range) {
                          for (std::size_t i = range.begin(); i != range.end(); ++i) {
                            const Tallies tallies = run_replication(model, options.seed, first + i);
                            values[i] = kpi_values(model, tallies);
                            totals[i] = {tallies.events, tallies.arrivals};
                            const int done = ++finished;
                            if (options.progress) options.progress(done, options.replications);
                          }
                        });
    });
    for (std::size_t i = 0; i < count; ++i) {
      accumulator.add(values[i]);
      all.events += totals[i].events;
      all.arrivals += totals[i].arrivals;
    }
  }
  return {accumulator.finish(), all};
}

}  // namespace ccsim
