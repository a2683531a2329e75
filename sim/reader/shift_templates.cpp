// An agent group's "shift_templates": the shifts `ccsim schedule` may staff the group with (see
// shift_schedule.h). Read with the group; nothing else in a run uses them.
#include <array>
#include <map>
#include <optional>
#include <string>

#include <fmt/core.h>

#include "ccsim/detail/scenario_keys.h"
#include "sim/reader/agent_groups.h"
#include "sim/reader/ids.h"
#include "sim/reader/reading.h"

namespace ccsim::detail {

namespace {

// A break window; nothing if wrong (reported). `length_s` is the shift's, when it read, for the
// check that the break ends within the shift.
std::optional<BreakWindow> read_break_window(const Cursor& node, std::optional<Seconds> length_s) {
  if (!node.object()) return std::nullopt;
  node.allow_only(scenario_keys::shift_template_break);
  const NumberRule hours = NumberRule::at_least(0.0).up_to(max_shift_hours);
  const auto minutes =
      node.require("length_min").number(NumberRule::above(0.0).up_to(max_shift_hours * 60.0));
  const auto earliest = node.require("earliest_after_h").number(hours);
  const Cursor latest_node = node.require("latest_after_h");
  const auto latest = latest_node.number(hours);
  if (!minutes || !earliest || !latest) return std::nullopt;
  if (*latest < *earliest) {
    latest_node.fail(fmt::format("must be at least earliest_after_h ({}), got {}",
                                 number_text(*earliest), number_text(*latest)));
    return std::nullopt;
  }
  const BreakWindow window{*earliest * 3600.0, *latest * 3600.0, *minutes * 60.0};
  if (length_s && window.latest_after_s + window.length_s > *length_s) {
    latest_node.fail(fmt::format(
        "must let the {}-minute break end within the shift of {} h (latest_after_h at most {}), "
        "got {}",
        number_text(*minutes), number_text(*length_s / 3600.0),
        number_text((*length_s - window.length_s) / 3600.0), number_text(*latest)));
    return std::nullopt;
  }
  return window;
}

std::optional<ShiftTemplate> read_shift_template(const Cursor& node, IdPlaces& places) {
  if (!node.object()) return std::nullopt;
  node.allow_only(scenario_keys::shift_template);
  ShiftTemplate shift;
  bool ok = true;
  const Cursor id_node = node.require("id");
  if (const auto id = read_id(id_node)) {
    shift.id = *id;
    ok &= first_use(places, *id, id_node);
  } else {
    ok = false;
  }
  const auto start_min = read_shift_start(node);
  if (start_min) shift.start_min = *start_min;
  ok &= start_min.has_value();
  const std::optional<Seconds> hours = read_shift_length(node);
  if (hours) shift.length_s = *hours;
  const auto cost = node.require("cost_per_hour")
                        .number(NumberRule::at_least(0.0).limited_to(limits::cost_per_hour));
  if (cost) shift.cost_per_hour = *cost;
  ok &= hours && cost;
  const Cursor breaks = node.get("breaks");
  if (breaks.present() && breaks.array()) {
    for (std::size_t i = 0; i < breaks.size(); ++i) {
      const auto window = read_break_window(breaks[i], hours ? std::optional(shift.length_s)
                                                             : std::nullopt);
      if (window)
        shift.breaks.push_back(*window);
      else
        ok = false;
    }
  } else if (breaks.present()) {
    ok = false;
  }
  const Cursor max_agents = node.get("max_agents");
  if (max_agents.present()) {
    const auto n =
        max_agents.number(NumberRule::at_least(0.0).whole_numbers().limited_to(limits::staffing));
    if (n)
      shift.max_agents = static_cast<int>(*n);
    else
      ok = false;
  }
  if (const auto part_time = node.get("part_time").boolean()) shift.part_time = *part_time;
  const Cursor days = node.get("days");
  if (days.present()) {
    if (const auto read = read_work_days(days))
      shift.days = *read;
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return shift;
}

}  // namespace

void read_shift_templates(const Cursor& node, AgentGroup& group) {
  if (!node.present() || !node.array()) return;
  IdPlaces places;
  for (std::size_t i = 0; i < node.size(); ++i)
    if (auto shift = read_shift_template(node[i], places))
      group.shift_templates.push_back(std::move(*shift));
}

}  // namespace ccsim::detail
