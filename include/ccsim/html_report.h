// The HTML report of a run: one self-contained file (inline SVG and CSS, no script, no network)
// that a planner opens on a laptop or prints. Its numbers are read from the same Summary the JSON
// is written from; every point of a chart carries its value (data-value), so a test compares them.
//
// Sections: the run (scenario, seed, replications, ccsim version); service level per interval
// for each contact type with its 95 % band and target line; ASA and abandonment per interval;
// agents on duty and occupancy per group; cost by agents, partners and automation; each what-if's
// changes with their paired 95 % intervals; and under every chart the table of its numbers.
// Per-interval charts follow the run's detail (days under --detail day, none under total).
#pragma once

#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "ccsim/model.h"
#include "ccsim/paired.h"
#include "ccsim/staffing_search.h"
#include "ccsim/summary.h"
#include "ccsim/what_if_study.h"
#include "ccsim/writers.h"

namespace ccsim {

// `what_ifs[v]` is variants[v]'s paired result (WhatIfStudy::what_ifs); both empty for a plain run.
void write_run_report(std::ostream& out, const Model& model, const Summary& summary,
                      const RunDescription& run, const std::vector<WhatIfVariant>& variants,
                      const std::vector<PairedSummary>& what_ifs);

// The report of `ccsim staff --report`: the plan per group and interval against its Erlang seed,
// its cost, the targets that fail and the tightest that hold, the search's trail, then the final
// plan's run on fresh replications as `run --report` shows a run.
void write_staffing_html(std::ostream& out, const Model& model, const StaffingSearchResult& result,
                         const RunDescription& search);

// The report of `ccsim compare --report`, from the document `--json` writes (comparison_report.h):
// the verdict, then per KPI family a chart of each KPI's paired change with its 95 % interval and
// its margin, and the table of baseline, candidate, change, margin and verdict.
void write_comparison_html(std::ostream& out, const nlohmann::json& comparison);

// The report of `ccsim schedule --report`, from the document `--json` writes (schedule_writers.h):
// per group the agents scheduled against those required per interval, the roster, its cost, and
// what the simulation of the roster found.
void write_schedule_html(std::ostream& out, const std::string& scenario_name, const nlohmann::ordered_json& schedule);

// The report of `ccsim sweep --report`: each point's whole-horizon KPIs (overall and per contact
// type) over the swept parameter (a line with its 95 % band) or two (a heat map per KPI), and the
// table of every point. Points are added as the sweep finishes them.
class SweepReport {
 public:
  // `labels[p]`, when given and not empty, names parameter p's values 0, 1, ... (the what-if axis).
  SweepReport(const Model& base, std::vector<std::string> parameters,
              std::vector<std::vector<std::string>> labels = {});
  void add(const std::vector<double>& values, const Summary& summary);
  void write(std::ostream& out, const RunDescription& run) const;

 private:
  struct Point {
    std::vector<double> values;
    std::vector<Estimate> kpis;  // [scope][kpi] over the overall scope then each type
  };
  Model base_;
  std::vector<std::string> parameters_;
  std::vector<std::vector<std::string>> labels_;
  std::vector<Point> points_;
  std::string value_label(std::size_t parameter, double value) const;
};

}  // namespace ccsim
