// The scenario `ccsim fit` writes: the log's day as the horizon, per type its arrivals per interval
// (with the busyness of days), fitted handle time and patience, the classes of identified callers
// who had to wait, and one agent group answering every type with the staffing inferred from the
// log. A planner runs it as it is, or edits it.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ccsim/call_log_profile.h"

namespace ccsim {

// The distributions chosen for a type, as scenario objects ({"dist": "lognormal", ...}).
struct FittedType {
  std::string id;  // a valid scenario id
  nlohmann::ordered_json handle_time;
  nlohmann::ordered_json patience;  // null: nobody abandoned, so no patience is written
};

struct FittedScenarioOptions {
  std::string name = "fitted";
  std::string description;
  double answer_within_s = 20.0;
  std::vector<double> also_within_s;  // further thresholds reported per type (none: not written)
  double target = 0.8;
  int replications = 100;
};

// `types` in the order of `profile.types`; a class of identified callers becomes the type's
// `when_queued` with its share. Staffing per interval is the inferred number in hundredths of an
// agent, and at least one where calls arrive.
nlohmann::ordered_json fitted_scenario(const CallLogProfile& profile,
                                       const std::vector<FittedType>& types,
                                       const FittedScenarioOptions& options);

}  // namespace ccsim
