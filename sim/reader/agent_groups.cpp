#include "sim/reader/agent_groups.h"

#include <algorithm>
#include <array>
#include <map>

#include <fmt/core.h>

#include "ccsim/detail/scenario_keys.h"
#include "ccsim/roster.h"
#include "sim/reader/automation.h"
#include "sim/reader/reading.h"
#include "sim/reader/shift_roster.h"

namespace ccsim::detail {

namespace {

// Chats one agent holds at once: the range that makes sense, not a guard of scenario_limits.h.
constexpr double max_chat_concurrency = 20;

// Skills as a list of contact type ids (priority 1, handle time and resolution as the type's) or
// as an object {type id: {"priority": p, "aht_factor": f, "resolve_factor": r}}. Nothing when the
// list could not be read as one, so that what the group serves is unknown; an unknown or
// repeated id is reported and left out.
std::optional<std::vector<Skill>> read_skills(const Cursor& node,
                                              const std::optional<IdList>& type_ids) {
  if (!node.present()) return std::nullopt;
  const Json& value = node.json();
  if (!value.is_array() && !value.is_object()) {
    node.expected("an array of contact type ids or an object of skills");
    return std::nullopt;
  }
  std::vector<Skill> skills;
  if (value.empty()) {
    node.fail(fmt::format("must name at least one contact type, got {}", show(value)));
    return skills;
  }
  if (value.is_array()) {
    bool complete = true;
    std::map<std::string, std::string> seen;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const Cursor element = node[i];
      if (!element.json().is_string()) {
        element.expected("a contact type id");
        complete = false;
        continue;
      }
      const auto& id = element.json().get_ref<const std::string&>();
      const auto [it, inserted] = seen.emplace(id, element.where().to_string());
      if (!inserted) {
        element.fail(
            fmt::format("duplicate skill {}, first listed at {}", show(Json(id)), it->second));
        continue;
      }
      if (const auto type = find_type(element, id, type_ids))
        skills.push_back({*type, 1, 1.0, 1.0});
    }
    if (!complete) return std::nullopt;
    return skills;
  }
  for (auto it = value.begin(); it != value.end(); ++it) {
    const Cursor skill = node.get(it.key());
    int priority = 1;
    double aht_factor = 1.0;
    double resolve_factor = 1.0;
    if (skill.object()) {
      skill.allow_only(scenario_keys::skill);
      const auto p =
          skill.get("priority")
              .number(NumberRule::at_least(1.0).whole_numbers().limited_to(limits::priority));
      const auto f =
          skill.get("aht_factor").number(NumberRule::above(0.0).limited_to(limits::aht_factor));
      const auto r = skill.get("resolve_factor")
                         .number(NumberRule::at_least(0.0).limited_to(limits::resolve_factor));
      if (p) priority = static_cast<int>(*p);
      if (f) aht_factor = *f;
      if (r) resolve_factor = *r;
    }
    if (const auto type = find_type(skill, it.key(), type_ids))
      skills.push_back({*type, priority, aht_factor, resolve_factor});
  }
  // A JSON object has no order of its own: equal priorities go in the order of contact_types.
  std::stable_sort(skills.begin(), skills.end(),
                   [](const Skill& a, const Skill& b) { return a.type < b.type; });
  return skills;
}

// What a staffing search may do with the group: agents at least and at most, per interval, in
// the forms of "staffing"; and whether it is fixed. Stored for the search, checked only against
// each other.
void read_staffing_bounds(const Cursor& node, const NumberRule& agents, const Intervals& intervals,
                          AgentGroup& group) {
  const Cursor low_node = node.get("staffing_min");
  const Cursor high_node = node.get("staffing_max");
  const auto low = read_series(low_node, agents, intervals);
  const auto high = read_series(high_node, agents, intervals);
  if (low) group.staffing_min = *low;
  if (high) group.staffing_max = *high;
  if (const auto fixed = node.get("fixed").boolean()) group.fixed = *fixed;
  if (!low || !high || !intervals.expand_over) return;
  for (std::size_t i = 0; i < low->size(); ++i) {
    if ((*high)[i] >= (*low)[i]) continue;
    const Horizon& h = *intervals.expand_over;
    const auto at = static_cast<IntervalIndex>(i);
    const std::string when =
        h.days > 1 ? fmt::format("day {} {}", i / static_cast<std::size_t>(h.intervals_per_day) + 1,
                                 h.start_label(at))
                   : h.start_label(at);
    high_node.fail(fmt::format("must be at least staffing_min in every interval, got {} below {} "
                               "in interval {} ({})",
                               number_text((*high)[i]), number_text((*low)[i]), i, when));
    return;
  }
}

// One group into `group`; the parts the cross checks rely on are returned, nothing where wrong.
struct GroupParts {
  std::optional<std::vector<Skill>> skills;
  std::optional<int> tier;
  std::optional<std::vector<double>> staffed;
};

GroupParts read_agent_group(const Cursor& node, AgentGroup& group, IdPlaces& places,
                            const std::optional<IdList>& type_ids, const Intervals& intervals,
                            double& steps_so_far) {
  if (!node.object()) return {};
  node.allow_only(scenario_keys::agent_group);
  GroupParts parts;
  const Cursor id_node = node.require("id");
  if (const auto id = read_id(id_node)) {
    group.id = *id;
    first_use(places, *id, id_node);
  }
  const auto tier = number_or(node.get("tier"),
                              NumberRule::at_least(1.0)
                                  .up_to(static_cast<double>(max_tier))
                                  .whole_numbers()
                                  .described_as("a tier 1, 2 or 3"),
                              1.0);
  if (tier) {
    group.tier = static_cast<int>(*tier);
    parts.tier = group.tier;
  }
  parts.skills = read_skills(node.require("skills"), type_ids);
  if (parts.skills) group.skills = *parts.skills;
  const NumberRule agents = NumberRule::at_least(0.0).limited_to(limits::staffing);
  // Agents per interval, or a roster of shifts that gives them: one or the other.
  const Cursor staffing_node = node.get("staffing");
  const Cursor shifts_node = node.get("shifts");
  if (staffing_node.present() == shifts_node.present())
    node.fail(fmt::format(R"(needs one of "staffing" or "shifts", got {})",
                          staffing_node.present() ? "both" : "none"));
  const auto staffed = read_series(staffing_node, agents, intervals);
  const auto shifts = read_shifts(shifts_node);
  read_staffing_bounds(node, agents, intervals, group);
  const auto shrinkage =
      read_share(node.get("shrinkage"), NumberRule::at_least(0.0).below(1.0), 0.0);
  if (const auto cost =
          number_or(node.get("cost_per_hour"),
                    NumberRule::at_least(0.0).limited_to(limits::cost_per_hour), 0.0))
    group.cost_per_hour = *cost;
  if (const auto cost =
          number_or(node.get("cost_per_contact"),
                    NumberRule::at_least(0.0).limited_to(limits::cost_per_contact), 0.0))
    group.cost_per_contact = *cost;
  if (const auto cost =
          number_or(node.get("cost_per_minute"),
                    NumberRule::at_least(0.0).limited_to(limits::cost_per_minute), 0.0))
    group.cost_per_minute = *cost;
  read_assist(node.get("assist"), group);
  if (const auto n =
          number_or(node.get("chat_concurrency"),
                    NumberRule::at_least(1.0).up_to(max_chat_concurrency).whole_numbers(), 1.0))
    group.chat_concurrency = static_cast<int>(*n);
  if (const auto slowdown = number_or(
          node.get("concurrency_slowdown"),
          NumberRule::at_least(0.0).limited_to(limits::concurrency_slowdown), 0.0))
    group.concurrency_slowdown = *slowdown;
  if (const auto reserve =
          number_or(node.get("voice_reserve"),
                    NumberRule::at_least(0.0).whole_numbers().limited_to(limits::staffing), 0.0))
    group.voice_reserve = static_cast<int>(*reserve);
  read_shift_templates(node.get("shift_templates"), group);
  const Cursor part_time = node.get("part_time_max_share");
  if (part_time.present())
    if (const auto share = read_share(part_time, NumberRule::at_least(0.0).up_to(1.0), 0.0))
      group.part_time_max_share = *share;
  if (staffing_node.present() == shifts_node.present()) return parts;
  if (shifts && shrinkage && intervals.expand_over) {
    // The roster is laid out on the horizon once read; a roster too large for that is refused.
    steps_so_far += roster_steps(*shifts, intervals.expand_over->days);
    if (steps_so_far > limits::roster_steps) {
      shifts_node.fail(fmt::format(
          "makes, with the groups before it, {} starts and ends of shifts and breaks over the "
          "horizon, more than the limit of {}",
          number_text(steps_so_far), number_text(limits::roster_steps)));
      return parts;
    }
    group.shifts = *shifts;
    group.shrinkage = *shrinkage;
    staff_from_shifts(*intervals.expand_over, group);
    parts.staffed = group.staffed;
    return parts;
  }
  // Without both, whether the group has agents is unknown: later checks must not assume none.
  if (!staffed || !shrinkage) return parts;
  group.staffed = *staffed;
  group.shrinkage = *shrinkage;
  group.on_duty.reserve(staffed->size());
  for (double n : *staffed) group.on_duty.push_back(on_duty_after_shrinkage(n, *shrinkage));
  parts.staffed = group.staffed;
  return parts;
}

}  // namespace

std::optional<AgentGroupsRead> read_agent_groups(const Cursor& node,
                                                 const std::optional<IdList>& type_ids,
                                                 const Intervals& intervals) {
  if (!node.array()) return std::nullopt;
  if (node.size() == 0) {
    node.fail("must list at least one agent group, got []");
    return std::nullopt;
  }
  if (node.size() > limits::agent_groups) {
    node.fail(fmt::format("must list at most {} agent groups, got {}", limits::agent_groups,
                          node.size()));
    return std::nullopt;
  }
  AgentGroupsRead read;
  read.skills.emplace();
  read.tiers.emplace();
  read.staffed.emplace();
  IdPlaces places;
  std::vector<std::string> ids;
  double steps_so_far = 0.0;  // of the rosters of the groups read so far
  for (std::size_t i = 0; i < node.size(); ++i) {
    AgentGroup group;
    GroupParts parts =
        read_agent_group(node[i], group, places, type_ids, intervals, steps_so_far);
    // One part wrong in one group makes that part unknown for the whole list.
    if (!parts.skills) read.skills.reset();
    if (read.skills) read.skills->push_back(std::move(*parts.skills));
    if (!parts.tier) read.tiers.reset();
    if (read.tiers) read.tiers->push_back(*parts.tier);
    if (!parts.staffed) read.staffed.reset();
    if (read.staffed) read.staffed->push_back(std::move(*parts.staffed));
    ids.push_back(group.id);
    read.groups.push_back(std::move(group));
  }
  read.ids = IdList::of(std::move(ids));
  return read;
}

std::optional<AgentGroupIndex> find_group(const Cursor& node, const std::string& id,
                                          const std::optional<AgentGroupsRead>& groups) {
  if (!groups || !groups->ids) return std::nullopt;
  const auto index = groups->ids->find(node, id, "agent group", "agent groups");
  if (!index) return std::nullopt;
  return static_cast<AgentGroupIndex>(*index);
}

bool Coverage::served(ContactTypeIndex t) const {
  return std::any_of(takes.begin(), takes.end(),
                     [t](const std::vector<bool>& types) { return types[t]; });
}

void check_chat_concurrency(const Cursor& groups_node, const std::vector<AgentGroup>& groups,
                            const ContactTypesRead& types, const IdList& type_ids,
                            const Coverage& coverage) {
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const AgentGroup& group = groups[g];
    if (group.chat_concurrency <= 1) continue;
    std::array<bool, channel_count> channels_served{};
    std::optional<ContactTypeIndex> other;  // the first type that is not chat
    bool unknown = false;
    for (ContactTypeIndex t = 0; t < types.types.size(); ++t) {
      if (!coverage.serves(static_cast<AgentGroupIndex>(g), t)) continue;
      if (!types.channels[t]) unknown = true;
      const Channel channel = types.types[t].channel;
      channels_served[static_cast<std::size_t>(channel)] = true;
      if (channel != Channel::chat && !other) other = t;
    }
    if (unknown || !other) continue;
    const Cursor at = groups_node[g].get("chat_concurrency");
    const std::size_t voice = static_cast<std::size_t>(Channel::voice);
    const std::size_t chat = static_cast<std::size_t>(Channel::chat);
    const std::size_t mail = static_cast<std::size_t>(Channel::email);
    if (channels_served[chat]) {
      at.fail(fmt::format(
          "must be 1: the group also serves {} contact type {}, and only chats can be held "
          "several at once, got {}",
          channels[static_cast<std::size_t>(types.types[*other].channel)],
          show(Json(type_ids.ids[*other])), group.chat_concurrency));
    } else {
      const char* kind = !channels_served[mail]    ? "a voice-only group"
                         : !channels_served[voice] ? "an email-only group"
                                                   : "a voice and email group";
      at.fail(fmt::format("must be 1: the group serves no chat contact type ({}), got {}", kind,
                          group.chat_concurrency));
    }
  }
}

}  // namespace ccsim::detail
