// `ccsim sweep FILE --set PATH=VALUES ... --out results.csv|results.jsonl`: a grid or a Latin
// hypercube of variants of a scenario. Every point runs the same replications on the same random
// streams (common random numbers), so differences between points are the parameters' alone, and
// each point's summary is appended to the output as soon as it is known. The output is locked
// while the sweep writes it (file_lock.h), so a second sweep or --resume of it stops at once.
//
// Under mpirun every rank reads the same arguments and scenario, so each finds the same problems
// in them and stops alike; the replications of each batch of points are spread over the ranks
// (process_group.h), and rank 0 alone reads, cuts and writes the output file. The study itself is
// sweep_study.h, the file's text sweep_writers.h; this command parses, opens the file and prints.
#include <charconv>
#include <chrono>
#include <climits>
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

#include "ccsim/diagnostics.h"
#include "ccsim/file_lock.h"
#include "ccsim/html_report.h"
#include "ccsim/output_file.h"
#include "ccsim/process_group.h"
#include "ccsim/scenario.h"
#include "ccsim/shard.h"
#include "ccsim/summary.h"
#include "ccsim/sweep.h"
#include "ccsim/sweep_study.h"
#include "ccsim/sweep_writers.h"
#include "commands.h"
#include "memory_limit.h"
#include "seed_option.h"
#include "progress_bar.h"
#include "sweep_output.h"

namespace ccsim::cli {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

struct SweepArguments {
  std::string file;
  std::vector<std::string> sets;
  std::optional<std::size_t> lhs;
  std::optional<int> replications;
  std::optional<std::uint64_t> seed;
  int threads = 0;
  std::string out;
  bool resume = false;
  std::optional<std::string> report_out;  // the HTML report of the points
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
  if (!args.out.empty() || args.resume || args.report_out)
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
    check_output_path("--out", args.out);
  OutputSet report_output;
  if (args.report_out) report_output.add("--report", *args.report_out);
  // A shard keeps both formats' text (merge chooses); `format` then only shapes unused headers.
  const SweepFormat format = shard ? SweepFormat::csv : format_of(args.out);
  const Scenario scenario = Scenario::read(args.file);
  const json& document = scenario.document();
  const fs::path& base_dir = scenario.base_dir();
  const Model base = scenario.compile();

  std::vector<SweepParameter> parameters;
  for (const std::string& text : args.sets) parameters.push_back(parse_sweep_set(text));
  const std::uint64_t seed = args.seed.value_or(base.run.seed);
  const int replications = args.replications.value_or(base.run.replications);
  const SweepStudy study(document, args.file, base_dir, std::move(parameters), args.lhs, seed);
  const std::size_t points = study.points();
  study.check_values();

  const ordered_json definition = sweep_definition(base, study, seed, replications);
  const std::string header = sweep_header_text(format, definition, study.parameters());
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
      first_point = open_output(args.out, args.resume, format, header, base, study, lock, out);
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
    part.csv_header = sweep_header_text(SweepFormat::csv, definition, study.parameters());
    part.jsonl_header = sweep_header_text(SweepFormat::jsonl, definition, study.parameters());
  }
  const std::string& destination = shard ? args.out_part : args.out;
  if (done == points) {
    if (group.is_root())
      fmt::print(stderr, "{}: already holds all {} points of this sweep\n", args.out, points);
    return 0;
  }
  if (done > 0 && args.report_out)
    throw InputError({{"--report", "", fmt::format("draws every point from this run, and {} of {} are "
                                                   "already in {}: run the sweep whole for a report",
                                                   done, points, args.out)}});
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
  SweepRunOptions options;
  options.replications = replications;
  options.seed = seed;
  options.threads = args.threads;
  options.memory_limit_bytes = args.memory_limit;
  options.progress = [&](std::uint64_t finished, std::uint64_t) {
    progress->update(static_cast<int>(static_cast<long long>(finished) / unit));
  };

  const std::optional<std::size_t> stop_after_points = stop_after_points_for_tests();
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> parameter_names;
  std::vector<std::vector<std::string>> parameter_labels;
  for (const SweepParameter& p : study.parameters()) {
    parameter_names.push_back(p.path);
    parameter_labels.push_back(p.labels);
  }
  SweepReport report(base, parameter_names, parameter_labels);
  const auto write_point = [&](std::size_t point, const std::vector<double>& values,
                               const Model& model, const Summary& summary) {
    if (args.report_out) report.add(values, summary);
    if (shard) {
      part.results.push_back(
          {point, sweep_point_text(SweepFormat::csv, point, study.parameters(), values, model, summary),
           sweep_point_text(SweepFormat::jsonl, point, study.parameters(), values, model, summary)});
      return;
    }
    // Points are written in their order, each whole and flushed: what --resume relies on.
    out << sweep_point_text(format, point, study.parameters(), values, model, summary);
    out.flush();
    if (!out) {
      // The other ranks would wait for rank 0 at the next batch: end the whole job.
      if (group.size() > 1) {
        fmt::print(stderr, "ccsim: cannot write {}\n", args.out);
        group.abort(2);
      }
      throw std::runtime_error(fmt::format("cannot write {}", args.out));
    }
    if (stop_after_points && point + 1 == *stop_after_points) std::raise(SIGKILL);
  };
  const RunTotals totals = study.run(group, todo, options, write_point);
  if (!group.is_root()) return 0;
  if (shard) {
    part_output.write("--out-part", [&part](std::ostream& o) { o << sweep_part_json(part).dump() << '\n'; });
    part_output.commit();
  }
  if (args.report_out) {
    report_output.write("--report", [&](std::ostream& o) { report.write(o, {replications, seed}); });
    report_output.commit();
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
                  "array steps may be ids, e.g. /agent_groups/agents/staffing; PATH*=f1,f2 scales; "
                  "what_if=baseline,NAME,... (or what_if=*) makes the what-ifs an axis. Repeat for "
                  "more parameters; the first varies slowest")
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
  cmd->add_option("--report", args->report_out,
                  "Also write an HTML report: the KPIs over one parameter (lines) or two (heat maps), "
                  "and every point's table");
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
