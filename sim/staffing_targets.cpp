// What a plan is judged on: each contact type's target in each judged slot, the plan's cost, and
// the model a plan gives.
#include <cmath>
#include <limits>
#include <vector>

#include "ccsim/staffing_search.h"
#include "ccsim/staffing_seed.h"

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

namespace {

TargetCheck judge(const ContactType& type, ContactTypeIndex k, std::size_t slot, const Summary& summary,
                  const StaffingSearchOptions& options) {
  const bool email = type.channel == Channel::email;
  const std::size_t scope = summary.layout.type_scope(k);
  TargetCheck check;
  check.type = k;
  check.slot = slot;
  check.service_level = summary.get(scope, slot, email ? Kpi::response_sl : Kpi::service_level).mean;
  check.p_met = summary.get(scope, slot, Kpi::sl_target_met).mean;
  check.target = email ? (type.response ? type.response->target : 0.0) : type.sla.target;
  const double figure = options.confidence > 0.0 ? check.p_met : check.service_level;
  const double threshold = options.confidence > 0.0 ? options.confidence : check.target;
  if (std::isnan(figure)) {
    check.margin = std::numeric_limits<double>::infinity();
    check.holds = true;
  } else {
    check.margin = figure - threshold;
    check.holds = figure >= threshold;
  }
  return check;
}

}  // namespace

std::vector<TargetCheck> check_targets(const Model& model, const Summary& summary,
                                       const StaffingSearchOptions& options) {
  std::vector<TargetCheck> checks;
  for (ContactTypeIndex k = 0; k < model.type_count(); ++k) {
    const ContactType& type = model.contact_types[k];
    if (type.channel == Channel::email && !type.response) continue;
    if (type.channel == Channel::email || options.scope == TargetScope::day) {
      checks.push_back(judge(type, k, KpiLayout::whole_horizon, summary, options));
      continue;
    }
    for (std::size_t i = 0; i < summary.layout.intervals; ++i)
      checks.push_back(judge(type, k, KpiLayout::interval_slot(i), summary, options));
  }
  return checks;
}

}  // namespace ccsim
