// Schedule, simulate, staff up, schedule again: requirements per interval are only an estimate of
// what meets the service level (an Erlang figure ignores abandonment, overflow, shared groups), so
// each round simulates the roster and, for every interval where a contact type the group serves
// misses its service-level target, asks for one agent more than the roster gave that interval.
//
// The roster is simulated as it is: each scheduled group gets the roster as its `shifts`, so agents
// come on and go off duty to the minute, breaks where the schedule placed them (roster.h), with
// the group's shrinkage taken off as for any roster.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "ccsim/model.h"
#include "ccsim/runner.h"
#include "ccsim/shift_schedule.h"

namespace ccsim {

struct ScheduleSearchSettings {
  std::optional<double> under_coverage_penalty;
  double time_limit_s = 30.0;
  int max_rounds = 10;  // schedules solved and simulated at most
  RunOptions run;       // replications, seed and threads of each round's simulation
};

// A (contact type, interval) whose service level missed its target in the last round.
struct ServiceLevelMiss {
  ContactTypeIndex type = 0;
  IntervalIndex interval = 0;
  double service_level = 0.0;
  double target = 0.0;
};

struct ScheduleSearch {
  std::vector<GroupSchedule> schedules;  // of the last round
  int rounds = 0;
  std::vector<ServiceLevelMiss> misses;  // of the last round: empty when every target is met
  bool targets_met() const { return misses.empty(); }
};

// Each of `groups` scheduled against its requirements (`required` by group index), as
// schedule_shifts does; a ScheduleError names the group.
std::vector<GroupSchedule> schedule_groups(const Model& model,
                                           const std::vector<AgentGroupIndex>& groups,
                                           const std::vector<std::vector<double>>& required,
                                           const ScheduleSearchSettings& settings);

// `model` with each scheduled group's agents given by its roster (roster_of), laid out on the
// horizon.
Model model_with_rosters(const Model& model, const std::vector<GroupSchedule>& schedules);

// Schedules `groups` against `required` (by group index, one value per interval), simulates, and
// raises the requirements where targets are missed, until every voice and chat target of the
// types those groups serve is met or `max_rounds` have run. Throws ScheduleError as
// schedule_shifts does, naming the group.
ScheduleSearch search_schedule(const Model& model, const std::vector<AgentGroupIndex>& groups,
                               std::vector<std::vector<double>> required,
                               const ScheduleSearchSettings& settings);

}  // namespace ccsim
