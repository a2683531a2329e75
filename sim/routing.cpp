#include "ccsim/routing.h"

#include <algorithm>
#include <limits>

#include "ccsim/check.h"
#include "ccsim/distribution.h"
#include "ccsim/model.h"

namespace ccsim {

int RoutingTables::stage_of(std::size_t type, int tier) const {
  const auto& tiers = stage_tiers[type];
  const auto it = std::find(tiers.begin(), tiers.end(), tier);
  return it == tiers.end() ? -1 : static_cast<int>(it - tiers.begin());
}

std::uint16_t RoutingTables::level_of(int priority) const {
  const auto it = std::lower_bound(priorities.begin(), priorities.end(), priority);
  return static_cast<std::uint16_t>(it - priorities.begin());
}

namespace {

int segment_priority(const Model& model, const ContactType& type) {
  return type.segment == no_segment ? 1 : model.segments[type.segment].priority;
}

// Queue priorities in use (segments, escalations), lowest number first; each becomes a level.
void build_levels(const Model& model, RoutingTables& tables) {
  std::vector<int> priorities;
  for (const ContactType& type : model.contact_types) {
    priorities.push_back(segment_priority(model, type));
    if (type.escalation && type.escalation->priority) priorities.push_back(*type.escalation->priority);
  }
  std::sort(priorities.begin(), priorities.end());
  priorities.erase(std::unique(priorities.begin(), priorities.end()), priorities.end());
  tables.priorities = priorities;
  tables.levels = std::max<std::size_t>(1, priorities.size());
  for (const ContactType& type : model.contact_types) {
    tables.front_level.push_back(tables.level_of(segment_priority(model, type)));
    const bool own = !type.escalation || !type.escalation->priority;
    tables.escalated_level.push_back(own ? -1 : tables.level_of(*type.escalation->priority));
  }
}

// A type's stages are the tiers that serve it, directly or by overflow, in increasing order.
void build_stages(const Model& model, RoutingTables& tables) {
  tables.stage_tiers.assign(model.type_count(), {});
  for (const AgentGroup& group : model.agent_groups)
    for (const Skill& skill : group.skills) tables.stage_tiers[skill.type].push_back(group.tier);
  for (const OverflowStep& step : model.overflow) tables.stage_tiers[step.type].push_back(step.tier);
  for (auto& tiers : tables.stage_tiers) {
    std::sort(tiers.begin(), tiers.end());
    tiers.erase(std::unique(tiers.begin(), tiers.end()), tiers.end());
    if (tiers.empty()) tiers.push_back(1);
    CCSIM_CHECK(tiers.size() <= max_stages, "more tiers than the engine's queues hold");
  }
}

// The group's best (lowest) skill priority: its first-priority types are those that have it.
int first_priority(const AgentGroup& group) {
  int best = std::numeric_limits<int>::max();
  for (const Skill& skill : group.skills) best = std::min(best, skill.priority);
  return best;
}

class TableBuilder {
 public:
  explicit TableBuilder(const Model& model) : model_(model) {}

  // Idle agents group g keeps back from a contact of type k its skill ranks at `priority`.
  int min_idle(AgentGroupIndex g, ContactTypeIndex k, int priority) const {
    const AgentGroup& group = model_.agent_groups[g];
    int kept = 0;
    if (model_.contact_types[k].channel == Channel::email) kept = group.voice_reserve;
    if (priority > first_priority(group)) kept = std::max(kept, reserved_agents(model_, g));
    return kept;
  }

  double weight(AgentGroupIndex g, ContactTypeIndex k) const {
    const RoutingRules& rules = model_.routing;
    if (rules.policy != RoutingPolicy::longest_weighted_wait || rules.weights.empty()) return 1.0;
    return rules.weights[k * model_.group_count() + g];
  }

  // The group's skill for type k, or none (an overflow group without the skill works at its own
  // pace and after its own skills).
  const Skill* skill_of(AgentGroupIndex g, ContactTypeIndex k) const {
    for (const Skill& skill : model_.agent_groups[g].skills)
      if (skill.type == k) return &skill;
    return nullptr;
  }

  Server server(AgentGroupIndex g, ContactTypeIndex k) const {
    const Skill* skill = skill_of(g, k);
    const int priority = skill ? skill->priority : std::numeric_limits<int>::max();
    return {g, skill ? skill->aht_factor : 1.0, skill ? skill->resolve_factor : 1.0,
            min_idle(g, k, priority)};
  }

  Source source(AgentGroupIndex g, ContactTypeIndex k, std::uint32_t queue, double min_wait_s) const {
    const Skill* skill = skill_of(g, k);
    const int priority = skill ? skill->priority : std::numeric_limits<int>::max();
    const bool email = model_.contact_types[k].channel == Channel::email;
    return {queue,
            min_wait_s,
            email ? WorkRank::deferred : WorkRank::real_time,
            priority,
            skill ? skill->aht_factor : 1.0,
            skill ? skill->resolve_factor : 1.0,
            min_idle(g, k, priority),
            weight(g, k)};
  }

 private:
  const Model& model_;
};

}  // namespace

int reserved_agents(const Model& model, AgentGroupIndex group) {
  const RoutingRules& rules = model.routing;
  if (rules.policy != RoutingPolicy::reservation || group >= rules.reserve.size()) return 0;
  return rules.reserve[group];
}

RoutingTables compile_routing(const Model& model) {
  RoutingTables tables;
  const std::size_t types = model.type_count();
  tables.types = types;
  tables.groups = model.group_count();
  build_levels(model, tables);
  build_stages(model, tables);
  const TableBuilder builder(model);

  // Overflow steps first: a group that a step names takes that type and stage only through it.
  tables.routes.assign(types * max_stages, {});
  struct OverflowTarget {
    AgentGroupIndex group;
    ContactTypeIndex type;
    std::size_t stage;
    double after_s;
  };
  std::vector<OverflowTarget> overflow_targets;
  std::vector<std::vector<bool>> overflow_only(types * max_stages,
                                               std::vector<bool>(model.group_count(), false));
  for (const OverflowStep& step : model.overflow) {
    const int stage = tables.stage_of(step.type, step.tier);
    CCSIM_CHECK(stage >= 0, "overflow step for a tier that does not serve its type");
    const std::size_t r = step.type * max_stages + static_cast<std::size_t>(stage);
    OverflowRoute route{step.after_s, {}};
    for (const AgentGroupIndex g : step.to) {
      if (overflow_only[r][g]) continue;  // already eligible through an earlier step
      overflow_only[r][g] = true;
      route.servers.push_back(builder.server(g, step.type));
      overflow_targets.push_back({g, step.type, static_cast<std::size_t>(stage), step.after_s});
    }
    tables.routes[r].steps.push_back(std::move(route));
  }
  for (ContactTypeIndex k = 0; k < types; ++k) {
    const ContactType& type = model.contact_types[k];
    for (std::size_t stage = 0; stage < tables.stage_tiers[k].size(); ++stage) {
      Route& route = tables.routes[k * max_stages + stage];
      for (const AgentGroupIndex g : type.groups) {
        if (model.agent_groups[g].tier != tables.stage_tiers[k][stage] ||
            overflow_only[k * max_stages + stage][g])
          continue;
        route.direct.push_back(builder.server(g, k));
      }
      const double factor = route.direct.empty() ? 1.0 : route.direct.front().aht_factor;
      // An agent is free for the next caller only after the wrap-up too.
      route.mean_handle_s = mean(type.handle_time) * factor;
      if (type.wrap_up) route.mean_handle_s += mean(*type.wrap_up);
      route.offers_callback = type.callback.has_value();
    }
  }

  tables.sources.assign(model.group_count(), {});
  for (AgentGroupIndex g = 0; g < model.group_count(); ++g) {
    const AgentGroup& group = model.agent_groups[g];
    for (const Skill& skill : group.skills) {
      const int stage = tables.stage_of(skill.type, group.tier);
      if (overflow_only[skill.type * max_stages + static_cast<std::size_t>(stage)][g]) continue;
      tables.sources[g].push_back(
          builder.source(g, skill.type, tables.queue_of(skill.type, static_cast<std::size_t>(stage)), 0.0));
    }
  }
  for (const OverflowTarget& target : overflow_targets)
    tables.sources[target.group].push_back(builder.source(
        target.group, target.type, tables.queue_of(target.type, target.stage), target.after_s));
  // Real-time before deferred, then skill priority; stable, so equal priorities keep skill order.
  for (auto& sources : tables.sources)
    std::stable_sort(sources.begin(), sources.end(), [](const Source& a, const Source& b) {
      if (a.rank != b.rank) return a.rank < b.rank;
      return a.priority < b.priority;
    });
  return tables;
}

}  // namespace ccsim
