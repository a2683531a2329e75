// Writers of a staffing search's result: the terminal report, JSON and CSV. Like the run's writers
// (writers.h), the JSON and CSV depend only on the result, so a seed gives the same files whatever
// the thread count; the trail's wall time goes to the terminal only.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "ccsim/model.h"
#include "ccsim/scenario.h"
#include "ccsim/staffing_search.h"
#include "ccsim/writers.h"

namespace ccsim {

// {"cost", "seed_cost", "targets_met", "intervals": ["08:00", ...],
//  "staffing": {group: [paid agents per interval of the horizon]}, "erlang_seed": {group: [...]},
//  "targets": [{"type", "kpi" (service_level, response_sl, abandon_rate or asa_s), "interval" (index,
//               or null for the horizon), "start", "value",
//               "p_target_met", "target", "holds", "margin"}],
//  "trail": {"evaluations", "replications", "contacts", "events", "corrections", "weighings",
//            "removal_passes", "stopped_at_limit"},
//  "verification": the run summary of the final plan (summary_json, with "replications", "seed")}.
nlohmann::json staffing_json(const Model& model, const StaffingSearchResult& result,
                             const RunDescription& verification);

// Paid agents per interval as JSON numbers: whole numbers as integers, so that a scenario with the
// plan written in keeps the schema's integer staffing.
nlohmann::json agents_json(const std::vector<double>& agents);

// The scenario with each searched group's `staffing` replaced by the plan, one value per interval
// of the horizon: what `ccsim staff --out-scenario` writes, and `ccsim run` accepts as it is.
Scenario with_staffing_plan(const Scenario& scenario, const Model& model,
                            const StaffingSearchResult& result);

// group,interval,start,agents,erlang_seed — one row per group and interval of the horizon.
void write_staffing_csv(std::ostream& out, const Model& model, const StaffingSearchResult& result);

// The plan per interval with the Erlang seed beside it, the cost, the targets that fail and the
// tightest that hold (what binds), then the KPI table of the final plan.
void write_staffing_report(std::ostream& out, const Model& model, const StaffingSearchResult& result,
                           const RunDescription& verification);

}  // namespace ccsim
