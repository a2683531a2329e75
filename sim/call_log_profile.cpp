#include "ccsim/call_log_profile.h"

#include <algorithm>
#include <cstdint>
#include <cmath>

#include <fmt/core.h>

#include "ccsim/diagnostics.h"

namespace ccsim {

std::size_t CallLogGrid::intervals() const {
  return static_cast<std::size_t>(std::llround((close_s - open_s) / interval_s));
}

namespace {

// Whole minutes throughout, as a scenario's horizon has them: interval edges are then exact.
void check_grid(const CallLogGrid& grid, const std::string& label) {
  const auto whole_minutes = [](double s) { return s >= 0.0 && std::fmod(s, 60.0) == 0.0; };
  const bool ok = whole_minutes(grid.open_s) && whole_minutes(grid.close_s) &&
                  whole_minutes(grid.interval_s) && grid.interval_s >= 60.0 &&
                  grid.open_s < 86400.0 && grid.close_s <= 2.0 * 86400.0 &&
                  grid.close_s > grid.open_s && std::fmod(grid.close_s - grid.open_s, grid.interval_s) == 0.0;
  if (!ok)
    throw InputError({{label, "",
                       fmt::format("the day from {} to {} must be whole intervals of {} min (the day "
                                   "starting before 24:00, ending by 48:00)",
                                   clock_time_text(grid.open_s), clock_time_text(grid.close_s),
                                   grid.interval_s / 60.0)}});
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
      const double end = j + 1 == intervals ? to
                                            : std::min(to, grid.open_s + static_cast<double>(j + 1) * grid.interval_s);
      if (!(end > from)) break;  // cannot happen on a whole-minute grid; never loop for ever
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

void add_sample(TypeProfile& into, const LoggedCall& call) {
  into.patience.push_back({call.wait_s, call.abandoned});
  if (call.abandoned) {
    ++into.abandoned;
  } else {
    ++into.served;
    if (call.handle_s > 0.0) into.handle_s.push_back(call.handle_s);
  }
}

// Each type followed by the class of its identified callers who waited, when both keep enough
// served calls to fit a handle time; otherwise those callers stay with their type.
std::vector<TypeProfile> with_classes(std::vector<TypeProfile> types, std::vector<TypeProfile> identified,
                                      std::size_t intervals) {
  std::vector<TypeProfile> out;
  for (std::size_t k = 0; k < types.size(); ++k) {
    TypeProfile& type = out.emplace_back(std::move(types[k]));
    TypeProfile& callers = identified[k];
    if (callers.served + callers.abandoned == 0) continue;
    if (callers.handle_s.size() < class_min_served || type.handle_s.size() < class_min_served) {
      type.served += callers.served;
      type.abandoned += callers.abandoned;
      type.handle_s.insert(type.handle_s.end(), callers.handle_s.begin(), callers.handle_s.end());
      type.patience.insert(type.patience.end(), callers.patience.begin(), callers.patience.end());
      continue;
    }
    callers.id = type.id + "_identified";
    callers.log_type = type.log_type;
    callers.class_of = out.size() - 1;
    callers.waited = callers.served + callers.abandoned;
    callers.share = static_cast<double>(callers.waited) / static_cast<double>(type.waited);
    callers.arrivals.assign(intervals, 0.0);
    out.push_back(std::move(callers));
  }
  return out;
}

}  // namespace

CallLogProfile profile_call_log(const CallLog& log, const CallLogGrid& grid,
                                const std::vector<std::string>& types, bool identified_classes) {
  check_grid(grid, log.label);
  const std::size_t intervals = grid.intervals();
  const std::size_t days = log.days.size();
  CallLogProfile profile;
  profile.grid = grid;
  profile.days = days;
  // Per type of the log, its place among the types profiled, or none.
  constexpr std::size_t not_profiled = static_cast<std::size_t>(-1);
  std::vector<std::size_t> slot(log.types.size(), not_profiled);
  for (std::size_t k = 0; k < log.types.size(); ++k) {
    if (!types.empty() && std::find(types.begin(), types.end(), log.types[k]) == types.end()) continue;
    slot[k] = profile.types.size();
    TypeProfile& type = profile.types.emplace_back();
    type.id = log.types[k];
    type.log_type = static_cast<std::uint32_t>(k);
    type.arrivals.assign(intervals, 0.0);
  }
  std::vector<std::vector<double>> daily(profile.types.size(), std::vector<double>(days, 0.0));
  // Per type, the identified callers who had to wait: its class, if they are enough.
  const bool split = identified_classes && log.has_priorities;
  std::vector<TypeProfile> identified(profile.types.size());
  for (const LoggedCall& call : log.calls) {
    const std::size_t k = slot[call.type];
    if (k == not_profiled) continue;
    if (call.arrival_s < grid.open_s || call.arrival_s >= grid.close_s) {
      ++profile.outside_window;
      continue;
    }
    TypeProfile& type = profile.types[k];
    const auto j = std::min(intervals - 1,
                            static_cast<std::size_t>((call.arrival_s - grid.open_s) / grid.interval_s));
    type.arrivals[j] += 1.0;
    daily[k][call.day] += 1.0;
    const bool waited = call.abandoned || call.wait_s > 0.0;
    type.waited += waited;
    add_sample(split && waited && call.identified ? identified[k] : type, call);
  }
  std::vector<Diagnostic> empty;
  for (std::size_t k = 0; k < profile.types.size(); ++k) {
    TypeProfile& type = profile.types[k];
    for (double& count : type.arrivals) count /= static_cast<double>(days);
    type.busyness_cv = busyness_cv(daily[k]);
    if (type.served + type.abandoned + identified[k].served + identified[k].abandoned == 0)
      empty.push_back({log.label, "", fmt::format("type \"{}\" has no call between {} and {} on the "
                                                  "chosen days", type.id, clock_time_text(grid.open_s),
                                                  clock_time_text(grid.close_s))});
  }
  if (!empty.empty()) throw InputError(std::move(empty));
  if (split) profile.types = with_classes(std::move(profile.types), std::move(identified), intervals);

  // The calls by day (a counting sort of their indices), so that one day's changes at a time are
  // held: 4 bytes a call instead of 64.
  std::vector<std::size_t> first(days + 1, 0);
  for (const LoggedCall& call : log.calls) ++first[call.day + 1];
  for (std::size_t d = 0; d < days; ++d) first[d + 1] += first[d];
  std::vector<std::uint32_t> by_day(log.calls.size());
  {
    std::vector<std::size_t> next(first.begin(), first.end() - 1);
    for (std::size_t i = 0; i < log.calls.size(); ++i)
      by_day[next[log.calls[i].day]++] = static_cast<std::uint32_t>(i);
  }
  profile.agents.assign(intervals, 0.0);
  profile.busy.assign(intervals, 0.0);
  std::vector<DayInterval> day(intervals);
  std::vector<Change> changes;
  for (std::size_t d = 0; d < days; ++d) {
    changes.clear();
    for (std::size_t n = first[d]; n < first[d + 1]; ++n) {
      const LoggedCall& call = log.calls[by_day[n]];
      if (call.wait_s > 0.0) {
        changes.push_back({call.arrival_s, 0, +1});
        changes.push_back({call.arrival_s + call.wait_s, 0, -1});
      }
      if (!call.abandoned && call.handle_s > 0.0) {
        const double start = call.arrival_s + call.wait_s;
        changes.push_back({start, +1, 0});
        changes.push_back({start + call.handle_s, -1, 0});
      }
    }
    std::fill(day.begin(), day.end(), DayInterval{});
    sweep_day(changes, grid, day);
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
