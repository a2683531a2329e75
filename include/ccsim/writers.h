// Writers of a run's summary: the terminal table, JSON and tidy CSV. They know the Summary and the
// model's names, nothing about events. JSON and CSV carry no wall-clock times or dates, so the same
// scenario and seed give byte-identical files whatever the thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "ccsim/model.h"
#include "ccsim/summary.h"

namespace ccsim {

struct RunDescription {
  int replications = 0;
  std::uint64_t seed = 0;
};

// {"scenario", "replications", "seed", "ccsim", "boost", "overall": {kpi: {"mean", "ci95"}},
//  "by_type": {id: {...}}, "by_group": {id: {...}}, "by_segment": {id: {...}},
//  "by_channel": {"voice"|"chat"|"email": {...}},
//  "by_interval": [{"interval", "start", "day" (when several days), kpi..., "by_type": {...},
//                   "by_group": {...}, "by_segment": {...}, "by_channel": {...}}]}.
// Each scope has the KPIs that apply to it (kpi_applies); "by_segment" is {} without segments,
// "by_channel" {} unless the contact types use two channels or more. "by_interval" is there under
// Detail::interval; under Detail::day "by_day": [{"day", "weekday", kpi..., "by_type": {...}, ...}]
// takes its place, and under Detail::total neither is.
// Undefined values (no contact answered in any replication, one replication's CI) are null.
nlohmann::json summary_json(const Model& model, const Summary& summary, const RunDescription& run);
// summary_json(...) with the members of `more` added at the top level (a run's "what_if"), as
// dump(2) and a newline, byte for byte; the per-period rows are built and written one at a time,
// so a long horizon's file never has to fit in memory as a json value.
void write_json(std::ostream& out, const Model& model, const Summary& summary,
                const RunDescription& run, const nlohmann::json& more = nlohmann::json::object());

// Tidy long format: scope,id,interval,start,kpi,mean,ci95,n — one row per scope x slot x KPI;
// scope is overall, type, group, segment or channel; interval is "all" for the whole horizon.
// Under Detail::day the columns are scope,id,day,weekday,kpi,mean,ci95,n (day "all" or 0, 1, ...;
// weekday "Mon" ... "Sun"); under Detail::total only the "all" rows are written.
void write_csv(std::ostream& out, const Model& model, const Summary& summary);
// The leading column names of the layout's CSV, up to and including "kpi".
std::string csv_columns(const KpiLayout& layout);

// The leading columns of one tidy CSV row, for writers that add columns of their own (what-ifs).
struct CsvRow {
  std::size_t scope;
  std::size_t slot;
  Kpi kpi;
  std::string prefix;  // the csv_columns: "scope,id,interval,start,kpi", id quoted when needed
};
// Calls `row` for every cell write_csv writes, in the same order.
void for_each_csv_row(const Model& model, const KpiLayout& layout,
                      const std::function<void(const CsvRow&)>& row);

// A CSV number ("" for an undefined value) and a CSV text field (quoted when it must be).
std::string csv_number(double value);
std::string csv_field(const std::string& text);

// A KPI's value as the tables show it: "86.5%" for shares, "6690" for cost, "4.71" for costs per
// contact or issue and contacts per issue, "7.8" otherwise, "-" when undefined.
std::string format_kpi_value(Kpi kpi, double value);
// Digits after the point of a KPI that is not a share, as format_kpi_value shows it.
int kpi_decimals(Kpi kpi);

// Whether the model goes beyond one contact per issue: a contact type that may leave its issue
// unresolved, escalate, be misrouted, repeat, retry or be called back, or any customer segment.
// The tables show resolution and cost per issue only then.
bool has_tiering(const Model& model);

// Whether some contact type is not voice (chat or email).
bool uses_channels(const Model& model);
// Whether some contact type is email: the tables then show response SL and backlog.
bool has_email(const Model& model);
// Whether the model automates: a bot, deflection on some contact type, or agent assist in some
// group. The tables show the automation KPIs only then.
bool has_automation(const Model& model);

// The readable table: by contact type, by segment (when there are any), by channel (when the types
// use two or more), email (when some type is email), automation (when the model automates),
// resolution and cost (when the model has tiering), by agent group, then by interval or by day as
// the summary's detail says. An email type's target is its response target.
void write_table(std::ostream& out, const Model& model, const Summary& summary,
                 const RunDescription& run);

// What `--by type` adds to the table: per contact type, a row per interval (or per day, as the
// summary's detail says) with its own target, since types have their own thresholds; the agents on
// duty are those of the groups that serve the type. Nothing under detail total.
void write_type_tables(std::ostream& out, const Model& model, const Summary& summary);

// What `--by group` adds: per agent group, a row per interval (or day) with its agents on duty,
// handled contacts, occupancy, utilisation and cost.
void write_group_tables(std::ostream& out, const Model& model, const Summary& summary);

}  // namespace ccsim
