#include "sim/reader/shift_roster.h"

#include <algorithm>
#include <numeric>

#include <fmt/core.h>

#include "ccsim/detail/scenario_keys.h"
#include "sim/reader/ids.h"
#include "sim/reader/reading.h"

namespace ccsim::detail {

namespace {

// "4.5 h": hours as a planner writes them.
std::string hours_text(Seconds s) { return number_text(s / 3600.0) + " h"; }

// One break of a shift `shift_length_s` long (unknown when the shift's length did not read).
std::optional<ShiftBreak> read_break(const Cursor& node,
                                     const std::optional<Seconds>& shift_length_s) {
  if (!node.object()) return std::nullopt;
  node.allow_only(scenario_keys::shift_break);
  const auto after_h = node.require("after_h").number(NumberRule::above(0.0).below(max_shift_hours));
  const auto length_min =
      node.require("length_min").number(NumberRule::above(0.0).below(max_shift_hours * 60.0));
  if (!after_h || !length_min) return std::nullopt;
  const ShiftBreak pause{*after_h * 3600.0, *length_min * 60.0};
  // A break at either end of a shift is a shorter shift: the roster should say so.
  if (shift_length_s && pause.after_s + pause.length_s >= *shift_length_s) {
    node.fail(fmt::format("must end before the shift does (after {}), got a break from {} to {}",
                          hours_text(*shift_length_s), hours_text(pause.after_s),
                          hours_text(pause.after_s + pause.length_s)));
    return std::nullopt;
  }
  return pause;
}

// The breaks, in the order they are taken; nothing when one is wrong or two overlap (reported).
std::optional<std::vector<ShiftBreak>> read_breaks(const Cursor& node,
                                                   const std::optional<Seconds>& shift_length_s) {
  if (!node.present()) return std::vector<ShiftBreak>{};
  if (!node.array()) return std::nullopt;
  std::vector<ShiftBreak> breaks;
  std::vector<std::size_t> places;  // of each break read, in `node`
  bool ok = true;
  for (std::size_t i = 0; i < node.size(); ++i) {
    if (const auto pause = read_break(node[i], shift_length_s)) {
      breaks.push_back(*pause);
      places.push_back(i);
    } else {
      ok = false;
    }
  }
  std::vector<std::size_t> order(breaks.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return breaks[a].after_s < breaks[b].after_s;
  });
  for (std::size_t k = 1; k < order.size(); ++k) {
    const ShiftBreak& before = breaks[order[k - 1]];
    const ShiftBreak& later = breaks[order[k]];
    if (later.after_s >= before.after_s + before.length_s) continue;
    // Reported at the one that starts later, naming the one it runs into.
    node[places[order[k]]].fail(fmt::format(
        "overlaps the break at {} (from {} to {}), got a break from {} to {}",
        node[places[order[k - 1]]].where().to_string(), hours_text(before.after_s),
        hours_text(before.after_s + before.length_s), hours_text(later.after_s),
        hours_text(later.after_s + later.length_s)));
    ok = false;
  }
  if (!ok) return std::nullopt;
  std::vector<ShiftBreak> sorted;
  sorted.reserve(breaks.size());
  for (const std::size_t k : order) sorted.push_back(breaks[k]);
  return sorted;
}

std::optional<Shift> read_shift(const Cursor& node, IdPlaces& places) {
  if (!node.object()) return std::nullopt;
  node.allow_only(scenario_keys::shift);
  Shift shift;
  bool ok = true;
  const Cursor id_node = node.require("id");
  if (const auto id = read_id(id_node)) {
    shift.id = *id;
    ok = first_use(places, *id, id_node) && ok;
  } else {
    ok = false;
  }
  const auto start_min = read_shift_start(node);
  if (start_min) shift.start_min = *start_min;
  const std::optional<Seconds> length_s = read_shift_length(node);
  if (length_s) shift.length_s = *length_s;
  ok = start_min && length_s && ok;
  if (const auto breaks = read_breaks(node.get("breaks"), length_s))
    shift.breaks = *breaks;
  else
    ok = false;
  const auto agents = node.require("agents").number(
      NumberRule::at_least(0.0).whole_numbers().limited_to(limits::staffing));
  if (agents) shift.agents = static_cast<int>(*agents);
  ok = agents.has_value() && ok;
  const Cursor days = node.get("days");
  if (days.present()) {
    if (const auto on = read_work_days(days))
      shift.days = *on;
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return shift;
}

}  // namespace

std::optional<std::vector<Shift>> read_shifts(const Cursor& node) {
  if (!node.array()) return std::nullopt;
  if (node.size() == 0) {
    node.fail("must list at least one shift, got []");
    return std::nullopt;
  }
  std::vector<Shift> shifts;
  IdPlaces places;
  bool ok = true;
  double agents = 0.0;
  for (std::size_t i = 0; i < node.size(); ++i) {
    if (auto shift = read_shift(node[i], places)) {
      agents += shift->agents;
      shifts.push_back(std::move(*shift));
    } else {
      ok = false;
    }
  }
  // Every shift at once must stay within what one group may have on duty.
  if (ok && agents > limits::staffing) {
    node.fail(fmt::format("must have at most {} agents over all its shifts, got {}",
                          number_text(limits::staffing), number_text(agents)));
    ok = false;
  }
  if (!ok) return std::nullopt;
  return shifts;
}

}  // namespace ccsim::detail
