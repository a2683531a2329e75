#include "ccsim/tallies.h"

#include <algorithm>

namespace ccsim {

namespace {

// Every element value-initialised; assign() reallocates only past the capacity.
template <class T>
void zero(std::vector<T>& v, std::size_t n) {
  v.assign(n, T{});
}

}  // namespace

void Tallies::reset(std::size_t intervals_, std::size_t types_, std::size_t groups_) {
  intervals = intervals_;
  types = types_;
  groups = groups_;
  const std::size_t cells = intervals * types;
  zero(contacts, cells);
  waits.resize(cells);
  zero(horizon_waits, types);
  zero(agents, intervals * groups);
  zero(issues, cells);
  resolution_times.resize(cells);
  zero(horizon_resolution_times, types);
  zero(backlogs, cells);
  zero(in_system_at_end, types);
  events = 0;
  arrivals = 0;
}

void Tallies::reset() {
  std::fill(contacts.begin(), contacts.end(), ContactTally{});
  waits.reset();
  std::fill(horizon_waits.begin(), horizon_waits.end(), WaitHistogram{});
  std::fill(agents.begin(), agents.end(), AgentTally{});
  std::fill(issues.begin(), issues.end(), IssueTally{});
  resolution_times.reset();
  std::fill(horizon_resolution_times.begin(), horizon_resolution_times.end(), WaitHistogram{});
  std::fill(backlogs.begin(), backlogs.end(), BacklogTally{});
  std::fill(in_system_at_end.begin(), in_system_at_end.end(), std::uint64_t{0});
  events = 0;
  arrivals = 0;
}

}  // namespace ccsim
