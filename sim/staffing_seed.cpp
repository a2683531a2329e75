#include "ccsim/staffing_seed.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

#include "ccsim/erlang.h"
#include "ccsim/offered_load.h"

namespace ccsim {

namespace {

// What reaches one group in one interval, voice and chat apart from email.
struct GroupLoad {
  double erlangs = 0.0;        // answered work
  double rate_per_s = 0.0;
  double answer_within_s = 0.0;
  double target = 0.0;
  double patience_rate_sum = 0.0;  // sum of rate x mean patience
  bool all_abandon = true;
  double email_erlangs = 0.0;
};

// The group that takes type k's load at `tier`: the first in routing order a search may change,
// else the first at all; none (group_count) when no group serves the type there.
AgentGroupIndex first_group(const Model& model, const ContactType& type, int tier) {
  AgentGroupIndex fallback = static_cast<AgentGroupIndex>(model.group_count());
  for (const AgentGroupIndex g : type.groups) {
    if (model.agent_groups[g].tier != tier) continue;
    if (staffing_searchable(model, g)) return g;
    if (fallback == model.group_count()) fallback = g;
  }
  return fallback;
}

// The fewest agents on duty for the load, by Erlang A or C; 0 for no load.
int erlang_agents(const GroupLoad& load) {
  if (!(load.erlangs > 0.0)) return 0;
  ErlangInput in;
  in.rate_per_s = load.rate_per_s;
  in.aht_s = load.erlangs / load.rate_per_s;
  in.answer_within_s = load.answer_within_s;
  try {
    if (load.all_abandon && load.patience_rate_sum > 0.0) {
      in.patience_s = load.patience_rate_sum / load.rate_per_s;
      return erlang_a_agents_for(in, load.target).agents;
    }
    return erlang_c_agents_for(in, load.target).agents;
  } catch (const std::invalid_argument&) {
    // A target the formula cannot reach (e.g. a share above what abandonment leaves): start
    // from the load itself; the simulation corrects it.
    return static_cast<int>(std::ceil(load.erlangs));
  }
}

double bound_at(const std::vector<double>& bound, std::size_t i, double otherwise) {
  return i < bound.size() ? bound[i] : otherwise;
}

}  // namespace

bool has_agent_cost(const Model& model) {
  return std::any_of(model.agent_groups.begin(), model.agent_groups.end(),
                     [](const AgentGroup& group) { return group.cost_per_hour > 0.0; });
}

bool staffing_searchable(const Model& model, AgentGroupIndex g) {
  const AgentGroup& group = model.agent_groups[g];
  return !group.fixed && group.shifts.empty() && (group.cost_per_hour > 0.0 || !has_agent_cost(model));
}

double staffed_for_on_duty(int on_duty, double shrinkage) {
  if (on_duty <= 0) return 0.0;
  double staffed = std::ceil((on_duty - 0.5) / (1.0 - shrinkage));
  while (staffed > 0.0 && on_duty_after_shrinkage(staffed - 1.0, shrinkage) >= on_duty) staffed -= 1.0;
  while (on_duty_after_shrinkage(staffed, shrinkage) < on_duty) staffed += 1.0;
  return staffed;
}

std::vector<std::vector<double>> erlang_staffing_seed(const Model& model) {
  const OfferedLoad load = offered_load(model);
  const std::size_t groups = model.group_count();
  std::vector<std::vector<double>> seed(groups);
  for (std::size_t g = 0; g < groups; ++g) seed[g] = model.agent_groups[g].staffed;

  for (std::size_t i = 0; i < load.intervals; ++i) {
    std::vector<GroupLoad> reaching(groups);
    for (ContactTypeIndex k = 0; k < model.type_count(); ++k) {
      const ContactType& type = model.contact_types[k];
      const OfferedLoad::Type& offered = load.types[k];
      for (std::size_t column = 0; column < load.tiers.size(); ++column) {
        const double erlangs = offered.erlangs_by_tier[column][i];
        if (!(erlangs > 0.0)) continue;
        const AgentGroupIndex g = first_group(model, type, load.tiers[column]);
        if (g == groups) continue;
        GroupLoad& to = reaching[g];
        if (type.channel == Channel::email) {
          to.email_erlangs += erlangs;
          continue;
        }
        const double handle_s = offered.tier_shares[static_cast<std::size_t>(load.tiers[column])].handle_s;
        const double rate = handle_s > 0.0 ? erlangs / handle_s : 0.0;
        const bool first = to.erlangs == 0.0;
        to.erlangs += erlangs;
        to.rate_per_s += rate;
        to.answer_within_s = first ? type.sla.answer_within_s : std::min(to.answer_within_s, type.sla.answer_within_s);
        to.target = std::max(to.target, type.sla.target);
        if (type.patience) to.patience_rate_sum += rate * mean(*type.patience);
        else to.all_abandon = false;
      }
    }
    for (std::size_t g = 0; g < groups; ++g) {
      const AgentGroup& group = model.agent_groups[g];
      if (!staffing_searchable(model, static_cast<AgentGroupIndex>(g))) continue;
      const int sessions = erlang_agents(reaching[g]) + static_cast<int>(std::ceil(reaching[g].email_erlangs));
      const int concurrency = std::max(1, group.chat_concurrency);
      const int agents = (sessions + concurrency - 1) / concurrency;
      const double staffed = staffed_for_on_duty(agents, group.shrinkage);
      seed[g][i] = std::clamp(staffed, bound_at(group.staffing_min, i, 0.0),
                              std::max(bound_at(group.staffing_min, i, 0.0),
                                       bound_at(group.staffing_max, i, staffed)));
    }
  }
  return seed;
}

}  // namespace ccsim
