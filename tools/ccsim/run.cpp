// `ccsim run FILE`: replications of a scenario, the KPI table on standard output, and optionally
// JSON and CSV files (written whole or not at all).
//
// With `--what-if NAME|all`, the scenario's what-ifs run alongside the baseline on the same random
// streams (replication r of every variant sees the same contacts), and each KPI's change against
// the baseline is estimated from the per-replication differences: a far narrower interval than
// comparing two separate runs (what_if_study.h, what_if_writers.h).
//
// With `--shard k/N --out-part PART.json`, only slice k of the replications runs, into a part file;
// `ccsim merge` joins the N parts into the files of the whole run (shard.h).
//
// `--detail total|day|interval` sets what every replication reports besides the whole horizon
// (Detail in model.h): nothing, each day, or each interval; by default each interval for a week or
// less and each day beyond, so that a year's outputs stay readable (and its KPI vectors small).
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/ostream.h>

#include "ccsim/contact_trace.h"
#include "ccsim/queue_log.h"
#include "ccsim/html_report.h"
#include "ccsim/limits.h"
#include "ccsim/output_file.h"
#include "ccsim/process_group.h"
#include "ccsim/runner.h"
#include "ccsim/scenario.h"
#include "ccsim/replication_values.h"
#include "ccsim/shard.h"
#include "ccsim/what_if_study.h"
#include "ccsim/what_if_writers.h"
#include "ccsim/writers.h"
#include "commands.h"
#include "memory_limit.h"
#include "override_options.h"
#include "seed_option.h"
#include "progress_bar.h"

namespace ccsim::cli {

namespace {

using nlohmann::json;

struct RunArguments {
  std::string file;
  std::optional<int> replications;
  std::optional<std::uint64_t> seed;
  int threads = 0;
  std::vector<std::string> what_ifs;  // names as given: repeated or comma-separated, or "all"
  std::optional<std::string> json_out;  // absent when not asked for; "" is asked for and refused
  std::optional<std::string> csv_out;
  std::optional<std::string> report_out;  // the HTML report
  std::optional<std::string> replications_out;  // every replication's values, tidy CSV
  std::optional<std::string> trace_out;         // contact-level trace, tidy CSV
  std::optional<std::string> queue_log_out;     // the traced replications as Asterisk queue_log
  std::string trace_replications = "0";
  bool quiet = false;
  std::string shard;     // "k/N" for a batch scheduler's job array, or empty
  std::string out_part;  // the part file a shard writes
  std::string detail;    // "total", "day", "interval", or empty for the horizon's default
  std::optional<std::uint64_t> memory_limit;
  std::vector<std::string> by;  // "type", "group": tables per interval (or day) for each
  OverrideOptions overrides;
};

// ---- the command --------------------------------------------------------------------------------

Detail parse_detail(const std::string& name) {
  for (const Detail detail : {Detail::total, Detail::day, Detail::interval})
    if (name == detail_name(detail)) return detail;
  throw InputError({{"--detail", "", fmt::format("must be total, day or interval, got \"{}\"", name)}});
}

// The slice `--shard` asks for, after refusing what a shard cannot do; none without --shard.
std::optional<Shard> requested_shard(const RunArguments& args) {
  if (args.shard.empty() && args.out_part.empty()) return std::nullopt;
  if (args.shard.empty()) throw InputError({{"--out-part", "", "needs --shard k/N"}});
  const Shard shard = parse_shard(args.shard);
  if (args.out_part.empty())
    throw InputError({{"--shard", "", "needs --out-part PART.json, the file the slice is written to"}});
  if (args.json_out || args.csv_out || args.report_out || args.replications_out || args.trace_out ||
      args.queue_log_out)
    throw InputError({{"--shard", "", "writes a part file only: `ccsim merge` of the N parts writes "
                                      "--json and --csv"}});
  // The part holds the baseline's replications only; a what-if is a scenario of its own to shard.
  if (!args.what_ifs.empty())
    throw InputError({{"--shard", "", "cannot run what-ifs: shard the baseline, or run the what-ifs "
                                      "without --shard"}});
  // `ccsim merge` reads the file again and checks it is what the shards ran.
  if (args.overrides.any())
    throw InputError({{"--shard", "", "runs the file as it is: write the change into the file (or "
                                      "a what-if to shard on its own) instead of --set or --volume"}});
  return shard;
}

// Runs one shard's replications into its part file (on rank 0 under mpirun).
int run_shard(const RunArguments& args, const Shard& shard, const Scenario& scenario,
              const Model& model, const RunOptions& options, OutputSet& outputs) {
  Part part;
  part.identity = {std::filesystem::absolute(args.file).lexically_normal().string(),
                   content_hash(scenario.document().dump()), options.seed,
                   static_cast<std::uint64_t>(options.replications), shard.count};
  part.shard = shard.index;
  const ReplicationSlice slice = shard_replications(part.identity.replications, shard);
  const ProcessGroup& group = ProcessGroup::current();
  ProgressBar progress("replications", static_cast<int>(slice.count));
  RunOptions slice_options = options;
  if (group.is_root()) slice_options.progress = [&progress](int done, int) { progress.update(done); };
  run_replication_range(group, {&model}, slice_options, slice.first, slice.count,
                        [&part](const ReplicationOutcome& outcome) { part.outcomes.push_back(outcome); });
  if (!group.is_root()) return 0;
  outputs.write("--out-part", [&part](std::ostream& out) { out << part_json(part).dump() << '\n'; });
  outputs.commit();
  fmt::print(stderr, "shard {}/{}: {} of {} replications, from replication {}, in {}\n", shard.index,
             shard.count, slice.count, options.replications, slice.first, args.out_part);
  return 0;
}

int run(const RunArguments& args) {
  const std::optional<Shard> shard = requested_shard(args);
  // Checked before anything runs: a typing mistake in a folder costs a second, not the run.
  OutputSet outputs;
  if (shard) outputs.add("--out-part", args.out_part);
  if (args.json_out) outputs.add("--json", *args.json_out);
  if (args.csv_out) outputs.add("--csv", *args.csv_out);
  if (args.report_out) outputs.add("--report", *args.report_out);
  if (args.replications_out) outputs.add("--replications-out", *args.replications_out);
  if (args.trace_out) outputs.add("--trace", *args.trace_out);
  if (args.queue_log_out) outputs.add("--queue-log", *args.queue_log_out);
  // Read once; the baseline is compiled, and of the what-ifs only those asked for.
  const Scenario scenario = apply_overrides(Scenario::read(args.file), args.overrides.parsed());
  Model model = scenario.compile();
  model.run.detail = args.detail.empty() ? default_detail(model.horizon) : parse_detail(args.detail);
  apply_memory_limit(args.memory_limit, model);
  std::vector<WhatIfVariant> variants;
  if (!args.what_ifs.empty())
    variants = compile_variants(scenario.document(), model, args.what_ifs, scenario.file(),
                                scenario.base_dir());

  RunOptions options;
  options.replications = args.replications.value_or(model.run.replications);
  options.seed = args.seed.value_or(model.run.seed);
  options.threads = args.threads;
  if (shard) return run_shard(args, *shard, scenario, model, options, outputs);
  std::vector<std::uint64_t> traced;
  if (args.trace_out || args.queue_log_out)
    traced = parse_trace_replications(args.trace_replications, options.replications,
                                      "--trace-replications");
  const std::size_t model_count = 1 + variants.size();
  const ProcessGroup& group = ProcessGroup::current();
  ProgressBar progress(variants.empty() ? "replications" : "runs",
                       options.replications * static_cast<int>(model_count));
  if (group.is_root()) options.progress = [&progress](int done, int) { progress.update(done); };

  std::optional<ReplicationValues> kept;
  if (args.replications_out) {
    ReplicationValues::check_memory(model, variants.size(),
                                    static_cast<std::uint64_t>(options.replications),
                                    "--replications-out");
    std::vector<std::string> names;
    for (const WhatIfVariant& v : variants) names.push_back(v.name);
    kept.emplace(model, std::move(names));
  }
  const auto start = std::chrono::steady_clock::now();
  const WhatIfStudy study =
      run_what_if_study(group, model, variants, options, [&kept](const ReplicationOutcome& outcome) {
        if (kept) kept->add(outcome);
      });
  if (!group.is_root()) return 0;
  const Summary& baseline = study.baseline;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const RunDescription description{options.replications, options.seed};
  if (args.json_out)
    outputs.write("--json", [&](std::ostream& out) {
      json more = json::object();
      if (!variants.empty()) more["what_if"] = what_ifs_json(model, variants, study);
      write_json(out, model, baseline, description, more);
    });
  if (args.csv_out)
    outputs.write("--csv", [&](std::ostream& out) {
      if (variants.empty())
        write_csv(out, model, baseline);
      else
        write_csv_with_what_ifs(out, model, variants, study);
    });
  if (args.report_out)
    outputs.write("--report", [&](std::ostream& out) {
      write_run_report(out, model, baseline, description, variants, study.what_ifs);
    });
  if (kept)
    outputs.write("--replications-out", [&](std::ostream& out) { kept->write_csv(out, model); });
  // Traced replications run again on their own: the same streams give the same trajectories.
  if (args.trace_out)
    outputs.write("--trace", [&](std::ostream& out) {
      out << trace_header(!variants.empty());
      for (const std::uint64_t r : traced) {
        write_trace(out, model, options.seed, r, variants.empty() ? "" : "baseline");
        for (const WhatIfVariant& v : variants) write_trace(out, v.model, options.seed, r, v.name);
      }
    });
  if (args.queue_log_out)
    outputs.write("--queue-log", [&](std::ostream& out) {
      for (std::size_t n = 0; n < traced.size(); ++n) write_queue_log(out, model, options.seed, traced[n], n);
    });
  // All files appear together, or none does.
  outputs.commit();
  if (!args.quiet) {
    write_table(std::cout, model, baseline, description);
    for (const std::string& view : args.by) {
      if (view == "type") write_type_tables(std::cout, model, baseline);
      if (view == "group") write_group_tables(std::cout, model, baseline);
    }
    write_what_if_tables(std::cout, model, variants, study);
  }
  // Wall-clock figures go to standard error: the outputs above must not depend on them.
  fmt::print(stderr, "{} replications{}{}, {} contacts, {} events in {:.2f} s ({:.1f} M events/s)\n",
             options.replications,
             variants.empty() ? "" : fmt::format(" of {} variants", model_count),
             group.size() > 1 ? fmt::format(" on {} processes", group.size()) : "",
             study.totals.arrivals, study.totals.events, seconds,
             seconds > 0 ? static_cast<double>(study.totals.events) / seconds / 1e6 : 0.0);
  return 0;
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RunArguments>();
  CLI::App* cmd = app.add_subcommand("run", "Run the replications of a scenario and print its KPIs");
  cmd->add_option("file", args->file, "Scenario file (JSON, comments allowed)")->required();
  cmd->add_option("-r,--replications", args->replications, "Replications (default: the scenario's run.replications)")
      ->check(CLI::Range(1, 1000000));
  add_seed_option(cmd, "-s,--seed", args->seed, "Seed of the random streams (default: the scenario's run.seed)");
  cmd->add_option("-t,--threads", args->threads, "Worker threads (default: every core)")
      ->check(CLI::Range(0, 4096));
  cmd->add_option("-w,--what-if", args->what_ifs,
                  "Also run these what-ifs of the scenario (names, comma-separated or repeated, "
                  "or \"all\") and show each KPI's change against the baseline")
      ->allow_extra_args(false);
  cmd->add_option("--json", args->json_out, "Write the summary as JSON to this file");
  cmd->add_option("--csv", args->csv_out, "Write the summary as tidy CSV to this file");
  cmd->add_option("--report", args->report_out,
                  "Write an HTML report (charts and tables, one self-contained file) to this file");
  cmd->add_option("--trace", args->trace_out,
                  "Write every step of every contact's life in the traced replications as tidy CSV "
                  "to this file (see README: Contact traces)");
  cmd->add_option("--queue-log", args->queue_log_out,
                  "Write the traced replications' calls (the baseline's) as an Asterisk queue_log "
                  "(see README: Contact traces)");
  cmd->add_option("--trace-replications", args->trace_replications,
                  "Replications to trace: \"0,3\", \"2:5\" (default 0)")
      ->capture_default_str();
  cmd->add_option("--replications-out", args->replications_out,
                  "Write every replication's KPI values as tidy CSV to this file (replication, "
                  "[variant,] the --csv columns, value)");
  cmd->add_flag("-q,--quiet", args->quiet, "Do not print the table");
  cmd->add_option("--shard", args->shard,
                  "Run only slice k of N (k = 0..N-1) of the replications, for a job array; "
                  "needs --out-part, and `ccsim merge` joins the N parts");
  cmd->add_option("--out-part", args->out_part, "The part file a --shard run writes");
  cmd->add_option("--detail", args->detail,
                  "What the table, JSON and CSV report besides the whole horizon: total (nothing "
                  "more), day (one row per day) or interval (every interval). Default: interval "
                  "for a horizon of 7 days or fewer, day for a longer one")
      ->check(CLI::IsMember({"total", "day", "interval"}));
  add_override_options(cmd, args->overrides, "the scenario (its what-ifs apply on top)");
  cmd->add_option("--by", args->by,
                  "Also print, per contact type (type) or agent group (group), a table with a row per "
                  "interval (or day, as --detail says); types get their own targets")
      ->check(CLI::IsMember({"type", "group"}))
      ->allow_extra_args(false);
  add_memory_limit_option(cmd, args->memory_limit);
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace ccsim::cli
