#include "ccsim/offered_load.h"

#include <algorithm>

namespace ccsim {

namespace {

const Skill* skill_of(const AgentGroup& group, ContactTypeIndex type) {
  for (const Skill& skill : group.skills)
    if (skill.type == type) return &skill;
  return nullptr;
}

// The type's first group in routing order at `tier`, or null.
const AgentGroup* first_group(const Model& model, ContactTypeIndex type, int tier) {
  for (AgentGroupIndex g : model.contact_types[type].groups)
    if (model.agent_groups[g].tier == tier) return &model.agent_groups[g];
  return nullptr;
}

}  // namespace

std::array<TierShare, max_tier + 1> tier_shares(const Model& model, ContactTypeIndex t) {
  const ContactType& type = model.contact_types[t];
  std::array<TierShare, max_tier + 1> shares{};
  double reaching = 1.0;
  bool first = true;
  for (int tier = 1; tier <= max_tier; ++tier) {
    const AgentGroup* group = first_group(model, t, tier);
    if (!group) continue;
    const Skill* skill = skill_of(*group, t);
    const double factor = skill ? skill->aht_factor : 1.0;
    shares[tier].share = reaching;
    shares[tier].handle_s = !first && type.escalation && type.escalation->handle_time
                                ? mean(*type.escalation->handle_time)
                                : mean(type.handle_time) * factor;
    if (type.wrap_up) shares[tier].handle_s += mean(*type.wrap_up);
    if (!type.escalation) break;
    const double resolved =
        std::min(1.0, type.resolution_p * (skill ? skill->resolve_factor : 1.0));
    reaching *= (1.0 - resolved) * type.escalation->p_by_tier[static_cast<std::size_t>(tier - 1)];
    first = false;
  }
  if (type.groups.empty())
    shares[1] = {1.0, mean(type.handle_time) + (type.wrap_up ? mean(*type.wrap_up) : 0.0)};
  return shares;
}

std::vector<int> tiers_in_use(const Model& model) {
  std::vector<int> tiers;
  for (int tier = 1; tier <= max_tier; ++tier)
    if (std::any_of(model.agent_groups.begin(), model.agent_groups.end(),
                    [tier](const AgentGroup& g) { return g.tier == tier; }))
      tiers.push_back(tier);
  return tiers;
}

double agent_load_factor(const Model& model, ContactTypeIndex t) {
  const ContactType& type = model.contact_types[t];
  // What a bot's handoff and agent assist stretch or shorten is the conversation, not the
  // wrap-up after it: their change of the handle time is scaled by talk's share of it.
  const double talk_s = mean(type.handle_time);
  const double wrap_s = type.wrap_up ? mean(*type.wrap_up) : 0.0;
  const auto on_talk = [&](double change) {
    return wrap_s > 0.0 && talk_s + wrap_s > 0.0 ? change * talk_s / (talk_s + wrap_s) : change;
  };
  double factor = 1.0;
  if (type.deflection) factor *= 1.0 - type.deflection->share * (1.0 - type.deflection->leak_p);
  for (const Bot& bot : model.bots) {
    if (std::find(bot.types.begin(), bot.types.end(), t) == bot.types.end()) continue;
    double handled = bot.residual_aht_factor * (bot.handoff_context ? bot.handoff_aht_factor : 1.0);
    // Without context the customer repeats to the agent what the bot heard: time on top of the
    // handle time, here as a multiplier of the type's mean.
    if (!bot.handoff_context && bot.handoff_extra_handle)
      handled += mean(*bot.handoff_extra_handle) / mean(type.handle_time);
    const double handed = 1.0 - bot.containment_p - bot.abandon_p;
    if (wrap_s > 0.0) handled = 1.0 + on_talk(handled - 1.0);
    factor *= (1.0 - bot.entry_share) + bot.entry_share * handed * handled;
  }
  if (!type.groups.empty()) {
    const AgentGroup& first = model.agent_groups[type.groups.front()];
    if (first.assist) factor *= 1.0 - on_talk(first.assist->adoption * (1.0 - first.assist->aht_factor));
  }
  return factor;
}

bool automation_changes_load(const Model& model) {
  return !model.bots.empty() ||
         std::any_of(model.contact_types.begin(), model.contact_types.end(),
                     [](const ContactType& t) { return t.deflection.has_value(); }) ||
         std::any_of(model.agent_groups.begin(), model.agent_groups.end(),
                     [](const AgentGroup& g) { return g.assist.has_value() || g.chat_concurrency > 1; });
}

double OfferedLoad::Type::erlangs(std::size_t interval) const {
  double total = 0.0;
  for (const auto& tier : erlangs_by_tier) total += tier[interval];
  return total;
}

OfferedLoad offered_load(const Model& model) {
  OfferedLoad load;
  load.interval_s = model.horizon.interval_s;
  load.intervals = static_cast<std::size_t>(model.horizon.intervals());
  load.tiers = tiers_in_use(model);
  const std::size_t count = load.intervals;
  const std::size_t tiers = load.tiers.size();
  load.tier_erlangs.assign(tiers, std::vector<double>(count, 0.0));
  load.tier_sessions_on_duty.assign(tiers, std::vector<double>(count, 0.0));
  // Each tier's load is summed over the types in type order, so that it comes out the same to the
  // last bit wherever it is worked out.
  for (ContactTypeIndex t = 0; t < model.type_count(); ++t) {
    const ContactType& type = model.contact_types[t];
    OfferedLoad::Type& out = load.types.emplace_back();
    out.contacts.resize(count);
    for (std::size_t i = 0; i < count; ++i) out.contacts[i] = type.rate_per_s[i] * load.interval_s;
    out.agent_load_factor = agent_load_factor(model, t);
    out.tier_shares = tier_shares(model, t);
    out.erlangs_by_tier.assign(tiers, std::vector<double>(count, 0.0));
    for (std::size_t k = 0; k < tiers; ++k) {
      const TierShare& share = out.tier_shares[static_cast<std::size_t>(load.tiers[k])];
      if (share.share <= 0.0) continue;
      for (std::size_t i = 0; i < count; ++i) {
        out.erlangs_by_tier[k][i] =
            type.rate_per_s[i] * share.share * share.handle_s * out.agent_load_factor;
        load.tier_erlangs[k][i] += out.erlangs_by_tier[k][i];
      }
    }
  }
  for (const AgentGroup& group : model.agent_groups) {
    const auto k = static_cast<std::size_t>(
        std::find(load.tiers.begin(), load.tiers.end(), group.tier) - load.tiers.begin());
    for (std::size_t i = 0; i < count; ++i)
      load.tier_sessions_on_duty[k][i] += group.on_duty[i] * std::max(1, group.chat_concurrency);
  }
  return load;
}

}  // namespace ccsim
