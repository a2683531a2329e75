#include "staffing.h"

#include <sstream>

#include "ccsim/diagnostics.h"
#include "ccsim/staffing_writers.h"

namespace ccsim::python {

Staffing staff(const Scenario& scenario, const StaffingRequest& request) {
  Model model = scenario.compile();
  const StaffingSearchOptions options = staffing_options(model, request);
  StaffingSearchResult result = search_staffing(model, options);
  Scenario planned = with_staffing_plan(scenario, model, result);
  return {std::move(model), std::move(result), std::move(planned)};
}

std::string Staffing::json_text() const {
  return staffing_json(model, result, {result.verification_replications, result.verification_seed}).dump(2) + "\n";
}

std::string Staffing::csv_text() const {
  std::ostringstream out;
  write_staffing_csv(out, model, result);
  return out.str();
}

std::string Staffing::report_text() const {
  std::ostringstream out;
  write_staffing_report(out, model, result, {result.verification_replications, result.verification_seed});
  return out.str();
}

}  // namespace ccsim::python
