// `ccsim staff FILE`: the cheapest agents per group and interval that meet every contact type's
// target (staffing_search.h), its report on standard output, and optionally JSON, CSV and the
// scenario with the plan written in (all written whole or not at all).
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <fmt/core.h>

#include "ccsim/html_report.h"
#include "ccsim/output_file.h"
#include "ccsim/scenario.h"
#include "ccsim/staffing_search.h"
#include "ccsim/staffing_writers.h"
#include "commands.h"
#include "override_options.h"
#include "progress_bar.h"
#include "seed_option.h"

namespace ccsim::cli {

namespace {

struct StaffArguments {
  std::string file;
  StaffingRequest request;
  std::optional<std::string> json_out;
  std::optional<std::string> csv_out;
  std::optional<std::string> scenario_out;
  std::optional<std::string> report_out;
  bool quiet = false;
  OverrideOptions overrides;
};

int staff(const StaffArguments& args) {
  OutputSet outputs;
  if (args.json_out) outputs.add("--json", *args.json_out);
  if (args.csv_out) outputs.add("--csv", *args.csv_out);
  if (args.scenario_out) outputs.add("--out-scenario", *args.scenario_out);
  if (args.report_out) outputs.add("--report", *args.report_out);
  const Scenario scenario = apply_overrides(Scenario::read(args.file), args.overrides.parsed());
  const Model model = scenario.compile();

  StaffingSearchOptions options = staffing_options(model, args.request);
  ProgressBar status("plans simulated", 0);
  options.progress = [&status](int evaluations, const char* phase) { status.update(evaluations, phase); };
  const StaffingSearchResult result = search_staffing(model, options);

  const RunDescription verification{result.verification_replications, result.verification_seed};
  if (args.json_out)
    outputs.write("--json", [&](std::ostream& out) { out << staffing_json(model, result, verification).dump(2) << '\n'; });
  if (args.csv_out)
    outputs.write("--csv", [&](std::ostream& out) { write_staffing_csv(out, model, result); });
  if (args.scenario_out)
    outputs.write("--out-scenario", [&](std::ostream& out) {
      out << with_staffing_plan(scenario, model, result).document().dump(2) << '\n';
    });
  if (args.report_out)
    outputs.write("--report", [&](std::ostream& out) {
      write_staffing_html(out, model, result, {options.replications, options.seed});
    });
  outputs.commit();
  if (!args.quiet) write_staffing_report(std::cout, model, result, verification);
  const StaffingTrail& trail = result.trail;
  fmt::print(stderr, "{} plans, {} replications, {} contacts in {:.1f} s ({:.1f} M contacts/s)\n",
             trail.evaluations, trail.replications, trail.contacts, trail.seconds,
             trail.seconds > 0 ? static_cast<double>(trail.contacts) / trail.seconds / 1e6 : 0.0);
  return result.targets_met ? 0 : 1;
}

}  // namespace

void add_staff_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<StaffArguments>();
  CLI::App* cmd = app.add_subcommand(
      "staff", "Find the cheapest agents per group and interval that meet every target");
  cmd->add_option("file", args->file, "Scenario file (JSON, comments allowed)")->required();
  cmd->add_option("-r,--replications", args->request.replications,
                  "Replications per plan simulated (default: the scenario's run.replications)")
      ->check(CLI::Range(2, 1000000));
  add_seed_option(cmd, "-s,--seed", args->request.seed, "Seed of the search's random streams (default: the scenario's run.seed)");
  cmd->add_option("-t,--threads", args->request.threads, "Worker threads (default: every core)")
      ->check(CLI::Range(0, 4096));
  cmd->add_option("--verify-replications", args->request.verify_replications,
                  "Replications of the final check on fresh streams (default: as --replications)")
      ->check(CLI::Range(2, 1000000));
  cmd->add_option("--scope", args->request.scope,
                  "interval: every interval meets each target; day: each day as a whole does")
      ->check(CLI::IsMember({"interval", "day"}))
      ->capture_default_str();
  cmd->add_option("--confidence", args->request.confidence,
                  "A target holds when at least this share of replications meets it (e.g. 0.9); "
                  "default 0: when the mean meets it")
      ->check(CLI::Range(0.0, 0.999));
  cmd->add_option("--max-evaluations", args->request.max_evaluations, "Stop after simulating this many plans")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--json", args->json_out, "Write the plan, its targets, trail and KPIs as JSON to this file");
  cmd->add_option("--csv", args->csv_out, "Write the plan as CSV (group,interval,start,agents,erlang_seed)");
  cmd->add_option("--out-scenario", args->scenario_out,
                  "Write the scenario with the plan as each searched group's staffing");
  cmd->add_option("--report", args->report_out,
                  "Write an HTML report (the plan against its seed, targets, the final plan's KPIs)");
  cmd->add_flag("-q,--quiet", args->quiet, "Do not print the report");
  add_override_options(cmd, args->overrides, "the scenario before the search");
  cmd->callback([args, &exit_code] { exit_code = staff(*args); });
}

}  // namespace ccsim::cli
