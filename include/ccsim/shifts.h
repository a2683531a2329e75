// Shifts: a group's agents given as a roster (who works when, with breaks), and the shift templates
// a scheduler chooses from. Times are minutes after midnight and seconds of length, as the planner
// writes them; a shift that starts before the day's first interval or runs past its last is cut to
// the simulated part of the day (nights are not simulated, see Horizon).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "ccsim/distribution.h"

namespace ccsim {

// A break `after_s` into the shift, `length_s` long: the agent finishes its contact first.
struct ShiftBreak {
  Seconds after_s = 0.0;
  Seconds length_s = 0.0;
};

// `agents` agents work this shift on each of its days.
struct Shift {
  std::string id;
  int start_min = 0;
  Seconds length_s = 8 * 3600.0;
  std::vector<ShiftBreak> breaks;
  int agents = 0;
  std::array<bool, 7> days{true, true, true, true, true, true, true};  // Monday first
};

// A break a scheduler may place: it starts between `earliest_after_s` and `latest_after_s` into
// the shift, on the interval grid.
struct BreakWindow {
  Seconds earliest_after_s = 0.0;
  Seconds latest_after_s = 0.0;
  Seconds length_s = 0.0;
};

// A shift a scheduler may staff: an agent on it is paid length × cost_per_hour.
struct ShiftTemplate {
  std::string id;
  int start_min = 0;
  Seconds length_s = 8 * 3600.0;
  double cost_per_hour = 0.0;
  std::vector<BreakWindow> breaks;
  std::optional<int> max_agents;
  std::array<bool, 7> days{true, true, true, true, true, true, true};  // Monday first
  bool part_time = false;  // counts against its group's part_time_max_share
};

}  // namespace ccsim
