// Writers of a run's summary: the terminal table, JSON and tidy CSV. They know the Summary and the
// model's names, nothing about events. JSON and CSV carry no wall-clock times or dates, so the same
// scenario and seed give byte-identical files whatever the thread count.
#pragma once

#include <cstdint>
#include <ostream>

#include <nlohmann/json.hpp>

#include "ccsim/model.h"
#include "ccsim/summary.h"

namespace ccsim {

struct RunDescription {
  int replications = 0;
  std::uint64_t seed = 0;
};

// {"scenario", "replications", "seed", "ccsim", "boost", "overall": {kpi: {"mean", "ci95"}},
//  "by_type": {id: {...}}, "by_group": {id: {...}},
//  "by_interval": [{"interval", "start", kpi..., "by_type": {...}, "by_group": {...}}]}.
// Undefined values (no contact answered in any replication, one replication's CI) are null.
nlohmann::json summary_json(const Model& model, const Summary& summary, const RunDescription& run);
void write_json(std::ostream& out, const Model& model, const Summary& summary,
                const RunDescription& run);

// Tidy long format: scope,id,interval,start,kpi,mean,ci95,n — one row per scope x slot x KPI;
// interval is "all" for the whole horizon.
void write_csv(std::ostream& out, const Model& model, const Summary& summary);

// The readable table: overall, by contact type, by agent group, by interval.
void write_table(std::ostream& out, const Model& model, const Summary& summary,
                 const RunDescription& run);

}  // namespace ccsim
