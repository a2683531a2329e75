#include "ccsim/roster.h"

#include <algorithm>
#include <cmath>

#include "ccsim/model.h"

namespace ccsim {

namespace {

// From `time_s` on, `on_shift` agents are paid and `working` of them are not on a break.
struct Level {
  double time_s = 0.0;
  int on_shift = 0;
  int working = 0;
};

struct Delta {
  double time_s;
  int on_shift;
  int working;
};

double day_length_s(const Horizon& h) { return h.intervals_per_day * h.interval_s; }

// Seconds after its day's first interval at which a shift starting at clock time `start_min`
// begins (negative: before the grid, and cut).
double start_on_grid(const Horizon& h, int start_min) {
  double offset = (start_min - h.start_min) * 60.0;
  // A grid past midnight holds the small hours of the next calendar day: 02:00 on a grid from
  // 20:00 is 6 hours in, not 18 hours before it.
  if (offset < 0.0 && offset + 86400.0 < day_length_s(h)) offset += 86400.0;
  return offset;
}

// `on_shift` and `working` agents more over [from, to) seconds of the day starting at
// `day_start`, cut to the day's grid.
void add_span(std::vector<Delta>& deltas, double day_start, double day_s, double from, double to,
              int on_shift, int working) {
  from = std::clamp(from, 0.0, day_s);
  to = std::clamp(to, 0.0, day_s);
  if (to <= from) return;
  deltas.push_back({day_start + from, on_shift, working});
  deltas.push_back({day_start + to, -on_shift, -working});
}

// The group's agents on shift and working as steps over the horizon, the first at time 0; a
// step is kept only where something changes.
std::vector<Level> levels_of(const Horizon& h, const AgentGroup& group) {
  const double day_s = day_length_s(h);
  std::vector<Delta> deltas;
  for (int d = 0; d < h.days; ++d) {
    const int weekday = (h.start_weekday + d) % 7;
    // As the interval boundaries are computed, so that a shift starting with the day starts
    // exactly with its first interval.
    const double day_start = static_cast<double>(d * h.intervals_per_day) * h.interval_s;
    for (const Shift& shift : group.shifts) {
      if (!shift.days[static_cast<std::size_t>(weekday)] || shift.agents == 0) continue;
      const double begin = start_on_grid(h, shift.start_min);
      add_span(deltas, day_start, day_s, begin, begin + shift.length_s, shift.agents,
               shift.agents);
      for (const ShiftBreak& pause : shift.breaks)
        add_span(deltas, day_start, day_s, begin + pause.after_s,
                 begin + pause.after_s + pause.length_s, 0, -shift.agents);
    }
  }
  std::stable_sort(deltas.begin(), deltas.end(),
                   [](const Delta& a, const Delta& b) { return a.time_s < b.time_s; });
  std::vector<Level> levels{Level{}};
  for (std::size_t k = 0; k < deltas.size();) {
    Level next = levels.back();
    next.time_s = deltas[k].time_s;
    for (; k < deltas.size() && deltas[k].time_s == next.time_s; ++k) {
      next.on_shift += deltas[k].on_shift;
      next.working += deltas[k].working;
    }
    if (next.on_shift == levels.back().on_shift && next.working == levels.back().working)
      continue;
    if (next.time_s == levels.back().time_s)
      levels.back() = next;
    else
      levels.push_back(next);
  }
  return levels;
}

}  // namespace

void staff_from_shifts(const Horizon& horizon, AgentGroup& group) {
  const std::vector<Level> levels = levels_of(horizon, group);
  const auto count = static_cast<std::size_t>(horizon.intervals());
  group.staffed.assign(count, 0.0);
  group.on_duty.assign(count, 0);
  std::size_t k = 0;  // levels[k] holds at the interval's start
  for (std::size_t i = 0; i < count; ++i) {
    const double begin = static_cast<double>(i) * horizon.interval_s;
    const double end = static_cast<double>(i + 1) * horizon.interval_s;
    while (k + 1 < levels.size() && levels[k + 1].time_s <= begin) ++k;
    // The means over the interval: each level for the part of it that it holds.
    double on_shift_s = 0.0;
    double working_s = 0.0;
    for (std::size_t j = k; j < levels.size() && levels[j].time_s < end; ++j) {
      const double from = std::max(levels[j].time_s, begin);
      const double to = j + 1 < levels.size() ? std::min(levels[j + 1].time_s, end) : end;
      on_shift_s += levels[j].on_shift * (to - from);
      working_s += levels[j].working * (to - from);
    }
    group.staffed[i] = on_shift_s / horizon.interval_s;
    group.on_duty[i] = on_duty_after_shrinkage(working_s / horizon.interval_s, group.shrinkage);
  }
}

namespace {

// Appends "from `time_s` on, `on_duty` agents", unless it changes nothing; a change at the same
// instant as the last replaces it.
void change_to(std::vector<RosterChange>& out, double time_s, std::uint32_t g, int on_duty) {
  if (!out.empty() && out.back().time_s == time_s) {
    out.back().on_duty = on_duty;
    if (out.size() >= 2 && out[out.size() - 2].on_duty == on_duty) out.pop_back();
    return;
  }
  if (!out.empty() && out.back().on_duty == on_duty) return;
  out.push_back({time_s, g, on_duty});
}

// `agents` on duty over [from, to), a span within one interval: the whole agents for all of it,
// one more for the fraction's share of it at its end.
void put_on_duty(std::vector<RosterChange>& out, std::uint32_t g, double from, double to,
                 double agents) {
  const double whole = std::floor(agents);
  const int n = static_cast<int>(whole);
  change_to(out, from, g, n);
  if (agents <= whole) return;
  // To the millisecond: 6.4 - 6 is 0.40000000000000036, and the seventh agent should come at
  // 18:00 of the half hour, not at 17:59.999999999999.
  const double comes = std::round((to - (agents - whole) * (to - from)) * 1000.0) / 1000.0;
  change_to(out, std::clamp(comes, from, to), g, n + 1);
}

// `agents` on duty over [from, to) of the horizon, split at interval boundaries when a fraction
// must be placed in each interval.
void put_on_duty_across(std::vector<RosterChange>& out, std::uint32_t g, const Horizon& h,
                        double from, double to, double agents) {
  if (agents == std::floor(agents)) {
    change_to(out, from, g, static_cast<int>(agents));
    return;
  }
  auto i = static_cast<IntervalIndex>(from / h.interval_s);
  while (i > 0 && static_cast<double>(i) * h.interval_s > from) --i;
  while (static_cast<double>(i + 1) * h.interval_s <= from) ++i;
  for (double begin = from; begin < to; ++i) {
    const double end = std::min(to, static_cast<double>(i + 1) * h.interval_s);
    put_on_duty(out, g, begin, end, agents);
    begin = end;
  }
}

}  // namespace

bool needs_roster(const AgentGroup& group) {
  if (!group.shifts.empty()) return true;
  return std::any_of(group.on_duty.begin(), group.on_duty.end(),
                     [](double n) { return n != std::floor(n); });
}

std::vector<RosterChange> compile_roster(const Model& model) {
  std::vector<RosterChange> roster;
  const Horizon& h = model.horizon;
  const double end = h.length_s();
  for (std::uint32_t g = 0; g < model.group_count(); ++g) {
    const AgentGroup& group = model.agent_groups[g];
    if (!group.follows_roster) continue;
    std::vector<RosterChange> changes;
    if (group.shifts.empty()) {
      for (std::size_t i = 0; i < group.on_duty.size(); ++i)
        put_on_duty_across(changes, g, h, static_cast<double>(i) * h.interval_s,
                           static_cast<double>(i + 1) * h.interval_s, group.on_duty[i]);
    } else {
      const std::vector<Level> levels = levels_of(h, group);
      for (std::size_t j = 0; j < levels.size() && levels[j].time_s < end; ++j) {
        const double to = j + 1 < levels.size() ? std::min(levels[j + 1].time_s, end) : end;
        put_on_duty_across(changes, g, h, levels[j].time_s, to,
                           on_duty_after_shrinkage(levels[j].working, group.shrinkage));
      }
    }
    roster.insert(roster.end(), changes.begin(), changes.end());
  }
  std::stable_sort(roster.begin(), roster.end(), [](const RosterChange& a, const RosterChange& b) {
    return a.time_s < b.time_s;
  });
  return roster;
}

void compile_on_duty(Model& model) {
  for (AgentGroup& group : model.agent_groups) {
    if (!group.shifts.empty()) staff_from_shifts(model.horizon, group);
    group.follows_roster = needs_roster(group);
  }
  model.roster = compile_roster(model);
}

std::vector<std::pair<int, int>> on_duty_range(const Model& model, std::uint32_t g) {
  const AgentGroup& group = model.agent_groups[g];
  std::vector<std::pair<int, int>> range;
  range.reserve(group.on_duty.size());
  if (!group.follows_roster) {
    for (const double n : group.on_duty) range.emplace_back(static_cast<int>(n), static_cast<int>(n));
    return range;
  }
  std::vector<RosterChange> changes;
  for (const RosterChange& change : model.roster)
    if (change.group == g) changes.push_back(change);
  int current = 0;
  std::size_t k = 0;  // the first change after the interval's start
  for (std::size_t i = 0; i < group.on_duty.size(); ++i) {
    const double begin = static_cast<double>(i) * model.horizon.interval_s;
    const double end = static_cast<double>(i + 1) * model.horizon.interval_s;
    for (; k < changes.size() && changes[k].time_s <= begin; ++k) current = changes[k].on_duty;
    std::pair<int, int> fewest_most{current, current};
    for (std::size_t j = k; j < changes.size() && changes[j].time_s < end; ++j) {
      fewest_most.first = std::min(fewest_most.first, changes[j].on_duty);
      fewest_most.second = std::max(fewest_most.second, changes[j].on_duty);
    }
    range.push_back(fewest_most);
  }
  return range;
}

double roster_steps(const std::vector<Shift>& shifts, int days) {
  double steps = 0.0;
  for (const Shift& shift : shifts)
    steps += 2.0 * (1.0 + static_cast<double>(shift.breaks.size())) * days;
  return steps;
}

}  // namespace ccsim
