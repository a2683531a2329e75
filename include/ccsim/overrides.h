// Quick overrides of a scenario from the command line, without editing the file or writing a
// what-if: `--set POINTER=VALUE` (repeatable, applied in order) and `--volume FACTOR`. An override
// is applied to the document as a what-if would be, so it gives the very same model, and results,
// as the same change written as a what-if.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ccsim/scenario.h"

namespace ccsim {

struct Override {
  std::string pointer;   // "/agent_groups/tech_team/staffing/8": ids or indices
  nlohmann::json value;  // 24, [20, 22], "reservation", {"policy": ...}
};

// Parses "POINTER=VALUE". VALUE is JSON when it reads as JSON (a number, array, object, true,
// false, null or a quoted string) and a plain string otherwise, so that
// `--set /routing/policy=reservation` needs no quotes. Throws InputError (file "--set") on a
// missing '=' or a pointer that does not start with '/'.
Override parse_override(std::string_view text);

struct Overrides {
  std::vector<Override> sets;
  std::optional<double> volume;  // every type's arrivals scaled by this
};

// The scenario with every --set applied in order, then --volume.
Scenario apply_overrides(const Scenario& scenario, const Overrides& overrides);

}  // namespace ccsim
