#include "sim/reader/service_levels.h"

#include <algorithm>
#include <array>
#include <optional>

#include <fmt/core.h>

#include "ccsim/detail/scenario_keys.h"
#include "ccsim/tallies.h"
#include "sim/reader/reading.h"

namespace ccsim::detail {

namespace {

// A number, or an array of at most max_further_thresholds numbers.
void read_further_thresholds(const Cursor& node, const NumberRule& duration, ServiceLevelRule& sla) {
  if (!node.present()) return;
  if (node.json().is_number()) {
    if (const auto t = node.number(duration)) sla.also_within_s = {*t};
    return;
  }
  if (!node.json().is_array()) {
    node.expected(fmt::format("a number of seconds or an array of at most {}", max_further_thresholds));
    return;
  }
  if (node.size() == 0 || node.size() > max_further_thresholds) {
    node.fail(fmt::format("must list 1 to {} thresholds, got {}", max_further_thresholds, node.size()));
    return;
  }
  for (std::size_t k = 0; k < node.size(); ++k)
    if (const auto t = node[k].number(duration)) sla.also_within_s.push_back(*t);
}

void read_sla_values(const Cursor& node, ServiceLevelRule& sla) {
  const NumberRule duration = NumberRule::at_least(0.0).limited_to(limits::duration_s);
  if (const auto t = node.get("answer_within_s").number(duration)) sla.answer_within_s = *t;
  if (const auto target =
          read_share(node.get("target"), NumberRule::at_least(0.0).up_to(1.0), sla.target))
    sla.target = *target;
  if (const auto t = node.get("short_abandon_s").number(duration)) sla.short_abandon_s = *t;
  if (const auto d = node.get("denominator").choice(sla_denominators, "denominator"))
    sla.denominator = static_cast<SlaDenominator>(*d);
  const Cursor abandon_max = node.get("abandon_max");
  if (abandon_max.present())
    if (const auto share = read_share(abandon_max, NumberRule::at_least(0.0).up_to(1.0), 0.0))
      sla.abandon_max = *share;
  if (const auto t = node.get("asa_max_s").number(duration)) sla.asa_max_s = *t;
  read_further_thresholds(node.get("also_within_s"), duration, sla);
}

// Start and end of each business day ("HH:MM"; the end may be "24:00") and its days. Nothing if
// wrong (reported).
std::optional<BusinessHours> read_business_hours(const Cursor& node) {
  if (!node.object()) return std::nullopt;
  node.allow_only(scenario_keys::business_hours);
  BusinessHours hours;
  bool ok = true;
  const auto clock = [&](const char* key, int& minutes, bool midnight_end) {
    const Cursor at = node.get(key);
    if (!at.present()) return;
    const Json& value = at.json();
    std::optional<int> text;
    if (value.is_string())
      text = midnight_end && value.get<std::string>() == "24:00"
                 ? std::optional<int>(24 * 60)
                 : clock_minutes(value.get<std::string>());
    if (!text) {
      at.expected(midnight_end ? R"(a clock time "HH:MM" from 00:00 to 24:00)"
                               : R"(a clock time "HH:MM" from 00:00 to 23:59)");
      ok = false;
      return;
    }
    minutes = *text;
  };
  clock("start", hours.start_min, false);
  clock("end", hours.end_min, true);
  const Cursor days = node.get("days");
  if (days.present()) {
    if (const auto read = read_days(days))
      hours.days = *read;
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  if (hours.start_min >= hours.end_min) {
    const auto label = [](int m) { return fmt::format("{:02d}:{:02d}", m / 60, m % 60); };
    node.fail(fmt::format(
        "must open before they close (business hours that never open), got start {} and end {}",
        label(hours.start_min), label(hours.end_min)));
    return std::nullopt;
  }
  if (std::none_of(hours.days.begin(), hours.days.end(), [](bool open) { return open; })) {
    days.fail(fmt::format("must name at least one day (business hours that never open), got {}",
                          show(days.json())));
    return std::nullopt;
  }
  return hours;
}

}  // namespace

ServiceLevelRule read_segment_sla(const Cursor& node) {
  ServiceLevelRule sla;
  if (!node.object()) return sla;
  node.allow_only(scenario_keys::sla);
  read_sla_values(node, sla);
  return sla;
}

void read_type_sla(const Cursor& node, ContactType& type, bool channel_known) {
  if (!node.object()) return;
  node.allow_only(scenario_keys::type_sla);
  if (channel_known)
    for (const std::string& key : scenario_keys::response)
      if (node.has(key))
        node.get(key).fail(fmt::format("does not apply to {} contact types (only email has a "
                                       "response-time target)",
                                       channels[static_cast<std::size_t>(type.channel)]));
  read_sla_values(node, type.sla);
}

// Respond within so many hours, of business time when business hours are given. Emails wait
// without abandoning, so the answer-time keys do not apply.
void read_response(const Cursor& node, ContactType& type) {
  if (!node.object()) return;
  node.allow_only(scenario_keys::type_sla);
  for (const std::string& key : scenario_keys::answer)
    if (node.has(key))
      node.get(key).fail(
          "does not apply to email contact types (they are measured by respond_within_h)");
  ResponseRule response;
  const NumberRule hours_rule = NumberRule::above(0.0).limited_to(limits::duration_s / 3600.0);
  if (const auto hours = node.require("respond_within_h").number(hours_rule))
    response.respond_within_s = *hours * 3600.0;
  if (const auto target = read_share(node.get("target"), probability, response.target))
    response.target = *target;
  if (node.has("business_hours"))
    response.business_hours = read_business_hours(node.get("business_hours"));
  type.response = std::move(response);
}

}  // namespace ccsim::detail
