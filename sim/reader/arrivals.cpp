#include "sim/reader/arrivals.h"

#include <algorithm>

#include <fmt/core.h>

#include "ccsim/detail/scenario_keys.h"
#include "sim/reader/reading.h"

namespace ccsim::detail {

namespace {

// Arrival times replayed as they are (a day of a real call log, say): seconds from the horizon's
// start, inline or from a CSV column, in any order. Rates, scale and busyness do not apply; the
// rates kept are the trace's counts per interval, for `ccsim validate`'s load table.
void read_replayed_arrivals(const Cursor& node, ContactType& type,
                            const std::optional<Horizon>& horizon,
                            DistributionContext& distributions) {
  for (const char* key : {"scale", "busyness_cv"})
    if (node.has(key)) node.get(key).fail("does not apply to replayed arrival times");
  const bool inline_times = node.has("times_s");
  if (inline_times && (node.has("file") || node.has("column")))
    node.fail(R"(needs either "times_s" or "file" (with "column"), got both)");
  const Cursor source = node.get(inline_times ? "times_s" : "file");
  auto times = read_values(node, inline_times ? "times_s" : nullptr,
                           NumberRule::at_least(0.0).limited_to(limits::duration_s),
                           "arrival time in seconds", distributions);
  if (!times || !horizon) return;
  const Seconds end = horizon->length_s();
  const auto late =
      std::count_if(times->begin(), times->end(), [end](double t) { return t >= end; });
  if (late > 0) {
    source.fail(fmt::format("has {} arrival time{} at or after the horizon's end ({} s)", late,
                            late == 1 ? "" : "s", number_text(end)));
    return;
  }
  std::sort(times->begin(), times->end());
  type.rate_per_s.assign(static_cast<std::size_t>(horizon->intervals()), 0.0);
  for (double t : *times)
    type.rate_per_s[static_cast<std::size_t>(t / horizon->interval_s)] +=
        1.0 / horizon->interval_s;
  type.arrival_times_s = std::move(*times);
}

}  // namespace

void read_arrivals(const Cursor& node, ContactType& type, const Intervals& intervals,
                   DistributionContext& distributions) {
  if (!node.object()) return;
  node.allow_only(scenario_keys::arrivals);
  const bool hourly = node.has("rate_per_hour");
  const bool counts = node.has("per_interval");
  const bool replay = node.has("times_s") || node.has("file");
  if (hourly + counts + replay != 1) {
    node.fail(fmt::format(
        R"(needs one of "rate_per_hour", "per_interval", "times_s" or "file", got {})",
        hourly + counts + replay == 0 ? "none" : "more than one"));
  }
  if (replay && hourly + counts == 0) {
    read_replayed_arrivals(node, type, intervals.horizon, distributions);
    return;
  }
  const Seconds interval_s = intervals.horizon ? intervals.horizon->interval_s : 86400.0;
  // Rates are kept per second; the limit is per hour, whatever the interval.
  std::optional<std::vector<double>> rates;
  if (hourly) {
    rates = read_series(node.get("rate_per_hour"),
                        NumberRule::at_least(0.0).limited_to(limits::rate_per_hour), intervals);
    if (rates)
      for (double& r : *rates) r /= 3600.0;
  } else if (counts) {
    rates = read_series(
        node.get("per_interval"),
        NumberRule::at_least(0.0).limited_to(limits::rate_per_hour * interval_s / 3600.0),
        intervals);
    if (rates)
      for (double& r : *rates) r /= interval_s;
  }
  const Cursor scale_node = node.get("scale");
  const auto scale =
      number_or(scale_node, NumberRule::at_least(0.0).limited_to(limits::scale), 1.0);
  if (const auto cv = number_or(node.get("busyness_cv"),
                                NumberRule::at_least(0.0).limited_to(limits::busyness_cv), 0.0))
    type.busyness_cv = *cv;
  if (!rates || !scale || hourly == counts) return;
  const double busiest_per_hour =
      *std::max_element(rates->begin(), rates->end()) * 3600.0 * *scale;
  if (busiest_per_hour > limits::rate_per_hour) {
    scale_node.fail(
        fmt::format("must keep arrivals at most {} per hour, got {} per hour at the "
                    "busiest interval",
                    number_text(limits::rate_per_hour), number_text(busiest_per_hour)));
    return;
  }
  for (double& r : *rates) r *= *scale;
  type.rate_per_s = std::move(*rates);
}

}  // namespace ccsim::detail
