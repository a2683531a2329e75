#include "sim/reader/automation.h"

#include <map>
#include <set>
#include <string>

#include <fmt/core.h>

#include "ccsim/detail/scenario_keys.h"
#include "sim/reader/reading.h"

namespace ccsim::detail {

namespace {

// Agent assist's handle-time factor (below 1: faster): the range that makes sense, not a guard of
// scenario_limits.h.
constexpr double max_assist_aht_factor = 10;

void read_handoff(const Cursor& node, Bot& bot, DistributionContext& distributions) {
  if (!node.object()) return;
  node.allow_only(scenario_keys::handoff);
  if (const auto context = node.get("context").boolean()) bot.handoff_context = *context;
  if (const auto f = number_or(node.get("aht_factor"),
                               NumberRule::above(0.0).limited_to(limits::aht_factor), 1.0))
    bot.handoff_aht_factor = *f;
  if (node.has("extra_handle"))
    bot.handoff_extra_handle = read_distribution(node.get("extra_handle"), distributions);
}

// `places`: bot id -> where; `fronted`: contact type -> where a bot lists it.
std::optional<Bot> read_bot(const Cursor& node, IdPlaces& places,
                            std::map<ContactTypeIndex, std::string>& fronted,
                            const std::optional<IdList>& type_ids,
                            DistributionContext& distributions) {
  if (!node.object()) return std::nullopt;
  node.allow_only(scenario_keys::bot);
  Bot bot;
  const Cursor id_node = node.require("id");
  if (const auto id = read_id(id_node)) {
    bot.id = *id;
    first_use(places, *id, id_node);
  }
  const Cursor types = node.require("types");
  if (types.present() && (!types.json().is_array() || types.size() == 0)) {
    types.expected("a non-empty array of contact type ids");
  } else if (types.present()) {
    std::set<ContactTypeIndex> listed;
    for (std::size_t k = 0; k < types.size(); ++k) {
      const Cursor element = types[k];
      if (!element.json().is_string()) {
        element.expected("a contact type id");
        continue;
      }
      const auto type = find_type(element, element.json().get<std::string>(), type_ids);
      if (!type) continue;
      const auto [it, inserted] = fronted.emplace(*type, element.where().to_string());
      if (!inserted && listed.contains(*type)) {
        element.fail(fmt::format("duplicate contact type {}, first listed at {}",
                                 show(element.json()), it->second));
        continue;
      }
      if (!inserted) {
        element.fail(
            fmt::format("contact type {} already has a bot, at {} (a type has at most one bot)",
                        show(element.json()), it->second));
        continue;
      }
      listed.insert(*type);
      bot.types.push_back(*type);
    }
  }
  const auto entry = read_share(node.get("entry_share"), probability, bot.entry_share);
  if (entry) bot.entry_share = *entry;
  const auto contained = read_share(node.require("containment_p"), probability, 0.0);
  if (contained) bot.containment_p = *contained;
  const auto abandoned = read_share(node.get("abandon_p"), probability, bot.abandon_p);
  if (abandoned) bot.abandon_p = *abandoned;
  if (contained && abandoned && *contained + *abandoned > 1.0)
    node.fail(fmt::format("must have containment_p + abandon_p at most 1, got {} + {} = {}",
                          number_text(*contained), number_text(*abandoned),
                          number_text(*contained + *abandoned)));
  if (auto duration = read_distribution(node.require("duration"), distributions))
    bot.duration = std::move(*duration);
  const Cursor capacity_node = node.get("capacity");
  if (const auto capacity = capacity_node.number(
          NumberRule::at_least(0.0).whole_numbers().limited_to(limits::bot_capacity))) {
    bot.capacity = static_cast<int>(*capacity);
    if (*capacity == 0 && entry && *entry > 0)
      capacity_node.fail(
          "must be at least 1 while entry_share is above 0 (a bot with no capacity takes no "
          "sessions), got 0");
  }
  if (const auto cost =
          number_or(node.get("cost_per_session"),
                    NumberRule::at_least(0.0).limited_to(limits::cost_per_contact), 0.0))
    bot.cost_per_session = *cost;
  read_handoff(node.get("handoff"), bot, distributions);
  if (const auto f = number_or(node.get("residual_aht_factor"),
                               NumberRule::above(0.0).limited_to(limits::aht_factor), 1.0))
    bot.residual_aht_factor = *f;
  return bot;
}

}  // namespace

std::vector<Bot> read_automation(const Cursor& node, const std::optional<IdList>& type_ids,
                                 DistributionContext& distributions) {
  std::vector<Bot> bots;
  if (!node.object()) return bots;
  node.allow_only(scenario_keys::automation);
  const Cursor list = node.get("bots");
  if (!list.array()) return bots;
  if (list.size() > limits::bots) {
    list.fail(fmt::format("must list at most {} bots, got {}", limits::bots, list.size()));
    return bots;
  }
  IdPlaces places;
  std::map<ContactTypeIndex, std::string> fronted;
  for (std::size_t i = 0; i < list.size(); ++i)
    if (auto bot = read_bot(list[i], places, fronted, type_ids, distributions))
      bots.push_back(std::move(*bot));
  return bots;
}

void read_deflection(const Cursor& node, ContactType& type, DistributionContext& distributions) {
  if (!node.object()) return;
  node.allow_only(scenario_keys::deflection);
  Deflection deflection;
  if (const auto share = read_share(node.require("share"), probability, 0.0))
    deflection.share = *share;
  if (const auto p = read_share(node.get("leak_p"), probability, deflection.leak_p))
    deflection.leak_p = *p;
  if (node.has("leak_delay")) {
    if (auto delay = read_distribution(node.get("leak_delay"), distributions))
      deflection.leak_delay = std::move(*delay);
  }
  type.deflection = std::move(deflection);
}

void read_assist(const Cursor& node, AgentGroup& group) {
  if (!node.object()) return;
  node.allow_only(scenario_keys::assist);
  AgentGroup::Assist assist;
  if (const auto f =
          node.require("aht_factor").number(NumberRule::above(0.0).up_to(max_assist_aht_factor)))
    assist.aht_factor = *f;
  if (const auto adoption = read_share(node.get("adoption"), probability, assist.adoption))
    assist.adoption = *adoption;
  if (const auto cost =
          number_or(node.get("cost_per_agent_hour"),
                    NumberRule::at_least(0.0).limited_to(limits::cost_per_hour), 0.0))
    assist.cost_per_agent_hour = *cost;
  group.assist = assist;
}

}  // namespace ccsim::detail
