#include "ccsim/schedule_search.h"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "ccsim/summary.h"

namespace ccsim {

namespace {

// Shares summed in floating point: 2.9999999 agents are 3.
double whole_agents(double coverage) { return std::floor(coverage + 1e-6); }

// Voice and chat types served by a scheduled group, whose service level missed its target.
std::vector<ServiceLevelMiss> misses_of(const Model& model, const Summary& summary,
                                        const std::vector<AgentGroupIndex>& groups) {
  std::vector<ServiceLevelMiss> misses;
  for (ContactTypeIndex t = 0; t < model.type_count(); ++t) {
    const ContactType& type = model.contact_types[t];
    if (type.channel == Channel::email) continue;  // email's target is a response time
    const bool scheduled = std::any_of(type.groups.begin(), type.groups.end(), [&](auto g) {
      return std::find(groups.begin(), groups.end(), g) != groups.end();
    });
    if (!scheduled) continue;
    for (std::size_t i = 0; i < static_cast<std::size_t>(model.horizon.intervals()); ++i) {
      const Estimate& sl = summary.get(summary.layout.type_scope(t), KpiLayout::interval_slot(i),
                                       Kpi::service_level);
      // Undefined (no contact in any replication) is no miss.
      if (sl.n == 0 || !std::isfinite(sl.mean) || sl.mean >= type.sla.target) continue;
      misses.push_back({t, static_cast<IntervalIndex>(i), sl.mean, type.sla.target});
    }
  }
  return misses;
}

}  // namespace

std::vector<GroupSchedule> schedule_groups(const Model& model,
                                           const std::vector<AgentGroupIndex>& groups,
                                           const std::vector<std::vector<double>>& required,
                                           const ScheduleSearchSettings& settings) {
  std::vector<GroupSchedule> schedules;
  for (const AgentGroupIndex g : groups) {
    const AgentGroup& group = model.agent_groups[g];
    const ScheduleProblem problem{model.horizon, group.shift_templates, required[g],
                                  settings.under_coverage_penalty, settings.time_limit_s,
                                  group.part_time_max_share};
    try {
      schedules.push_back({g, schedule_shifts(problem)});
    } catch (const ScheduleError& e) {
      throw ScheduleError(fmt::format("agent group \"{}\": {}", group.id, e.what()));
    }
  }
  return schedules;
}

Model model_with_rosters(const Model& model, const std::vector<GroupSchedule>& schedules) {
  Model rostered = model;
  for (const GroupSchedule& s : schedules) {
    AgentGroup& group = rostered.agent_groups[s.group];
    group.shifts = roster_of(s.schedule, group.shift_templates);
    if (group.shifts.empty()) {
      // Nobody scheduled: no agents, as an empty roster says.
      std::fill(group.staffed.begin(), group.staffed.end(), 0.0);
      std::fill(group.on_duty.begin(), group.on_duty.end(), 0.0);
    }
  }
  // Lays the rosters out on the horizon: on duty to the minute, breaks where they fall.
  link_routing(rostered);
  return rostered;
}

ScheduleSearch search_schedule(const Model& model, const std::vector<AgentGroupIndex>& groups,
                               std::vector<std::vector<double>> required,
                               const ScheduleSearchSettings& settings) {
  ScheduleSearch search;
  Model base = model;
  base.run.detail = Detail::interval;  // the misses are found interval by interval
  for (int round = 1; round <= settings.max_rounds; ++round) {
    search.rounds = round;
    search.schedules = schedule_groups(base, groups, required, settings);
    const Model rostered = model_with_rosters(base, search.schedules);
    search.misses = misses_of(rostered, run_replications(rostered, settings.run).summary, groups);
    if (search.misses.empty() || round == settings.max_rounds) break;
    // One agent more than the roster gave each missed interval, in each scheduled group serving
    // the type: raising the requirement alone would change nothing where the roster already
    // gave more than it asked.
    for (const GroupSchedule& s : search.schedules) {
      std::vector<bool> raised(required[s.group].size(), false);
      for (const ServiceLevelMiss& miss : search.misses) {
        const auto& serving = model.contact_types[miss.type].groups;
        if (std::find(serving.begin(), serving.end(), s.group) == serving.end() ||
            raised[miss.interval])
          continue;
        raised[miss.interval] = true;
        double& r = required[s.group][miss.interval];
        r = std::max(r, whole_agents(s.schedule.coverage[miss.interval])) + 1.0;
      }
    }
  }
  return search;
}

}  // namespace ccsim
