#include "sim/reader/horizon.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include <fmt/core.h>

#include "ccsim/detail/scenario_keys.h"
#include "sim/reader/reading.h"

namespace ccsim::detail {

namespace {

std::optional<std::uint64_t> read_seed(const Cursor& node) {
  if (!node.present()) return std::nullopt;
  const Json& value = node.json();
  if (value.is_number_unsigned()) return value.get<std::uint64_t>();
  if (value.is_number_integer() && value.get<std::int64_t>() >= 0)
    return static_cast<std::uint64_t>(value.get<std::int64_t>());
  // A whole number past 2^64 - 1 arrives as a double; the limit and the value are printed as
  // the integers they are, not as 1.8446744073709552e+19.
  if (value.is_number_float() && value.get<double>() >= 18446744073709551616.0 &&
      std::isfinite(value.get<double>())) {
    node.fail(fmt::format("must be at most {}, got {}", std::numeric_limits<std::uint64_t>::max(),
                          number_text(value.get<double>())));
    return std::nullopt;
  }
  // The largest double below 2^64, so that the conversion below is defined.
  const auto seed =
      node.number(NumberRule::at_least(0.0).whole_numbers().limited_to(18446744073709549568.0));
  if (!seed) return std::nullopt;
  return static_cast<std::uint64_t>(*seed);
}

}  // namespace

std::optional<Horizon> read_horizon(const Cursor& node) {
  if (!node.object()) return std::nullopt;
  node.allow_only(scenario_keys::horizon);
  const Cursor intervals_node = node.require("intervals");
  const auto intervals = intervals_node.number(
      NumberRule::at_least(1.0).whole_numbers().limited_to(limits::intervals));
  const auto interval_min = number_or(
      node.get("interval_min"), NumberRule::at_least(1.0).up_to(1440.0).whole_numbers(), 30.0);
  const auto days = number_or(
      node.get("days"), NumberRule::at_least(1.0).whole_numbers().limited_to(limits::days), 1.0);
  std::optional<int> start_min = 0;
  const Cursor start = node.get("start");
  if (start.present()) {
    const auto text =
        start.json().is_string() ? clock_minutes(start.json().get<std::string>()) : std::nullopt;
    if (!text) start.expected(R"(a clock time "HH:MM" from 00:00 to 23:59)");
    start_min = text;
  }
  Horizon horizon;
  if (const auto weekday = node.get("start_weekday").choice(weekdays, "weekday"))
    horizon.start_weekday = static_cast<int>(*weekday);
  if (!intervals || !interval_min || !days || !start_min) return std::nullopt;
  if (*intervals * *days > limits::intervals) {
    node.fail(fmt::format("must have intervals * days at most {}, got {} * {} = {}",
                          number_text(limits::intervals), number_text(*intervals),
                          number_text(*days), number_text(*intervals * *days)));
    return std::nullopt;
  }
  horizon.start_min = *start_min;
  horizon.intervals_per_day = static_cast<int>(*intervals);
  horizon.interval_s = *interval_min * 60.0;
  horizon.days = static_cast<int>(*days);
  return horizon;
}

RunSettings read_run(const Cursor& node, const std::optional<Horizon>& horizon) {
  RunSettings run;
  if (!node.object()) return run;
  node.allow_only(scenario_keys::run);
  if (const auto replications = number_or(
          node.get("replications"),
          NumberRule::at_least(1.0).whole_numbers().limited_to(limits::replications), 30))
    run.replications = static_cast<int>(*replications);
  if (const auto seed = read_seed(node.get("seed"))) run.seed = *seed;
  const Cursor warmup = node.get("warmup_min");
  if (const auto minutes =
          warmup.number(NumberRule::at_least(0.0).limited_to(limits::duration_s / 60.0))) {
    if (horizon && *minutes >= horizon->length_s() / 60.0)
      warmup.fail(fmt::format("must be less than the horizon of {} min, got {}",
                              number_text(horizon->length_s() / 60.0), show(warmup.json())));
    run.warmup_s = *minutes * 60.0;
  }
  if (const auto drain = node.get("drain").boolean()) run.drain = *drain;
  return run;
}

Intervals check_table_size(const Cursor& root, const Cursor& types, const Cursor& groups,
                           const std::optional<Horizon>& horizon) {
  const Intervals fits{horizon, horizon};
  if (!horizon || !types.present() || !groups.present() || !types.json().is_array() ||
      !groups.json().is_array())
    return fits;
  const double rows = static_cast<double>(types.size() + groups.size());
  const double cells = rows * horizon->intervals();
  if (cells <= limits::table_cells) return fits;
  root.fail(fmt::format(
      "{} contact types and agent groups over {} intervals make {} per-interval values, more "
      "than the limit of {}",
      number_text(rows), horizon->intervals(), number_text(cells),
      number_text(limits::table_cells)));
  return Intervals{horizon, std::nullopt};
}

std::optional<std::vector<double>> read_series(const Cursor& node, const NumberRule& rule,
                                               const Intervals& intervals) {
  if (!node.present()) return std::nullopt;
  // Without a horizon the values are still checked one by one, though not counted.
  const Horizon horizon = intervals.horizon.value_or(Horizon{});
  const auto all = static_cast<std::size_t>(horizon.intervals());
  const auto per_day = static_cast<std::size_t>(horizon.intervals_per_day);
  if (node.json().is_number()) {
    const auto x = node.number(rule);
    if (!x || !intervals.expand_over) return std::nullopt;
    return std::vector<double>(all, *x);
  }
  if (!node.json().is_array()) {
    node.expected(rule.expectation() + " or an array of them");
    return std::nullopt;
  }
  bool ok = true;
  const std::size_t n = node.size();
  if (intervals.horizon && n != per_day && n != all) {
    ok = false;
    if (horizon.days == 1) {
      node.fail(fmt::format("must have {} values (one per interval), got {}", per_day, n));
    } else {
      node.fail(fmt::format(
          "must have {} values (one per interval, the same every day) or {} (one per interval "
          "of all {} days), got {}",
          per_day, all, horizon.days, n));
    }
  }
  std::vector<double> values;
  values.reserve(std::min(n, all));
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = node[i].number(rule);
    if (!x)
      ok = false;
    else if (ok)
      values.push_back(*x);
  }
  if (!ok || !intervals.expand_over) return std::nullopt;
  std::vector<double> expanded;
  expanded.reserve(all);
  while (expanded.size() < all) expanded.insert(expanded.end(), values.begin(), values.end());
  return expanded;
}

}  // namespace ccsim::detail
