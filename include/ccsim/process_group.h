// The processes a run is spread over: the MPI world when ccsim was started by mpirun (and built
// with MPI), otherwise a group of one. Replications are assigned to processes by their index, never
// by timing, and gathered on rank 0, which folds them in replication order: the results are the
// same bytes whatever the number of processes.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "ccsim/model.h"
#include "ccsim/runner.h"

namespace ccsim {

class ProcessGroup {
 public:
  // Joins the MPI world if this process was started by mpirun (Open MPI or MPICH environment
  // variables say so) and ccsim was built with MPI; otherwise stays a group of one. Call once,
  // from main, before anything else uses it.
  static ProcessGroup& start(int& argc, char**& argv);
  // The group started by start(), or a group of one if start() was never called.
  static ProcessGroup& current();
  ~ProcessGroup();

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }

  // Ends the whole job at once (all ranks) with this exit code; in a group of one, std::exit.
  [[noreturn]] void abort(int exit_code) const;

  // Rank 0's `value` on every rank (rank 0 gets its own back): how rank 0 shares a decision only
  // it can make, such as what an output file already holds. Every rank must call it at the same
  // point. In a group of one it returns `value`.
  std::uint64_t broadcast(std::uint64_t value) const;

 private:
  ProcessGroup() = default;
  int rank_ = 0;
  int size_ = 1;
  [[maybe_unused]] bool mpi_ = false;  // only read in a build with MPI
};

// run_replication_range spread over the group: replications first .. first+count-1 are cut into
// consecutive batches, batch b runs on rank b % size, and after each round of `size` batches
// rank 0 gathers the outcomes and folds them in replication order. `fold` is called on rank 0
// only; the other ranks return when their share is done. In a group of one it is exactly
// run_replication_range.
void run_replication_range(const ProcessGroup& group, const std::vector<const Model*>& models,
                           const RunOptions& options, std::uint64_t first, std::uint64_t count,
                           const std::function<void(const ReplicationOutcome&)>& fold);

// run_replications spread over the group; the result is meaningful on rank 0 only.
RunResult run_replications(const ProcessGroup& group, const Model& model, const RunOptions& options);

}  // namespace ccsim
