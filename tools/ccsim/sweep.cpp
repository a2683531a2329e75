// `ccsim sweep FILE --set PATH=VALUES ... --out results.csv|results.jsonl`: a grid or a Latin
// hypercube of variants of a scenario. Every point runs the same replications on the same random
// streams (common random numbers), so differences between points are the parameters' alone, and
// each point's summary is appended to the output as soon as it is known.
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
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <tbb/task_arena.h>

#include "ccsim/detail/scenario_limits.h"
#include "ccsim/detail/text_file.h"
#include "ccsim/diagnostics.h"
#include "ccsim/output_file.h"
#include "ccsim/process_group.h"
#include "ccsim/runner.h"
#include "ccsim/scenario.h"
#include "ccsim/shard.h"
#include "ccsim/summary.h"
#include "ccsim/sweep.h"
#include "ccsim/writers.h"
#include "commands.h"
#include "seed_option.h"
#include "progress_bar.h"

namespace ccsim::cli {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
// Insertion order, so that every JSONL line starts with its point number (what --resume reads).
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
  std::string shard;     // "k/N" for a batch scheduler's job array, or empty
  std::string out_part;  // the part file a shard writes
};

enum class Format { csv, jsonl };

Format format_of(const std::string& out) {
  const std::string extension = fs::path(out).extension().string();
  if (extension == ".csv") return Format::csv;
  if (extension == ".jsonl") return Format::jsonl;
  throw InputError({{"--out", "", fmt::format("\"{}\" must end in .csv or .jsonl", out)}});
}

// ---- numbers and text, as `ccsim run --csv` writes them ----------------------------------------

ordered_json number_or_null(double value) {
  return std::isfinite(value) ? ordered_json(value) : ordered_json(nullptr);
}

// Parameter values as the scenario would hold them: 14, not 14.0.
ordered_json parameter_json(double value) {
  if (value == std::floor(value) && std::fabs(value) < 0x1.0p53)
    return ordered_json(static_cast<std::int64_t>(value));
  return ordered_json(value);
}

// Of the parsed document: edits of layout or comments keep it, edits of content change it.
std::string document_hash(const json& document) { return content_hash(document.dump()); }

// ---- the output file ---------------------------------------------------------------------------

// What a resumed sweep must share with the one that started the file: the scenario's content, the
// seed, the replications and the points. Threads are left out on purpose: they change nothing.
ordered_json sweep_definition(const Model& base, const json& document, std::uint64_t seed,
                              int replications, const std::optional<std::size_t>& lhs,
                              std::size_t points, const std::vector<SweepParameter>& parameters) {
  ordered_json sets = ordered_json::array();
  for (const auto& p : parameters) sets.push_back(p.path + "=" + p.definition);
  return {{"ccsim", CCSIM_VERSION},
          {"scenario", base.name},
          {"scenario_hash", document_hash(document)},
          {"seed", seed},
          {"replications", replications},
          {"design", lhs ? "lhs" : "grid"},
          {"points", points},
          {"set", sets}};
}

// CSV: a first line "# ccsim sweep {definition}" that pandas (comment="#") and R
// (comment.char="#") skip, then the column names. JSONL: a first line {"ccsim_sweep": definition}.
std::string header_text(Format format, const ordered_json& definition,
                        const std::vector<SweepParameter>& parameters) {
  if (format == Format::jsonl) return ordered_json{{"ccsim_sweep", definition}}.dump() + "\n";
  std::string text = "# ccsim sweep " + definition.dump() + "\npoint";
  for (const auto& p : parameters) text += "," + csv_field(p.path);
  return text + ",scope,id,kpi,mean,ci95,n\n";
}

// The scopes a point reports, over the whole horizon: overall, each contact type, each group, each
// segment, each channel (when the types use two or more).
struct Scope {
  std::size_t index;
  ScopeKind kind;
  const char* name;
  std::string id;
};

std::vector<Scope> scopes_of(const Model& model) {
  const KpiLayout layout(model);
  std::vector<Scope> scopes{{KpiLayout::overall, ScopeKind::overall, "overall", ""}};
  for (std::size_t t = 0; t < model.type_count(); ++t)
    scopes.push_back({layout.type_scope(t), ScopeKind::contact_type, "type", model.contact_types[t].id});
  for (std::size_t g = 0; g < model.group_count(); ++g)
    scopes.push_back({layout.group_scope(g), ScopeKind::agent_group, "group", model.agent_groups[g].id});
  for (std::size_t s = 0; s < model.segment_count(); ++s)
    scopes.push_back({layout.segment_scope(s), ScopeKind::segment, "segment", model.segments[s].id});
  for (std::size_t c = 0; c < layout.channels.size(); ++c)
    scopes.push_back({layout.channel_scope(c), ScopeKind::channel, "channel",
                      std::string(channel_id(layout.channels[c]))});
  return scopes;
}

std::size_t csv_lines_per_point(const Model& model) {
  std::size_t lines = 0;
  for (const Scope& scope : scopes_of(model))
    for (std::size_t k = 0; k < kpi_count; ++k) lines += kpi_applies(scope.kind, static_cast<Kpi>(k));
  return lines;
}

std::string point_prefix(Format format, std::size_t point) {
  return format == Format::csv ? fmt::format("{},", point) : fmt::format("{{\"point\":{},", point);
}

std::string point_text(Format format, std::size_t point, const std::vector<SweepParameter>& parameters,
                       const std::vector<double>& values, const Model& model, const Summary& summary) {
  std::string text;
  if (format == Format::csv) {
    std::string head = std::to_string(point);
    for (double v : values) head += "," + sweep_value_text(v);
    for (const Scope& scope : scopes_of(model))
      for (std::size_t k = 0; k < kpi_count; ++k) {
        const auto kpi = static_cast<Kpi>(k);
        if (!kpi_applies(scope.kind, kpi)) continue;
        const Estimate& e = summary.get(scope.index, KpiLayout::whole_horizon, kpi);
        text += fmt::format("{},{},{},{},{},{},{}\n", head, scope.name, csv_field(scope.id),
                            kpi_name(kpi), csv_number(e.mean), csv_number(e.ci95), e.n);
      }
    return text;
  }
  ordered_json line = {{"point", point}, {"params", ordered_json::object()}};
  for (std::size_t i = 0; i < parameters.size(); ++i)
    line["params"][parameters[i].path] = parameter_json(values[i]);
  // Every key in the same order on every line, segments and channels or not.
  line["overall"] = ordered_json::object();
  line["by_type"] = ordered_json::object();
  line["by_group"] = ordered_json::object();
  line["by_segment"] = ordered_json::object();
  line["by_channel"] = ordered_json::object();
  for (const Scope& scope : scopes_of(model)) {
    ordered_json kpis = ordered_json::object();
    for (std::size_t k = 0; k < kpi_count; ++k) {
      const auto kpi = static_cast<Kpi>(k);
      if (!kpi_applies(scope.kind, kpi)) continue;
      const Estimate& e = summary.get(scope.index, KpiLayout::whole_horizon, kpi);
      kpis[std::string(kpi_name(kpi))] = {
          {"mean", number_or_null(e.mean)}, {"ci95", number_or_null(e.ci95)}, {"n", e.n}};
    }
    switch (scope.kind) {
      case ScopeKind::overall: line["overall"] = kpis; break;
      case ScopeKind::contact_type: line["by_type"][scope.id] = kpis; break;
      case ScopeKind::agent_group: line["by_group"][scope.id] = kpis; break;
      case ScopeKind::segment: line["by_segment"][scope.id] = kpis; break;
      case ScopeKind::channel: line["by_channel"][scope.id] = kpis; break;
    }
  }
  return line.dump() + "\n";
}

// Opens the output for appending, after writing its header or, with --resume, after cutting an
// existing file back to its last complete point. Returns the points already there.
//
// Unlike every other ccsim output (include/ccsim/output_file.h writes files whole or not at all),
// a sweep's file is appended to and flushed point by point: a sweep may run for hours, and an
// interruption must cost only the points in flight. --resume then completes the file, and because
// points are written in their fixed order, the result is byte for byte an uninterrupted run's.
std::size_t open_output(const SweepArguments& args, Format format, const std::string& header,
                        std::size_t lines_per_point, std::size_t points, std::ofstream& out) {
  std::size_t done = 0;
  std::size_t keep = 0;
  std::error_code error;
  if (fs::exists(args.out, error)) {
    if (!args.resume)
      throw InputError({{args.out, "",
                         "already exists: add --resume to complete it, or remove it to start again"}});
    std::ifstream in(args.out, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) throw InputError({{args.out, "", "cannot read it to resume"}});
    const ResumeScan scan = scan_sweep_output(
        text.str(), header, lines_per_point,
        [format](std::size_t point) { return point_prefix(format, point); }, args.out);
    if (scan.points_done > points)
      throw InputError({{args.out, "", fmt::format("holds {} points, more than this sweep's {}",
                                                   scan.points_done, points)}});
    done = scan.points_done;
    keep = scan.keep_bytes;
    fs::resize_file(args.out, keep);
  }
  out.open(args.out, std::ios::binary | std::ios::app);
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", args.out));
  if (keep == 0) out << header << std::flush;
  return done;
}

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
  // A shard keeps both formats' text (merge chooses); `format` then only shapes unused headers.
  const Format format = shard ? Format::csv : format_of(args.out);
  const detail::TextFile read = detail::read_text_file(args.file, detail::limits::scenario_file_bytes);
  if (!read.error.empty()) throw InputError({{args.file, "", "cannot read file: " + read.error}});
  const json document = parse_json_text(read.text, args.file);
  const fs::path base_dir = fs::path(args.file).parent_path();
  const Model base = compile_scenario(document, args.file, base_dir);

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
  std::uint64_t first_point = 0;
  if (group.is_root() && !shard) {
    try {
      first_point = open_output(args, format, header, lines_per_point, points, out);
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
      } catch (const InputError& e) {
        rethrow_with(e, point_label(todo[first + i], parameters, values.back()));
      }
    }
    std::vector<const Model*> model_pointers;
    std::vector<SummaryAccumulator> summaries;
    for (const Model& model : models) {
      model_pointers.push_back(&model);
      summaries.emplace_back(model);
    }
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
  if (shard)
    write_file_atomically(args.out_part,
                          [&part](std::ostream& o) { o << sweep_part_json(part).dump() << '\n'; });
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
  cmd->callback([args, &exit_code] { exit_code = sweep(*args); });
}

}  // namespace ccsim::cli
