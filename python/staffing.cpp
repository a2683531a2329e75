#include "staffing.h"

#include <sstream>

#include "ccsim/diagnostics.h"
#include "ccsim/staffing_writers.h"

namespace ccsim::python {

Staffing staff(const Scenario& scenario, const StaffRequest& request) {
  Model model = scenario.compile();
  if (request.scope != "interval" && request.scope != "day")
    throw InputError({{"scope", "", "must be \"interval\" or \"day\", got \"" + request.scope + "\""}});
  StaffingSearchOptions options;
  options.replications = request.replications.value_or(model.run.replications);
  options.seed = request.seed.value_or(model.run.seed);
  options.threads = request.threads;
  options.verify_replications = request.verify_replications.value_or(options.replications);
  options.scope = request.scope == "day" ? TargetScope::day : TargetScope::interval;
  options.confidence = request.confidence;
  options.max_evaluations = request.max_evaluations;
  if (options.replications < 2 || options.replications > 1000000 || options.verify_replications < 2 ||
      options.verify_replications > 1000000)
    throw InputError({{"replications", "", "must be from 2 to 1000000 (a plan's targets need a spread)"}});
  if (options.max_evaluations < 1) throw InputError({{"max_evaluations", "", "must be at least 1"}});
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
