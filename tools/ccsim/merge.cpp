// `ccsim merge PART...`: joins the part files of `ccsim run --shard k/N` into the JSON, CSV and
// table that one `ccsim run` of the whole would have written, byte for byte. The parts hold every
// replication's KPI vector, and they are folded in replication order, as a single run folds them.
//
// The parts of `ccsim sweep --shard k/N` hold their points' text; merging them with `--out` writes
// the CSV or JSONL file that one sweep writes.
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "ccsim/diagnostics.h"
#include "ccsim/output_file.h"
#include "ccsim/scenario.h"
#include "ccsim/shard.h"
#include "ccsim/summary.h"
#include "ccsim/writers.h"
#include "commands.h"

namespace ccsim::cli {

namespace {

struct MergeArguments {
  std::vector<std::string> parts;
  std::optional<std::string> json_out;  // absent when not asked for; "" is asked for and refused
  std::optional<std::string> csv_out;
  std::string out;  // a sweep's output
  bool quiet = false;
};

// The scenario the parts were run from, for its names; it must not have changed since.
Model scenario_of(const PartIdentity& run) {
  std::optional<Scenario> scenario;
  try {
    scenario = Scenario::read(run.scenario);
  } catch (const InputError& e) {
    std::vector<Diagnostic> problems = e.diagnostics();
    for (Diagnostic& d : problems) d.message += " (the scenario the parts were run from)";
    throw InputError(std::move(problems));
  }
  if (content_hash(scenario->document().dump()) != run.scenario_hash)
    throw InputError(
        {{run.scenario, "", "has changed since the parts were run: run the shards again"}});
  return scenario->compile();
}

// The detail (`run --detail`) the shards ran with, read off the length of their KPI vectors; the
// horizon's default when no length tells (no replication, or one interval a day, where a day and an
// interval are the same slot).
Detail detail_of_parts(const Model& model, const std::vector<Part>& parts) {
  const Detail fallback = default_detail(model.horizon);
  for (const Part& part : parts) {
    if (part.outcomes.empty() || part.outcomes.front().values.empty()) continue;
    const std::size_t cells = part.outcomes.front().values.front().size();
    KpiLayout layout(model);
    for (const Detail detail : {fallback, Detail::interval, Detail::day, Detail::total}) {
      layout.detail = detail;
      if (layout.size() == cells) return detail;
    }
    break;
  }
  return fallback;
}

int merge_sweep(const MergeArguments& args, const std::vector<nlohmann::json>& documents) {
  if (args.out.empty() || args.json_out || args.csv_out)
    throw InputError(
        {{"merge", "", "parts of a sweep make a sweep's output: give --out, not --json or --csv"}});
  const std::string extension = std::filesystem::path(args.out).extension().string();
  if (extension != ".csv" && extension != ".jsonl")
    throw InputError({{"--out", "", fmt::format("\"{}\" must end in .csv or .jsonl", args.out)}});
  std::vector<SweepPart> parts;
  std::vector<Diagnostic> problems;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    try {
      parts.push_back(sweep_part_from_json(documents[i], args.parts[i]));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  const std::vector<SweepPart> ordered = order_sweep_parts(std::move(parts), args.parts);
  // Written whole, unlike a running sweep's output: the points are all known.
  OutputSet outputs;
  outputs.add("--out", args.out);
  outputs.write("--out", [&](std::ostream& out) { write_sweep_output(out, ordered, extension == ".csv"); });
  outputs.commit();
  fmt::print(stderr, "{} parts merged: {} points in {}\n", ordered.size(), ordered.front().points,
             args.out);
  return 0;
}

int merge(const MergeArguments& args) {
  std::vector<nlohmann::json> documents;
  std::vector<Diagnostic> problems;
  for (const std::string& file : args.parts) {
    try {
      documents.push_back(read_part_document(file));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  if (is_sweep_part(documents.front())) return merge_sweep(args, documents);
  if (!args.out.empty())
    throw InputError(
        {{"--out", "", "is for the parts of a sweep: a run's parts make --json and --csv"}});
  std::vector<Part> parts;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    try {
      parts.push_back(part_from_json(documents[i], args.parts[i]));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  const std::vector<Part> ordered = order_parts(std::move(parts), args.parts);
  const PartIdentity& run = ordered.front().identity;
  OutputSet outputs;
  if (args.json_out) outputs.add("--json", *args.json_out);
  if (args.csv_out) outputs.add("--csv", *args.csv_out);
  Model model = scenario_of(run);
  model.run.detail = detail_of_parts(model, ordered);

  const std::size_t cells = KpiLayout(model).size();
  SummaryAccumulator accumulator(model);
  RunTotals totals;
  fold_parts(ordered, [&](const ReplicationOutcome& outcome) {
    if (outcome.values.size() != 1 || outcome.values[0].size() != cells)
      throw InputError(
          {{run.scenario, "",
            fmt::format("replication {} in the parts does not fit this scenario's KPIs",
                        outcome.replication)}});
    accumulator.add(outcome.values[0]);
    totals.events += outcome.totals[0].events;
    totals.arrivals += outcome.totals[0].arrivals;
  });
  const Summary summary = accumulator.finish();

  // Exactly what `ccsim run` writes for the whole run.
  const RunDescription description{static_cast<int>(run.replications), run.seed};
  if (args.json_out) outputs.write("--json", [&](std::ostream& out) { write_json(out, model, summary, description); });
  if (args.csv_out) outputs.write("--csv", [&](std::ostream& out) { write_csv(out, model, summary); });
  outputs.commit();
  if (!args.quiet) write_table(std::cout, model, summary, description);
  fmt::print(stderr, "{} parts merged: {} replications, {} contacts, {} events\n", ordered.size(),
             run.replications, totals.arrivals, totals.events);
  return 0;
}

}  // namespace

void add_merge_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<MergeArguments>();
  CLI::App* cmd = app.add_subcommand(
      "merge",
      "Join the part files of `ccsim run|sweep --shard k/N` into the results of the whole run");
  cmd->add_option("parts", args->parts, "Part files, one per shard, in any order")->required();
  cmd->add_option("--json", args->json_out, "Write the summary as JSON to this file");
  cmd->add_option("--csv", args->csv_out, "Write the summary as tidy CSV to this file");
  cmd->add_option("-o,--out", args->out, "The output of a sweep's parts: .csv or .jsonl");
  cmd->add_flag("-q,--quiet", args->quiet, "Do not print the table");
  cmd->callback([args, &exit_code] { exit_code = merge(*args); });
}

}  // namespace ccsim::cli
