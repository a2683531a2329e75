#include "ccsim/call_log_fit.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <set>
#include <stdexcept>

#include <fmt/core.h>

#include "ccsim/diagnostics.h"
#include "ccsim/handle_time_fit.h"
#include "ccsim/scenario.h"

namespace ccsim {

namespace {

constexpr double zero_abandonment_s = 0.5;

// Why a scenario would refuse the law (a CV over its limit, a mean of years, a parameter that is
// not finite), or nothing: a candidate it refuses cannot be chosen.
std::optional<std::string> refusal(const nlohmann::json& law) {
  const nlohmann::json scenario = {
      {"horizon", {{"intervals", 1}}},
      {"contact_types", {{{"id", "x"}, {"arrivals", {{"per_interval", 1}}}, {"handle_time", law}}}},
      {"agent_groups", {{{"id", "g"}, {"skills", {"x"}}, {"staffing", 1}}}}};
  try {
    Scenario(scenario, "fit").compile();
  } catch (const InputError& e) {
    return e.diagnostics().front().message;
  }
  return std::nullopt;
}

// The candidate chosen: by name, or the smallest AIC among those a scenario takes.
std::size_t choose(const std::vector<FittedDistribution>& fits, const std::vector<std::string>& refused,
                   const std::string& family, const std::string& what, const std::string& type,
                   const std::string& label) {
  std::optional<std::size_t> chosen;
  for (std::size_t i = 0; i < fits.size(); ++i) {
    if (!refused[i].empty()) continue;
    if (family == "best" ? (!chosen || fits[i].aic < fits[*chosen].aic) : fits[i].family == family) {
      chosen = i;
      if (family != "best") break;
    }
  }
  if (chosen) return *chosen;
  std::string families;
  for (std::size_t i = 0; i < fits.size(); ++i)
    families += (families.empty() ? "" : ", ") + fits[i].family + (refused[i].empty() ? "" : " (" + refused[i] + ")");
  throw InputError({{label, "", fmt::format("type \"{}\": no {} law{} that a scenario takes (fitted: {})",
                                            type, what, family == "best" ? "" : " of the family \"" + family + "\"",
                                            families)}});
}

std::vector<std::string> refusals(const std::vector<FittedDistribution>& fits) {
  std::vector<std::string> out;
  for (const auto& fit : fits) out.push_back(refusal(fit.scenario).value_or(""));
  return out;
}

TypeFit fit_type(const TypeProfile& type, const FitChoices& choices, const std::string& label) {
  TypeFit fit;
  try {
    fit.handle_time = fit_handle_times(type.handle_s);
  } catch (const std::exception& e) {
    throw InputError({{label, "", fmt::format("type \"{}\": cannot fit handle times: {} (leave the "
                                              "type out with --types)", type.id, e.what())}});
  }
  fit.handle_time_refused = refusals(fit.handle_time);
  fit.handle_time_chosen =
      choose(fit.handle_time, fit.handle_time_refused, choices.handle_time, "handle-time", type.id, label);

  if (type.abandoned == 0) {
    fit.note = "nobody abandoned: no patience is written (callers wait as long as it takes)";
    return fit;
  }
  try {
    fit.kaplan_meier = kaplan_meier(type.patience);
    fit.patience.push_back(fit_censored_exponential(type.patience));
  } catch (const std::exception& e) {
    throw InputError({{label, "", fmt::format("type \"{}\": cannot estimate patience: {}", type.id,
                                              e.what())}});
  }
  // Logs keep whole seconds: a caller who hung up "at 0 s" left within the first second. The
  // Weibull and lognormal have no density at 0, so for them such a caller abandoned at half the
  // resolution; Kaplan-Meier and the exponential take the log as it is.
  std::vector<PatienceObservation> positive = type.patience;
  for (PatienceObservation& o : positive)
    if (o.abandoned && o.wait_s <= 0.0) o.wait_s = zero_abandonment_s;
  for (const auto fitter : {&fit_censored_weibull, &fit_censored_lognormal}) {
    try {
      fit.patience.push_back(fitter(positive));
    } catch (const std::exception&) {
      // Too few distinct abandonment times for two parameters, or no convergence: left out.
    }
  }
  fit.patience_refused = refusals(fit.patience);
  if (choices.patience == "kaplan_meier") {
    if (const auto why = refusal(fit.kaplan_meier->scenario)) {
      fit.note = "Kaplan-Meier not written (" + *why + "): the censored fit with the smallest AIC instead";
      fit.patience_chosen = choose(fit.patience, fit.patience_refused, "best", "patience", type.id, label);
    }
  } else {
    fit.patience_chosen = choose(fit.patience, fit.patience_refused, choices.patience, "patience", type.id, label);
  }
  return fit;
}

}  // namespace

CallLogFit fit_call_log(CallLog log, const CallLogGrid& grid, const FitChoices& choices,
                        const std::vector<std::string>& types) {
  CallLogFit fit;
  fit.profile = profile_call_log(log, grid, types, choices.identified_classes);
  fit.choices = choices;
  std::vector<std::string> names;
  for (const TypeProfile& type : fit.profile.types) names.push_back(type.id);
  fit.scenario_ids = scenario_ids(names);
  for (const TypeProfile& type : fit.profile.types)
    fit.types.push_back(fit_type(type, choices, log.label));
  fit.log = std::move(log);
  return fit;
}

std::vector<FittedType> chosen_laws(const CallLogFit& fit) {
  std::vector<FittedType> laws;
  for (std::size_t k = 0; k < fit.types.size(); ++k) {
    const TypeFit& type = fit.types[k];
    FittedType law;
    law.id = fit.scenario_ids[k];
    law.handle_time = type.handle_time[type.handle_time_chosen].scenario;
    if (type.patience_chosen)
      law.patience = type.patience[*type.patience_chosen].scenario;
    else if (type.kaplan_meier)
      law.patience = type.kaplan_meier->scenario;
    laws.push_back(std::move(law));
  }
  return laws;
}

}  // namespace ccsim
