// The columns of the shift-scheduling program (shift_schedule.h): every template with every
// placement of its breaks on the interval grid, and the share of each interval an agent on it works.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "ccsim/model.h"
#include "ccsim/shifts.h"

namespace ccsim::detail {

struct ShiftColumn {
  std::size_t template_index = 0;
  std::vector<ShiftBreak> breaks;
  double cost = 0.0;  // one agent over the horizon: length_h * cost_per_hour * days worked
  // (global interval, share of it worked), shares > 0 only, intervals increasing.
  std::vector<std::pair<IntervalIndex, double>> coverage;
};

// More placements than this are refused: breaks with wide windows on a fine grid multiply.
inline constexpr std::size_t max_shift_columns = 200'000;

// Seconds from the start of a day's first interval to the start of the shift: negative when it
// starts before the grid; a shift before the grid's clock start that fits the day once the clock
// wraps past midnight (a grid from 22:00, a shift at 01:00) starts on the next clock day.
double shift_offset_s(const Horizon& horizon, int start_min);

// Every break placement of one template (each break starting on an interval boundary within its
// window, breaks in the listed order and not overlapping); one empty placement when it has none.
// Throws std::length_error past max_shift_columns.
std::vector<std::vector<ShiftBreak>> break_placements(const Horizon& horizon,
                                                      const ShiftTemplate& shift);

// The columns of all templates, in template then placement order. A template that works no day
// of the horizon has none. Throws std::length_error past max_shift_columns
// (shift_schedule.cpp reports it as a ScheduleError), std::invalid_argument for a template whose
// breaks have no placement at all.
std::vector<ShiftColumn> shift_columns(const Horizon& horizon,
                                       const std::vector<ShiftTemplate>& templates);

}  // namespace ccsim::detail
