#include "sim/reader/routing_rules.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include <fmt/core.h>

#include "ccsim/detail/scenario_keys.h"
#include "sim/reader/reading.h"

namespace ccsim::detail {

namespace {

// The steps in the order written, nothing where a step was wrong; nothing at all when the list
// itself was.
using OverflowSteps = std::vector<std::optional<OverflowStep>>;

// (type, tier, after_s) -> where that step was first written.
using StepPlaces = std::map<std::tuple<ContactTypeIndex, int, double>, std::string>;

std::optional<OverflowStep> read_overflow_step(const Cursor& node, StepPlaces& seen,
                                               const std::optional<ContactTypesRead>& types,
                                               const std::optional<AgentGroupsRead>& groups) {
  if (!node.object()) return std::nullopt;
  node.allow_only(scenario_keys::overflow_step);
  bool ok = true;
  OverflowStep step;
  std::optional<ContactTypeIndex> type;
  const Cursor type_node = node.require("type");
  if (type_node.present() && !type_node.json().is_string())
    type_node.expected("a contact type id");
  else if (type_node.present())
    type = find_type(type_node, type_node.json().get<std::string>(), type_ids_of(types));
  ok = ok && type.has_value();

  const Cursor tier_node = node.get("tier");
  const auto tier = tier_node.number(NumberRule::at_least(1.0)
                                         .up_to(static_cast<double>(max_tier))
                                         .whole_numbers()
                                         .described_as("a tier 1, 2 or 3"));
  if (tier_node.present() && !tier) ok = false;

  const auto after =
      node.require("after_s").number(NumberRule::at_least(0.0).limited_to(limits::duration_s));
  ok = ok && after.has_value();

  const Cursor to = node.require("to");
  if (to.present() && to.json().is_string()) {
    if (const auto group = find_group(to, to.json().get<std::string>(), groups))
      step.to.push_back(*group);
    else
      ok = false;
  } else if (to.present() && to.json().is_array() && to.size() > 0) {
    std::map<AgentGroupIndex, std::string> listed;
    for (std::size_t k = 0; k < to.size(); ++k) {
      const Cursor element = to[k];
      if (!element.json().is_string()) {
        element.expected("an agent group id");
        ok = false;
        continue;
      }
      const auto group = find_group(element, element.json().get<std::string>(), groups);
      if (!group) {
        ok = false;
        continue;
      }
      const auto [it, inserted] = listed.emplace(*group, element.where().to_string());
      if (!inserted) {
        element.fail(fmt::format("duplicate agent group {}, first listed at {}",
                                 show(element.json()), it->second));
        ok = false;
        continue;
      }
      step.to.push_back(*group);
    }
  } else if (to.present()) {
    to.expected("an agent group id or a non-empty array of them");
    ok = false;
  } else {
    ok = false;
  }
  // The step's tier is checked against the groups' skills and tiers, so both must be known.
  if (!ok || !groups || !groups->tiers || !groups->skills) return std::nullopt;

  // The tiers at which a group has the type's skill.
  std::set<int> tiers;
  for (std::size_t g = 0; g < groups->skills->size(); ++g)
    for (const Skill& skill : (*groups->skills)[g])
      if (skill.type == *type) tiers.insert((*groups->tiers)[g]);
  const std::string& type_id = types->ids->ids[*type];
  if (tier) {
    step.tier = static_cast<int>(*tier);
    if (!tiers.contains(step.tier)) {
      std::vector<std::string> served_at;
      for (int k : tiers) served_at.push_back(std::to_string(k));
      tier_node.fail(fmt::format(
          "must be a tier at which an agent group serves contact type {} (tiers: {}), got {}",
          show(Json(type_id)), served_at.empty() ? "none" : id_list(served_at),
          show(tier_node.json())));
      return std::nullopt;
    }
  } else {
    // The front door of the type; a type that only overflow steps serve waits at tier 1.
    step.tier = tiers.empty() ? 1 : *tiers.begin();
  }
  step.type = *type;
  step.after_s = *after;
  const auto [it, inserted] =
      seen.emplace(std::make_tuple(step.type, step.tier, step.after_s), node.where().to_string());
  if (!inserted) {
    node.fail(fmt::format("duplicate step for contact type {} at tier {} after {} s, first at {}",
                          show(Json(type_id)), step.tier, number_text(step.after_s),
                          it->second));
    return std::nullopt;
  }
  return step;
}

// link_routing() sorts the steps per type and tier in increasing after_s.
std::optional<OverflowSteps> read_overflow(const Cursor& node,
                                           const std::optional<ContactTypesRead>& types,
                                           const std::optional<AgentGroupsRead>& groups) {
  if (!node.present()) return OverflowSteps{};
  if (!node.array()) return std::nullopt;
  if (node.size() > limits::overflow_steps) {
    node.fail(fmt::format("must list at most {} steps, got {}", limits::overflow_steps,
                          node.size()));
    return std::nullopt;
  }
  StepPlaces seen;
  OverflowSteps steps;
  for (std::size_t i = 0; i < node.size(); ++i)
    steps.push_back(read_overflow_step(node[i], seen, types, groups));
  return steps;
}

// Known only when every skill list and every overflow step read: otherwise a group might serve a
// type through what could not be read.
std::optional<Coverage> cover(const std::optional<ContactTypesRead>& types,
                              const std::optional<AgentGroupsRead>& groups,
                              const std::optional<OverflowSteps>& overflow) {
  if (!groups || !groups->skills || !overflow) return std::nullopt;
  if (std::any_of(overflow->begin(), overflow->end(),
                  [](const std::optional<OverflowStep>& step) { return !step; }))
    return std::nullopt;
  const std::size_t type_count = types ? types->types.size() : 0;
  Coverage coverage;
  coverage.takes.assign(groups->skills->size(), std::vector<bool>(type_count, false));
  for (std::size_t g = 0; g < groups->skills->size(); ++g)
    for (const Skill& skill : (*groups->skills)[g]) coverage.takes[g][skill.type] = true;
  for (const auto& step : *overflow)
    for (AgentGroupIndex g : step->to) coverage.takes[g][step->type] = true;
  return coverage;
}

// {type id: weight for every group, or {group id: weight}}, expanded to
// weights[type * group_count + group]; what is not written weighs 1.
std::vector<double> read_weights(const Cursor& node, const std::optional<ContactTypesRead>& types,
                                 const std::optional<AgentGroupsRead>& groups,
                                 const std::optional<Coverage>& coverage) {
  const std::size_t type_count = types ? types->types.size() : 0;
  const std::size_t group_count = groups ? groups->groups.size() : 0;
  std::vector<double> weights(type_count * group_count, 1.0);
  if (!node.present()) return weights;
  if (!node.json().is_object()) {
    node.expected("an object of weights by contact type id");
    return weights;
  }
  const NumberRule rule = NumberRule::above(0.0).limited_to(limits::routing_weight);
  for (auto it = node.json().begin(); it != node.json().end(); ++it) {
    const Cursor by_type = node.get(it.key());
    const auto type = find_type(by_type, it.key(), type_ids_of(types));
    if (by_type.json().is_number()) {
      const auto weight = by_type.number(rule);
      if (!type || !weight) continue;
      for (std::size_t g = 0; g < group_count; ++g) weights[*type * group_count + g] = *weight;
      continue;
    }
    if (!by_type.json().is_object()) {
      by_type.expected(
          "a weight > 0 for every agent group or an object of weights by agent group id");
      continue;
    }
    for (auto g = by_type.json().begin(); g != by_type.json().end(); ++g) {
      const Cursor by_group = by_type.get(g.key());
      const auto group = find_group(by_group, g.key(), groups);
      const auto weight = by_group.number(rule);
      if (!type || !group || !weight) continue;
      // Without full coverage, nothing is refused on a guess.
      if (coverage && !coverage->serves(*group, *type)) {
        by_group.fail(fmt::format(
            "agent group {} does not serve contact type {} (by a skill or an overflow step)",
            show(Json(groups->ids->ids[*group])), show(Json(types->ids->ids[*type]))));
        continue;
      }
      weights[*type * group_count + *group] = *weight;
    }
  }
  return weights;
}

// {group id: agents kept idle}, expanded to one value per group; groups not named keep none.
std::vector<int> read_reserve(const Cursor& node, const std::optional<AgentGroupsRead>& groups) {
  std::vector<int> reserve(groups ? groups->groups.size() : 0, 0);
  if (!node.present()) return reserve;
  if (!node.json().is_object()) {
    node.expected("an object of agents kept in reserve by agent group id");
    return reserve;
  }
  const NumberRule rule = NumberRule::at_least(0.0).whole_numbers().limited_to(limits::staffing);
  for (auto it = node.json().begin(); it != node.json().end(); ++it) {
    const Cursor by_group = node.get(it.key());
    const auto group = find_group(by_group, it.key(), groups);
    const auto agents = by_group.number(rule);
    if (group && agents) reserve[*group] = static_cast<int>(*agents);
  }
  return reserve;
}

// The policy (priority when absent). Weights belong to longest_weighted_wait and a reserve to
// reservation; each is refused under another policy, and read for its ids and values when the
// policy itself is unreadable (it might have been meant for either).
void read_policy(const Cursor& node, RoutingRules& rules,
                 const std::optional<ContactTypesRead>& types,
                 const std::optional<AgentGroupsRead>& groups,
                 const std::optional<Coverage>& coverage) {
  const Cursor policy_node = node.get("policy");
  const std::optional<std::size_t> policy =
      policy_node.present() ? policy_node.choice(routing_policies, "routing policy")
                            : std::optional<std::size_t>(0);
  if (policy) rules.policy = static_cast<RoutingPolicy>(*policy);
  const auto refused = [&](const Cursor& at, RoutingPolicy needed, const char* what) {
    if (!at.present() || !policy || rules.policy == needed) return false;
    at.fail(fmt::format(R"(does not apply to routing policy "{}" ({} "policy": "{}"))",
                        routing_policies[*policy], what,
                        routing_policies[static_cast<std::size_t>(needed)]));
    return true;
  };
  // The model gets the table its policy uses, in full, and no other.
  const Cursor weights = node.get("weights");
  if (!refused(weights, RoutingPolicy::longest_weighted_wait, "weights need")) {
    auto read = read_weights(weights, types, groups, coverage);
    if (policy && rules.policy == RoutingPolicy::longest_weighted_wait)
      rules.weights = std::move(read);
  }
  const Cursor reserve = node.get("reserve");
  if (!refused(reserve, RoutingPolicy::reservation, "a reserve needs")) {
    auto read = read_reserve(reserve, groups);
    if (policy && rules.policy == RoutingPolicy::reservation) rules.reserve = std::move(read);
  }
}

}  // namespace

RoutingRead read_routing(const Cursor& node, const std::optional<ContactTypesRead>& types,
                         const std::optional<AgentGroupsRead>& groups) {
  RoutingRead read;
  std::optional<OverflowSteps> overflow;
  if (!node.present()) {
    overflow = OverflowSteps{};
  } else if (node.object()) {
    node.allow_only(scenario_keys::routing);
    overflow = read_overflow(node.get("overflow"), types, groups);
  }
  if (overflow)
    for (auto& step : *overflow)
      if (step) read.overflow.push_back(*step);
  read.coverage = cover(types, groups, overflow);
  // After the overflow steps: a weight names a group that serves a type, by skill or overflow.
  if (node.present() && node.json().is_object())
    read_policy(node, read.rules, types, groups, read.coverage);
  return read;
}

}  // namespace ccsim::detail
