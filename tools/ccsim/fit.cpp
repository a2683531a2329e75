// `ccsim fit LOG.csv`: learns a scenario from a call log (call_log.h): arrivals per interval and
// the busyness of days, handle time and patience fitted by maximum likelihood, the agents inferred
// per interval. Prints the fit report; writes the scenario and the report as JSON (each whole or
// not at all).
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "ccsim/call_log_fit.h"
#include "ccsim/diagnostics.h"
#include "ccsim/fit_report.h"
#include "ccsim/fitted_scenario.h"
#include "ccsim/output_file.h"
#include "ccsim/scenario.h"
#include "commands.h"

namespace ccsim::cli {

namespace {

struct FitArguments {
  std::string file;
  std::vector<std::string> columns;
  std::vector<std::string> served;
  std::vector<std::string> abandoned;
  std::string delimiter = "auto";
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::string> weekdays;
  std::vector<std::string> types;
  std::string open = "00:00";
  std::string close = "24:00";
  int interval_min = 30;
  FitChoices choices;
  std::string name;
  double answer_within_s = 20.0;
  std::vector<double> also_within_s;
  double target = 0.8;
  std::optional<std::string> scenario_out;
  std::optional<std::string> json_out;
  bool quiet = false;
};

[[noreturn]] void usage_error(const std::string& option, const std::string& message) {
  throw InputError({{option, "", message}});
}

double clock_seconds(const std::string& option, const std::string& text, int max_hours) {
  if (const auto seconds = parse_clock_time(text, max_hours)) return *seconds;
  usage_error(option, fmt::format("expected a clock time HH:MM up to {}:59, got \"{}\"", max_hours, text));
}

CallLogFormat log_format(const FitArguments& args) {
  CallLogFormat format;
  for (const std::string& column : args.columns) {
    const auto equals = column.find('=');
    const std::string role = column.substr(0, equals);
    const std::string name = equals == std::string::npos ? "" : column.substr(equals + 1);
    if (name.empty() || !name_column(format, role, name))
      usage_error("--column", fmt::format("expected ROLE=NAME with ROLE one of date, arrival, type, "
                                          "wait, handle, outcome, priority, got \"{}\"", column));
  }
  // Classes come from the priority column; without them it is not read (it may hold text).
  format.read_priority = args.choices.identified_classes;
  if (!args.served.empty()) format.served = args.served;
  if (!args.abandoned.empty()) format.abandoned = args.abandoned;
  format.delimiter = delimiter_named(args.delimiter);
  return format;
}

CallLogSelection selection_of(const FitArguments& args) {
  CallLogSelection selection;
  if (args.from && !parse_day(*args.from, selection.from))
    usage_error("--from", fmt::format("expected a date such as 1999-02-01, got \"{}\"", *args.from));
  if (args.to && !parse_day(*args.to, selection.to))
    usage_error("--to", fmt::format("expected a date such as 1999-02-14, got \"{}\"", *args.to));
  if (args.weekdays && !parse_weekdays(*args.weekdays, selection.weekdays))
    usage_error("--weekdays", fmt::format("expected days such as sun-thu or mon,wed,fri, got \"{}\"",
                                          *args.weekdays));
  selection.types = args.types;
  return selection;
}

int fit(const FitArguments& args) {
  OutputSet outputs;
  if (args.scenario_out) outputs.add("--out-scenario", *args.scenario_out);
  if (args.json_out) outputs.add("--json", *args.json_out);
  // The day starts before midnight (a scenario's horizon does) and may end the next morning.
  const CallLogGrid grid{clock_seconds("--open", args.open, 23), clock_seconds("--close", args.close, 48),
                         args.interval_min * 60.0};
  const CallLogSelection selection = selection_of(args);
  const CallLogFit fitted = fit_call_log(
      select_days(read_call_log(args.file, args.file, log_format(args)), selection), grid,
      args.choices, selection.types);

  FittedScenarioOptions options;
  options.name = args.name.empty() ? "fitted" : args.name;
  // The log's name, not its path: the same log fitted anywhere writes the same scenario.
  options.description = fmt::format("Fitted by ccsim fit from {}: {} day{}, {} to {}.",
                                    std::filesystem::path(args.file).filename().string(),
                                    fitted.log.days.size(), fitted.log.days.size() == 1 ? "" : "s",
                                    day_text(fitted.log.days.front()), day_text(fitted.log.days.back()));
  options.answer_within_s = args.answer_within_s;
  options.also_within_s = args.also_within_s;
  options.target = args.target;
  const nlohmann::ordered_json scenario = fitted_scenario(fitted.profile, chosen_laws(fitted), options);
  // What is written must run. Every law was checked as it was chosen, so a problem here is
  // ccsim's own, and says so.
  try {
    Scenario(nlohmann::json::parse(scenario.dump()), "fitted scenario").compile();
  } catch (const InputError& e) {
    throw std::runtime_error(fmt::format("the scenario fitted from {} would not run ({}); this is a "
                                         "fault of ccsim fit, please report it", args.file, e.what()));
  }

  if (args.scenario_out)
    outputs.write("--out-scenario", [&](std::ostream& out) { out << scenario.dump(2) << '\n'; });
  if (args.json_out)
    outputs.write("--json", [&](std::ostream& out) { out << fit_json(fitted).dump(2) << '\n'; });
  outputs.commit();
  if (!args.quiet) write_fit_report(std::cout, fitted);
  return 0;
}

}  // namespace

void add_fit_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<FitArguments>();
  CLI::App* cmd = app.add_subcommand(
      "fit", "Learn a scenario from a call log: arrivals, handle time, patience and agents");
  cmd->add_option("log", args->file,
                  "Call log (CSV or tab-separated, header row): one row per call that asked for an agent")
      ->required();
  cmd->add_option("--column", args->columns,
                  "ROLE=NAME: the column for a role (date, arrival, type, wait, handle, outcome, "
                  "priority); defaults date, arrival, type, wait_s, handle_s, outcome, priority")
      ->delimiter(',');
  cmd->add_option("--served", args->served, "Outcomes that mean served (default: served)")->delimiter(',');
  cmd->add_option("--abandoned", args->abandoned, "Outcomes that mean abandoned (default: abandoned)")
      ->delimiter(',');
  cmd->add_option("--delimiter", args->delimiter, "Field separator: auto (tab if the header has one), "
                                                  "comma, tab or semicolon")
      ->check(CLI::IsMember(delimiter_names()))
      ->capture_default_str();
  cmd->add_option("--from", args->from, "First day to learn from (e.g. 1999-02-01)");
  cmd->add_option("--to", args->to, "Last day to learn from (e.g. 1999-02-14)");
  cmd->add_option("--weekdays", args->weekdays, "Days of the week to learn from (e.g. sun-thu)");
  cmd->add_option("--types", args->types, "Types to fit (default: all)")->delimiter(',');
  cmd->add_option("--open", args->open, "Start of the day's window, HH:MM")->capture_default_str();
  cmd->add_option("--close", args->close, "End of the day's window, HH:MM")->capture_default_str();
  cmd->add_option("--interval-min", args->interval_min, "Interval length in minutes")
      ->check(CLI::Range(1, 1440))
      ->capture_default_str();
  cmd->add_option("--handle-time", args->choices.handle_time,
                  "Handle-time law: best (smallest AIC) or a family")
      ->check(CLI::IsMember({"best", "exponential", "gamma", "lognormal", "weibull",
                             "lognormal+lognormal", "exponential+lognormal"}))
      ->capture_default_str();
  cmd->add_option("--patience", args->choices.patience,
                  "Patience law: kaplan_meier, best (smallest AIC of the censored fits) or a family")
      ->check(CLI::IsMember({"kaplan_meier", "best", "exponential", "weibull", "lognormal"}))
      ->capture_default_str();
  cmd->add_flag("--no-classes", [args](std::int64_t) { args->choices.identified_classes = false; },
                "Fit each type whole: no class for its identified callers who had to wait "
                "(learnt when the log has a priority column)");
  cmd->add_option("--name", args->name, "The fitted scenario's name");
  cmd->add_option("--answer-within-s", args->answer_within_s, "Service-level threshold written per type")
      ->check(CLI::Range(0.0, 86400.0))
      ->capture_default_str();
  cmd->add_option("--also-within-s", args->also_within_s,
                  "Further service-level thresholds reported per type, e.g. 60 (at most 2)")
      ->delimiter(',')
      ->check(CLI::Range(0.0, 86400.0))
      ->expected(1, 2);
  cmd->add_option("--target", args->target, "Service-level target written per type")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_option("--out-scenario", args->scenario_out, "Write the fitted scenario to this file");
  cmd->add_option("--json", args->json_out, "Write the fit report as JSON to this file");
  cmd->add_flag("-q,--quiet", args->quiet, "Do not print the report");
  cmd->callback([args, &exit_code] { exit_code = fit(*args); });
}

}  // namespace ccsim::cli
