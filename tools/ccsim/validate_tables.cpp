// The report of `ccsim validate` after the contact types: the agent groups, the reservation
// warnings, the bots, and interval by interval the offered load against the agents on duty (and,
// for groups with shifts, what their roster has on duty within each interval).
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "ccsim/model.h"
#include "ccsim/offered_load.h"
#include "ccsim/roster.h"
#include "validate.h"

namespace ccsim::cli {

namespace {

std::string skills_text(const Model& model, const AgentGroup& group) {
  std::string text;
  for (const Skill& skill : group.skills) {
    if (!text.empty()) text += ", ";
    text += model.contact_types[skill.type].id;
    std::vector<std::string> notes;
    if (skill.priority != 1) notes.push_back(fmt::format("p{}", skill.priority));
    if (skill.aht_factor != 1.0) notes.push_back(fmt::format("aht x{:.3g}", skill.aht_factor));
    if (skill.resolve_factor != 1.0)
      notes.push_back(fmt::format("resolves x{:.3g}", skill.resolve_factor));
    if (!notes.empty()) {
      text += " (" + notes[0];
      for (std::size_t i = 1; i < notes.size(); ++i) text += ", " + notes[i];
      text += ")";
    }
  }
  return text;
}

// "billing, vip": the group's skills with its best priority number (skills are sorted by priority).
std::string first_priority_text(const Model& model, const AgentGroup& group) {
  std::string text;
  for (const Skill& skill : group.skills)
    if (skill.priority == group.skills.front().priority)
      text += (text.empty() ? "" : ", ") + model.contact_types[skill.type].id;
  return text;
}

// "08:00-08:30" for intervals of one day; an end at midnight reads 24:00. Every day of the grid
// starts at the horizon's start time.
std::string span_label(const Horizon& h, IntervalIndex first, IntervalIndex last) {
  const auto per_day = static_cast<IntervalIndex>(h.intervals_per_day);
  const long long end_min =
      (h.start_min + std::llround(static_cast<double>(last % per_day + 1) * h.interval_s / 60.0)) % 1440;
  std::string end = end_min == 0 ? "24:00" : fmt::format("{:02d}:{:02d}", end_min / 60, end_min % 60);
  return h.start_label(first % per_day) + "-" + end;
}

}  // namespace

void print_agent_groups(const Model& model) {
  const double interval_h = model.horizon.interval_s / 3600.0;
  const double days = model.horizon.days;
  std::vector<std::string> ids, tiers, on_duty, shrinkage, cost, skills;
  double total_cost = 0.0;
  for (AgentGroupIndex g = 0; g < model.group_count(); ++g) {
    const AgentGroup& group = model.agent_groups[g];
    // A roster's agents on duty change inside intervals too.
    int low = std::numeric_limits<int>::max();
    int high = 0;
    for (const auto& [fewest, most] : on_duty_range(model, g)) {
      low = std::min(low, fewest);
      high = std::max(high, most);
    }
    double paid_hours = 0.0;
    for (double staffed : group.staffed) paid_hours += staffed * interval_h;
    total_cost += paid_hours * group.cost_per_hour / days;
    ids.push_back(group.id);
    tiers.push_back(fmt::format("{}", group.tier));
    on_duty.push_back(low == high ? fmt::format("{}", low) : fmt::format("{}-{}", low, high));
    shrinkage.push_back(percent_text(group.shrinkage));
    cost.push_back(fmt::format("{:.2f}", group.cost_per_hour));
    skills.push_back(skills_text(model, group));
  }
  // The tier column only when some group is not at tier 1.
  const bool with_tiers = tiers_in_use(model) != std::vector<int>{1};
  const auto tier_cell = [&](const std::string& text) {
    return with_tiers ? fmt::format("{:>4}  ", text) : std::string();
  };
  const std::size_t w_id = widest(ids, 2), w_duty = widest(on_duty, 7), w_cost = widest(cost, 6);
  fmt::print("\nagent groups (skills in the order each group takes them)\n");
  fmt::print("  {:<{}}  {}{:>{}}  {:>9}  {:>{}}  {}\n", "id", w_id, tier_cell("tier"), "on duty",
             w_duty, "shrinkage", "cost/h", w_cost, "skills");
  for (std::size_t i = 0; i < ids.size(); ++i)
    fmt::print("  {:<{}}  {}{:>{}}  {:>9}  {:>{}}  {}\n", ids[i], w_id, tier_cell(tiers[i]),
               on_duty[i], w_duty, shrinkage[i], cost[i], w_cost, skills[i]);
  if (total_cost > 0) fmt::print("  paid agent time costs {:.2f} per day\n", total_cost);
  // Partners paid by the contact or by the minute: what that costs depends on the simulation.
  for (const AgentGroup& group : model.agent_groups) {
    if (group.cost_per_contact <= 0 && group.cost_per_minute <= 0) continue;
    std::string text;
    if (group.cost_per_contact > 0)
      text = fmt::format("{:.2f} per contact", group.cost_per_contact);
    if (group.cost_per_minute > 0)
      text += fmt::format("{}{:.2f} per minute of handle time", text.empty() ? "" : " and ",
                          group.cost_per_minute);
    fmt::print("  {} also costs {}\n", group.id, text);
  }
  // Agent assist, chats held at once, agents kept free for voice or for the first priority.
  for (AgentGroupIndex g = 0; g < model.group_count(); ++g) {
    const AgentGroup& group = model.agent_groups[g];
    std::vector<std::string> notes;
    if (group.assist) {
      std::string text = fmt::format("agent assist (aht x{:.3g}, {} adoption",
                                     group.assist->aht_factor, share_text(group.assist->adoption));
      if (group.assist->cost_per_agent_hour > 0)
        text += fmt::format(", {:.2f} per agent hour", group.assist->cost_per_agent_hour);
      notes.push_back(text + ")");
    }
    if (group.chat_concurrency > 1) {
      std::string text = fmt::format("holds up to {} chats at once", group.chat_concurrency);
      if (group.concurrency_slowdown > 0)
        text += fmt::format(" (each extra chat slows every chat by {})",
                            share_text(group.concurrency_slowdown));
      notes.push_back(text);
    }
    if (group.voice_reserve > 0)
      notes.push_back(fmt::format("keeps {} agent{} free for voice", group.voice_reserve,
                                  group.voice_reserve == 1 ? "" : "s"));
    if (const int reserve = reserved_agents(model, g); reserve > 0)
      notes.push_back(fmt::format("keeps {} agent{} idle for {} (its first priority)", reserve,
                                  reserve == 1 ? "" : "s", first_priority_text(model, group)));
    if (notes.empty()) continue;
    std::string text;
    for (const auto& note : notes) text += (text.empty() ? "" : "; ") + note;
    fmt::print("  {}: {}\n", group.id, text);
  }
  // "overflow: billing at tier 1 after 60 s -> partner, night"
  for (const OverflowStep& step : model.overflow) {
    std::string to;
    for (AgentGroupIndex g : step.to) to += (to.empty() ? "" : ", ") + model.agent_groups[g].id;
    fmt::print("  overflow: {} at tier {} after {} -> {}\n", model.contact_types[step.type].id,
               step.tier, seconds_text(step.after_s), to);
  }
}

// "ivr on billing, tech: 80% enter, 30% contained, 5% abandon in it; sessions exponential 90 s,
// at most 50 at once; handoff with context (aht x0.9)".
void print_bots(const Model& model) {
  if (model.bots.empty()) return;
  fmt::print("\nbots (in front of the agents)\n");
  for (const Bot& bot : model.bots) {
    std::string types;
    for (ContactTypeIndex t : bot.types)
      types += (types.empty() ? "" : ", ") + model.contact_types[t].id;
    std::string text = fmt::format("{} on {}: {} enter, {} contained", bot.id, types,
                                   share_text(bot.entry_share), share_text(bot.containment_p));
    if (bot.abandon_p > 0) text += fmt::format(", {} abandon in it", share_text(bot.abandon_p));
    text += fmt::format("; sessions {}", distribution_text(bot.duration));
    if (bot.capacity < Bot{}.capacity) text += fmt::format(", at most {} at once", bot.capacity);
    if (bot.cost_per_session > 0) text += fmt::format(", {:.2f} each", bot.cost_per_session);
    if (bot.handoff_context) {
      text += "; handoff with context";
      if (bot.handoff_aht_factor != 1.0)
        text += fmt::format(" (aht x{:.3g})", bot.handoff_aht_factor);
    } else {
      text += "; handoff without context";
      if (bot.handoff_extra_handle)
        text += fmt::format(" (+{} to repeat)", distribution_text(*bot.handoff_extra_handle));
    }
    if (bot.residual_aht_factor != 1.0)
      text += fmt::format("; handed-off contacts aht x{:.3g}", bot.residual_aht_factor);
    fmt::print("  {}\n", text);
  }
}

// A warning for each group whose reserve is at or above its agents on duty in some interval: there
// it takes nothing but its first-priority skills. Intervals with nobody on duty are left out (the
// group takes nothing then, reserve or not). The scenario stays valid: a planner may mean it.
void print_reserve_warnings(const Model& model) {
  constexpr std::size_t listed = 6;
  const Horizon& h = model.horizon;
  const auto count = static_cast<IntervalIndex>(h.intervals());
  const auto per_day = static_cast<IntervalIndex>(h.intervals_per_day);
  for (AgentGroupIndex g = 0; g < model.group_count(); ++g) {
    const int reserve = reserved_agents(model, g);
    const AgentGroup& group = model.agent_groups[g];
    if (reserve <= 0 || group.on_duty.size() < count) continue;
    const auto short_of_it = [&](IntervalIndex i) {
      return group.on_duty[i] > 0 && group.on_duty[i] <= reserve;
    };
    std::vector<std::string> spans;
    for (IntervalIndex first = 0; first < count;) {
      if (!short_of_it(first)) {
        ++first;
        continue;
      }
      IntervalIndex last = first;
      const IntervalIndex day_end = (first / per_day + 1) * per_day;
      while (last + 1 < day_end && short_of_it(last + 1)) ++last;
      spans.push_back((h.days > 1 ? fmt::format("day {} ", first / per_day + 1) : "") +
                      span_label(h, first, last));
      first = last + 1;
    }
    if (spans.empty()) continue;
    std::string where;
    for (std::size_t k = 0; k < spans.size() && k < listed; ++k)
      where += (k > 0 ? ", " : "") + spans[k];
    if (spans.size() > listed) where += fmt::format(" and {} more", spans.size() - listed);
    fmt::print("  warning: {} keeps {} agent{} idle but has only {} on duty at {}: there it takes "
               "only {}\n",
               group.id, reserve, reserve == 1 ? "" : "s",
               reserve == 1 ? "1" : fmt::format("{} or fewer", reserve), where,
               first_priority_text(model, group));
  }
}

// One row per interval, runs of identical intervals within a day shown as one row; with several
// tiers, one block of columns per tier. An interval whose load reaches the agents on duty cannot be
// served in steady state: without abandonment its queue grows for as long as it lasts.
void print_load_table(const Model& model, const OfferedLoad& offered) {
  const Horizon& h = model.horizon;
  const bool automated = automation_changes_load(model);
  const auto count = static_cast<IntervalIndex>(h.intervals());
  const std::vector<int>& tiers = offered.tiers;
  // load[k][i] and agents[k][i]: of tiers[k] in interval i.
  const std::vector<std::vector<double>>& load = offered.tier_erlangs;
  const std::vector<std::vector<double>>& agents = offered.tier_sessions_on_duty;
  const auto overloaded_at = [&](std::size_t k, IntervalIndex i) {
    return load[k][i] > 0.0 && load[k][i] >= agents[k][i];
  };
  const auto overloaded = [&](IntervalIndex i) {
    for (std::size_t k = 0; k < tiers.size(); ++k)
      if (overloaded_at(k, i)) return true;
    return false;
  };
  // Groups with shifts: the fewest and the most agents on duty within each interval, as their
  // roster has them to the minute (the tier's "on duty" counts their mean over the interval).
  std::vector<std::string> rostered;
  std::vector<std::vector<std::pair<int, int>>> ranges;
  for (AgentGroupIndex g = 0; g < model.group_count(); ++g) {
    if (model.agent_groups[g].shifts.empty()) continue;
    rostered.push_back(model.agent_groups[g].id);
    ranges.push_back(on_duty_range(model, g));
  }
  const auto same = [&](IntervalIndex a, IntervalIndex b) {
    for (std::size_t k = 0; k < tiers.size(); ++k)
      if (load[k][a] != load[k][b] || agents[k][a] != agents[k][b]) return false;
    for (const auto& range : ranges)
      if (range[a] != range[b]) return false;
    return true;
  };

  const bool per_tier = tiers.size() > 1;
  fmt::print(
      "\noffered load (arrival rate x mean handle time, in erlangs) against agents on duty{}{}\n",
      per_tier ? ",\nper tier (escalated contacts at the tier they reach)" : "",
      automated ? ",\nafter self-service, bots and agent assist; a chat agent counts as its concurrency" : "");
  const bool many_days = h.days > 1;
  const std::string day_blank = many_days ? "     " : "";
  if (per_tier) {
    std::string line = fmt::format("  {}{:<11}", day_blank, "");
    for (int tier : tiers) line += fmt::format("  {:^30}", fmt::format("tier {}", tier));
    line.erase(line.find_last_not_of(' ') + 1);
    fmt::print("{}\n", line);
  }
  std::string header = fmt::format("  {}{:<11}", many_days ? "day  " : "", "interval");
  for (std::size_t k = 0; k < tiers.size(); ++k)
    header += fmt::format("  {:>8}  {:>7}  {:>9}", "load", "on duty", "load/duty");
  std::vector<std::size_t> roster_widths;
  for (const std::string& id : rostered) {
    roster_widths.push_back(std::max<std::size_t>(id.size(), 7));
    header += fmt::format("  {:>{}}", id, roster_widths.back());
  }
  if (!rostered.empty())
    fmt::print("(a group with shifts counts in \"on duty\" with its mean over the interval; under its\n"
               "id, the fewest and the most agents its roster has on duty within the interval)\n");
  fmt::print("{}\n", header);
  int overloaded_count = 0;
  for (IntervalIndex first = 0; first < count;) {
    IntervalIndex last = first;
    const auto day_end =
        static_cast<IntervalIndex>((first / h.intervals_per_day + 1) * h.intervals_per_day);
    while (last + 1 < day_end && same(last + 1, first)) ++last;
    std::string row = fmt::format(
        "  {}{:<11}", many_days ? fmt::format("{:<5}", first / h.intervals_per_day + 1) : "",
        span_label(h, first, last));
    bool no_agents = false;
    for (std::size_t k = 0; k < tiers.size(); ++k) {
      const double n = agents[k][first];
      row += fmt::format("  {:>8.1f}  {:>7}  {:>9}", load[k][first], agents_text(n),
                         n > 0 ? percent_text(load[k][first] / n) : "-");
      no_agents = no_agents || (overloaded_at(k, first) && n == 0);
    }
    for (std::size_t r = 0; r < ranges.size(); ++r) {
      const auto [fewest, most] = ranges[r][first];
      row += fmt::format("  {:>{}}",
                         fewest == most ? fmt::format("{}", most) : fmt::format("{}-{}", fewest, most),
                         roster_widths[r]);
    }
    const std::string flag = !overloaded(first) ? ""
                             : no_agents        ? "  << no agents"
                                                : "  << overloaded";
    fmt::print("{}{}\n", row, flag);
    if (overloaded(first)) overloaded_count += static_cast<int>(last - first + 1);
    first = last + 1;
  }
  if (overloaded_count > 0)
    fmt::print(
        "\n{} of {} intervals have a load at or above the agents on duty{}: their queues grow\n"
        "for as long as the interval lasts unless customers abandon.\n",
        overloaded_count, count, per_tier ? " of some tier" : "");
}

}  // namespace ccsim::cli
