// What a plan is judged on: each contact type's target in each judged slot, the plan's cost, and
// the model a plan gives.
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "ccsim/staffing_search.h"
#include "ccsim/staffing_seed.h"
#include "sim/writer_text.h"

namespace ccsim {

Model with_staffing(const Model& model, const std::vector<std::vector<double>>& staffed) {
  Model planned = model;
  for (std::size_t g = 0; g < planned.group_count(); ++g) {
    if (!staffing_searchable(model, static_cast<AgentGroupIndex>(g))) continue;
    AgentGroup& group = planned.agent_groups[g];
    group.staffed = staffed[g];
    for (std::size_t i = 0; i < group.staffed.size(); ++i)
      group.on_duty[i] = on_duty_after_shrinkage(group.staffed[i], group.shrinkage);
  }
  compile_on_duty(planned);  // a fraction of an agent is a roster change (roster.h)
  return planned;
}

double staffing_cost(const Model& model, const std::vector<std::vector<double>>& staffed) {
  const double hours = model.horizon.interval_s / 3600.0;
  const bool agent_hours = !has_agent_cost(model);
  double cost = 0.0;
  for (std::size_t g = 0; g < model.group_count(); ++g) {
    const double per_hour = agent_hours ? 1.0 : model.agent_groups[g].cost_per_hour;
    for (const double agents : staffed[g]) cost += agents * hours * per_hour;
  }
  return cost;
}

std::string target_slot_label(const Model& model, std::size_t slot) {
  if (slot == KpiLayout::whole_horizon) return "horizon";
  const auto intervals = static_cast<std::size_t>(model.horizon.intervals());
  if (slot <= intervals) return model.horizon.interval_label(static_cast<IntervalIndex>(slot - 1));
  const std::size_t day = slot - 1 - intervals;
  return fmt::format("d{} {}", day + 1, weekday_of(model.horizon, day));
}

Kpi target_kpi(const ContactType& type, TargetKind kind) {
  switch (kind) {
    case TargetKind::service_level:
      return type.channel == Channel::email ? Kpi::response_sl : Kpi::service_level;
    case TargetKind::abandon_max: return Kpi::abandon_rate;
    case TargetKind::asa_max: return Kpi::asa_s;
  }
  return Kpi::service_level;
}

namespace {

TargetCheck judge(const ContactType& type, ContactTypeIndex k, TargetKind kind, double target,
                  std::size_t slot, const Summary& summary, const StaffingSearchOptions& options) {
  const std::size_t scope = summary.layout.type_scope(k);
  TargetCheck check;
  check.type = k;
  check.kind = kind;
  check.slot = slot;
  check.value = summary.get(scope, slot, target_kpi(type, kind)).mean;
  check.p_met = kind == TargetKind::service_level ? summary.get(scope, slot, Kpi::sl_target_met).mean
                                                  : std::numeric_limits<double>::quiet_NaN();
  check.target = target;
  const bool on_confidence = kind == TargetKind::service_level && options.confidence > 0.0;
  const double figure = on_confidence ? check.p_met : check.value;
  if (std::isnan(figure)) {
    check.margin = std::numeric_limits<double>::infinity();
  } else if (kind == TargetKind::service_level) {
    check.margin = figure - (on_confidence ? options.confidence : target);
  } else {
    check.margin = target - figure;
  }
  check.holds = check.margin >= 0.0;
  return check;
}

}  // namespace

std::vector<TargetCheck> check_targets(const Model& model, const Summary& summary,
                                       const StaffingSearchOptions& options) {
  if (options.scope == TargetScope::day && summary.layout.days > 1 && !summary.layout.day_totals)
    throw std::logic_error("check_targets: a day scope over several days needs a summary with day totals "
                           "(RunSettings::day_totals)");
  std::vector<TargetCheck> checks;
  for (ContactTypeIndex k = 0; k < model.type_count(); ++k) {
    const ContactType& type = model.contact_types[k];
    const bool email = type.channel == Channel::email;
    std::vector<std::pair<TargetKind, double>> targets;
    if (email && type.response) targets.emplace_back(TargetKind::service_level, type.response->target);
    if (!email) {
      targets.emplace_back(TargetKind::service_level, type.sla.target);
      if (type.sla.abandon_max) targets.emplace_back(TargetKind::abandon_max, *type.sla.abandon_max);
      if (type.sla.asa_max_s) targets.emplace_back(TargetKind::asa_max, *type.sla.asa_max_s);
    }
    for (const auto& [kind, target] : targets) {
      if (summary.layout.day_totals && (email || options.scope == TargetScope::day)) {
        for (std::size_t d = 0; d < summary.layout.days; ++d)
          checks.push_back(judge(type, k, kind, target, summary.layout.day_total_slot(d), summary, options));
        continue;
      }
      if (email || options.scope == TargetScope::day) {
        checks.push_back(judge(type, k, kind, target, KpiLayout::whole_horizon, summary, options));
        continue;
      }
      for (std::size_t i = 0; i < summary.layout.intervals; ++i)
        checks.push_back(judge(type, k, kind, target, KpiLayout::interval_slot(i), summary, options));
    }
  }
  return checks;
}

}  // namespace ccsim
