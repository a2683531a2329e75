// What a call log says about a centre, interval by interval: per type the arrivals (mean over the
// days) and how much whole days differ, the handle times of served calls and what is known of
// patience; for the agents, how many were answering. This is what `ccsim fit` turns into a
// scenario; the fitting of distributions to the samples is in handle_time_fit.h and patience_fit.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ccsim/call_log.h"
#include "ccsim/patience_fit.h"  // PatienceObservation

namespace ccsim {

// The day's window and its intervals; calls arriving outside it are counted, not used.
struct CallLogGrid {
  double open_s = 0.0;
  double close_s = 86400.0;
  double interval_s = 1800.0;
  std::size_t intervals() const;
};

struct TypeProfile {
  std::string id;                // as in the log; a class: the type's and "_identified"
  std::uint32_t log_type = 0;    // index into CallLog::types
  // A class (see profile_call_log): the callers of the type `class_of` (an index into
  // CallLogProfile::types) who had to wait and were identified, a `share` of that type's callers
  // who had to wait. A class has no arrivals of its own; its calls count in its type's.
  std::optional<std::size_t> class_of;
  double share = 0.0;
  std::size_t waited = 0;        // callers who had to wait (waited > 0 s or abandoned)
  std::vector<double> arrivals;  // per interval, the mean over the days
  // CV of a day-level busyness factor B (mean 1) with daily totals N | B ~ Poisson(B m): the
  // variance of N is m + cv^2 m^2, so cv^2 = (s^2 - m) / m^2 from the days' mean m and variance
  // s^2, 0 when the days vary no more than Poisson counts do (or there is one day).
  double busyness_cv = 0.0;
  std::size_t served = 0;
  std::size_t abandoned = 0;
  std::vector<double> handle_s;                   // served calls with a handle time > 0
  // Every call of the type in the window: an abandoned call's wait is its patience, a served
  // call's only bounds it from below (censored).
  std::vector<PatienceObservation> patience;
};

struct CallLogProfile {
  CallLogGrid grid;
  std::size_t days = 0;
  std::size_t outside_window = 0;
  std::vector<TypeProfile> types;
  // Agents answering per interval, the mean over the days. In an interval in which someone waited
  // for at least `busy_while_waiting_min_s`, the time-average number of calls in service while
  // someone waited (a waiting caller means every agent on duty is busy); otherwise, the most calls
  // in service at once in the interval (a lower bound: agents may have been idle).
  std::vector<double> agents;
  std::vector<double> busy;  // mean calls in service per interval (the load carried)
};

inline constexpr double busy_while_waiting_min_s = 60.0;

// A class is made only with at least this many served calls with a handle time on each side (the
// class and what stays with its type): fewer cannot fit a handle-time law worth its parameters.
inline constexpr std::size_t class_min_served = 30;

// Profiles the types named in `types` (all when empty), in the log's order; the agents are inferred
// from every call, whatever its type. With `identified_classes` and a log with priorities, a type
// whose callers who had to wait were identified (a priority above 0) is followed by their class:
// in the bank a caller answered at once never gets a queue record or an identification, so what
// the log shows of identified callers (their handle times, patience) belongs to those who waited,
// which a scenario says with `when_queued`. Throws InputError if the grid is not a whole number of
// intervals of whole minutes, or a type has no call in the window.
CallLogProfile profile_call_log(const CallLog& log, const CallLogGrid& grid,
                                const std::vector<std::string>& types = {},
                                bool identified_classes = false);

}  // namespace ccsim
