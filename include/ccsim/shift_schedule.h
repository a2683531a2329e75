// Shift scheduling: the cheapest roster, drawn from a group's shift templates, that puts at least
// the required number of agents on every interval of the horizon. A set-covering integer program
// solved with COIN-OR CBC (README "Shift scheduling" has it written out):
//
//   variables  x_c >= 0 whole: agents on column c, one column per (template, break placement);
//              s_i >= 0: agents short in interval i (only with an under-coverage penalty)
//   minimise   sum_c cost_c x_c + penalty * sum_i s_i
//   subject to sum_c a_ci x_c + s_i >= r_i            for every interval i with r_i > 0
//              sum_{c of template t} x_c <= max_t     for every template with max_agents
//              sum_{c part-time} x_c <= p sum_c x_c     with a part-time share p
//
// An agent on column c works the template's shift on each of its days (Monday first, matched to
// the horizon's weekdays) and costs length_h * cost_per_hour for each of those days in the
// horizon. a_ci is the share of interval i the agent works: a shift that starts or ends inside an
// interval, or a break that does, covers that interval in part (a half-worked interval counts as
// half an agent), and on break or off shift it counts nothing. Breaks start on the interval grid
// within their windows (a window that holds no interval boundary is placed at its earliest start).
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "ccsim/model.h"
#include "ccsim/shifts.h"

namespace ccsim {

struct ScheduleProblem {
  Horizon horizon;
  std::vector<ShiftTemplate> templates;
  std::vector<double> required;  // agents per global interval of the horizon
  // Cost of one agent missing for one interval; none: every requirement must be met.
  std::optional<double> under_coverage_penalty;
  double time_limit_s = 30.0;
  // At most this share of the agents on templates marked part_time; none: no limit.
  std::optional<double> part_time_max_share;
};

// One column of the program: a template with its breaks placed.
struct ScheduledShift {
  std::size_t template_index = 0;
  std::string template_id;
  std::vector<ShiftBreak> breaks;
  int agents = 0;
  double cost = 0.0;  // of all its agents over the horizon
};

struct ShiftSchedule {
  std::vector<ScheduledShift> shifts;  // those with agents, in template then placement order
  double cost = 0.0;                   // wages: the sum of the shifts' costs
  double penalty = 0.0;                // under-coverage: penalty times agent-intervals short
  std::vector<double> required;        // per global interval, as asked
  std::vector<double> coverage;        // agents working each interval (shares counted)
  std::vector<double> short_by;        // max(0, required - coverage) per interval
  bool optimal = true;                 // proven optimal; false when the time limit stopped CBC
  double gap = 0.0;                    // relative gap to the best bound when not optimal
  std::size_t columns = 0;             // size of the program, for the record
};

// One agent group's schedule, as commands and writers pass them around.
struct GroupSchedule {
  AgentGroupIndex group = 0;
  ShiftSchedule schedule;
};

// The program cannot be solved: no template covers an interval that needs agents, max_agents
// leave it short, or the solver gave up without any plan. The message names the interval.
class ScheduleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The cheapest roster for `problem`. Throws ScheduleError when there is none (or none was found
// in the time limit), std::invalid_argument when `required` does not match the horizon.
ShiftSchedule schedule_shifts(const ScheduleProblem& problem);

// The schedule as roster entries with fixed breaks, one per scheduled shift, for a scenario's
// "shifts": the id is the template's, with "-2", "-3", ... for its further break placements
// (skipping any that another template is called).
std::vector<Shift> roster_of(const ShiftSchedule& schedule,
                             const std::vector<ShiftTemplate>& templates);

}  // namespace ccsim
