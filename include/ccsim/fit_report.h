// What `ccsim fit` reports: the calls fitted, per type the arrivals, busyness, every handle-time and
// patience candidate with its parameters, standard errors, AIC and distance to the data (the one
// chosen marked), and the agents inferred per interval. As text for a terminal and as JSON.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "ccsim/call_log_fit.h"

namespace ccsim {

void write_fit_report(std::ostream& out, const CallLogFit& fit);
nlohmann::ordered_json fit_json(const CallLogFit& fit);

}  // namespace ccsim
