#include "ccsim/sweep_study.h"

#include <algorithm>
#include <utility>

#include <fmt/core.h>
#include <tbb/task_arena.h>

#include "ccsim/diagnostics.h"
#include "ccsim/limits.h"
#include "ccsim/scenario.h"

namespace ccsim {

namespace {

// Adds where a compile problem came from to each of its messages.
[[noreturn]] void rethrow_with(const InputError& e, const std::string& origin) {
  std::vector<Diagnostic> diagnostics = e.diagnostics();
  for (auto& d : diagnostics) d.message += " (" + origin + ")";
  throw InputError(std::move(diagnostics));
}

std::string point_label(std::size_t point, const std::vector<SweepParameter>& parameters,
                        const std::vector<double>& values) {
  std::string label = fmt::format("sweep point {}:", point);
  for (std::size_t i = 0; i < parameters.size(); ++i)
    label += fmt::format(" {}={}", parameters[i].path, sweep_parameter_text(parameters[i], values[i]));
  return label;
}

// The what-if axis' place among the parameters, with "*" spelled out as the baseline and every
// what-if of the scenario, and each name checked; SIZE_MAX without one.
std::size_t expand_what_if_axis(std::vector<SweepParameter>& parameters, const Scenario& scenario) {
  std::size_t axis = SIZE_MAX;
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    if (!parameters[i].is_what_if()) continue;
    if (axis != SIZE_MAX) throw InputError({{"--set", "what_if", "is given twice: a sweep has one what-if axis"}});
    axis = i;
  }
  if (axis == SIZE_MAX) return axis;
  SweepParameter& p = parameters[axis];
  const std::vector<std::string> names = scenario.what_if_names();
  if (p.labels == std::vector<std::string>{"*"}) {
    p.labels = {"baseline"};
    p.labels.insert(p.labels.end(), names.begin(), names.end());
    p.values.clear();
    for (std::size_t l = 0; l < p.labels.size(); ++l) p.values.push_back(static_cast<double>(l));
  }
  for (const std::string& label : p.labels)
    if (label != "baseline" && std::find(names.begin(), names.end(), label) == names.end()) {
      std::string known = "baseline";
      for (const std::string& name : names) known += ", " + name;
      throw InputError({{"--set", "what_if", fmt::format("no what-if \"{}\" in this scenario (it has: {})", label, known)}});
    }
  return axis;
}

// Points per batch of run_replication_range: enough replications in flight to keep every thread
// busy to the end of a batch, few enough that the KPI vectors of a batch stay within about 64 MB
// and an interruption loses little work.
std::size_t chunk_points(int threads, int replications, std::size_t kpi_values) {
  const auto concurrency =
      static_cast<std::size_t>(threads > 0 ? threads : tbb::this_task_arena::max_concurrency());
  const std::size_t wanted = (32 * concurrency + static_cast<std::size_t>(replications) - 1) /
                             static_cast<std::size_t>(replications);
  const std::size_t batch_bytes = 8 * concurrency * kpi_values * sizeof(double);
  const std::size_t memory_cap = std::max<std::size_t>(1, (64u << 20) / std::max<std::size_t>(batch_bytes, 1));
  return std::clamp<std::size_t>(wanted, 1, std::min<std::size_t>(256, memory_cap));
}

}  // namespace

SweepStudy::SweepStudy(nlohmann::json document, std::string file, std::filesystem::path base_dir,
                       std::vector<SweepParameter> parameters,
                       std::optional<std::size_t> latin_hypercube_points, std::uint64_t run_seed)
    : document_(std::move(document)),
      file_(std::move(file)),
      base_dir_(std::move(base_dir)),
      parameters_(std::move(parameters)),
      latin_hypercube_(latin_hypercube_points.has_value()) {
  const Scenario scenario(document_, file_, base_dir_);
  what_if_ = expand_what_if_axis(parameters_, scenario);
  targets_ = resolve_sweep_targets(document_, parameters_, file_);
  if (what_if_ != SIZE_MAX) {
    // Every point's output has the baseline's rows (types, groups): a what-if that changes them
    // is refused, as `run --what-if` refuses it.
    const Model base = scenario.compile();
    for (const std::string& name : parameters_[what_if_].labels)
      if (name != "baseline") (void)scenario.compile_comparable_what_if(name, base);
  }
  if (latin_hypercube_)
    sample_ = latin_hypercube(parameters_, *latin_hypercube_points, latin_hypercube_seed(run_seed));
  points_ = latin_hypercube_ ? sample_.size() : grid_size(parameters_);
}

std::vector<double> SweepStudy::values(std::size_t point) const {
  return latin_hypercube_ ? sample_[point] : grid_point(parameters_, point);
}

// The --set values go into the scenario first, then the point's what-if patches it, as
// `run --set ... --what-if NAME` does: a what-if that tests a value the sweep changed refuses it.
nlohmann::json SweepStudy::point_document(const std::vector<double>& values, const std::vector<bool>& applied) const {
  std::vector<bool> scales;
  std::vector<nlohmann::json::json_pointer> targets;
  std::vector<double> numbers;
  for (std::size_t d = 0; d < parameters_.size(); ++d)
    if (d != what_if_ && applied[d]) {
      targets.push_back(targets_[d]);
      numbers.push_back(values[d]);
      scales.push_back(parameters_[d].scales);
    }
  nlohmann::json patched = apply_sweep_point(document_, targets, numbers, scales);
  if (what_if_ == SIZE_MAX) return patched;
  const std::string& name = parameters_[what_if_].labels[static_cast<std::size_t>(values[what_if_])];
  if (name == "baseline") return patched;
  return Scenario(std::move(patched), file_, base_dir_).with_what_if(name).document();
}

void SweepStudy::check_values() const {
  // Each value of each parameter alone (and each what-if with it), so that a refusal names it.
  const std::size_t what_ifs = what_if_ == SIZE_MAX ? 1 : parameters_[what_if_].labels.size();
  std::vector<double> values(parameters_.size(), 0.0);
  for (std::size_t d = 0; d < parameters_.size(); ++d) {
    if (d == what_if_) continue;
    std::vector<double> levels = parameters_[d].values;
    if (latin_hypercube_) {
      levels.clear();
      for (const auto& point : sample_) levels.push_back(point[d]);
      std::sort(levels.begin(), levels.end());
      levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    }
    std::vector<bool> applied(parameters_.size(), false);
    applied[d] = true;
    for (double level : levels)
      for (std::size_t w = 0; w < what_ifs; ++w) {
        values[d] = level;
        if (what_if_ != SIZE_MAX) values[what_if_] = static_cast<double>(w);
        try {
          (void)compile_scenario(point_document(values, applied), file_, base_dir_);
        } catch (const InputError& e) {
          std::string origin = fmt::format("with --set {}={}", parameters_[d].path, sweep_value_text(level));
          if (what_if_ != SIZE_MAX) origin += fmt::format(" and what_if={}", parameters_[what_if_].labels[w]);
          rethrow_with(e, origin);
        }
      }
  }
  if (what_if_ != SIZE_MAX)
    for (std::size_t w = 0; w < what_ifs; ++w) {
      values[what_if_] = static_cast<double>(w);
      try {
        (void)compile_scenario(point_document(values, std::vector<bool>(parameters_.size(), false)), file_,
                               base_dir_);
      } catch (const InputError& e) {
        rethrow_with(e, fmt::format("with --set what_if={}", parameters_[what_if_].labels[w]));
      }
    }
}

Model SweepStudy::compile_point(std::size_t point) const {
  const std::vector<double> point_values = values(point);
  try {
    return compile_scenario(point_document(point_values, std::vector<bool>(parameters_.size(), true)), file_,
                            base_dir_);
  } catch (const InputError& e) {
    rethrow_with(e, point_label(point, parameters_, point_values));
  }
}

RunTotals SweepStudy::run(const ProcessGroup& group, const std::vector<std::size_t>& todo,
                          const SweepRunOptions& options, const SweepPointDone& done) const {
  return run_points(&group, todo, options, done);
}

RunTotals SweepStudy::run(const std::vector<std::size_t>& todo, const SweepRunOptions& options,
                          const SweepPointDone& done) const {
  return run_points(nullptr, todo, options, done);
}

// `group` is null for this process alone.
RunTotals SweepStudy::run_points(const ProcessGroup* group, const std::vector<std::size_t>& todo,
                                 const SweepRunOptions& options, const SweepPointDone& done) const {
  const bool is_root = group == nullptr || group->is_root();
  const auto replications = static_cast<std::uint64_t>(options.replications);
  const std::uint64_t work = todo.size() * replications;
  std::uint64_t finished_before = 0;
  RunOptions run_options;
  run_options.seed = options.seed;
  run_options.threads = options.threads;
  if (options.progress && is_root)
    run_options.progress = [&](int finished, int) {
      options.progress(finished_before + static_cast<std::uint64_t>(finished), work);
    };
  // Rank 0's chunk for all: ranks on machines with other core counts must still agree on the
  // batches they gather together.
  const Model base = compile_scenario(document_, file_, base_dir_);
  std::size_t chunk = chunk_points(options.threads, options.replications, KpiLayout(base).size());
  if (group) chunk = static_cast<std::size_t>(group->broadcast(chunk));
  RunTotals totals;
  for (std::size_t first = 0; first < todo.size(); first += chunk) {
    const std::size_t count = std::min(chunk, todo.size() - first);
    std::vector<std::vector<double>> point_values;
    std::vector<Model> models;
    models.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      point_values.push_back(values(todo[first + i]));
      models.push_back(compile_point(todo[first + i]));
      if (options.memory_limit_bytes) models.back().run.memory_limit_bytes = *options.memory_limit_bytes;
    }
    std::vector<const Model*> model_pointers;
    for (const Model& model : models) model_pointers.push_back(&model);
    check_memory(model_pointers, options.threads, replications);
    std::vector<SummaryAccumulator> summaries;
    for (const Model& model : models) summaries.emplace_back(model);
    // Under mpirun the replications are spread over the ranks and folded on rank 0 alone.
    const auto fold = [&](const ReplicationOutcome& outcome) {
      for (std::size_t i = 0; i < count; ++i) {
        summaries[i].add(outcome.values[i]);
        totals.events += outcome.totals[i].events;
        totals.arrivals += outcome.totals[i].arrivals;
      }
    };
    if (group)
      run_replication_range(*group, model_pointers, run_options, 0, replications, fold);
    else
      run_replication_range(model_pointers, run_options, 0, replications, fold);
    finished_before += count * replications;
    if (!is_root) continue;  // rank 0 alone folded
    for (std::size_t i = 0; i < count; ++i)
      done(todo[first + i], point_values[i], models[i], summaries[i].finish());
  }
  return totals;
}

}  // namespace ccsim
