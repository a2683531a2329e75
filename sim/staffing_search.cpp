#include "ccsim/staffing_search.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <vector>

#include <fmt/format.h>

#include "ccsim/diagnostics.h"
#include "ccsim/runner.h"
#include "ccsim/staffing_seed.h"

namespace ccsim {

namespace {

// The verification runs on streams no evaluation of the search used.
constexpr std::uint64_t verification_seed_offset = 0x9e3779b97f4a7c15ULL;

// A plan as agents on duty per group and interval, with the bounds each may move in; the paid
// agents follow from it (staffed_for_on_duty, never below staffing_min).
class Plan {
  // The search moves whole agents on duty; paid agents are whole too, so the plan it evaluates
  // (with_staffing of paid()) may hold a fraction more than this: never less.
  static int whole_on_duty(double staffed, double shrinkage) {
    return static_cast<int>(std::floor(on_duty_after_shrinkage(staffed, shrinkage)));
  }

 public:
  explicit Plan(const Model& model) : model_(&model) {
    const std::size_t intervals = static_cast<std::size_t>(model.horizon.intervals());
    // Nothing is measured in the warm-up: its intervals keep their seed, which fills the centre
    // as the first measured interval expects.
    measured_from_ = static_cast<std::size_t>(std::ceil(model.run.warmup_s / model.horizon.interval_s - 1e-9));
    for (const AgentGroup& group : model.agent_groups) {
      std::vector<int> low(intervals, 0), high(intervals, std::numeric_limits<int>::max());
      for (std::size_t i = 0; i < intervals; ++i) {
        if (i < group.staffing_min.size()) low[i] = whole_on_duty(group.staffing_min[i], group.shrinkage);
        if (i < group.staffing_max.size()) high[i] = whole_on_duty(group.staffing_max[i], group.shrinkage);
      }
      min_.push_back(low);
      max_.push_back(high);
      std::vector<int> on_duty;
      for (const double n : group.on_duty) on_duty.push_back(static_cast<int>(std::floor(n)));
      on_duty_.push_back(on_duty);
    }
  }

  void set_paid(const std::vector<std::vector<double>>& staffed) {
    for (std::size_t g = 0; g < on_duty_.size(); ++g)
      for (std::size_t i = 0; i < on_duty_[g].size(); ++i)
        on_duty_[g][i] = whole_on_duty(staffed[g][i], model_->agent_groups[g].shrinkage);
  }
  bool searchable(std::size_t g) const {
    return staffing_searchable(*model_, static_cast<AgentGroupIndex>(g));
  }
  bool may_add(std::size_t g, std::size_t i) const {
    return searchable(g) && i >= measured_from_ && on_duty_[g][i] < max_[g][i];
  }
  bool may_remove(std::size_t g, std::size_t i) const {
    return searchable(g) && i >= measured_from_ && on_duty_[g][i] > std::max(min_[g][i], 0);
  }
  void add(std::size_t g, std::size_t i, int agents) { on_duty_[g][i] += agents; }

  std::vector<std::vector<double>> paid() const {
    std::vector<std::vector<double>> staffed(on_duty_.size());
    for (std::size_t g = 0; g < on_duty_.size(); ++g) {
      const AgentGroup& group = model_->agent_groups[g];
      staffed[g] = group.staffed;
      if (!searchable(g)) continue;
      for (std::size_t i = 0; i < on_duty_[g].size(); ++i) {
        const double floor = i < group.staffing_min.size() ? group.staffing_min[i] : 0.0;
        double paid = std::max(floor, staffed_for_on_duty(on_duty_[g][i], group.shrinkage));
        // A fractional staffing_max: the whole paid agents for its on-duty count may pass it.
        if (i < group.staffing_max.size()) paid = std::min(paid, std::max(floor, group.staffing_max[i]));
        staffed[g][i] = paid;
      }
    }
    return staffed;
  }

 private:
  const Model* model_;
  std::size_t measured_from_ = 0;
  std::vector<std::vector<int>> on_duty_, min_, max_;
};

struct Evaluation {
  Summary summary;
  std::vector<TargetCheck> targets;
  bool holds = true;
};

class Search {
 public:
  Search(const Model& model, const StaffingSearchOptions& options)
      : model_(model), options_(options), started_(std::chrono::steady_clock::now()) {
    model_.run.detail = Detail::interval;
  }

  StaffingSearchResult run() {
    const std::vector<std::vector<double>> seed = erlang_staffing_seed(model_);
    Plan plan(model_);
    plan.set_paid(seed);

    Evaluation current = evaluate(plan, "correcting the seed");
    while (!current.holds && !at_limit()) {
      if (!add_where_targets_fail(plan, current)) break;
      ++trail_.corrections;
      current = evaluate(plan, "correcting the seed");
    }
    if (current.holds) remove_while_targets_hold(plan);

    const std::vector<std::vector<double>> staffed = plan.paid();
    const RunOptions verify{options_.verify_replications > 0 ? options_.verify_replications : options_.replications,
                            options_.seed + verification_seed_offset, options_.threads, {}};
    const RunResult verified = run_replications(with_staffing(model_, staffed), verify);
    count(verified.totals, verify.replications, "verifying");
    std::vector<TargetCheck> targets = check_targets(model_, verified.summary, options_);
    const bool met = std::all_of(targets.begin(), targets.end(), [](const TargetCheck& t) { return t.holds; });
    trail_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    return {staffed,          seed,           staffing_cost(model_, staffed), staffing_cost(model_, seed),
            verified.summary, verify.replications, verify.seed, std::move(targets), met, trail_};
  }

 private:
  bool at_limit() {
    if (trail_.evaluations < options_.max_evaluations) return false;
    trail_.stopped_at_limit = true;
    return true;
  }

  void count(const RunTotals& totals, int replications, const char* phase) {
    ++trail_.evaluations;
    trail_.replications += static_cast<std::uint64_t>(replications);
    trail_.contacts += totals.arrivals;
    trail_.events += totals.events;
    if (options_.progress) options_.progress(trail_.evaluations, phase);
  }

  Evaluation evaluate(const Plan& plan, const char* phase) {
    const Model planned = with_staffing(model_, plan.paid());
    const RunResult run = run_replications(planned, {options_.replications, options_.seed, options_.threads, {}});
    count(run.totals, options_.replications, phase);
    Evaluation e{run.summary, check_targets(model_, run.summary, options_), true};
    e.holds = std::all_of(e.targets.begin(), e.targets.end(), [](const TargetCheck& t) { return t.holds; });
    return e;
  }

  // The first group in the type's routing order that may take another agent in interval i.
  std::size_t group_to_grow(const Plan& plan, ContactTypeIndex k, std::size_t i) const {
    for (const AgentGroupIndex g : model_.contact_types[k].groups)
      if (plan.may_add(g, i)) return g;
    return model_.group_count();
  }

  // One agent more, in each interval and group where a target fails; a target over the whole
  // horizon gains one in every interval whose own level misses it, or in its worst interval.
  // False when no group may grow where a target fails.
  bool add_where_targets_fail(Plan& plan, const Evaluation& e) {
    const std::size_t intervals = e.summary.layout.intervals;
    std::vector<std::vector<bool>> grow(model_.group_count(), std::vector<bool>(intervals, false));
    bool any = false;
    const auto mark = [&](ContactTypeIndex k, std::size_t i) {
      const std::size_t g = group_to_grow(plan, k, i);
      if (g == model_.group_count()) return;
      any = any || !grow[g][i];
      grow[g][i] = true;
    };
    for (const TargetCheck& t : e.targets) {
      if (t.holds) continue;
      if (t.slot != KpiLayout::whole_horizon) {
        mark(t.type, t.slot - 1);
        continue;
      }
      const ContactType& type = model_.contact_types[t.type];
      const Kpi kpi = target_kpi(type, t.kind);
      // Lower is better for abandonment and ASA: compare them negated.
      const double sign = t.kind == TargetKind::service_level ? 1.0 : -1.0;
      const std::size_t scope = e.summary.layout.type_scope(t.type);
      std::size_t worst = intervals;
      double worst_level = std::numeric_limits<double>::infinity();
      bool marked = false;
      for (std::size_t i = 0; i < intervals; ++i) {
        const double v = e.summary.get(scope, KpiLayout::interval_slot(i), kpi).mean;
        if (std::isnan(v)) continue;
        if (sign * v < sign * t.target) {
          mark(t.type, i);
          marked = true;
        }
        if (sign * v < worst_level) worst_level = sign * v, worst = i;
      }
      if (!marked && worst < intervals) mark(t.type, worst);
    }
    for (std::size_t g = 0; g < grow.size(); ++g)
      for (std::size_t i = 0; i < intervals; ++i)
        if (grow[g][i]) plan.add(g, i, 1);
    return any;
  }

  // Passes over every agent-interval, the most expensive group first, until none can go.
  void remove_while_targets_hold(Plan& plan) {
    std::vector<std::size_t> order(model_.group_count());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return model_.agent_groups[a].cost_per_hour > model_.agent_groups[b].cost_per_hour;
    });
    const std::size_t intervals = static_cast<std::size_t>(model_.horizon.intervals());
    bool removed = true;
    while (removed && !at_limit()) {
      removed = false;
      ++trail_.removal_passes;
      for (const std::size_t g : order)
        for (std::size_t i = 0; i < intervals; ++i) {
          while (plan.may_remove(g, i) && !at_limit()) {
            plan.add(g, i, -1);
            if (evaluate(plan, "removing agents").holds) {
              removed = true;
            } else {
              plan.add(g, i, 1);
              break;
            }
          }
        }
    }
  }

  Model model_;
  StaffingSearchOptions options_;
  StaffingTrail trail_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace

StaffingSearchOptions staffing_options(const Model& model, const StaffingRequest& request) {
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
  return options;
}

StaffingSearchResult search_staffing(const Model& model, const StaffingSearchOptions& options) {
  if (options.scope == TargetScope::day && model.horizon.days > 1)
    throw InputError({{"--scope", "", fmt::format("day is judged over the whole horizon and this "
                                                  "scenario has {} days: use a one-day horizon or "
                                                  "--scope interval", model.horizon.days)}});
  bool any = false;
  for (AgentGroupIndex g = 0; g < model.group_count(); ++g) any = any || staffing_searchable(model, g);
  if (!any)
    throw InputError({{"agent_groups", "",
                       "no group the search may change: each is fixed, gives its agents as shifts, "
                       "or has no cost_per_hour where others have one"}});
  if (!(options.confidence >= 0.0 && options.confidence < 1.0))
    throw InputError({{"--confidence", "", "a share in [0, 1)"}});
  return Search(model, options).run();
}

}  // namespace ccsim
