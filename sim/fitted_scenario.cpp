#include "ccsim/fitted_scenario.h"

#include <cmath>

#include <fmt/core.h>

namespace ccsim {

namespace {

// Counts to 4 significant decimals: the log's means are no more precise than that.
double rounded(double x) { return std::round(x * 1e4) / 1e4; }

}  // namespace

nlohmann::ordered_json fitted_scenario(const CallLogProfile& profile,
                                       const std::vector<FittedType>& types,
                                       const FittedScenarioOptions& options) {
  const std::size_t intervals = profile.grid.intervals();
  nlohmann::ordered_json scenario;
  scenario["name"] = options.name;
  if (!options.description.empty()) scenario["description"] = options.description;
  scenario["horizon"] = {{"start", clock_time_text(profile.grid.open_s)},
                         {"intervals", intervals},
                         {"interval_min", std::lround(profile.grid.interval_s / 60.0)}};
  scenario["run"] = {{"replications", options.replications}, {"seed", 1}};

  nlohmann::ordered_json contact_types = nlohmann::ordered_json::array();
  nlohmann::ordered_json skills = nlohmann::ordered_json::array();
  std::vector<bool> any_arrivals(intervals, false);
  for (std::size_t k = 0; k < profile.types.size(); ++k) {
    const TypeProfile& type = profile.types[k];
    nlohmann::ordered_json per_interval = nlohmann::ordered_json::array();
    for (std::size_t j = 0; j < intervals; ++j) {
      per_interval.push_back(rounded(type.arrivals[j]));
      if (type.arrivals[j] > 0.0) any_arrivals[j] = true;
    }
    nlohmann::ordered_json arrivals = {{"per_interval", per_interval}};
    if (type.busyness_cv > 0.0) arrivals["busyness_cv"] = rounded(type.busyness_cv);
    // A class's callers arrive as its type's.
    if (type.class_of) arrivals = {{"rate_per_hour", 0}};
    nlohmann::ordered_json entry = {{"id", types[k].id}, {"arrivals", arrivals},
                                    {"handle_time", types[k].handle_time}};
    if (!types[k].patience.is_null()) entry["patience"] = types[k].patience;
    // The class follows its type (profile_call_log).
    if (k + 1 < profile.types.size() && profile.types[k + 1].class_of == k)
      entry["when_queued"] = {{"becomes", {{types[k + 1].id, rounded(profile.types[k + 1].share)}}}};
    entry["sla"] = {{"answer_within_s", options.answer_within_s}, {"target", options.target}};
    if (options.also_within_s.size() == 1) entry["sla"]["also_within_s"] = options.also_within_s[0];
    else if (!options.also_within_s.empty()) entry["sla"]["also_within_s"] = options.also_within_s;
    contact_types.push_back(entry);
    skills.push_back(types[k].id);
  }
  scenario["contact_types"] = contact_types;

  nlohmann::ordered_json staffing = nlohmann::ordered_json::array();
  // The mean over the days in hundredths of an agent: ccsim staffs fractions as time (roster.h),
  // and rounding to whole agents would move each interval's capacity by up to half an agent. An
  // interval with calls keeps at least one agent, or its calls would wait for the next.
  for (std::size_t j = 0; j < intervals; ++j) {
    const double agents = std::round(profile.agents[j] * 100.0) / 100.0;
    staffing.push_back(any_arrivals[j] ? std::max(1.0, agents) : agents);
  }
  scenario["agent_groups"] = {{{"id", "agents"}, {"skills", skills}, {"staffing", staffing}}};
  return scenario;
}

}  // namespace ccsim
