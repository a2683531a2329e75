// `ccsim sweep FILE --set PATH=VALUES ... --out results.csv|results.jsonl`: a grid or a Latin
// hypercube of variants of a scenario. Every point runs the same replications on the same random
// streams (common random numbers), so differences between points are the parameters' alone, and
// each point's summary is appended to the output as soon as it is known. The output is locked
// while the sweep writes it (file_lock.h), so a second sweep or --resume of it stops at once.
//
// Under mpirun every rank reads the same arguments and scenario, so each finds the same problems
// in them and stops alike; the replications of each batch of points are spread over the ranks
// (process_group.h), and rank 0 alone reads, cuts and writes the output file.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <climits>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <tbb/task_arena.h>

#include "ccsim/detail/text_file.h"
#include "ccsim/limits.h"
#include "ccsim/diagnostics.h"
#include "ccsim/file_lock.h"
#include "ccsim/output_file.h"
#include "ccsim/process_group.h"
#include "ccsim/runner.h"
#include "ccsim/scenario.h"
#include "ccsim/shard.h"
#include "ccsim/summary.h"
#include "ccsim/sweep.h"
#include "ccsim/writers.h"
#include "commands.h"
#include "memory_limit.h"
#include "seed_option.h"
#include "progress_bar.h"
#include "sweep_output.h"

namespace ccsim::cli {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

struct SweepArguments {
  std::string file;
  std::vector<std::string> sets;
  std::optional<std::size_t> lhs;
  std::optional<int> replications;
  std::optional<std::uint64_t> seed;
  int threads = 0;
  std::string out;
  bool resume = false;
  std::string shard;     // "k/N" for a batch scheduler's job array, or empty
  std::string out_part;  // the part file a shard writes
  std::optional<std::uint64_t> memory_limit;
};

// ---- running ------------------------------------------------------------------------------------

// For tests only, not for users: with CCSIM_SWEEP_STOP_AFTER_POINTS=k in the environment, the
// process kills itself with SIGKILL right after the output file's k-th point is written and
// flushed, exactly as a kill at that moment would, so that a test of --resume interrupts a sweep at
// a known point instead of racing it with a timer. Anything but a whole number >= 1 is ignored.
std::optional<std::size_t> stop_after_points_for_tests() {
  const char* text = std::getenv("CCSIM_SWEEP_STOP_AFTER_POINTS");
  if (text == nullptr) return std::nullopt;
  std::size_t points = 0;
  const char* end = text + std::strlen(text);
  const auto [stop, error] = std::from_chars(text, end, points);
  if (error != std::errc{} || stop != end || points == 0) return std::nullopt;
  return points;
}

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
    label += fmt::format(" {}={}", parameters[i].path, sweep_value_text(values[i]));
  return label;
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

// The slice `--shard` asks for, after refusing what a shard cannot do; none without --shard.
std::optional<Shard> requested_shard(const SweepArguments& args) {
  if (args.shard.empty() && args.out_part.empty()) {
    if (args.out.empty())
      throw InputError({{"--out", "", "is required (or --shard k/N --out-part PART.json)"}});
    return std::nullopt;
  }
  if (args.shard.empty()) throw InputError({{"--out-part", "", "needs --shard k/N"}});
  const Shard shard = parse_shard(args.shard);
  if (args.out_part.empty())
    throw InputError({{"--shard", "", "needs --out-part PART.json, the file the points are written to"}});
  if (!args.out.empty() || args.resume)
    throw InputError({{"--shard", "", "writes a part file only: `ccsim merge --out` of the N parts "
                                      "writes the sweep's output (and a failed shard is run again)"}});
  return shard;
}

int sweep(const SweepArguments& args) {
  const std::optional<Shard> shard = requested_shard(args);
  // The output is checked before anything runs: a typing mistake in its folder costs a second.
  OutputSet part_output;
  if (shard)
    part_output.add("--out-part", args.out_part);
  else
    (void)detail::check_output_target("--out", args.out);
  // A shard keeps both formats' text (merge chooses); `format` then only shapes unused headers.
  const Format format = shard ? Format::csv : format_of(args.out);
  const Scenario scenario = Scenario::read(args.file);
  const json& document = scenario.document();
  const fs::path& base_dir = scenario.base_dir();
  const Model base = scenario.compile();

  std::vector<SweepParameter> parameters;
  for (const std::string& text : args.sets) parameters.push_back(parse_sweep_set(text));
  const auto targets = resolve_sweep_targets(document, parameters, args.file);

  RunOptions options;
  options.seed = args.seed.value_or(base.run.seed);
  options.threads = args.threads;
  const int replications = args.replications.value_or(base.run.replications);

  std::vector<std::vector<double>> sample;  // the Latin hypercube's points; a grid's are computed
  if (args.lhs) sample = latin_hypercube(parameters, *args.lhs, latin_hypercube_seed(options.seed));
  const std::size_t points = args.lhs ? sample.size() : grid_size(parameters);
  const auto values_of = [&](std::size_t point) {
    return args.lhs ? sample[point] : grid_point(parameters, point);
  };

  // Each value a parameter takes is tried on its own before anything runs, so that a value the
  // scenario refuses (13.5 agents) stops the sweep at once, not hours into it.
  for (std::size_t d = 0; d < parameters.size(); ++d) {
    std::vector<double> levels = parameters[d].values;
    if (args.lhs) {
      levels.clear();
      for (const auto& point : sample) levels.push_back(point[d]);
      std::sort(levels.begin(), levels.end());
      levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    }
    for (double level : levels) {
      try {
        (void)compile_scenario(apply_sweep_point(document, {targets[d]}, {level}), args.file, base_dir);
      } catch (const InputError& e) {
        rethrow_with(e, fmt::format("with --set {}={}", parameters[d].path, sweep_value_text(level)));
      }
    }
  }

  const ordered_json definition =
      sweep_definition(base, document, options.seed, replications, args.lhs, points, parameters);
  const std::string header = header_text(format, definition, parameters);
  const std::size_t lines_per_point = format == Format::csv ? csv_lines_per_point(base) : 1;
  // Only rank 0 looks at the output file: the others learn from it where to start, so that no
  // rank reads a file that rank 0 is cutting. A refusal ("already exists") reaches them the same
  // way, before any of them waits for replications.
  const ProcessGroup& group = ProcessGroup::current();
  constexpr std::uint64_t refused = UINT64_MAX;
  std::ofstream out;
  std::optional<FileLock> lock;
  std::uint64_t first_point = 0;
  if (group.is_root() && !shard) {
    try {
      first_point = open_output(args.out, args.resume, format, header, lines_per_point, points,
                                whole_line_check(format, base, values_of), lock, out);
    } catch (...) {
      group.broadcast(refused);
      throw;
    }
  }
  first_point = group.broadcast(first_point);
  // Not printed: only rank 0 speaks, and it has said why.
  if (first_point == refused) throw InputError({{args.out, "", "refused by rank 0"}});
  const auto done = static_cast<std::size_t>(first_point);
  // The points this command runs, in order: those after `done`, or a shard's every N-th.
  std::vector<std::size_t> todo;
  for (std::size_t p = done; p < points; ++p)
    if (!shard || p % shard->count == shard->index) todo.push_back(p);
  SweepPart part;
  if (shard) {
    part.definition = definition.dump();
    part.points = points;
    part.shards = shard->count;
    part.shard = shard->index;
    part.csv_header = header_text(Format::csv, definition, parameters);
    part.jsonl_header = header_text(Format::jsonl, definition, parameters);
  }
  const std::string& destination = shard ? args.out_part : args.out;
  if (done == points) {
    if (group.is_root())
      fmt::print(stderr, "{}: already holds all {} points of this sweep\n", args.out, points);
    return 0;
  }
  if (done > 0 && group.is_root())
    fmt::print(stderr, "{}: {} of {} points already there, resuming at point {}\n", args.out, done,
               points, done);

  // The progress counts replications of the points still to run; beyond INT_MAX they are counted
  // in bunches so that the bar's int does not overflow.
  const long long work = static_cast<long long>(todo.size()) * replications;
  const long long unit = work / INT_MAX + 1;
  auto progress = std::make_unique<ProgressBar>(
      unit == 1 ? "replications" : fmt::format("x {} replications", unit),
      static_cast<int>(work / unit), ProgressBar::Elsewhere::plain_lines);
  long long finished_before = 0;
  if (group.is_root())
    options.progress = [&](int finished, int) {
      progress->update(static_cast<int>((finished_before + finished) / unit));
    };

  const std::optional<std::size_t> stop_after_points = stop_after_points_for_tests();
  const auto start = std::chrono::steady_clock::now();
  // Rank 0's chunk for all: ranks on machines with other core counts must still agree on the
  // batches they gather together.
  const auto chunk = static_cast<std::size_t>(
      group.broadcast(chunk_points(args.threads, replications, KpiLayout(base).size())));
  RunTotals totals;
  for (std::size_t first = 0; first < todo.size(); first += chunk) {
    const std::size_t count = std::min(chunk, todo.size() - first);
    std::vector<std::vector<double>> values;
    std::vector<Model> models;
    models.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      values.push_back(values_of(todo[first + i]));
      try {
        models.push_back(compile_scenario(apply_sweep_point(document, targets, values.back()),
                                          args.file, base_dir));
        apply_memory_limit(args.memory_limit, models.back());
      } catch (const InputError& e) {
        rethrow_with(e, point_label(todo[first + i], parameters, values.back()));
      }
    }
    std::vector<const Model*> model_pointers;
    for (const Model& model : models) model_pointers.push_back(&model);
    check_memory(model_pointers, options.threads, static_cast<std::uint64_t>(replications));
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
    run_replication_range(group, model_pointers, options, 0,
                          static_cast<std::uint64_t>(replications), fold);
    finished_before += static_cast<long long>(count) * replications;
    if (!group.is_root()) continue;  // rank 0 alone folded, and alone writes
    if (shard) {
      for (std::size_t i = 0; i < count; ++i) {
        const std::size_t point = todo[first + i];
        const Summary summary = summaries[i].finish();
        part.results.push_back(
            {point, point_text(Format::csv, point, parameters, values[i], models[i], summary),
             point_text(Format::jsonl, point, parameters, values[i], models[i], summary)});
      }
      continue;
    }
    // Points are written in their order, each whole and flushed: what --resume relies on.
    for (std::size_t i = 0; i < count; ++i) {
      out << point_text(format, todo[first + i], parameters, values[i], models[i], summaries[i].finish());
      out.flush();
      if (!out) {
        // The other ranks would wait for rank 0 at the next batch: end the whole job.
        if (group.size() > 1) {
          fmt::print(stderr, "ccsim: cannot write {}\n", args.out);
          group.abort(2);
        }
        throw std::runtime_error(fmt::format("cannot write {}", args.out));
      }
      if (stop_after_points && todo[first + i] + 1 == *stop_after_points) std::raise(SIGKILL);
    }
  }
  if (!group.is_root()) return 0;
  if (shard) {
    part_output.write("--out-part", [&part](std::ostream& o) { o << sweep_part_json(part).dump() << '\n'; });
    part_output.commit();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  progress.reset();  // clears the bar before the last line
  // Wall-clock figures go to standard error: the output file must not depend on them.
  fmt::print(stderr, "{}: {} points x {} replications ({} run now), {} contacts, {} events in {:.2f} s\n",
             destination, points, replications, todo.size(), totals.arrivals, totals.events, seconds);
  return 0;
}

}  // namespace

void add_sweep_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SweepArguments>();
  CLI::App* cmd = app.add_subcommand(
      "sweep", "Run a scenario over a grid or Latin hypercube of parameter values into CSV or JSONL");
  cmd->add_option("file", args->file, "Scenario file (JSON, comments allowed)")->required();
  cmd->add_option("--set", args->sets,
                  "PATH=v1,v2,... or PATH=from:to:step (inclusive); PATH is a JSON pointer whose "
                  "array steps may be ids, e.g. /agent_groups/agents/staffing. Repeat for more "
                  "parameters; the first varies slowest")
      ->required()
      ->allow_extra_args(false);
  cmd->add_option("--lhs", args->lhs, "A Latin hypercube of N points instead of the full grid")
      ->check(CLI::Range(std::size_t{1}, max_sweep_points));
  cmd->add_option("-r,--replications", args->replications,
                  "Replications per point (default: the scenario's run.replications)")
      ->check(CLI::Range(1, 1000000));
  add_seed_option(cmd, "-s,--seed", args->seed, "Seed of the random streams (default: the scenario's run.seed)");
  cmd->add_option("-t,--threads", args->threads, "Worker threads (default: every core)")
      ->check(CLI::Range(0, 4096));
  cmd->add_option("-o,--out", args->out, "Output file: .csv (tidy) or .jsonl (one line per point)");
  cmd->add_flag("--resume", args->resume,
                "Complete an interrupted sweep's output instead of refusing to touch it");
  cmd->add_option("--shard", args->shard,
                  "Run only the points whose number is k modulo N (k = 0..N-1), for a job array; "
                  "needs --out-part instead of --out, and `ccsim merge --out` joins the N parts");
  cmd->add_option("--out-part", args->out_part, "The part file a --shard sweep writes");
  add_memory_limit_option(cmd, args->memory_limit);
  cmd->callback([args, &exit_code] { exit_code = sweep(*args); });
}

}  // namespace ccsim::cli
