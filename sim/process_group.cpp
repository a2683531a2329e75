#include "ccsim/process_group.h"

#include <algorithm>
#include <cstdlib>

#ifdef CCSIM_WITH_MPI
#include <mpi.h>
#endif

namespace ccsim {

namespace {

ProcessGroup* started_group = nullptr;

// mpirun of Open MPI and the Hydra launcher of MPICH set these in every process they start. A
// ccsim started by hand stays a plain process and never initialises MPI: some MPI libraries try
// to contact a launcher in MPI_Init even for a single process.
[[maybe_unused]] bool started_by_mpirun() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr;
}

// A fixed number of replications per batch, the same on every rank whatever its core count, so
// that every rank computes the same assignment without exchanging a message.
[[maybe_unused]] constexpr std::uint64_t replications_per_batch = 16;

}  // namespace

ProcessGroup& ProcessGroup::start([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
  static ProcessGroup group;
  if (started_group == nullptr) {
#ifdef CCSIM_WITH_MPI
    if (started_by_mpirun()) {
      MPI_Init(&argc, &argv);
      MPI_Comm_rank(MPI_COMM_WORLD, &group.rank_);
      MPI_Comm_size(MPI_COMM_WORLD, &group.size_);
      group.mpi_ = true;
    }
#endif
    started_group = &group;
  }
  return group;
}

ProcessGroup& ProcessGroup::current() {
  if (started_group != nullptr) return *started_group;
  static ProcessGroup single;
  return single;
}

ProcessGroup::~ProcessGroup() {
#ifdef CCSIM_WITH_MPI
  if (mpi_) MPI_Finalize();
#endif
}

void ProcessGroup::abort(int exit_code) const {
#ifdef CCSIM_WITH_MPI
  if (mpi_ && size_ > 1) MPI_Abort(MPI_COMM_WORLD, exit_code);
#endif
  std::exit(exit_code);
}

std::uint64_t ProcessGroup::broadcast(std::uint64_t value) const {
#ifdef CCSIM_WITH_MPI
  if (mpi_ && size_ > 1) MPI_Bcast(&value, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
#endif
  return value;
}

void run_replication_range(const ProcessGroup& group, const std::vector<const Model*>& models,
                           const RunOptions& options, std::uint64_t first, std::uint64_t count,
                           const std::function<void(const ReplicationOutcome&)>& fold) {
  if (group.size() == 1) {
    run_replication_range(models, options, first, count, fold);
    return;
  }
#ifdef CCSIM_WITH_MPI
  const auto ranks = static_cast<std::uint64_t>(group.size());
  const auto rank = static_cast<std::uint64_t>(group.rank());
  std::vector<std::size_t> value_counts;  // KPI cells per replication of each model
  std::size_t values_per_replication = 0;
  for (const Model* model : models) {
    value_counts.push_back(KpiLayout(*model).size());
    values_per_replication += value_counts.back();
  }
  const std::size_t totals_per_replication = 2 * models.size();

  // Round r covers `ranks` consecutive batches; batch b of the round runs on rank b. Rank 0 then
  // holds the whole round in replication order (rank 0's batch, then rank 1's, ...).
  const std::uint64_t round_size = ranks * replications_per_batch;
  for (std::uint64_t round_start = 0; round_start < count; round_start += round_size) {
    const auto share_of = [&](std::uint64_t k) -> std::uint64_t {
      const std::uint64_t start = round_start + k * replications_per_batch;
      if (start >= count) return 0;
      return std::min(replications_per_batch, count - start);
    };
    std::vector<double> values;
    std::vector<std::uint64_t> totals;
    values.reserve(share_of(rank) * values_per_replication);
    run_replication_range(models, options, first + round_start + rank * replications_per_batch,
                          share_of(rank), [&](const ReplicationOutcome& outcome) {
                            for (std::size_t m = 0; m < models.size(); ++m) {
                              values.insert(values.end(), outcome.values[m].begin(), outcome.values[m].end());
                              totals.push_back(outcome.totals[m].events);
                              totals.push_back(outcome.totals[m].arrivals);
                            }
                          });

    std::vector<int> value_sizes, value_offsets, total_sizes, total_offsets;
    int value_offset = 0, total_offset = 0;
    for (std::uint64_t k = 0; k < ranks; ++k) {
      value_sizes.push_back(static_cast<int>(share_of(k) * values_per_replication));
      total_sizes.push_back(static_cast<int>(share_of(k) * totals_per_replication));
      value_offsets.push_back(value_offset);
      total_offsets.push_back(total_offset);
      value_offset += value_sizes.back();
      total_offset += total_sizes.back();
    }
    std::vector<double> all_values(group.is_root() ? static_cast<std::size_t>(value_offset) : 0);
    std::vector<std::uint64_t> all_totals(group.is_root() ? static_cast<std::size_t>(total_offset) : 0);
    MPI_Gatherv(values.data(), static_cast<int>(values.size()), MPI_DOUBLE, all_values.data(),
                value_sizes.data(), value_offsets.data(), MPI_DOUBLE, 0, MPI_COMM_WORLD);
    MPI_Gatherv(totals.data(), static_cast<int>(totals.size()), MPI_UINT64_T, all_totals.data(),
                total_sizes.data(), total_offsets.data(), MPI_UINT64_T, 0, MPI_COMM_WORLD);
    if (!group.is_root()) continue;

    const std::uint64_t in_round = std::min(round_size, count - round_start);
    ReplicationOutcome outcome;
    outcome.values.resize(models.size());
    outcome.totals.resize(models.size());
    const double* v = all_values.data();
    const std::uint64_t* t = all_totals.data();
    for (std::uint64_t i = 0; i < in_round; ++i) {
      outcome.replication = first + round_start + i;
      for (std::size_t m = 0; m < models.size(); ++m) {
        outcome.values[m].assign(v, v + value_counts[m]);
        v += value_counts[m];
        outcome.totals[m] = {t[0], t[1]};
        t += 2;
      }
      fold(outcome);
    }
  }
#else
  // Unreachable: without MPI every group is a group of one.
  run_replication_range(models, options, first, count, fold);
#endif
}

RunResult run_replications(const ProcessGroup& group, const Model& model, const RunOptions& options) {
  RunFold fold(model);
  run_replication_range(group, {&model}, options, 0, static_cast<std::uint64_t>(options.replications),
                        [&fold](const ReplicationOutcome& outcome) { fold(outcome); });
  return fold.result();
}

}  // namespace ccsim
