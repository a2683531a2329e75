#include "ccsim/runner.h"

#include <algorithm>
#include <atomic>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "ccsim/engine.h"
#include "ccsim/limits.h"

namespace ccsim {

void run_replication_range(const std::vector<const Model*>& models, const RunOptions& options,
                           std::uint64_t first, std::uint64_t count,
                           const std::function<void(const ReplicationOutcome&)>& fold) {
  check_memory(models, options.threads, count);
  tbb::task_arena arena(options.threads > 0 ? options.threads : tbb::task_arena::automatic);
  // Replications run in batches of a few per thread and are folded in replication order after
  // each batch: memory stays bounded by the batch, and the idle tail at a batch's end is small.
  const std::uint64_t batch = 8 * static_cast<std::uint64_t>(arena.max_concurrency());
  const std::size_t tasks_per_replication = models.size();
  std::vector<ReplicationOutcome> outcomes(std::min(batch, count));
  std::atomic<int> finished{0};

  for (std::uint64_t start = 0; start < count; start += batch) {
    const std::uint64_t size = std::min(batch, count - start);
    for (std::uint64_t i = 0; i < size; ++i) {
      outcomes[i].replication = first + start + i;
      outcomes[i].values.assign(tasks_per_replication, {});
      outcomes[i].totals.assign(tasks_per_replication, {});
    }
    arena.execute([&] {
      // One task per (replication, model), grain 1: a replication is long enough to be a task of
      // its own, and small grains balance replications of unequal length.
      tbb::parallel_for(
          tbb::blocked_range<std::size_t>(0, size * tasks_per_replication, 1),
          [&](const tbb::blocked_range<std::size_t>& range) {
            for (std::size_t task = range.begin(); task != range.end(); ++task) {
              ReplicationOutcome& outcome = outcomes[task / tasks_per_replication];
              const std::size_t m = task % tasks_per_replication;
              // One workspace per worker thread, kept for the thread's life: a replication resets
              // it instead of allocating its calendar, contacts, queues and tallies again.
              thread_local Workspace workspace;
              const Tallies& tallies =
                  run_replication(*models[m], options.seed, outcome.replication, workspace);
              // Each (replication, model) task writes only its own slots.
              outcome.values[m] = kpi_values(*models[m], tallies);
              outcome.totals[m] = {tallies.events, tallies.arrivals};
              if (options.progress)
                options.progress(++finished, static_cast<int>(count * tasks_per_replication));
            }
          });
    });
    for (std::uint64_t i = 0; i < size; ++i) fold(outcomes[i]);
  }
}

RunResult run_replications(const Model& model, const RunOptions& options) {
  RunFold fold(model);
  run_replication_range({&model}, options, 0, static_cast<std::uint64_t>(options.replications),
                        [&fold](const ReplicationOutcome& outcome) { fold(outcome); });
  return fold.result();
}

}  // namespace ccsim
