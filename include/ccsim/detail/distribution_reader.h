// Reading a distribution from a scenario: `{"dist": "lognormal", "mean_s": 310, "cv": 0.9}` and the
// other families of distribution.h, each by its natural parameters or by mean and CV. Problems
// (an unknown family, parameters of two forms mixed, a CV the family cannot have) go to the
// cursor's Problems like every other scenario problem.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ccsim/detail/json_cursor.h"
#include "ccsim/detail/scenario_limits.h"
#include "ccsim/distribution.h"

namespace ccsim::detail {

struct DistributionContext {
  std::filesystem::path base_dir;  // CSV files of empirical distributions are relative to it
  std::size_t empirical_values_left = limits::empirical_values;
};

// Numbers listed inline under `list_key`, or, when `list_key` is null, read from the CSV "file" and
// "column" at `node` (relative to the scenario's folder): an empirical distribution's samples, a
// replayed trace's arrival times. Each inline value must keep `rule`; `what` names one in messages
// ("an array of at least one duration"). They count against the scenario's budget of values.
std::optional<std::vector<double>> read_values(const Cursor& node, const char* list_key,
                                               const NumberRule& rule, const std::string& what,
                                               DistributionContext& context);

// A Kaplan-Meier curve at `node` (its "dist" already read): "times_s" and "survival" when
// `listed`, else the "file" with its "time_column" and "survival_column"; "tail_mean_s" when the
// survival ends above 0. Values count against the scenario's budget.
std::optional<Distribution> read_kaplan_meier(const Cursor& node, bool listed,
                                              DistributionContext& context);

// The distribution at `node`, or nothing if it is absent or wrong (then reported).
std::optional<Distribution> read_distribution(const Cursor& node, DistributionContext& context);

}  // namespace ccsim::detail
