// What a what-if study (what_if_study.h) reports: a table per what-if of its KPIs against the
// baseline's, a "what_if" member for the run's JSON, and the run's tidy CSV with the what-ifs' rows
// after the baseline's. A change is the what-if minus the baseline with the ±95 % half-width of
// the paired difference.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ccsim/kpi.h"
#include "ccsim/model.h"
#include "ccsim/paired.h"
#include "ccsim/summary.h"
#include "ccsim/what_if_study.h"

namespace ccsim {

// "+984.0 ±12.1", "-18.6 ±1.3 pts" for shares (percentage points), "+0.0" with no spread, "-"
// when undefined.
std::string format_change(Kpi kpi, const Estimate& change);

// Intervals in which `variant` changes the agents on duty of `base`: where a staffing change shows.
std::vector<std::size_t> restaffed_intervals(const Model& base, const Model& variant);

// One what-if's table: each KPI of the baseline, of the what-if, and the change, marked * where its
// interval excludes 0; with a few of the restaffed intervals (or their days), as the detail allows.
void write_what_if_table(std::ostream& out, const Model& base, const Summary& baseline,
                         const WhatIfVariant& variant, const PairedSummary& result,
                         int replications);

// A line saying how to read the changes, then every what-if's table; nothing without what-ifs.
void write_what_if_tables(std::ostream& out, const Model& base,
                          const std::vector<WhatIfVariant>& variants, const WhatIfStudy& study);

// One what-if: {"overall": {kpi: {"mean", "ci95", "change", "change_ci95"}}, "by_type": {id: ...},
// "by_group": {id: ...}, "by_segment": {id: ...}, "by_channel": {id: ...},
// "by_interval": [{"interval", "start", kpi: ...}]} ("by_day": [{"day", kpi: ...}] instead under
// Detail::day, neither under Detail::total): mean and ci95 are the what-if's own, change and
// change_ci95 the paired change against the baseline. Undefined numbers are null.
nlohmann::json what_if_json(const Model& base, const Summary& baseline, const PairedSummary& result);

// {name: what_if_json(...)} for every what-if: the "what_if" member of the run's JSON.
nlohmann::json what_ifs_json(const Model& base, const std::vector<WhatIfVariant>& variants,
                             const WhatIfStudy& study);

// The tidy CSV of a run (writers.h), with three more columns: `variant` ("baseline" or the
// what-if's name) and, on a what-if's rows, `change` and `change_ci95` against the baseline.
void write_csv_with_what_ifs(std::ostream& out, const Model& base,
                             const std::vector<WhatIfVariant>& variants, const WhatIfStudy& study);

}  // namespace ccsim
