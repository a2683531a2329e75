// What the summary's writers share: a day's weekday and a contact type's target as text, and the
// grid the terminal tables print their rows in.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "ccsim/kpi.h"
#include "ccsim/model.h"
#include "ccsim/summary.h"

namespace ccsim {

// "Mon" ... "Sun": the weekday of day d of the horizon.
std::string weekday_of(const Horizon& horizon, std::size_t day);

// A type's target: email's response target ("80% in 24 h", business time when it has business
// hours), the answer-within service level otherwise.
std::string type_target(const ContactType& type);

struct Column {
  Kpi kpi;
  std::string heading;
};

// One row of a table: its leading text columns, then the KPIs of (scope, slot).
struct Row {
  std::vector<std::string> labels;
  std::size_t scope;
  std::size_t slot;
};

// Prints rows under the given label and KPI columns, widths fitted to the content; labels are
// left-aligned, numbers right-aligned.
void print_grid(std::ostream& out, const Summary& summary, const std::vector<std::string>& label_headings,
                const std::vector<Row>& rows, const std::vector<Column>& columns);

}  // namespace ccsim
