// `ccsim run FILE`: replications of a scenario, the KPI table on standard output, and optionally
// JSON and CSV files (written whole or not at all).
//
// With `--what-if NAME|all`, the scenario's what-ifs run alongside the baseline on the same random
// streams (replication r of every variant sees the same contacts), and each KPI's change against
// the baseline is estimated from the per-replication differences (paired.h): a far narrower
// interval than comparing two separate runs.
//
// With `--shard k/N --out-part PART.json`, only slice k of the replications runs, into a part file;
// `ccsim merge` joins the N parts into the files of the whole run (shard.h).
//
// `--detail total|day|interval` sets what every replication reports besides the whole horizon
// (Detail in model.h): nothing, each day, or each interval; by default each interval for a week or
// less and each day beyond, so that a year's outputs stay readable (and its KPI vectors small).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/ostream.h>

#include "ccsim/json_number.h"
#include "ccsim/limits.h"
#include "ccsim/output_file.h"
#include "ccsim/process_group.h"
#include "ccsim/paired.h"
#include "ccsim/runner.h"
#include "ccsim/scenario.h"
#include "ccsim/shard.h"
#include "ccsim/what_if.h"
#include "ccsim/writers.h"
#include "commands.h"
#include "memory_limit.h"
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
  bool quiet = false;
  std::string shard;     // "k/N" for a batch scheduler's job array, or empty
  std::string out_part;  // the part file a shard writes
  std::string detail;    // "total", "day", "interval", or empty for the horizon's default
  std::optional<std::uint64_t> memory_limit;
  std::vector<std::string> by;  // "type", "group": tables per interval (or day) for each
};

struct Variant {
  std::string name;
  Model model;
  std::optional<PairedSummary> result;  // once run
};

// ---- choosing and compiling the what-ifs --------------------------------------------------------

// "a,b" "c" -> a, b, c in the order given, each once; "all" is every what-if of the scenario.
std::vector<std::string> requested_names(const std::vector<std::string>& given,
                                         const std::vector<std::string>& all) {
  std::vector<std::string> names;
  const auto add = [&names](const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  for (const std::string& option : given) {
    std::size_t start = 0;
    while (start <= option.size()) {
      std::size_t end = option.find(',', start);
      if (end == std::string::npos) end = option.size();
      const std::string name = option.substr(start, end - start);
      if (name == "all") {
        for (const auto& n : all) add(n);
      } else if (!name.empty()) {
        add(name);
      }
      start = end + 1;
    }
  }
  return names;
}

std::vector<Variant> compile_variants(const json& document, const Model& base,
                                      const std::vector<std::string>& given,
                                      const std::string& file,
                                      const std::filesystem::path& base_dir) {
  const std::vector<std::string> names = requested_names(given, what_if_names(document));
  if (names.empty()) throw InputError({{file, "", "no what-ifs in this scenario"}});
  std::vector<Variant> variants;
  std::vector<Diagnostic> problems;
  for (const std::string& name : names) {
    try {
      // Cell-by-cell pairing needs the same contact types, groups and intervals; a what-if that
      // changes them is a different centre, to be compared by running it on its own.
      variants.push_back(
          {name, compile_comparable_what_if(document, base, name, file, base_dir), std::nullopt});
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return variants;
}

// ---- the what-if table --------------------------------------------------------------------------

// "+984.0 ±12.1", "-18.6 ±1.3 pts" for shares (percentage points), "+0.0" with no spread.
std::string format_change(Kpi kpi, const Estimate& change) {
  if (!std::isfinite(change.mean)) return "-";
  const double scale = kpi_is_share(kpi) ? 100.0 : 1.0;
  // One decimal, or two when the interval would round to nothing.
  const double half = scale * change.ci95;
  const int decimals = kpi_is_share(kpi) ? 1 : kpi_decimals(kpi);
  const int digits = decimals == 1 && half > 0.0 && half < 0.05 ? 2 : decimals;
  std::string text = fmt::format("{:+.{}f}", scale * change.mean, digits);
  if (std::isfinite(change.ci95) && change.ci95 > 0.0)
    text += fmt::format(" ±{:.{}f}", scale * change.ci95, digits);
  if (kpi_is_share(kpi)) text += " pts";
  return text;
}

struct TableRow {
  std::string label;
  std::size_t scope;
  Kpi kpi;
  std::size_t slot = KpiLayout::whole_horizon;
};

// Intervals in which the what-if changes the agents on duty: where a staffing change shows.
std::vector<std::size_t> restaffed_intervals(const Model& base, const Model& variant) {
  std::vector<std::size_t> intervals;
  for (std::size_t i = 0; i < static_cast<std::size_t>(base.horizon.intervals()); ++i)
    for (std::size_t g = 0; g < base.group_count(); ++g)
      if (base.agent_groups[g].on_duty[i] != variant.agent_groups[g].on_duty[i]) {
        intervals.push_back(i);
        break;
      }
  return intervals;
}

void write_what_if_table(std::ostream& out, const Model& base, const Summary& baseline,
                         const Variant& variant, int replications) {
  const KpiLayout& layout = baseline.layout;
  std::vector<TableRow> rows = {{"offered", KpiLayout::overall, Kpi::offered},
                                {"service level", KpiLayout::overall, Kpi::service_level}};
  // Email types and the email channel answer to their response target instead.
  for (std::size_t t = 0; t < base.type_count(); ++t) {
    const bool email = base.contact_types[t].channel == Channel::email;
    rows.push_back({"  " + base.contact_types[t].id + (email ? " (response)" : ""), layout.type_scope(t),
                    email ? Kpi::response_sl : Kpi::service_level});
  }
  for (std::size_t g = 0; g < base.segment_count(); ++g)
    rows.push_back({"  segment " + base.segments[g].id, layout.segment_scope(g), Kpi::service_level});
  for (std::size_t c = 0; c < layout.channels.size(); ++c) {
    const bool email = layout.channels[c] == Channel::email;
    rows.push_back({fmt::format("  channel {}{}", channel_id(layout.channels[c]), email ? " (response)" : ""),
                    layout.channel_scope(c), email ? Kpi::response_sl : Kpi::service_level});
  }
  if (has_email(base)) {
    rows.push_back({"response SL", KpiLayout::overall, Kpi::response_sl});
    rows.push_back({"email backlog", KpiLayout::overall, Kpi::backlog});
  }
  rows.insert(rows.end(), {{"ASA s", KpiLayout::overall, Kpi::asa_s},
                           {"abandoned", KpiLayout::overall, Kpi::abandon_rate},
                           {"AHT s", KpiLayout::overall, Kpi::aht_s},
                           {"occupancy", KpiLayout::overall, Kpi::occupancy},
                           {"cost", KpiLayout::overall, Kpi::cost_total}});
  // As the run's table: resolution and cost per issue only where contacts can go unresolved.
  if (has_tiering(base))
    rows.insert(rows.end(), {{"FCR", KpiLayout::overall, Kpi::fcr},
                             {"resolved", KpiLayout::overall, Kpi::resolution_rate},
                             {"contacts/issue", KpiLayout::overall, Kpi::contacts_per_issue},
                             {"transferred", KpiLayout::overall, Kpi::transfer_rate},
                             {"cost/contact", KpiLayout::overall, Kpi::cost_per_contact},
                             {"cost/resolved issue", KpiLayout::overall, Kpi::cost_per_resolved_issue}});
  // As the run's table: the automation block only where bots, deflection or assist are modelled.
  if (has_automation(base))
    rows.insert(rows.end(), {{"contained", KpiLayout::overall, Kpi::containment_rate},
                             {"bot abandoned", KpiLayout::overall, Kpi::bot_abandon_rate},
                             {"handed off", KpiLayout::overall, Kpi::handoff_rate},
                             {"deflected", KpiLayout::overall, Kpi::deflected},
                             {"automation rate", KpiLayout::overall, Kpi::automation_rate},
                             {"automation cost", KpiLayout::overall, Kpi::cost_automation}});
  // A few restaffed intervals (or the days that hold them); the JSON and CSV have every one.
  constexpr std::size_t shown_at_most = 8;
  const std::vector<std::size_t> restaffed = restaffed_intervals(base, variant.model);
  const auto per_day = static_cast<std::size_t>(base.horizon.intervals_per_day);
  if (layout.detail == Detail::interval) {
    for (std::size_t n = 0; n < restaffed.size() && n < shown_at_most; ++n) {
      const auto i = static_cast<IntervalIndex>(restaffed[n]);
      std::string label = base.horizon.start_label(i);
      if (base.horizon.days > 1) label = fmt::format("d{} {}", restaffed[n] / per_day + 1, label);
      rows.push_back({"service level " + label, KpiLayout::overall, Kpi::service_level,
                      KpiLayout::interval_slot(restaffed[n])});
    }
  } else if (layout.detail == Detail::day) {
    std::vector<std::size_t> days;
    for (const std::size_t i : restaffed)
      if (days.empty() || days.back() != i / per_day) days.push_back(i / per_day);
    for (std::size_t n = 0; n < days.size() && n < shown_at_most; ++n)
      rows.push_back({fmt::format("service level d{}", days[n] + 1), KpiLayout::overall,
                      Kpi::service_level, KpiLayout::day_slot(days[n])});
  }

  std::vector<std::vector<std::string>> cells = {{"KPI", "baseline", "what-if", "change", ""}};
  for (const TableRow& row : rows) {
    const std::size_t slot = row.slot;
    const Estimate& change = variant.result->change.get(row.scope, slot, row.kpi);
    cells.push_back({row.label, format_kpi_value(row.kpi, baseline.get(row.scope, slot, row.kpi).mean),
                     format_kpi_value(row.kpi, variant.result->variant.get(row.scope, slot, row.kpi).mean),
                     format_change(row.kpi, change), change_is_significant(change) ? "*" : ""});
  }
  std::vector<std::size_t> widths(5, 0);
  for (const auto& line : cells)
    for (std::size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], line[i].size());

  fmt::print(out, "\nWhat-if \"{}\" against the baseline (paired over {} replications)\n",
             variant.name, replications);
  for (const auto& line : cells) {
    std::string text = fmt::format("  {:<{}}", line[0], widths[0]);
    for (std::size_t i = 1; i < 4; ++i) text += fmt::format("  {:>{}}", line[i], widths[i]);
    text += line[4].empty() ? "" : " " + line[4];
    // Drop the padding of rows without a marker.
    text.erase(text.find_last_not_of(' ') + 1);
    fmt::print(out, "{}\n", text);
  }
}

// ---- JSON and CSV -------------------------------------------------------------------------------

json scope_changes(const Summary& baseline, const Variant& variant, std::size_t scope,
                   std::size_t slot) {
  json out = json::object();
  for (std::size_t k = 0; k < kpi_count; ++k) {
    const auto kpi = static_cast<Kpi>(k);
    if (!kpi_applies(baseline.layout.kind(scope), kpi)) continue;
    const Estimate& mean = variant.result->variant.get(scope, slot, kpi);
    const Estimate& change = variant.result->change.get(scope, slot, kpi);
    out[std::string(kpi_name(kpi))] = {{"mean", number_or_null(mean.mean)},
                                       {"ci95", number_or_null(mean.ci95)},
                                       {"change", number_or_null(change.mean)},
                                       {"change_ci95", number_or_null(change.ci95)}};
  }
  return out;
}

// {"overall": {kpi: {"mean", "ci95", "change", "change_ci95"}}, "by_type": {id: ...},
//  "by_group": {id: ...}, "by_segment": {id: ...}, "by_channel": {id: ...},
//  "by_interval": [{"interval", "start", kpi: ...}]} ("by_day": [{"day", kpi: ...}] instead with
//  --detail day, neither with --detail total):
// mean and ci95 are the variant's own, change and change_ci95 the paired change against the
// baseline.
json what_if_json(const Model& base, const Summary& baseline, const Variant& variant) {
  const KpiLayout& layout = baseline.layout;
  const std::size_t all = KpiLayout::whole_horizon;
  json out;
  out["overall"] = scope_changes(baseline, variant, KpiLayout::overall, all);
  out["by_type"] = json::object();
  for (std::size_t t = 0; t < base.type_count(); ++t)
    out["by_type"][base.contact_types[t].id] =
        scope_changes(baseline, variant, layout.type_scope(t), all);
  out["by_group"] = json::object();
  for (std::size_t g = 0; g < base.group_count(); ++g)
    out["by_group"][base.agent_groups[g].id] =
        scope_changes(baseline, variant, layout.group_scope(g), all);
  out["by_segment"] = json::object();
  for (std::size_t g = 0; g < base.segment_count(); ++g)
    out["by_segment"][base.segments[g].id] =
        scope_changes(baseline, variant, layout.segment_scope(g), all);
  out["by_channel"] = json::object();
  for (std::size_t c = 0; c < layout.channels.size(); ++c)
    out["by_channel"][std::string(channel_id(layout.channels[c]))] =
        scope_changes(baseline, variant, layout.channel_scope(c), all);
  if (layout.detail == Detail::interval) {
    json intervals = json::array();
    for (std::size_t i = 0; i < layout.intervals; ++i) {
      json entry = {{"interval", i},
                    {"start", base.horizon.start_label(static_cast<IntervalIndex>(i))}};
      entry.update(scope_changes(baseline, variant, KpiLayout::overall, KpiLayout::interval_slot(i)));
      intervals.push_back(std::move(entry));
    }
    out["by_interval"] = std::move(intervals);
  } else if (layout.detail == Detail::day) {
    json days = json::array();
    for (std::size_t d = 0; d < layout.days; ++d) {
      json entry = {{"day", d}};
      entry.update(scope_changes(baseline, variant, KpiLayout::overall, KpiLayout::day_slot(d)));
      days.push_back(std::move(entry));
    }
    out["by_day"] = std::move(days);
  }
  return out;
}

// The tidy CSV of `ccsim run`, with three more columns when what-ifs run: `variant` ("baseline" or
// the what-if's name) and, on a what-if's rows, `change` and `change_ci95` against the baseline.
void write_csv_with_what_ifs(std::ostream& out, const Model& base, const Summary& baseline,
                             const std::vector<Variant>& variants) {
  const KpiLayout& layout = baseline.layout;
  out << csv_columns(layout) << ",mean,ci95,n,variant,change,change_ci95\n";
  const auto rows = [&](const Summary& summary, const Summary* change, const std::string& name) {
    for_each_csv_row(base, layout, [&](const CsvRow& row) {
      const Estimate& e = summary.get(row.scope, row.slot, row.kpi);
      out << row.prefix << ',' << csv_number(e.mean) << ',' << csv_number(e.ci95) << ',' << e.n
          << ',' << csv_field(name) << ',';
      if (change) {
        const Estimate& c = change->get(row.scope, row.slot, row.kpi);
        out << csv_number(c.mean) << ',' << csv_number(c.ci95);
      } else {
        out << ',';
      }
      out << '\n';
    });
  };
  rows(baseline, nullptr, "baseline");
  for (const Variant& v : variants) rows(v.result->variant, &v.result->change, v.name);
}

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
  if (args.json_out || args.csv_out)
    throw InputError({{"--shard", "", "writes a part file only: `ccsim merge` of the N parts writes "
                                      "--json and --csv"}});
  // The part holds the baseline's replications only; a what-if is a scenario of its own to shard.
  if (!args.what_ifs.empty())
    throw InputError({{"--shard", "", "cannot run what-ifs: shard the baseline, or run the what-ifs "
                                      "without --shard"}});
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
  // Read once; the baseline is compiled, and of the what-ifs only those asked for.
  const Scenario scenario = Scenario::read(args.file);
  Model model = scenario.compile();
  model.run.detail = args.detail.empty() ? default_detail(model.horizon) : parse_detail(args.detail);
  apply_memory_limit(args.memory_limit, model);
  std::vector<Variant> variants;
  if (!args.what_ifs.empty())
    variants = compile_variants(scenario.document(), model, args.what_ifs, scenario.file(),
                                scenario.base_dir());
  // Paired cell by cell: every variant reports the same slots as the baseline.
  for (Variant& v : variants) {
    v.model.run.detail = model.run.detail;
    v.model.run.memory_limit_bytes = model.run.memory_limit_bytes;
  }

  RunOptions options;
  options.replications = args.replications.value_or(model.run.replications);
  options.seed = args.seed.value_or(model.run.seed);
  options.threads = args.threads;
  if (shard) return run_shard(args, *shard, scenario, model, options, outputs);
  std::vector<const Model*> models = {&model};
  for (const Variant& v : variants) models.push_back(&v.model);
  const ProcessGroup& group = ProcessGroup::current();
  ProgressBar progress(variants.empty() ? "replications" : "runs",
                       options.replications * static_cast<int>(models.size()));
  if (group.is_root()) options.progress = [&progress](int done, int) { progress.update(done); };

  check_memory(models, options.threads, static_cast<std::uint64_t>(options.replications));
  const auto start = std::chrono::steady_clock::now();
  SummaryAccumulator baseline_accumulator(model);
  std::vector<PairedAccumulator> paired(variants.size(), PairedAccumulator(model));
  RunTotals totals;
  // Folded in replication order, so the results are the same bits at any thread count and, under
  // mpirun, any number of processes (rank 0 gathers and folds; the others only simulate).
  run_replication_range(group, models, options, 0, static_cast<std::uint64_t>(options.replications),
                        [&](const ReplicationOutcome& outcome) {
                          baseline_accumulator.add(outcome.values[0]);
                          for (std::size_t v = 0; v < variants.size(); ++v)
                            paired[v].add(outcome.values[0], outcome.values[v + 1]);
                          for (const RunTotals& t : outcome.totals) {
                            totals.events += t.events;
                            totals.arrivals += t.arrivals;
                          }
                        });
  if (!group.is_root()) return 0;
  const Summary baseline = baseline_accumulator.finish();
  for (std::size_t v = 0; v < variants.size(); ++v) variants[v].result = paired[v].finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const RunDescription description{options.replications, options.seed};
  if (args.json_out)
    outputs.write("--json", [&](std::ostream& out) {
      json more = json::object();
      if (!variants.empty()) {
        more["what_if"] = json::object();
        for (const Variant& v : variants) more["what_if"][v.name] = what_if_json(model, baseline, v);
      }
      write_json(out, model, baseline, description, more);
    });
  if (args.csv_out)
    outputs.write("--csv", [&](std::ostream& out) {
      if (variants.empty())
        write_csv(out, model, baseline);
      else
        write_csv_with_what_ifs(out, model, baseline, variants);
    });
  // Both files appear together, or neither does.
  outputs.commit();
  if (!args.quiet) {
    write_table(std::cout, model, baseline, description);
    for (const std::string& view : args.by) {
      if (view == "type") write_type_tables(std::cout, model, baseline);
      if (view == "group") write_group_tables(std::cout, model, baseline);
    }
    if (!variants.empty())
      fmt::print(std::cout,
                 "\n(change: what-if minus baseline, ±95 % confidence half-width of the paired "
                 "difference; * where that interval excludes 0; pts: percentage points)\n");
    for (const Variant& v : variants)
      write_what_if_table(std::cout, model, baseline, v, options.replications);
  }
  // Wall-clock figures go to standard error: the outputs above must not depend on them.
  fmt::print(stderr, "{} replications{}{}, {} contacts, {} events in {:.2f} s ({:.1f} M events/s)\n",
             options.replications,
             variants.empty() ? "" : fmt::format(" of {} variants", models.size()),
             group.size() > 1 ? fmt::format(" on {} processes", group.size()) : "",
             totals.arrivals, totals.events, seconds,
             seconds > 0 ? static_cast<double>(totals.events) / seconds / 1e6 : 0.0);
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
  cmd->add_option("--by", args->by,
                  "Also print, per contact type (type) or agent group (group), a table with a row per "
                  "interval (or day, as --detail says); types get their own targets")
      ->check(CLI::IsMember({"type", "group"}))
      ->allow_extra_args(false);
  add_memory_limit_option(cmd, args->memory_limit);
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace ccsim::cli
