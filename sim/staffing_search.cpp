#include "ccsim/staffing_search.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>


#include "ccsim/diagnostics.h"
#include "ccsim/runner.h"
#include "ccsim/staffing_seed.h"

namespace ccsim {

namespace {

// The verification runs on streams no evaluation of the search used.
constexpr std::uint64_t verification_seed_offset = 0x9e3779b97f4a7c15ULL;

// How far one move goes: one agent on duty (the paid agents that make one more or one fewer whole
// agent after shrinkage: at 30 %, 1 or 2 paid) or one paid agent (a fraction of one on duty).
enum class Step { on_duty_agent, paid_agent };

// A plan as paid agents per group and interval, within each group's bounds: what the search moves
// and what it pays. Whole agents, but for a fractional bound the plan reaches (staffing_max 12.5
// keeps 12.5, never 13). Shrinkage turns them into agents on duty, fractions included (4 paid at
// 30 % shrinkage are 2.8 on duty: two agents and a third for the last 80 % of the interval).
class Plan {
 public:
  explicit Plan(const Model& model) : model_(&model) {
    const std::size_t intervals = static_cast<std::size_t>(model.horizon.intervals());
    // Nothing is measured in the warm-up: its intervals keep their seed, which fills the centre
    // as the first measured interval expects.
    measured_from_ = static_cast<std::size_t>(std::ceil(model.run.warmup_s / model.horizon.interval_s - 1e-9));
    for (const AgentGroup& group : model.agent_groups) {
      std::vector<double> low(intervals, 0.0), high(intervals, std::numeric_limits<double>::infinity());
      for (std::size_t i = 0; i < intervals; ++i) {
        if (i < group.staffing_min.size()) low[i] = std::max(0.0, group.staffing_min[i]);
        if (i < group.staffing_max.size()) high[i] = std::max(low[i], group.staffing_max[i]);
      }
      min_.push_back(low);
      max_.push_back(high);
      paid_.emplace_back(intervals, 0.0);
    }
  }

  void set_paid(const std::vector<std::vector<double>>& staffed) {
    for (std::size_t g = 0; g < paid_.size(); ++g)
      for (std::size_t i = 0; i < paid_[g].size(); ++i)
        paid_[g][i] = std::clamp(std::ceil(staffed[g][i] - 1e-9), min_[g][i], max_[g][i]);
  }
  bool searchable(std::size_t g) const {
    return staffing_searchable(*model_, static_cast<AgentGroupIndex>(g));
  }
  bool may_add(std::size_t g, std::size_t i) const {
    return searchable(g) && i >= measured_from_ && paid_[g][i] < max_[g][i];
  }
  bool may_remove(std::size_t g, std::size_t i) const {
    return searchable(g) && i >= measured_from_ && paid_[g][i] > min_[g][i];
  }
  // Moves by one step up (+1) or down (-1) to whole agents, within the bounds; returns the paid
  // agents before. Every step changes the plan: the callers check may_add or may_remove first.
  double move(std::size_t g, std::size_t i, int direction, Step step) {
    const double before = paid_[g][i];
    double after = 0.0;
    if (step == Step::on_duty_agent) {
      const double shrinkage = model_->agent_groups[g].shrinkage;
      const int whole = static_cast<int>(std::floor(on_duty_after_shrinkage(before, shrinkage)));
      // Down: the fewest paid for one whole agent fewer; up: for one more than the whole agents now.
      after = staffed_for_on_duty(std::max(0, whole + direction), shrinkage);
    } else {
      // From a fractional bound, one paid agent is the whole number next to it.
      after = direction > 0 ? std::floor(before + 1e-9) + 1.0 : std::ceil(before - 1e-9) - 1.0;
    }
    paid_[g][i] = std::clamp(after, min_[g][i], max_[g][i]);
    return before;
  }
  double paid(std::size_t g, std::size_t i) const { return paid_[g][i]; }
  void restore(std::size_t g, std::size_t i, double paid) { paid_[g][i] = paid; }

  std::vector<std::vector<double>> paid() const {
    std::vector<std::vector<double>> staffed(paid_.size());
    for (std::size_t g = 0; g < paid_.size(); ++g) {
      staffed[g] = model_->agent_groups[g].staffed;
      if (searchable(g)) staffed[g] = paid_[g];
    }
    return staffed;
  }

 private:
  const Model* model_;
  std::size_t measured_from_ = 0;
  std::vector<std::vector<double>> paid_, min_, max_;
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
    // A day scope over several days judges each day: its slots follow the intervals'.
    model_.run.day_totals = options_.scope == TargetScope::day && model_.horizon.days > 1;
    failures_.assign(model_.group_count(), std::vector<Failure>(static_cast<std::size_t>(model_.horizon.intervals())));
  }

  StaffingSearchResult run() {
    const std::vector<std::vector<double>> seed = erlang_staffing_seed(model_);
    Plan plan(model_);
    plan.set_paid(seed);

    Evaluation current = evaluate(plan, "correcting the seed");
    while (!current.holds && !at_limit()) {
      if (!add_where_targets_fail(plan, current)) break;
      ++trail_.corrections;
      if (at_limit()) break;
      current = evaluate(plan, "correcting the seed");
    }
    // Down in whole agents on duty first, then paid agent by paid agent, so that every paid count
    // is tried. Single paid agents from the start stopped in local minima 0.3-1.1 % dearer on
    // retail-day at +40 % (three seeds); the coarse pass alone, 0.1-0.4 % dearer than both.
    if (current.holds) {
      remove_while_targets_hold(plan, Step::on_duty_agent);
      remove_while_targets_hold(plan, Step::paid_agent);
    }

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

  // How far target n of evaluation x falls short in interval i, relative to its threshold
  // (negative: on the good side; NaN: no figure there). An interval target reads its own check, a
  // target over a day or the whole horizon the interval's own level.
  double gap(const Evaluation& x, std::size_t n, std::size_t i) const {
    const TargetCheck& t = x.targets[n];
    const KpiLayout& layout = x.summary.layout;
    if (t.slot > layout.intervals) {
      const std::size_t day = t.slot - 1 - layout.intervals;
      if (i / layout.intervals_per_day != day) return std::nan("");
    } else if (t.slot != KpiLayout::whole_horizon) {
      if (t.slot != KpiLayout::interval_slot(i) || std::isinf(t.margin)) return std::nan("");
      const bool on_confidence = t.kind == TargetKind::service_level && options_.confidence > 0.0;
      return -t.margin / relative_to(on_confidence ? options_.confidence : t.target);
    }
    const ContactType& type = model_.contact_types[t.type];
    const std::size_t scope = x.summary.layout.type_scope(t.type);
    if (t.kind == TargetKind::service_level && options_.confidence > 0.0) {
      // Judged on P(target met): the interval's own share of replications that meet it.
      const double p_met = x.summary.get(scope, KpiLayout::interval_slot(i), Kpi::sl_target_met).mean;
      return (options_.confidence - p_met) / options_.confidence;
    }
    const double v = x.summary.get(scope, KpiLayout::interval_slot(i), target_kpi(type, t.kind)).mean;
    // Lower is better for abandonment and ASA.
    const double short_by = t.kind == TargetKind::service_level ? t.target - v : v - t.target;
    return short_by / relative_to(t.target);
  }
  static double relative_to(double threshold) { return threshold > 0.0 ? threshold : 1.0; }
  double shortfall(const Evaluation& x, std::size_t n, std::size_t i) const {
    const double g = gap(x, n, i);
    return std::isnan(g) ? 0.0 : std::max(0.0, g);
  }

  // Where the failing targets ask for agents: per interval, the failing targets (indices into
  // e.targets) it should help. An interval target asks in its own interval; a target over the whole
  // horizon in every interval whose own level misses it, or else in its worst interval.
  std::vector<std::vector<std::size_t>> failing_by_interval(const Evaluation& e) const {
    const std::size_t intervals = e.summary.layout.intervals;
    std::vector<std::vector<std::size_t>> wanted(intervals);
    for (std::size_t n = 0; n < e.targets.size(); ++n) {
      const TargetCheck& t = e.targets[n];
      if (t.holds) continue;
      if (t.slot != KpiLayout::whole_horizon && t.slot <= intervals) {
        wanted[t.slot - 1].push_back(n);
        continue;
      }
      std::size_t worst = intervals;
      double worst_gap = -std::numeric_limits<double>::infinity();
      bool marked = false;
      for (std::size_t i = 0; i < intervals; ++i) {
        const double g = gap(e, n, i);
        if (std::isnan(g)) continue;
        if (g > 0.0) {
          wanted[i].push_back(n);
          marked = true;
        }
        if (g > worst_gap) worst_gap = g, worst = i;
      }
      if (!marked && worst < intervals) wanted[worst].push_back(n);
    }
    return wanted;
  }

  // One group's agent for one failing type in one interval: the choice step 2 makes.
  struct Need {
    std::size_t interval;
    ContactTypeIndex type;
    std::vector<std::size_t> targets;  // the type's failing targets there, indices into e.targets
    std::vector<std::size_t> groups;   // that may take an agent there, in the type's routing order
    std::vector<double> gain;          // per group: shortfall closed per unit of cost, when weighed
  };

  std::vector<Need> needs_of(const Plan& plan, const Evaluation& e) const {
    const std::vector<std::vector<std::size_t>> wanted = failing_by_interval(e);
    std::vector<Need> needs;
    for (std::size_t i = 0; i < wanted.size(); ++i)
      for (const std::size_t n : wanted[i]) {
        const ContactTypeIndex k = e.targets[n].type;
        auto same = std::find_if(needs.begin(), needs.end(),
                                 [&](const Need& need) { return need.interval == i && need.type == k; });
        if (same != needs.end()) {
          same->targets.push_back(n);
          continue;
        }
        Need need{i, k, {n}, {}, {}};
        for (const AgentGroupIndex g : model_.contact_types[k].groups)
          if (plan.may_add(g, i)) need.groups.push_back(g);
        need.gain.assign(need.groups.size(), 0.0);
        if (!need.groups.empty()) needs.push_back(std::move(need));
      }
    return needs;
  }

  // Weighs each group that could serve a need with others: one simulation of the plan with that
  // group one agent stronger wherever it could help, read interval by interval (the intervals are
  // judged together, so carry-over from a neighbour's extra agent counts a little too), as the
  // shortfall it closes per unit of the step's cost (as in Cezik and L'Ecuyer, 2008).
  void weigh(const Plan& plan, const Evaluation& e, std::vector<Need>& needs) {
    const bool agent_hours = !has_agent_cost(model_);
    // Weighed all or not at all (then the routing order decides): a choice among the groups the
    // evaluation limit happened to leave room for would be no rule. One evaluation is kept for
    // the plan the choice gives.
    int candidates = 0;
    for (std::size_t g = 0; g < model_.group_count(); ++g)
      candidates += std::any_of(needs.begin(), needs.end(), [&](const Need& need) {
        return need.groups.size() > 1 && std::find(need.groups.begin(), need.groups.end(), g) != need.groups.end();
      });
    if (candidates == 0 || trail_.evaluations + candidates + 1 > options_.max_evaluations) return;
    for (std::size_t g = 0; g < model_.group_count(); ++g) {
      Plan stronger = plan;
      std::vector<double> step(model_.horizon.intervals(), 0.0);
      for (const Need& need : needs) {
        if (need.groups.size() < 2 || step[need.interval] > 0.0) continue;
        if (std::find(need.groups.begin(), need.groups.end(), g) == need.groups.end()) continue;
        const double before = stronger.move(g, need.interval, +1, Step::on_duty_agent);
        step[need.interval] = stronger.paid(g, need.interval) - before;
      }
      if (std::all_of(step.begin(), step.end(), [](double s) { return s == 0.0; })) continue;
      const Evaluation trial = evaluate(stronger, "weighing additions");
      ++trail_.weighings;
      const double per_hour = agent_hours ? 1.0 : model_.agent_groups[g].cost_per_hour;
      for (Need& need : needs) {
        const auto at = std::find(need.groups.begin(), need.groups.end(), g);
        if (at == need.groups.end() || step[need.interval] == 0.0) continue;
        double closed = 0.0;
        for (const std::size_t n : need.targets)
          closed += shortfall(e, n, need.interval) - shortfall(trial, n, need.interval);
        need.gain[static_cast<std::size_t>(at - need.groups.begin())] =
            closed / (step[need.interval] * std::max(per_hour, 1e-9));
      }
    }
  }

  // One agent more for each type and interval where a target fails, in the group that closes most
  // of the shortfall per unit of cost; the first in the type's routing order when only one may grow
  // or none closes any. False when no group may grow where a target fails.
  bool add_where_targets_fail(Plan& plan, const Evaluation& e) {
    std::vector<Need> needs = needs_of(plan, e);
    if (needs.empty()) return false;
    weigh(plan, e, needs);
    std::vector<std::vector<bool>> grow(model_.group_count(), std::vector<bool>(e.summary.layout.intervals, false));
    for (const Need& need : needs) {
      // Away from the routing order's first only for a gain: noise under common random numbers
      // can make an agent's gain slightly negative.
      std::size_t best = 0;
      for (std::size_t c = 1; c < need.groups.size(); ++c)
        if (need.gain[c] > std::max(need.gain[best], 0.0) + 1e-12) best = c;
      grow[need.groups[best]][need.interval] = true;
    }
    for (std::size_t g = 0; g < grow.size(); ++g)
      for (std::size_t i = 0; i < grow[g].size(); ++i)
        if (grow[g][i]) plan.move(g, i, +1, Step::on_duty_agent);
    return true;
  }

  // Passes over every agent-interval, the most expensive group first, until no step can go.
  void remove_while_targets_hold(Plan& plan, Step step) {
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
            const double before = plan.move(g, i, -1, step);
            Failure& failed = failures_[g][i];
            // The same plan on the same random numbers fails the same way: the paid pass need not
            // repeat what the last on-duty pass tried (a step of one paid agent either way).
            if (failed.plan == plans_kept_ && failed.paid == plan.paid(g, i)) {
              plan.restore(g, i, before);
              break;
            }
            if (evaluate(plan, "removing agents").holds) {
              removed = true;
              ++plans_kept_;
            } else {
              failed = {plans_kept_, plan.paid(g, i)};
              plan.restore(g, i, before);
              break;
            }
          }
        }
    }
  }

  // A removal that broke a target: the plan it was tried on (counted by the removals kept before
  // it) and the paid agents it left.
  struct Failure {
    std::uint64_t plan = std::numeric_limits<std::uint64_t>::max();
    double paid = 0.0;
  };

  Model model_;
  StaffingSearchOptions options_;
  StaffingTrail trail_;
  std::uint64_t plans_kept_ = 0;
  std::vector<std::vector<Failure>> failures_;
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
