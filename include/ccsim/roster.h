// Rosters: the shifts of the groups that give them (shifts.h), laid out on the simulated horizon.
//
// Compiled once with the Model (link_routing): each rostered group's `staffed` (mean agents on
// shift in each interval, breaks included: they are paid) and `on_duty` (mean agents taking
// contacts over each interval, rounded half up: what a planner compares with the load; the engine
// follows the roster itself), and one list of every change of agents on duty, sorted by time,
// that the engine walks with one event per change. A shift is placed on each of its weekdays at its
// clock time, cut to the simulated part of that day (nights are not simulated, see Horizon); a
// shift starting before the grid on a day whose grid runs past midnight is taken to start after
// that midnight when that time is on the grid (a night shift of a grid from 20:00 to 08:00).
// Shrinkage, when the group gives one, still applies: a roster already leaves its breaks out,
// shrinkage covers what it does not show (meetings, training, absence), so on duty is agents on
// shift and not on a break, less shrinkage (on_duty_after_shrinkage).
//
// A fraction of an agent is time, not rounding: 6.4 agents on duty over a span within one interval
// (a whole interval of a staffing plan, or the part of it a roster holds still) are six agents for
// all of it and a seventh for its last 40 %. Capacity over the span is then exactly 6.4 agents'
// time, and the split is the same in every replication. Groups with a staffing plan in whole
// agents change at interval boundaries as before and add nothing to the roster.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "ccsim/shifts.h"

namespace ccsim {

struct Model;
struct Horizon;
struct AgentGroup;

// From `time_s` on, `on_duty` agents of group `group` take contacts.
struct RosterChange {
  double time_s = 0.0;
  std::uint32_t group = 0;
  int on_duty = 0;
};

// Fills `group.staffed` and `group.on_duty` from `group.shifts`, over `horizon`.
void staff_from_shifts(const Horizon& horizon, AgentGroup& group);

// Whether the engine must follow a roster for the group: it has shifts, or some interval has a
// fraction of an agent on duty.
bool needs_roster(const AgentGroup& group);

// The changes of agents on duty of every group with `follows_roster` before the horizon's end, by
// time, then group; each such group's first is at time 0 (its agents at the start, maybe none).
std::vector<RosterChange> compile_roster(const Model& model);

// Staffs each group with shifts from them, marks the groups that follow a roster and compiles
// `model.roster`: what link_routing does for staffing, and what a change of the plan must redo.
void compile_on_duty(Model& model);

// The fewest and the most agents of group `g` on duty at any time within each interval: what a
// roster does inside the planning grid. For a group without one, on_duty twice.
std::vector<std::pair<int, int>> on_duty_range(const Model& model, std::uint32_t g);

// At most how many times agents start or end a shift or a break under `shifts` over `days` days:
// what the reader bounds before laying a roster out.
double roster_steps(const std::vector<Shift>& shifts, int days);

}  // namespace ccsim
