// What the HTML reports share: the page around them, the line naming the run, and the sections of
// a run's summary (html_report.cpp), so that a staffing or comparison report shows a summary as
// `run --report` does.
#pragma once

#include <ostream>
#include <string>

#include "ccsim/model.h"
#include "ccsim/summary.h"
#include "ccsim/writers.h"

namespace ccsim {

// <!DOCTYPE html> to <body>, with the reports' stylesheet; `title` escaped.
void write_page_head(std::ostream& out, const std::string& title);
void write_page_end(std::ostream& out);

// The paragraph naming the run: replications, seed, horizon, ccsim's version (id "run", with
// data-replications and data-seed).
void write_run_line(std::ostream& out, const Model& model, const RunDescription& run);

// The whole-horizon table per type, the per-period charts (service level, ASA, abandonment, agents
// and occupancy) and the cost.
void write_summary_sections(std::ostream& out, const Model& model, const Summary& summary);

}  // namespace ccsim
