// The staffing search for the Python module, as `ccsim staff` runs it: the same defaults
// (replications and seed from the scenario) and the library's writers, so that the JSON and CSV
// are the bytes `ccsim staff --json` and `--csv` write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ccsim/model.h"
#include "ccsim/scenario.h"
#include "ccsim/staffing_search.h"

namespace ccsim::python {

struct Staffing {
  Model model;
  StaffingSearchResult result;
  Scenario planned;  // the scenario with the plan as staffing

  std::string json_text() const;    // what `ccsim staff --json` writes
  std::string csv_text() const;     // what `ccsim staff --csv` writes
  std::string report_text() const;  // what `ccsim staff` prints
};

Staffing staff(const Scenario& scenario, const StaffingRequest& request);

}  // namespace ccsim::python
