// `ccsim schedule FILE --requirements REQ.csv --json OUT`: the cheapest roster from each group's
// shift templates that puts the required agents on every interval (shift_schedule.h), as JSON, a
// terminal table and, with --out-scenario, the scenario with the rosters in place of staffing.
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "ccsim/output_file.h"
#include "ccsim/scenario.h"
#include "ccsim/schedule_writers.h"
#include "ccsim/shift_requirements.h"
#include "ccsim/shift_schedule.h"
#include "commands.h"

namespace ccsim::cli {

namespace {

struct ScheduleArguments {
  std::string file;
  std::string requirements;
  std::string json_out;
  std::optional<std::string> group;
  bool no_simulate = false;
  double time_limit_s = 30.0;
  std::optional<double> under_coverage_penalty;
  std::optional<std::string> out_scenario;
};

// The groups to schedule: the one --group names, else every group the requirements name.
std::vector<AgentGroupIndex> groups_to_schedule(const ScheduleArguments& args, const Model& model,
                                                const ShiftRequirements& required) {
  if (!args.group) {
    if (required.groups.empty())
      throw InputError({{args.requirements, "", "names no agent group to schedule"}});
    return required.groups;
  }
  for (AgentGroupIndex g = 0; g < model.group_count(); ++g)
    if (model.agent_groups[g].id == *args.group) {
      if (required.by_group[g].empty())
        throw InputError({{args.requirements, "",
                           fmt::format("has no rows for agent group \"{}\" (--group)", *args.group)}});
      return {g};
    }
  throw InputError({{"--group", "", fmt::format("no agent group \"{}\" in {}", *args.group, args.file)}});
}

int run(const ScheduleArguments& args) {
  if (!args.no_simulate)
    throw InputError({{"ccsim schedule", "",
                       "simulating the roster needs the roster engine, which this version does not "
                       "have yet: add --no-simulate to schedule against the requirements alone"}});
  OutputSet outputs;
  outputs.add("--json", args.json_out);
  if (args.out_scenario) outputs.add("--out-scenario", *args.out_scenario);
  const Scenario scenario = Scenario::read(args.file);
  const Model model = scenario.compile();
  const ShiftRequirements required =
      read_shift_requirements(args.requirements, args.requirements, model);

  std::vector<GroupSchedule> schedules;
  for (const AgentGroupIndex g : groups_to_schedule(args, model, required)) {
    const AgentGroup& group = model.agent_groups[g];
    if (group.shift_templates.empty())
      throw InputError({{args.file, fmt::format("/agent_groups/{}", g),
                         fmt::format("agent group \"{}\" has no shift_templates to schedule from",
                                     group.id)}});
    ScheduleProblem problem{model.horizon, group.shift_templates, required.by_group[g],
                            args.under_coverage_penalty, args.time_limit_s};
    try {
      schedules.push_back({g, schedule_shifts(problem)});
    } catch (const ScheduleError& e) {
      throw InputError({{args.file, "", fmt::format("agent group \"{}\": {}", group.id, e.what())}});
    }
    const ShiftSchedule& s = schedules.back().schedule;
    if (!s.optimal)
      fmt::print(stderr,
                 "ccsim schedule: agent group \"{}\": solver timed out after {} s, best plan found "
                 "has cost {:.2f} (gap {:.2f} %)\n",
                 group.id, args.time_limit_s, s.cost + s.penalty, 100 * s.gap);
  }
  outputs.write("--json", [&](std::ostream& out) {
    out << schedule_json(model, schedules).dump(2) << '\n';
  });
  if (args.out_scenario)
    outputs.write("--out-scenario", [&](std::ostream& out) {
      out << scenario_with_rosters(scenario.document(), model, schedules).dump(2) << '\n';
    });
  outputs.commit();
  write_schedule_table(std::cout, model, schedules);
  return 0;
}

}  // namespace

void add_schedule_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ScheduleArguments>();
  CLI::App* cmd = app.add_subcommand(
      "schedule", "Find the cheapest roster from the groups' shift templates (an integer program "
                  "solved with COIN-OR CBC) that covers the agents required per interval");
  cmd->add_option("file", args->file, "Scenario file (JSON, comments allowed)")->required();
  cmd->add_option("--requirements", args->requirements,
                  "CSV of agents required: header group,interval,agents (interval: 0-based, of "
                  "the whole horizon); intervals without a row need none")
      ->required();
  cmd->add_option("--json", args->json_out, "Write the roster, its cost and coverage as JSON here")
      ->required();
  cmd->add_option("--group", args->group,
                  "Schedule this agent group only (default: every group the requirements name)");
  cmd->add_flag("--no-simulate", args->no_simulate,
                "Schedule against the requirements alone, without simulating the roster");
  cmd->add_option("--time-limit", args->time_limit_s, "Seconds the solver may take per group")
      ->check(CLI::Range(0.001, 1e6))
      ->capture_default_str();
  cmd->add_option("--under-coverage-penalty", args->under_coverage_penalty,
                  "Allow intervals short of their requirement at this cost per agent and interval "
                  "(default: every requirement must be met)")
      ->check(CLI::Range(0.0, 1e12));
  cmd->add_option("--out-scenario", args->out_scenario,
                  "Write the scenario with each scheduled group's roster as \"shifts\" in place of "
                  "its \"staffing\"");
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace ccsim::cli
