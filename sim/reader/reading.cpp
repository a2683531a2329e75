#include "sim/reader/reading.h"

#include <algorithm>
#include <map>

#include <fmt/core.h>

#include "ccsim/visible_text.h"

namespace ccsim::detail {

const NumberRule probability = NumberRule::at_least(0.0).up_to(1.0);

const std::vector<std::string> sla_denominators = {"offered_minus_short", "offered", "answered"};
const std::vector<std::string> transfer_modes = {"cold", "warm"};
const std::vector<std::string> wait_predictors = {"queue_length"};
const std::vector<std::string> routing_policies = {"priority", "longest_weighted_wait",
                                                   "reservation"};
const std::vector<std::string> channels = {"voice", "chat", "email"};
const std::vector<std::string> weekdays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::optional<double> number_or(const Cursor& node, const NumberRule& rule, double fallback) {
  if (!node.present()) return fallback;
  return node.number(rule);
}

// Planners think in percent, so a value such as 30 gets a hint.
std::optional<double> read_share(const Cursor& node, const NumberRule& rule, double fallback) {
  if (!node.present()) return fallback;
  const Json& value = node.json();
  if (value.is_number() && value.get<double>() >= 2.0 && value.get<double>() <= 100.0) {
    node.fail(fmt::format("{} (write {} % as {})", *rule.problem(value),
                          number_text(value.get<double>()),
                          number_text(value.get<double>() / 100.0)));
    return std::nullopt;
  }
  return node.number(rule);
}

std::optional<int> clock_minutes(const std::string& text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos || colon < 1 || colon > 2 || text.size() != colon + 3)
    return std::nullopt;
  const auto digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const std::string_view view(text);
  if (!digits(view.substr(0, colon)) || !digits(view.substr(colon + 1))) return std::nullopt;
  const int hours = std::stoi(text.substr(0, colon));
  const int minutes = std::stoi(text.substr(colon + 1));
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

std::optional<std::array<bool, 7>> read_days(const Cursor& node) {
  std::array<bool, 7> open{};
  const Json& value = node.json();
  if (value.is_array()) {
    bool ok = true;
    std::map<std::size_t, std::string> listed;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const Cursor element = node[i];
      const auto day = element.choice(weekdays, "day");
      if (!day) {
        ok = false;
        continue;
      }
      const auto [it, inserted] = listed.emplace(*day, element.where().to_string());
      if (!inserted) {
        element.fail(fmt::format("duplicate day {}, first listed at {}", show(element.json()),
                                 it->second));
        ok = false;
        continue;
      }
      open[*day] = true;
    }
    if (!ok) return std::nullopt;
    return open;
  }
  const std::string expectation =
      R"(a day such as "Sat", a range such as "Mon-Fri" or an array of days)";
  if (!value.is_string()) {
    node.expected(expectation);
    return std::nullopt;
  }
  const auto& text = value.get_ref<const std::string&>();
  const std::size_t dash = text.find('-');
  const std::string first = text.substr(0, dash);
  const std::string last = dash == std::string::npos ? first : text.substr(dash + 1);
  const auto day_of = [&](const std::string& name) -> std::optional<std::size_t> {
    const auto it = std::find(weekdays.begin(), weekdays.end(), name);
    if (it != weekdays.end()) return static_cast<std::size_t>(it - weekdays.begin());
    return std::nullopt;
  };
  const auto from = day_of(first);
  const auto to = day_of(last);
  if (!from || !to) {
    const std::string& wrong = from ? last : first;
    std::string message = fmt::format("unknown day {} in {}", show(Json(wrong)), show(value));
    if (const auto near = nearest_name(wrong, weekdays))
      message += fmt::format(", did you mean \"{}\"?", *near);
    else
      message += fmt::format(", expected {}", expectation);
    node.fail(message);
    return std::nullopt;
  }
  for (std::size_t d = *from;; d = (d + 1) % 7) {
    open[d] = true;
    if (d == *to) break;
  }
  return open;
}

std::optional<int> read_shift_start(const Cursor& shift) {
  const Cursor start = shift.require("start");
  if (!start.present()) return std::nullopt;
  const auto minutes =
      start.json().is_string() ? clock_minutes(start.json().get<std::string>()) : std::nullopt;
  if (!minutes) start.expected(R"(a clock time "HH:MM" from 00:00 to 23:59)");
  return minutes;
}

std::optional<double> read_shift_length(const Cursor& shift) {
  const auto hours = shift.require("length_h").number(NumberRule::above(0.0).up_to(max_shift_hours));
  if (!hours) return std::nullopt;
  return *hours * 3600.0;
}

std::optional<std::array<bool, 7>> read_work_days(const Cursor& node) {
  const auto on = read_days(node);
  if (on && std::none_of(on->begin(), on->end(), [](bool day) { return day; })) {
    node.fail(fmt::format("must list at least one day (a shift never worked), got {}",
                          show(node.json())));
    return std::nullopt;
  }
  return on;
}

std::string id_list(const std::vector<std::string>& ids) {
  constexpr std::size_t listed = 20;
  std::string out;
  for (std::size_t i = 0; i < ids.size() && i < listed; ++i) out += (i > 0 ? ", " : "") + ids[i];
  if (ids.size() > listed) out += ", ...";
  return out;
}

// Names are compared byte for byte, so two that print alike must not both be possible: "calls"
// and "calls" with a zero-width space after it would be two contact types.
std::string invisible_message(std::string_view what, char32_t c, const std::string& text) {
  return fmt::format("{} must not contain the invisible character {}, got {}", what,
                     code_point_text(c), show(Json(text)));
}

}  // namespace ccsim::detail
