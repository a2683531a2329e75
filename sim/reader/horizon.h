// The planning grid and the run settings, and values given per interval of that grid.
#pragma once

#include <optional>
#include <vector>

#include "ccsim/detail/json_cursor.h"
#include "ccsim/model.h"

namespace ccsim::detail {

// The horizon, or nothing when it was wrong (reported) or missing.
std::optional<Horizon> read_horizon(const Cursor& node);

// Replications, seed, warm-up (checked against the horizon when that read) and drain; the
// defaults for what is absent or wrong.
RunSettings read_run(const Cursor& node, const std::optional<Horizon>& horizon);

// What values per interval are read against: the horizon, when it read, to check how many values
// an array has; and the same horizon in `expand_over` when the tables it makes for every contact
// type and agent group stay within the limit, to expand them to one value per interval.
struct Intervals {
  std::optional<Horizon> horizon;
  std::optional<Horizon> expand_over;
};

// Per-interval tables cost (contact types + agent groups) * intervals values; sizes that would
// exhaust memory are refused (at `root`) before anything is allocated.
Intervals check_table_size(const Cursor& root, const Cursor& types, const Cursor& groups,
                           const std::optional<Horizon>& horizon);

// A number for every interval, or an array with one value per interval of a day (repeated every
// day) or per interval of the whole horizon, expanded to one per interval of the horizon. Nothing
// if wrong (reported), absent, or when the horizon is unknown or too large.
std::optional<std::vector<double>> read_series(const Cursor& node, const NumberRule& rule,
                                               const Intervals& intervals);

}  // namespace ccsim::detail
