#include "sim/reader/issue_flow.h"

#include <algorithm>
#include <array>

#include <fmt/core.h>

#include "ccsim/detail/scenario_keys.h"
#include "sim/reader/reading.h"

namespace ccsim::detail {

void read_resolution(const Cursor& node, ContactType& type) {
  if (!node.object()) return;
  node.allow_only(scenario_keys::resolution);
  if (const auto p = read_share(node.require("p"), probability, 1.0)) type.resolution_p = *p;
}

void read_escalation(const Cursor& node, ContactType& type, FlowReferences& references,
                     DistributionContext& distributions) {
  if (!node.object()) return;
  node.allow_only(scenario_keys::escalation);
  Escalation escalation;
  const Cursor p = node.require("p");
  if (p.present() && p.json().is_array()) {
    bool ok = true;
    if (p.size() == 0 || p.size() > static_cast<std::size_t>(max_tier)) {
      p.fail(fmt::format("must have 1 to {} values (one per tier, from tier 1), got {}", max_tier,
                         p.size()));
      ok = false;
    }
    for (std::size_t k = 0; k < p.size(); ++k) {
      const auto x = read_share(p[k], probability, 0.0);
      if (!x)
        ok = false;
      else if (k < escalation.p_by_tier.size())
        escalation.p_by_tier[k] = *x;
    }
    if (ok) references.escalation = p;
  } else if (p.present() && p.json().is_number()) {
    if (const auto x = read_share(p, probability, 0.0)) {
      references.escalation = p;
      references.escalation_scalar = *x;
    }
  } else if (p.present()) {
    p.expected(
        fmt::format("a number in [0, 1] or an array of 1 to {} of them (one per tier)", max_tier));
  }
  if (const auto mode = node.get("transfer").choice(transfer_modes, "transfer"))
    escalation.transfer = static_cast<TransferMode>(*mode);
  if (node.has("handoff_s"))
    escalation.handoff = read_distribution(node.get("handoff_s"), distributions);
  if (node.has("handle_time"))
    escalation.handle_time = read_distribution(node.get("handle_time"), distributions);
  if (const auto priority =
          node.get("priority")
              .number(NumberRule::at_least(0.0).whole_numbers().limited_to(limits::priority)))
    escalation.priority = static_cast<int>(*priority);
  if (const auto limit = number_or(node.get("warm_limit_s"),
                                   NumberRule::at_least(0.0).limited_to(limits::duration_s),
                                   escalation.warm_limit_s))
    escalation.warm_limit_s = *limit;
  type.escalation = std::move(escalation);
}

void read_misroute(const Cursor& node, ContactType& type, FlowReferences& references,
                   DistributionContext& distributions) {
  if (!node.object()) return;
  node.allow_only(scenario_keys::misroute);
  Misroute misroute;
  if (const auto p = read_share(node.require("p"), probability, 0.0)) misroute.p = *p;
  const Cursor to = node.require("to");
  if (to.present()) {
    if (to.json().is_string())
      references.misroute_to = to;
    else
      to.expected("a contact type id");
  }
  if (node.has("handle_time")) {
    if (auto handle_time = read_distribution(node.get("handle_time"), distributions))
      misroute.handle_time = std::move(*handle_time);
  }
  type.misroute = std::move(misroute);
}

void read_repeat(const Cursor& node, ContactType& type, DistributionContext& distributions) {
  if (!node.object()) return;
  node.allow_only(scenario_keys::repeat);
  Repeat repeat;
  if (const auto p = read_share(node.require("p"), probability, 0.0)) repeat.p = *p;
  if (auto delay = read_distribution(node.require("delay"), distributions))
    repeat.delay = std::move(*delay);
  if (const auto hours = number_or(node.get("window_h"),
                                   NumberRule::above(0.0).limited_to(limits::duration_s / 3600.0),
                                   repeat.window_s / 3600.0))
    repeat.window_s = *hours * 3600.0;
  type.repeat = std::move(repeat);
}

void read_retry(const Cursor& node, ContactType& type, DistributionContext& distributions) {
  if (!node.object()) return;
  node.allow_only(scenario_keys::retry);
  Retry retry;
  if (const auto p = read_share(node.require("p"), probability, 0.0)) retry.p = *p;
  if (auto delay = read_distribution(node.require("delay"), distributions))
    retry.delay = std::move(*delay);
  type.retry = std::move(retry);
}

void read_callback(const Cursor& node, ContactType& type, DistributionContext& distributions) {
  if (!node.object()) return;
  node.allow_only(scenario_keys::callback);
  Callback callback;
  if (const auto wait = node.require("offer_when_wait_s")
                            .number(NumberRule::at_least(0.0).limited_to(limits::duration_s)))
    callback.offer_when_wait_s = *wait;
  if (const auto p = read_share(node.require("accept_p"), probability, callback.accept_p))
    callback.accept_p = *p;
  if (const auto predictor = node.get("predictor").choice(wait_predictors, "predictor"))
    callback.predictor = static_cast<WaitPredictor>(*predictor);
  if (const auto p = read_share(node.get("reach_p"), probability, callback.reach_p))
    callback.reach_p = *p;
  if (node.has("dial_s")) {
    if (auto dial = read_distribution(node.get("dial_s"), distributions))
      callback.dial_time = std::move(*dial);
  }
  type.callback = std::move(callback);
}

void resolve_misroutes(std::vector<ContactType>& types, const std::vector<FlowReferences>& flow,
                       const IdList& type_ids) {
  for (std::size_t i = 0; i < flow.size(); ++i) {
    const auto& to = flow[i].misroute_to;
    if (!to) continue;
    const auto target =
        type_ids.find(*to, to->json().get<std::string>(), "contact type", "contact types");
    if (!target) continue;
    if (*target == i) {
      to->fail(
          fmt::format("must be a contact type other than this one, got {}", show(to->json())));
      continue;
    }
    types[i].misroute->to = static_cast<ContactTypeIndex>(*target);
  }
}

void compile_escalations(std::vector<ContactType>& types, const std::vector<FlowReferences>& flow,
                         const IdList& type_ids, const TierStaff& staff) {
  for (std::size_t t = 0; t < flow.size(); ++t) {
    ContactType& type = types[t];
    const FlowReferences& references = flow[t];
    if (!type.escalation || !references.escalation) continue;
    // serves[k]: a group of tier k has the skill (or an overflow step waits at tier k);
    // staffed[k]: such a group has agents at some interval.
    std::array<bool, max_tier + 1> serves{};
    std::array<bool, max_tier + 1> staffed{};
    for (std::size_t g = 0; g < staff.skills.size(); ++g) {
      const auto& skills = staff.skills[g];
      const bool skilled = std::any_of(skills.begin(), skills.end(),
                                       [t](const Skill& s) { return s.type == t; });
      if (!skilled) continue;
      const int tier = staff.tiers[g];
      serves[tier] = true;
      const bool agents =
          !staff.staffed || std::any_of((*staff.staffed)[g].begin(), (*staff.staffed)[g].end(),
                                        [](double n) { return n > 0.0; });
      if (agents) staffed[tier] = true;
    }
    for (const OverflowStep& step : staff.overflow)
      if (step.type == t) serves[step.tier] = true;
    int lowest = 0;
    int highest = 0;
    for (int k = 1; k <= max_tier; ++k) {
      if (!serves[k]) continue;
      if (lowest == 0) lowest = k;
      highest = k;
    }
    if (highest == 0) continue;  // served by no one: reported as such
    const auto staffed_above = [&](int tier) {
      for (int k = tier + 1; k <= max_tier; ++k)
        if (staffed[k]) return true;
      return false;
    };
    const std::string& id = type_ids.ids[t];
    const auto nowhere_to_go = [&](const Cursor& at, int tier, double p) {
      at.fail(fmt::format("must be 0: no tier above tier {} serves contact type {} with "
                          "agents, got {}",
                          tier, show(Json(id)), number_text(p)));
    };
    auto& p_by_tier = type.escalation->p_by_tier;
    if (references.escalation_scalar) {
      // One probability for every tier below the highest; at a single tier, the one tier.
      const double p = *references.escalation_scalar;
      p_by_tier.fill(0.0);
      for (int k = 1; k < highest; ++k) p_by_tier[static_cast<std::size_t>(k - 1)] = p;
      if (p > 0.0) {
        for (int k = lowest; k <= std::max(lowest, highest - 1); ++k) {
          if (serves[k] && !staffed_above(k)) {
            nowhere_to_go(*references.escalation, k, p);
            break;
          }
        }
      }
    } else {
      const Cursor& list = *references.escalation;
      for (int k = 1; k <= max_tier && static_cast<std::size_t>(k) <= list.size(); ++k) {
        const double p = p_by_tier[static_cast<std::size_t>(k - 1)];
        if (p <= 0.0) continue;
        const Cursor element = list[static_cast<std::size_t>(k - 1)];
        if (!serves[k])
          element.fail(fmt::format("must be 0: no agent group of tier {} serves contact type "
                                   "{}, got {}",
                                   k, show(Json(id)), number_text(p)));
        else if (!staffed_above(k))
          nowhere_to_go(element, k, p);
      }
      // Nowhere to escalate to from the highest tier.
      for (int k = highest; k <= max_tier; ++k) p_by_tier[static_cast<std::size_t>(k - 1)] = 0.0;
    }
  }
}

}  // namespace ccsim::detail
