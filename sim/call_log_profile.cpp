#include "ccsim/call_log_profile.h"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "ccsim/diagnostics.h"

namespace ccsim {

std::size_t CallLogGrid::intervals() const {
  return static_cast<std::size_t>(std::llround((close_s - open_s) / interval_s));
}

namespace {

void check_grid(const CallLogGrid& grid, const std::string& label) {
  const double count = (grid.close_s - grid.open_s) / grid.interval_s;
  if (!(grid.interval_s >= 60.0) || !(grid.open_s >= 0.0) || !(grid.close_s <= 2.0 * 86400.0) ||
      !(count >= 1.0) || std::abs(count - std::round(count)) > 1e-9)
    throw InputError({{label, "",
                       fmt::format("the day's window {} s to {} s must be a whole number (>= 1) of "
                                   "intervals of {} s (at least 60 s)",
                                   grid.open_s, grid.close_s, grid.interval_s)}});
}

double busyness_cv(const std::vector<double>& daily) {
  const double n = static_cast<double>(daily.size());
  if (daily.size() < 2) return 0.0;
  double mean = 0.0;
  for (double x : daily) mean += x;
  mean /= n;
  if (mean <= 0.0) return 0.0;
  double variance = 0.0;
  for (double x : daily) variance += (x - mean) * (x - mean);
  variance /= n - 1.0;
  return std::sqrt(std::max(0.0, (variance - mean) / (mean * mean)));
}

struct Change {
  double at_s;
  int busy;     // +1 a service starts, -1 one ends
  int waiting;  // +1 a caller starts to wait, -1 stops
};

// Per interval of one day: time someone waited, calls in service integrated over that time and
// over the whole interval, and the most in service at once.
struct DayInterval {
  double waiting_s = 0.0;
  double busy_while_waiting = 0.0;
  double busy = 0.0;
  int most_busy = 0;
};

void sweep_day(std::vector<Change>& changes, const CallLogGrid& grid, std::vector<DayInterval>& out) {
  // Ends before starts at the same instant: an agent freed and taken again is one agent.
  std::sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
    if (a.at_s != b.at_s) return a.at_s < b.at_s;
    return a.busy + a.waiting < b.busy + b.waiting;
  });
  int busy = 0, waiting = 0;
  double t = changes.empty() ? 0.0 : changes.front().at_s;
  const std::size_t intervals = out.size();
  const auto add = [&](double from, double to) {
    from = std::max(from, grid.open_s);
    to = std::min(to, grid.close_s);
    while (from < to) {
      const auto j = std::min(intervals - 1, static_cast<std::size_t>((from - grid.open_s) / grid.interval_s));
      const double end = std::min(to, grid.open_s + static_cast<double>(j + 1) * grid.interval_s);
      DayInterval& cell = out[j];
      cell.busy += busy * (end - from);
      if (waiting > 0) {
        cell.waiting_s += end - from;
        cell.busy_while_waiting += busy * (end - from);
      }
      cell.most_busy = std::max(cell.most_busy, busy);
      from = end;
    }
  };
  for (const Change& change : changes) {
    add(t, change.at_s);
    t = change.at_s;
    busy += change.busy;
    waiting += change.waiting;
    if (t >= grid.open_s && t < grid.close_s) {
      const auto j = std::min(intervals - 1, static_cast<std::size_t>((t - grid.open_s) / grid.interval_s));
      out[j].most_busy = std::max(out[j].most_busy, busy);
    }
  }
}

}  // namespace

CallLogProfile profile_call_log(const CallLog& log, const CallLogGrid& grid) {
  check_grid(grid, log.label);
  const std::size_t intervals = grid.intervals();
  const std::size_t days = log.days.size();
  CallLogProfile profile;
  profile.grid = grid;
  profile.days = days;
  profile.types.resize(log.types.size());
  std::vector<std::vector<double>> daily(log.types.size(), std::vector<double>(days, 0.0));
  for (std::size_t k = 0; k < log.types.size(); ++k) {
    profile.types[k].id = log.types[k];
    profile.types[k].arrivals.assign(intervals, 0.0);
  }
  std::vector<std::vector<Change>> changes(days);
  for (const LoggedCall& call : log.calls) {
    if (call.wait_s > 0.0) {
      changes[call.day].push_back({call.arrival_s, 0, +1});
      changes[call.day].push_back({call.arrival_s + call.wait_s, 0, -1});
    }
    if (!call.abandoned && call.handle_s > 0.0) {
      const double start = call.arrival_s + call.wait_s;
      changes[call.day].push_back({start, +1, 0});
      changes[call.day].push_back({start + call.handle_s, -1, 0});
    }
    if (call.arrival_s < grid.open_s || call.arrival_s >= grid.close_s) {
      ++profile.outside_window;
      continue;
    }
    TypeProfile& type = profile.types[call.type];
    const auto j = std::min(intervals - 1,
                            static_cast<std::size_t>((call.arrival_s - grid.open_s) / grid.interval_s));
    type.arrivals[j] += 1.0;
    daily[call.type][call.day] += 1.0;
    type.patience.push_back({call.wait_s, call.abandoned});
    if (call.abandoned) {
      ++type.abandoned;
    } else {
      ++type.served;
      if (call.handle_s > 0.0) type.handle_s.push_back(call.handle_s);
    }
  }
  for (std::size_t k = 0; k < log.types.size(); ++k) {
    for (double& count : profile.types[k].arrivals) count /= static_cast<double>(days);
    profile.types[k].busyness_cv = busyness_cv(daily[k]);
  }

  profile.agents.assign(intervals, 0.0);
  profile.busy.assign(intervals, 0.0);
  std::vector<DayInterval> day(intervals);
  for (std::size_t d = 0; d < days; ++d) {
    std::fill(day.begin(), day.end(), DayInterval{});
    sweep_day(changes[d], grid, day);
    for (std::size_t j = 0; j < intervals; ++j) {
      const DayInterval& cell = day[j];
      profile.agents[j] += cell.waiting_s >= busy_while_waiting_min_s
                               ? cell.busy_while_waiting / cell.waiting_s
                               : static_cast<double>(cell.most_busy);
      profile.busy[j] += cell.busy / grid.interval_s;
    }
  }
  for (std::size_t j = 0; j < intervals; ++j) {
    profile.agents[j] /= static_cast<double>(days);
    profile.busy[j] /= static_cast<double>(days);
  }
  return profile;
}

}  // namespace ccsim
