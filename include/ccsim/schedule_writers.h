// What `ccsim schedule` writes: the roster and its coverage as JSON and as a terminal table, and
// the scenario with each scheduled group's staffing replaced by its roster ("shifts").
#pragma once

#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "ccsim/model.h"
#include "ccsim/schedule_search.h"
#include "ccsim/shift_schedule.h"

namespace ccsim {

// {"cost", "penalty", "optimal", "gap", "shifts": [{"group", "template", "start", "length_h",
// "agents", "cost", "breaks": [{"after_h", "length_min"}]}], "coverage": [{"group", "interval",
// "day", "start", "required", "scheduled", "short"}]}: every interval of every scheduled group.
nlohmann::ordered_json schedule_json(const Model& model, const std::vector<GroupSchedule>& groups);

// What the simulation found: {"rounds", "replications", "targets_met", "misses": [{"type",
// "interval", "start", "service_level", "target"}]}, the misses of the last round.
nlohmann::ordered_json search_json(const Model& model, const ScheduleSearch& search,
                                   int replications);

// The rounds simulated and, when targets are still missed, which (at most 20 lines).
void write_search_table(std::ostream& out, const Model& model, const ScheduleSearch& search,
                        int replications);

// Per group: the roster (template, hours, breaks, agents, cost), then the intervals that need or
// get agents with the agents required, scheduled and short.
void write_schedule_table(std::ostream& out, const Model& model,
                          const std::vector<GroupSchedule>& groups);

// A roster entry as a scenario file writes it: {"id", "start": "HH:MM", "length_h", "breaks":
// [{"after_h", "length_min"}], "agents", "days": ["Mon", ...]}.
nlohmann::ordered_json shift_json(const Shift& shift);

// `document` (a scenario) with, in each scheduled group, "shifts" from its roster in place of
// "staffing". Groups are found by id in "agent_groups".
nlohmann::json scenario_with_rosters(const nlohmann::json& document, const Model& model,
                                     const std::vector<GroupSchedule>& groups);

}  // namespace ccsim
