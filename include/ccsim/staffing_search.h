// The staffing search: the cheapest agents per group and interval such that every contact type's
// service-level target holds, found by simulation with common random numbers.
//
// 1. Seed each group and interval from Erlang C (Erlang A when the types it serves abandon) on the
//    offered load after automation (staffing_seed.h).
// 2. Correct the seeds by simulation: replications of the whole horizon show which targets fail,
//    carry-over between intervals included; each type and interval where a target fails gains an
//    agent in the group that closes most of its shortfall per unit of cost (as in Cezik and
//    L'Ecuyer, 2008): where several groups could serve it, each is weighed by one simulation of
//    the plan with that group one agent stronger wherever it could help; the first group in the
//    type's routing order when only one may grow or none closes any. The plan is simulated again,
//    until every target holds or no group may grow.
// 3. Remove agents: one agent-interval at a time, the most expensive first, a removal is kept when
//    every target still holds on the same replications (common random numbers: the comparison sees
//    the plan's change, not the noise); passes repeat until no single agent-interval can go. A
//    removal already refused on the same plan is not simulated again (it would fail the same way).
// 4. Verify the final plan on fresh replications (another seed) and say for each target whether it
//    holds there.
//
// A target holds in a slot when the mean service level reaches the type's target or, with a
// `confidence` q, when the share of replications meeting it (sl_target_met) is at least q; the
// sla's optional abandon_max and asa_max_s hold when the mean abandonment and ASA stay at or under
// them. An interval no contact reaches (warm-up, a closed hour) has no figures and holds. With a
// day scope a day's targets ask for agents in the intervals of that day whose own level misses.
// Email types are judged on their response target over the whole horizon (each day under a day
// scope over several days). Groups that are `fixed`, or have no
// cost per hour when others have one, keep their staffing; `staffing_min` and `staffing_max` bound
// the others. When no group has a cost per hour, the search minimises agent-hours.
//
// The plan is whole paid agents; shrinkage makes them fractions of agents on duty (roster.h). Steps
// 2 and 3 move one agent on duty at a time (at 30 % shrinkage, 1 or 2 paid), then step 3 goes on
// one paid agent at a time, so that 19 paid (13.3 on duty) is tried between 18 and 20.
//
// Every simulation of the search uses the same seed and replications, and decisions read only the
// folded summaries, so the plan is the same for a seed whatever the number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ccsim/model.h"
#include "ccsim/summary.h"

namespace ccsim {

enum class TargetScope { interval, day };

struct StaffingSearchOptions {
  int replications = 50;            // per evaluation of a plan
  std::uint64_t seed = 1;
  int threads = 0;                  // 0: every core
  int verify_replications = 0;      // 0: as many as `replications`
  TargetScope scope = TargetScope::interval;
  double confidence = 0.0;          // 0: the mean meets the target; else P(target met) >= this
  int max_evaluations = 5000;       // a bound on the work, reported when reached
  // Called after each evaluation with (evaluations so far, the phase's name); on the calling thread.
  std::function<void(int, const char*)> progress;
};

// What a target bounds: the service level (email: response SL) from below, and the sla's optional
// abandon_max and asa_max_s from above.
enum class TargetKind { service_level, abandon_max, asa_max };

// The KPI a target reads: service_level (response_sl for email), abandon_rate or asa_s.
Kpi target_kpi(const ContactType& type, TargetKind kind);

// One target in one slot (an interval, or the day or horizon) of a plan's simulation.
struct TargetCheck {
  ContactTypeIndex type = 0;
  TargetKind kind = TargetKind::service_level;
  // KpiLayout slot: 0 the whole horizon, 1 + i interval i, and with a day scope over several days
  // 1 + intervals + d day d (KpiLayout::day_total_slot).
  std::size_t slot = 0;
  double value = 0.0;    // the KPI's mean; NaN when undefined
  double p_met = 0.0;    // service level: share of replications that met it; NaN otherwise
  double target = 0.0;   // the type's target share, or the most abandonment or ASA allowed
  bool holds = true;
  // How far the deciding figure is on the good side of its threshold, in the KPI's units (for a
  // service level under a confidence: P(target met) - confidence); +infinity when undefined.
  double margin = 0.0;
};

struct StaffingTrail {
  int evaluations = 0;          // plans simulated, verification included
  std::uint64_t replications = 0;
  std::uint64_t contacts = 0;   // simulated, warm-up included
  std::uint64_t events = 0;
  double seconds = 0.0;         // wall time of the whole search
  int corrections = 0;          // rounds of step 2
  int weighings = 0;            // evaluations in step 2 that weighed which group gains most per cost
  int removal_passes = 0;       // passes of step 3
  bool stopped_at_limit = false;  // max_evaluations reached before the search finished
};

struct StaffingSearchResult {
  std::vector<std::vector<double>> staffed;      // [group][global interval], the plan
  std::vector<std::vector<double>> erlang_seed;  // [group][global interval], step 1
  double cost = 0.0;                              // agents' paid hours x cost per hour, all groups
  double seed_cost = 0.0;
  Summary verification;                           // the plan on fresh replications
  int verification_replications = 0;
  std::uint64_t verification_seed = 0;            // another seed than the search's
  std::vector<TargetCheck> targets;               // of the verification, every judged slot
  bool targets_met = false;                       // every target holds in the verification
  StaffingTrail trail;
};

// The model with `staffed` as every group's plan: on-duty from it after each group's shrinkage.
Model with_staffing(const Model& model, const std::vector<std::vector<double>>& staffed);

// Paid agent hours x cost per hour of a plan, over every group; the agent-hours alone when no
// group has a cost per hour.
double staffing_cost(const Model& model, const std::vector<std::vector<double>>& staffed);

// Where a target is judged, for people: "horizon", an interval's label ("09:30", "d2 09:30") or a
// day's ("d2 Tue").
std::string target_slot_label(const Model& model, std::size_t slot);

// The targets of every contact type in every judged slot of `summary` (whose model ran with
// interval detail), judged as the options say.
std::vector<TargetCheck> check_targets(const Model& model, const Summary& summary,
                                       const StaffingSearchOptions& options);

// Throws InputError (exit 2 on the command line) when the model cannot be searched: no group the
// search may change. A day scope over several days judges each day (KpiLayout::day_totals).
StaffingSearchResult search_staffing(const Model& model, const StaffingSearchOptions& options);

// What a user asks of a search, as `ccsim staff` and Python's Scenario.staff() take it: what is
// not given comes from the scenario's `run`.
struct StaffingRequest {
  std::optional<int> replications;
  std::optional<std::uint64_t> seed;
  int threads = 0;
  std::string scope = "interval";  // "interval" or "day"
  double confidence = 0.0;
  std::optional<int> verify_replications;  // default: as replications
  int max_evaluations = 5000;
};

// The options for `model`; throws InputError (naming the option) for a scope that is neither,
// replications outside 2..1,000,000 or max_evaluations below 1.
StaffingSearchOptions staffing_options(const Model& model, const StaffingRequest& request);

}  // namespace ccsim
