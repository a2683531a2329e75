#include "sim/shift_columns.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include <fmt/core.h>


namespace ccsim::detail {

namespace {

// A boundary computed from minutes and seconds may miss the grid by rounding; this much is equal.
constexpr double epsilon_s = 1e-6;

double day_length_s(const Horizon& horizon) {
  return horizon.interval_s * horizon.intervals_per_day;
}

// Where one break may start, in seconds after the shift's start.
std::vector<Seconds> break_starts(const Horizon& horizon, double offset_s,
                                  const BreakWindow& window) {
  std::vector<Seconds> starts;
  // Boundaries k * interval_s of the day, seen from the shift's start: k * interval_s - offset_s.
  const double first_k = std::ceil((window.earliest_after_s + offset_s) / horizon.interval_s -
                                   epsilon_s / horizon.interval_s);
  for (double k = first_k;; k += 1.0) {
    const double after = k * horizon.interval_s - offset_s;
    if (after > window.latest_after_s + epsilon_s) break;
    starts.push_back(std::max(after, window.earliest_after_s));
  }
  if (starts.empty()) starts.push_back(window.earliest_after_s);
  return starts;
}

// Adds the shares of [from, to) (seconds of day `day`, clipped to the day) to `shares`.
void add_work(const Horizon& horizon, int day, double from, double to,
              std::map<IntervalIndex, double>& shares) {
  from = std::max(from, 0.0);
  to = std::min(to, day_length_s(horizon));
  if (to <= from + epsilon_s) return;
  const auto first = static_cast<int>(std::floor(from / horizon.interval_s));
  const auto last = std::min(static_cast<int>(std::ceil(to / horizon.interval_s)),
                             horizon.intervals_per_day);
  for (int i = first; i < last; ++i) {
    const double begin = std::max(from, i * horizon.interval_s);
    const double end = std::min(to, (i + 1) * horizon.interval_s);
    if (end <= begin + epsilon_s) continue;
    const auto global = static_cast<IntervalIndex>(day * horizon.intervals_per_day + i);
    shares[global] += (end - begin) / horizon.interval_s;
  }
}

}  // namespace

double shift_offset_s(const Horizon& horizon, int start_min) {
  double offset_min = start_min - horizon.start_min;
  if (offset_min < 0 && (offset_min + 1440.0) * 60.0 < day_length_s(horizon)) offset_min += 1440.0;
  return offset_min * 60.0;
}

std::vector<std::vector<ShiftBreak>> break_placements(const Horizon& horizon,
                                                      const ShiftTemplate& shift) {
  const double offset = shift_offset_s(horizon, shift.start_min);
  std::vector<std::vector<ShiftBreak>> placements = {{}};
  for (const BreakWindow& window : shift.breaks) {
    std::vector<std::vector<ShiftBreak>> longer;
    for (const auto& placed : placements) {
      for (const Seconds start : break_starts(horizon, offset, window)) {
        // In the listed order and apart: a break starts once the one before has ended.
        if (!placed.empty() &&
            start < placed.back().after_s + placed.back().length_s - epsilon_s)
          continue;
        auto next = placed;
        next.push_back({start, window.length_s});
        longer.push_back(std::move(next));
        if (longer.size() > max_shift_columns)
          throw std::length_error(fmt::format(
              "shift template \"{}\" has more than {} placements of its breaks on the {}-minute "
              "grid: narrow the break windows",
              shift.id, max_shift_columns, horizon.interval_s / 60.0));
      }
    }
    placements = std::move(longer);
  }
  return placements;
}

std::vector<ShiftColumn> shift_columns(const Horizon& horizon,
                                       const std::vector<ShiftTemplate>& templates) {
  std::vector<ShiftColumn> columns;
  for (std::size_t t = 0; t < templates.size(); ++t) {
    const ShiftTemplate& shift = templates[t];
    std::vector<int> days;
    for (int d = 0; d < horizon.days; ++d)
      if (shift.days[static_cast<std::size_t>((horizon.start_weekday + d) % 7)]) days.push_back(d);
    if (days.empty()) continue;
    const double offset = shift_offset_s(horizon, shift.start_min);
    const double cost = shift.length_s / 3600.0 * shift.cost_per_hour * days.size();
    auto placements = break_placements(horizon, shift);
    // Windows that leave no room for the breaks in order and apart would silently drop the
    // template from the program.
    if (placements.empty())
      throw std::invalid_argument(fmt::format(
          "shift template \"{}\": its breaks cannot be placed in order and apart within their "
          "windows on the {}-minute grid",
          shift.id, horizon.interval_s / 60.0));
    for (auto& breaks : placements) {
      if (columns.size() >= max_shift_columns)
        throw std::length_error(fmt::format(
            "the shift templates have more than {} break placements in all: narrow the break "
            "windows",
            max_shift_columns));
      std::map<IntervalIndex, double> shares;
      for (const int d : days) {
        // Work is the shift less its breaks, each piece clipped to the day's grid.
        double from = offset;
        for (const ShiftBreak& b : breaks) {
          add_work(horizon, d, from, offset + b.after_s, shares);
          from = offset + b.after_s + b.length_s;
        }
        add_work(horizon, d, from, offset + shift.length_s, shares);
      }
      ShiftColumn column;
      column.template_index = t;
      column.breaks = std::move(breaks);
      column.cost = cost;
      column.coverage.assign(shares.begin(), shares.end());
      columns.push_back(std::move(column));
    }
  }
  return columns;
}

}  // namespace ccsim::detail
