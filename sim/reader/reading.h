// What every part of the scenario reader shares: numbers with a default, shares written as
// percent, clock times, and the names of the format's enumerations.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/detail/json_cursor.h"
#include "ccsim/detail/scenario_limits.h"

namespace ccsim::detail {

// A probability: a share from 0 to 1.
extern const NumberRule probability;

// In the order of SlaDenominator, TransferMode, WaitPredictor, RoutingPolicy and Channel;
// weekdays from Monday, as Horizon::start_weekday and BusinessHours::days.
extern const std::vector<std::string> sla_denominators;
extern const std::vector<std::string> transfer_modes;
extern const std::vector<std::string> wait_predictors;
extern const std::vector<std::string> routing_policies;
extern const std::vector<std::string> channels;
extern const std::vector<std::string> weekdays;

// The number at `node`, `fallback` when the key is absent, nothing when present but wrong.
std::optional<double> number_or(const Cursor& node, const NumberRule& rule, double fallback);

// A share from 0 to 1 (a service-level target, a shrinkage), with a hint for 30 meant as 30 %.
std::optional<double> read_share(const Cursor& node, const NumberRule& rule, double fallback);

// "08:00" -> 480. Hours may have one digit ("8:00").
std::optional<int> clock_minutes(const std::string& text);

// Weekdays: "Mon-Fri" (a range, wrapping past Sunday: "Sat-Mon"), "Sat" (one day) or
// ["Mon", "Wed"]; Monday first. Nothing if wrong (reported).
std::optional<std::array<bool, 7>> read_days(const Cursor& node);
// The longest shift: a day. Longer ones would cover the same clock time twice, and are two shifts
// or a mistake (minutes written as hours).
inline constexpr double max_shift_hours = 24.0;
// A shift's "start" ("HH:MM") in minutes after midnight, and its "length_h" (above 0, at most a
// day) in seconds, as rosters and shift templates write them; nothing if absent or wrong (reported).
std::optional<int> read_shift_start(const Cursor& shift);
std::optional<double> read_shift_length(const Cursor& shift);
// The days a shift is worked: as read_days, and at least one.
std::optional<std::array<bool, 7>> read_work_days(const Cursor& node);

// "billing, tech, sales" for messages, cut short for very long lists.
std::string id_list(const std::vector<std::string>& ids);

// The message for a name or id holding a character that prints as nothing.
std::string invisible_message(std::string_view what, char32_t c, const std::string& text);

}  // namespace ccsim::detail
