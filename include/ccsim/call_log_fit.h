// A call log fitted type by type: the profile of its days (call_log_profile.h), every candidate
// handle-time law and the one chosen, Kaplan-Meier and the censored patience laws and the one
// chosen. What `ccsim fit` prints, writes as JSON and turns into a scenario.
//
// Logs keep whole seconds, so some callers abandon "at 0 s": Kaplan-Meier and the exponential take
// them as they are; for the Weibull and lognormal, which have no density at 0, they abandon at
// 0.5 s (half the resolution).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ccsim/call_log.h"
#include "ccsim/call_log_profile.h"
#include "ccsim/fitted_law.h"
#include "ccsim/fitted_scenario.h"
#include "ccsim/patience_fit.h"

namespace ccsim {

struct FitChoices {
  // "best" (the smallest AIC) or a family: exponential, gamma, lognormal, weibull,
  // lognormal+lognormal, exponential+lognormal.
  std::string handle_time = "best";
  // "kaplan_meier" (the estimate itself, with an exponential tail), "best" (the censored fit with
  // the smallest AIC) or exponential, weibull, lognormal.
  std::string patience = "kaplan_meier";
  // With a priority column: a class per type for its identified callers who had to wait
  // (profile_call_log), written with `when_queued`.
  bool identified_classes = true;
};

struct TypeFit {
  std::vector<FittedDistribution> handle_time;  // the candidates
  // Per candidate, why a scenario would refuse it (a CV or mean over its limits), or "".
  std::vector<std::string> handle_time_refused;
  std::size_t handle_time_chosen = 0;
  // With no abandonment patience is unknown (and not needed to reproduce the log): none is written.
  std::optional<KaplanMeierEstimate> kaplan_meier;
  std::vector<FittedDistribution> patience;     // censored candidates
  std::vector<std::string> patience_refused;
  std::optional<std::size_t> patience_chosen;   // empty: Kaplan-Meier is the law written
  std::string note;                              // why something is missing, for the report
};

struct CallLogFit {
  CallLog log;  // the calls fitted (after selection)
  CallLogProfile profile;
  std::vector<std::string> scenario_ids;  // per type: its id in the scenario (a valid id)
  std::vector<TypeFit> types;
  FitChoices choices;
};

// Fits the types named in `types` (all when empty). A candidate a scenario would refuse (a CV
// or mean over its limits) is never chosen, and Kaplan-Meier gives way to the best censored fit
// when refused. Throws InputError when a type cannot be fitted (no served call with a handle time,
// say) or no candidate of the chosen family can be written; the message names the type.
CallLogFit fit_call_log(CallLog log, const CallLogGrid& grid, const FitChoices& choices,
                        const std::vector<std::string>& types = {});

// The laws chosen per type, for fitted_scenario().
std::vector<FittedType> chosen_laws(const CallLogFit& fit);

}  // namespace ccsim
