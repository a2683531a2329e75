// `ccsim schedule FILE --requirements REQ.csv --json OUT`: the cheapest roster from each group's
// shift templates that puts the required agents on every interval (shift_schedule.h), as JSON, a
// terminal table and, with --out-scenario, the scenario with the rosters in place of staffing.
// Unless --no-simulate, the roster is simulated and staffed up where service levels miss their
// targets, round after round (schedule_search.h). Without --requirements, the requirement is the
// plan `ccsim staff` finds for the groups with shift templates (staffing_search.h).
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "ccsim/html_report.h"
#include "ccsim/output_file.h"
#include "ccsim/scenario.h"
#include "ccsim/schedule_search.h"
#include "ccsim/schedule_writers.h"
#include "ccsim/shift_requirements.h"
#include "ccsim/shift_schedule.h"
#include "ccsim/staffing_search.h"
#include "commands.h"

namespace ccsim::cli {

namespace {

struct ScheduleArguments {
  std::string file;
  std::string requirements;  // empty: from the staffing search
  std::string json_out;
  std::optional<std::string> group;
  bool no_simulate = false;
  double time_limit_s = 30.0;
  std::optional<double> under_coverage_penalty;
  std::optional<std::string> out_scenario;
  std::optional<std::string> report_out;
  std::optional<int> replications;
  int max_rounds = 10;
  int threads = 0;
};

// The requirement of every group with shift templates: the paid agents of the staffing search's
// plan, which meets the scenario's targets (groups without templates keep their staffing there).
ShiftRequirements requirements_from_targets(const ScheduleArguments& args, const Model& model) {
  StaffingSearchOptions options;
  options.replications = args.replications.value_or(model.run.replications);
  options.seed = model.run.seed;
  options.threads = args.threads;
  Model templated = model;
  for (AgentGroup& group : templated.agent_groups)
    if (group.shift_templates.empty()) group.fixed = true;
  const StaffingSearchResult plan = search_staffing(templated, options);
  ShiftRequirements required;
  required.by_group.resize(model.group_count());
  for (AgentGroupIndex g = 0; g < model.group_count(); ++g) {
    if (model.agent_groups[g].shift_templates.empty()) continue;
    required.by_group[g] = plan.staffed[g];
    required.groups.push_back(g);
  }
  fmt::print(stderr, "requirements: the staffing search's plan ({} plans simulated, cost {:.0f}, "
                     "targets {} on fresh replications)\n",
             plan.trail.evaluations, plan.cost, plan.targets_met ? "met" : "not all met");
  return required;
}

// The groups to schedule: the one --group names, else every group the requirements name.
std::vector<AgentGroupIndex> groups_to_schedule(const ScheduleArguments& args, const Model& model,
                                                const ShiftRequirements& required) {
  if (!args.group) {
    if (required.groups.empty())
      throw InputError({{args.requirements.empty() ? args.file : args.requirements, "", "names no agent group to schedule"}});
    return required.groups;
  }
  for (AgentGroupIndex g = 0; g < model.group_count(); ++g)
    if (model.agent_groups[g].id == *args.group) {
      if (required.by_group[g].empty())
        throw InputError({{args.requirements.empty() ? args.file : args.requirements, "",
                           fmt::format("has no rows for agent group \"{}\" (--group)", *args.group)}});
      return {g};
    }
  throw InputError({{"--group", "", fmt::format("no agent group \"{}\" in {}", *args.group, args.file)}});
}

int run(const ScheduleArguments& args) {
  OutputSet outputs;
  outputs.add("--json", args.json_out);
  if (args.out_scenario) outputs.add("--out-scenario", *args.out_scenario);
  if (args.report_out) outputs.add("--report", *args.report_out);
  const Scenario scenario = Scenario::read(args.file);
  const Model model = scenario.compile();
  if (args.requirements.empty() &&
      std::none_of(model.agent_groups.begin(), model.agent_groups.end(),
                   [](const AgentGroup& group) { return !group.shift_templates.empty(); }))
    throw InputError({{args.file, "", "no agent group has shift_templates to schedule from"}});
  const ShiftRequirements required = args.requirements.empty()
                                         ? requirements_from_targets(args, model)
                                         : read_shift_requirements(args.requirements, args.requirements, model);
  const std::vector<AgentGroupIndex> groups = groups_to_schedule(args, model, required);
  for (const AgentGroupIndex g : groups)
    if (model.agent_groups[g].shift_templates.empty())
      throw InputError({{args.file, fmt::format("/agent_groups/{}", g),
                         fmt::format("agent group \"{}\" has no shift_templates to schedule from",
                                     model.agent_groups[g].id)}});

  ScheduleSearchSettings settings;
  settings.under_coverage_penalty = args.under_coverage_penalty;
  settings.time_limit_s = args.time_limit_s;
  settings.max_rounds = args.max_rounds;
  settings.run.replications = args.replications.value_or(model.run.replications);
  settings.run.seed = model.run.seed;
  settings.run.threads = args.threads;
  std::optional<ScheduleSearch> search;
  std::vector<GroupSchedule> schedules;
  try {
    if (args.no_simulate) {
      schedules = schedule_groups(model, groups, required.by_group, settings);
    } else {
      search = search_schedule(model, groups, required.by_group, settings);
      schedules = search->schedules;
    }
  } catch (const ScheduleError& e) {
    throw InputError({{args.file, "", e.what()}});
  }
  for (const GroupSchedule& s : schedules)
    if (!s.schedule.optimal)
      fmt::print(stderr,
                 "ccsim schedule: agent group \"{}\": solver timed out after {} s, best plan found "
                 "has cost {:.2f} (gap {:.2f} %)\n",
                 model.agent_groups[s.group].id, args.time_limit_s,
                 s.schedule.cost + s.schedule.penalty, 100 * s.schedule.gap);
  nlohmann::ordered_json json = schedule_json(model, schedules);
  if (search) json["simulation"] = search_json(model, *search, settings.run.replications);
  outputs.write("--json", [&](std::ostream& out) { out << json.dump(2) << '\n'; });
  if (args.report_out)
    outputs.write("--report", [&](std::ostream& out) { write_schedule_html(out, model.name, json); });
  if (args.out_scenario)
    outputs.write("--out-scenario", [&](std::ostream& out) {
      out << scenario_with_rosters(scenario.document(), model, schedules).dump(2) << '\n';
    });
  outputs.commit();
  write_schedule_table(std::cout, model, schedules);
  if (!search) return 0;
  write_search_table(std::cout, model, *search, settings.run.replications);
  // The roster is written either way; a target still missed is a failed check.
  return search->targets_met() ? 0 : 1;
}

}  // namespace

void add_schedule_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ScheduleArguments>();
  CLI::App* cmd = app.add_subcommand(
      "schedule", "Find the cheapest roster from the groups' shift templates (an integer program "
                  "solved with COIN-OR CBC) that covers the agents required per interval, then "
                  "simulate it and staff up where service levels miss their targets");
  cmd->add_option("file", args->file, "Scenario file (JSON, comments allowed)")->required();
  cmd->add_option("--requirements", args->requirements,
                  "CSV of agents required: header group,interval,agents (interval: 0-based, of "
                  "the whole horizon); intervals without a row need none. Default: the plan "
                  "`ccsim staff` finds for the groups with shift templates");
  cmd->add_option("--json", args->json_out, "Write the roster, its cost and coverage as JSON here")
      ->required();
  cmd->add_option("--group", args->group,
                  "Schedule this agent group only (default: every group the requirements name)");
  cmd->add_flag("--no-simulate", args->no_simulate,
                "Schedule against the requirements alone, without simulating the roster");
  cmd->add_option("-r,--replications", args->replications,
                  "Replications of each round's simulation (default: the scenario's)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--max-rounds", args->max_rounds,
                  "Rounds of schedule, simulate, staff up at most (exit 1 if targets are still "
                  "missed after them)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("-t,--threads", args->threads, "Worker threads (default: every core)")
      ->check(CLI::Range(0, 4096));
  cmd->add_option("--time-limit", args->time_limit_s, "Seconds the solver may take per group")
      ->check(CLI::Range(0.001, 1e6))
      ->capture_default_str();
  cmd->add_option("--under-coverage-penalty", args->under_coverage_penalty,
                  "Allow intervals short of their requirement at this cost per agent and interval "
                  "(default: every requirement must be met)")
      ->check(CLI::Range(0.0, 1e12));
  cmd->add_option("--report", args->report_out,
                  "Write an HTML report: per group the agents scheduled against those required, the "
                  "roster and what its simulation found");
  cmd->add_option("--out-scenario", args->out_scenario,
                  "Write the scenario with each scheduled group's roster as \"shifts\" in place of "
                  "its \"staffing\"");
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace ccsim::cli
