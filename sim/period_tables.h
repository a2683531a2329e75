// The terminal tables' rows per day or per interval, shared by the main table's last block and the
// tables `--by type` and `--by group` add.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ccsim/model.h"
#include "ccsim/summary.h"
#include "sim/writer_text.h"

namespace ccsim {

// "By day" or "By interval".
std::string periods_title(const KpiLayout& layout);

// The labels of a table with a row per day or per interval: the day, or the interval's start and
// the agents on duty in `groups` then.
std::vector<std::string> period_headings(const KpiLayout& layout);
std::vector<Row> period_rows(const Model& model, const KpiLayout& layout, std::size_t scope,
                             const std::vector<std::size_t>& groups);

// `columns` with talk and wrap-up beside "AHT s" when some contact type of the model has wrap-up;
// as they are otherwise (AHT is then all talk).
std::vector<Column> with_handle_split(const Model& model, std::vector<Column> columns);

// `columns` with each further service-level threshold some type reports (sla.also_within_s)
// beside "service level": "SL 60 s" when every type that has it says 60 s, else "SL (2nd)".
std::vector<Column> with_further_thresholds(const Model& model, std::vector<Column> columns);

}  // namespace ccsim
