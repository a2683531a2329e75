#include "ccsim/call_log_fit.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/core.h>

#include "ccsim/diagnostics.h"
#include "ccsim/handle_time_fit.h"

namespace ccsim {

namespace {

constexpr double zero_abandonment_s = 0.5;

std::size_t index_of(const std::vector<FittedDistribution>& fits, const std::string& family,
                     const std::string& what, const std::string& type, const std::string& label) {
  if (family == "best") {
    const FittedDistribution& best = best_by_aic(fits);
    return static_cast<std::size_t>(&best - fits.data());
  }
  for (std::size_t i = 0; i < fits.size(); ++i)
    if (fits[i].family == family) return i;
  std::string families;
  for (const auto& fit : fits) families += (families.empty() ? "" : ", ") + fit.family;
  throw InputError({{label, "", fmt::format("type \"{}\": no {} fit of the family \"{}\" (fitted: {})",
                                            type, what, family, families)}});
}

TypeFit fit_type(const TypeProfile& type, const FitChoices& choices, const std::string& label) {
  TypeFit fit;
  try {
    fit.handle_time = fit_handle_times(type.handle_s);
  } catch (const std::invalid_argument& e) {
    throw InputError({{label, "", fmt::format("type \"{}\": cannot fit handle times: {} (leave the "
                                              "type out with --types)", type.id, e.what())}});
  }
  fit.handle_time_chosen = index_of(fit.handle_time, choices.handle_time, "handle-time", type.id, label);

  if (type.abandoned == 0) {
    fit.note = "nobody abandoned: no patience is written (callers wait as long as it takes)";
    return fit;
  }
  try {
    fit.kaplan_meier = kaplan_meier(type.patience);
    fit.patience.push_back(fit_censored_exponential(type.patience));
  } catch (const std::invalid_argument& e) {
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
    } catch (const std::invalid_argument&) {
      // Too few distinct abandonment times for two parameters: the family is left out.
    }
  }
  if (choices.patience != "kaplan_meier")
    fit.patience_chosen = index_of(fit.patience, choices.patience, "patience", type.id, label);
  return fit;
}

}  // namespace

CallLogFit fit_call_log(CallLog log, const CallLogGrid& grid, const FitChoices& choices) {
  CallLogFit fit;
  fit.profile = profile_call_log(log, grid);
  fit.choices = choices;
  for (const TypeProfile& type : fit.profile.types)
    fit.types.push_back(fit_type(type, choices, log.label));
  fit.log = std::move(log);
  return fit;
}

std::vector<FittedType> chosen_laws(const CallLogFit& fit) {
  std::vector<FittedType> laws;
  for (const TypeFit& type : fit.types) {
    FittedType law;
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
