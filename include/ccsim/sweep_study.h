// A sweep study: a scenario run at every point of a sweep (sweep.h), each point on the same
// replications and random streams (common random numbers), so that differences between points are
// the parameters' alone. `ccsim sweep` is one; a staffing search is another.
//
// Points run a chunk at a time, all replications of a chunk's points as oneTBB tasks together (and
// spread over the processes under mpirun), and each finished point is handed over in order, as
// soon as its chunk is done: a caller that appends it to a file loses only the chunk in flight to
// an interruption.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ccsim/model.h"
#include "ccsim/process_group.h"
#include "ccsim/runner.h"
#include "ccsim/summary.h"
#include "ccsim/sweep.h"

namespace ccsim {

struct SweepRunOptions {
  int replications = 30;  // of every point
  std::uint64_t seed = 1;
  int threads = 0;  // 0: every core
  // The memory every point's run may use, instead of the scenario's (RunSettings).
  std::optional<std::uint64_t> memory_limit_bytes;
  // Called after each finished replication of a point with the replications finished and to run
  // over all the points asked for; from worker threads, possibly concurrently: it must be
  // thread-safe and cheap.
  std::function<void(std::uint64_t finished, std::uint64_t total)> progress;
};

// One finished point: its number, its parameters' values, its model and its summary.
using SweepPointDone = std::function<void(std::size_t point, const std::vector<double>& values,
                                          const Model& model, const Summary& summary)>;

class SweepStudy {
 public:
  // Finds where each parameter lands in `document` (resolve_sweep_targets; a what-if axis' names
  // checked against the scenario's: a point's --set values go in first, then its what-if, as
  // `run --set ... --what-if` does), then lays out the points: the full grid, or with `latin_hypercube_points` a Latin hypercube of that many, drawn
  // from latin_hypercube_seed(run_seed). Throws InputError when a path names nothing or what is
  // not a number, or beyond max_sweep_points. `file` names the document in messages; relative
  // paths in it start at `base_dir`.
  SweepStudy(nlohmann::json document, std::string file, std::filesystem::path base_dir,
             std::vector<SweepParameter> parameters,
             std::optional<std::size_t> latin_hypercube_points = std::nullopt,
             std::uint64_t run_seed = 1);

  const nlohmann::json& document() const { return document_; }
  const std::vector<SweepParameter>& parameters() const { return parameters_; }
  bool is_latin_hypercube() const { return latin_hypercube_; }
  std::size_t points() const { return points_; }
  // The parameters' values at `point`, in the order of parameters().
  std::vector<double> values(std::size_t point) const;

  // Compiles the scenario with each value each parameter takes, one parameter at a time, so that a
  // value the scenario refuses (13.5 agents) stops the sweep before anything runs, not hours into
  // it. Throws InputError naming the value ("with --set PATH=VALUE").
  void check_values() const;

  // The model of `point`. Throws InputError naming the point and its values.
  Model compile_point(std::size_t point) const;

  // Runs replications 0 .. replications-1 of every point in `todo`, refusing a chunk of points
  // that would not fit in memory (check_memory throws InputError), and calls `done` for each point
  // in the order of `todo`, on rank 0 only. Returns the events and contacts simulated (on rank 0).
  RunTotals run(const ProcessGroup& group, const std::vector<std::size_t>& todo,
                const SweepRunOptions& options, const SweepPointDone& done) const;

  // As above, in this process alone.
  RunTotals run(const std::vector<std::size_t>& todo, const SweepRunOptions& options,
                const SweepPointDone& done) const;

 private:
  RunTotals run_points(const ProcessGroup* group, const std::vector<std::size_t>& todo,
                       const SweepRunOptions& options, const SweepPointDone& done) const;

  nlohmann::json document_;
  std::string file_;
  std::filesystem::path base_dir_;
  std::vector<SweepParameter> parameters_;
  std::vector<nlohmann::json::json_pointer> targets_;  // in the scenario; the what-if axis' empty
  std::size_t what_if_ = SIZE_MAX;  // the what-if axis' place among the parameters, if any
  // The document of a point: the values of the parameters `applied` says, then its what-if.
  nlohmann::json point_document(const std::vector<double>& values, const std::vector<bool>& applied) const;
  bool latin_hypercube_ = false;
  std::vector<std::vector<double>> sample_;  // a Latin hypercube's points; a grid's are computed
  std::size_t points_ = 0;
};

}  // namespace ccsim
