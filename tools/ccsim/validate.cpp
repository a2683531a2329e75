// `ccsim validate FILE`: checks a scenario and prints what it describes, so that a planner can see
// at a glance whether the file says what they meant: the demand, the handle times, the groups, and
// interval by interval the offered load against the agents on duty.
//
// Offered load in erlangs is the arrival rate times the mean handle time, the time-average number
// of agents the contacts would keep busy. An interval whose load reaches the agents on duty cannot
// be served in steady state: without abandonment its queue grows for as long as it lasts. With
// several tiers the load is shown per tier, escalated contacts counted at the tier they reach
// (misroutes, repeats, retries and callbacks are left out: they depend on the simulation).
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "ccsim/distribution.h"
#include "ccsim/model.h"
#include "ccsim/scenario.h"
#include "ccsim/visible_text.h"
#include "ccsim/what_if.h"
#include "commands.h"

namespace ccsim::cli {

namespace {

std::string seconds_text(double s) {
  return s >= 100.0 ? fmt::format("{:.0f} s", s) : fmt::format("{:.3g} s", s);
}

std::string count_text(double x) {
  return x >= 10.0 ? fmt::format("{:.0f}", x) : fmt::format("{:.1f}", x);
}

std::string percent_text(double x) { return fmt::format("{:.0f}%", 100.0 * x); }

// "lognormal 310 s, cv 0.9"
std::string distribution_text(const Distribution& d) {
  const double m = mean(d);
  const double c = cv(d);
  std::string text = fmt::format("{} {}", family_name(d), seconds_text(m));
  if (!std::holds_alternative<Exponential>(d) && !std::holds_alternative<Deterministic>(d) &&
      std::isfinite(c))
    text += fmt::format(", cv {:.2g}", c);
  return text;
}

// "80% in 20 s", with the denominator when it is not the usual one. Short abandons are listed
// under the table, to keep it narrow.
std::string service_level_text(const ServiceLevelRule& rule) {
  std::string text =
      fmt::format("{} in {}", percent_text(rule.target), seconds_text(rule.answer_within_s));
  if (rule.denominator == SlaDenominator::offered) text += " of all offered";
  if (rule.denominator == SlaDenominator::answered) text += " of answered";
  return text;
}

const std::array<const char*, 7> weekday_names = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
const std::array<const char*, channel_count> channel_names = {"voice", "chat", "email"};

std::string clock_text(int minutes) {
  return fmt::format("{:02d}:{:02d}", minutes / 60, minutes % 60);
}

// "Mon-Fri", "Sat-Mon" for one run of days (wrapping past Sunday), else "Tue, Thu, Sat".
std::string days_text(const std::array<bool, 7>& days) {
  const auto open = static_cast<int>(std::count(days.begin(), days.end(), true));
  if (open == 7) return "Mon-Sun";
  // A single run starts on an open day after a closed one.
  int starts = 0, first = 0;
  for (int d = 0; d < 7; ++d)
    if (days[static_cast<std::size_t>(d)] && !days[static_cast<std::size_t>((d + 6) % 7)]) {
      ++starts;
      first = d;
    }
  if (starts == 1 && open > 1)
    return fmt::format("{}-{}", weekday_names[static_cast<std::size_t>(first)],
                       weekday_names[static_cast<std::size_t>((first + open - 1) % 7)]);
  std::string text;
  for (std::size_t d = 0; d < 7; ++d)
    if (days[d]) text += (text.empty() ? "" : ", ") + std::string(weekday_names[d]);
  return text;
}

// An email's target: "80% in 24 h of Mon-Fri 08:00-18:00", or "90% in 4 h" of simulated time.
std::string response_text(const ResponseRule& rule) {
  std::string text =
      fmt::format("{} in {:g} h", percent_text(rule.target), rule.respond_within_s / 3600.0);
  if (rule.business_hours)
    text += fmt::format(" of {} {}-{}", days_text(rule.business_hours->days),
                        clock_text(rule.business_hours->start_min),
                        clock_text(rule.business_hours->end_min));
  return text;
}

const Skill* skill_of(const AgentGroup& group, ContactTypeIndex type) {
  for (const Skill& skill : group.skills)
    if (skill.type == type) return &skill;
  return nullptr;
}

// The type's first group in routing order at `tier`, or null.
const AgentGroup* first_group(const Model& model, ContactTypeIndex t, int tier) {
  for (AgentGroupIndex g : model.contact_types[t].groups)
    if (model.agent_groups[g].tier == tier) return &model.agent_groups[g];
  return nullptr;
}

// How the contacts of one type spread over the tiers: the share of them each tier handles, and
// the mean handle time there (as the tier's first group in routing order handles them).
struct TierShare {
  double share = 0.0;
  double handle_s = 0.0;
};

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
    if (!type.escalation) break;
    const double resolved =
        std::min(1.0, type.resolution_p * (skill ? skill->resolve_factor : 1.0));
    reaching *= (1.0 - resolved) * type.escalation->p_by_tier[static_cast<std::size_t>(tier - 1)];
    first = false;
  }
  // A type that only overflow steps serve waits at tier 1.
  if (type.groups.empty()) shares[1] = {1.0, mean(type.handle_time)};
  return shares;
}

// The tiers some group belongs to, in increasing order.
std::vector<int> tiers_in_use(const Model& model) {
  std::vector<int> tiers;
  for (int tier = 1; tier <= max_tier; ++tier)
    if (std::any_of(model.agent_groups.begin(), model.agent_groups.end(),
                    [tier](const AgentGroup& g) { return g.tier == tier; }))
      tiers.push_back(tier);
  return tiers;
}

std::string share_text(double x) { return fmt::format("{:.3g}%", 100.0 * x); }

// "resolves 70%; escalates unresolved contacts: 25% at tier 1 (warm); 5% misrouted to tech; ...":
// what happens to the type's contacts beyond the queue, for the lines under the contact types
// table.
std::string fcr_text(const Model& model, const ContactType& type) {
  std::vector<std::string> parts;
  if (type.resolution_p < 1.0) parts.push_back("resolves " + share_text(type.resolution_p));
  if (type.escalation) {
    std::string p;
    for (int tier = 1; tier <= max_tier; ++tier) {
      const double x = type.escalation->p_by_tier[static_cast<std::size_t>(tier - 1)];
      if (x > 0) p += fmt::format("{}{} at tier {}", p.empty() ? "" : ", ", share_text(x), tier);
    }
    if (!p.empty())
      parts.push_back(
          fmt::format("escalates unresolved contacts: {} ({})", p,
                      type.escalation->transfer == TransferMode::warm ? "warm" : "cold"));
  }
  if (type.misroute && type.misroute->p > 0)
    parts.push_back(fmt::format("{} misrouted to {}", share_text(type.misroute->p),
                                model.contact_types[type.misroute->to].id));
  if (type.repeat && type.repeat->p > 0)
    parts.push_back(fmt::format("{} of the unresolved call again (FCR window {:g} h)",
                                share_text(type.repeat->p), type.repeat->window_s / 3600.0));
  if (type.retry && type.retry->p > 0)
    parts.push_back(fmt::format("{} of abandons try again", share_text(type.retry->p)));
  if (type.callback)
    parts.push_back(fmt::format("callback offered above {} ({} accept)",
                                seconds_text(type.callback->offer_when_wait_s),
                                share_text(type.callback->accept_p)));
  if (type.deflection && type.deflection->share > 0) {
    std::string text =
        fmt::format("{} deflected to self-service", share_text(type.deflection->share));
    if (type.deflection->leak_p > 0)
      text += fmt::format(" ({} of them come back after {})", share_text(type.deflection->leak_p),
                          distribution_text(type.deflection->leak_delay));
    parts.push_back(text);
  }
  if (type.silent_abandonment && type.silent_abandonment->share > 0)
    parts.push_back(fmt::format("{} of abandons are silent (the agent spends {} finding out)",
                                share_text(type.silent_abandonment->share),
                                distribution_text(type.silent_abandonment->discover_time)));
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : "; ") + part;
  return text;
}

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

// ---- routing

// In the order of RoutingPolicy, as the scenario writes them.
const std::array<const char*, 3> policy_names = {"priority", "longest_weighted_wait",
                                                 "reservation"};

// The agents group g keeps idle for its first-priority skills (0 unless the policy is reservation).
int reserve_of(const Model& model, AgentGroupIndex g) {
  if (model.routing.policy != RoutingPolicy::reservation || g >= model.routing.reserve.size())
    return 0;
  return model.routing.reserve[g];
}

// "billing, vip": the group's skills with its best priority number (skills are sorted by priority).
std::string first_priority_text(const Model& model, const AgentGroup& group) {
  std::string text;
  for (const Skill& skill : group.skills)
    if (skill.priority == group.skills.front().priority)
      text += (text.empty() ? "" : ", ") + model.contact_types[skill.type].id;
  return text;
}

// "billing x2; tech x3 at tier2-team, x1.5 at night": the weights other than 1, a type's single
// weight when every group has it, else its weight at each group where it is not 1.
std::string weights_text(const Model& model) {
  const std::vector<double>& weights = model.routing.weights;
  const std::size_t groups = model.group_count();
  if (weights.size() != model.type_count() * groups || groups == 0) return "";
  std::string text;
  for (ContactTypeIndex t = 0; t < model.type_count(); ++t) {
    const auto first = weights.begin() + static_cast<std::ptrdiff_t>(t * groups);
    const auto last = first + static_cast<std::ptrdiff_t>(groups);
    std::string part;
    if (std::all_of(first, last, [&](double w) { return w == *first; })) {
      if (*first != 1.0) part = fmt::format("x{:g}", *first);
    } else {
      for (AgentGroupIndex g = 0; g < groups; ++g)
        if (first[g] != 1.0)
          part += fmt::format("{}x{:g} at {}", part.empty() ? "" : ", ", first[g],
                              model.agent_groups[g].id);
    }
    if (!part.empty())
      text += fmt::format("{}{} {}", text.empty() ? "" : "; ", model.contact_types[t].id, part);
  }
  return text;
}

std::size_t widest(const std::vector<std::string>& texts, std::size_t at_least) {
  std::size_t width = at_least;
  for (const auto& t : texts) width = std::max(width, t.size());
  return width;
}

void print_header(const Model& model, const std::string& file) {
  const Horizon& h = model.horizon;
  fmt::print("scenario  {} ({})\n", model.name, printable(file));
  // The weekday only when it is not the default Monday.
  const std::string weekday =
      h.start_weekday == 0
          ? std::string()
          : fmt::format(" on a {}", weekday_names[static_cast<std::size_t>(h.start_weekday % 7)]);
  fmt::print("horizon   starts {}{}, {} intervals x {:g} min, {} day{}\n", h.start_label(0),
             weekday, h.intervals_per_day, h.interval_s / 60.0, h.days, h.days == 1 ? "" : "s");
  const std::string warmup = model.run.warmup_s > 0
                                 ? fmt::format("warm-up {:g} min", model.run.warmup_s / 60.0)
                                 : std::string("no warm-up");
  fmt::print("run       {} replications, seed {}, {}, {}\n", model.run.replications, model.run.seed,
             warmup, model.run.drain ? "contacts left at the end are served" : "stops at the end");
  switch (model.routing.policy) {
    case RoutingPolicy::priority:
      fmt::print("routing   {}: best skill priority, then contact priority, then longest wait\n",
                 policy_names[0]);
      break;
    case RoutingPolicy::longest_weighted_wait: {
      const std::string weights = weights_text(model);
      fmt::print("routing   {}: a freed agent takes the largest wait x weight\n",
                 policy_names[1]);
      fmt::print("          {}\n",
                 weights.empty() ? "every weight 1" : "weights " + weights + " (others 1)");
      break;
    }
    case RoutingPolicy::reservation:
      fmt::print(
          "routing   {}: as priority, each group keeping agents idle for its first-priority "
          "skills{}\n",
          policy_names[2],
          std::any_of(model.routing.reserve.begin(), model.routing.reserve.end(),
                      [](int n) { return n > 0; })
              ? " (below)"
              : " (none kept: as priority)");
      break;
  }
}

void print_contact_types(const Model& model) {
  const double days = model.horizon.days;
  std::vector<std::string> ids, channels, segments, offered, handle, patience, sla;
  for (ContactTypeIndex t = 0; t < model.type_count(); ++t) {
    const ContactType& type = model.contact_types[t];
    double contacts = 0.0;
    for (double rate : type.rate_per_s) contacts += rate * model.horizon.interval_s;
    ids.push_back(type.id);
    channels.push_back(channel_names[static_cast<std::size_t>(type.channel)]);
    segments.push_back(type.segment == no_segment
                           ? "-"
                           : fmt::format("{} (p{})", model.segments[type.segment].id,
                                         model.segments[type.segment].priority));
    offered.push_back(count_text(contacts / days));
    handle.push_back(distribution_text(type.handle_time));
    patience.push_back(type.patience ? distribution_text(*type.patience) : "never abandons");
    sla.push_back(type.response ? response_text(*type.response) : service_level_text(type.sla));
  }
  // The segment column only when the scenario has segments, the channel column only when some
  // type is not a call.
  const bool with_segments = !model.segments.empty();
  const bool with_channels =
      std::any_of(model.contact_types.begin(), model.contact_types.end(),
                  [](const ContactType& type) { return type.channel != Channel::voice; });
  const std::size_t w_id = widest(ids, 2), w_segment = widest(segments, 7),
                    w_offered = widest(offered, 11), w_handle = widest(handle, 11),
                    w_patience = widest(patience, 8);
  const auto segment_cell = [&](const std::string& text) {
    return with_segments ? fmt::format("{:<{}}  ", text, w_segment) : std::string();
  };
  const auto channel_cell = [&](const std::string& text) {
    return with_channels ? fmt::format("{:<7}  ", text) : std::string();
  };
  fmt::print("\ncontact types\n");
  fmt::print("  {:<{}}  {}{}{:>{}}  {:<{}}  {:<{}}  {}\n", "id", w_id, channel_cell("channel"),
             segment_cell("segment"), "offered/day", w_offered, "handle time", w_handle,
             "patience", w_patience, "service level");
  for (std::size_t i = 0; i < ids.size(); ++i)
    fmt::print("  {:<{}}  {}{}{:>{}}  {:<{}}  {:<{}}  {}\n", ids[i], w_id,
               channel_cell(channels[i]), segment_cell(segments[i]), offered[i], w_offered,
               handle[i], w_handle, patience[i], w_patience, sla[i]);
  for (const ContactType& type : model.contact_types) {
    const std::string text = fcr_text(model, type);
    if (!text.empty()) fmt::print("  {}: {}\n", type.id, text);
  }

  // One note per short-abandon threshold: "billing, tech: abandons within 5 s are not counted".
  std::map<double, std::string> short_abandons;
  for (const ContactType& type : model.contact_types) {
    if (type.sla.denominator != SlaDenominator::offered_minus_short ||
        type.sla.short_abandon_s <= 0)
      continue;
    std::string& names = short_abandons[type.sla.short_abandon_s];
    names += (names.empty() ? "" : ", ") + type.id;
  }
  for (const auto& [threshold, names] : short_abandons)
    fmt::print("  {}: abandons within {} are not counted in the service level\n", names,
               seconds_text(threshold));
}

void print_agent_groups(const Model& model) {
  const double interval_h = model.horizon.interval_s / 3600.0;
  const double days = model.horizon.days;
  std::vector<std::string> ids, tiers, on_duty, shrinkage, cost, skills;
  double total_cost = 0.0;
  for (const AgentGroup& group : model.agent_groups) {
    const auto [low, high] = std::minmax_element(group.on_duty.begin(), group.on_duty.end());
    double paid_hours = 0.0;
    for (double staffed : group.staffed) paid_hours += staffed * interval_h;
    total_cost += paid_hours * group.cost_per_hour / days;
    ids.push_back(group.id);
    tiers.push_back(fmt::format("{}", group.tier));
    on_duty.push_back(*low == *high ? fmt::format("{}", *low) : fmt::format("{}-{}", *low, *high));
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
    if (const int reserve = reserve_of(model, g); reserve > 0)
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

// "08:00-08:30" for intervals of one day; an end at midnight reads 24:00. Every day of the grid
// starts at the horizon's start time.
std::string span_label(const Horizon& h, IntervalIndex first, IntervalIndex last) {
  const auto per_day = static_cast<IntervalIndex>(h.intervals_per_day);
  const long long end_min =
      (h.start_min + std::llround(static_cast<double>(last % per_day + 1) * h.interval_s / 60.0)) % 1440;
  std::string end = end_min == 0 ? "24:00" : fmt::format("{:02d}:{:02d}", end_min / 60, end_min % 60);
  return h.start_label(first % per_day) + "-" + end;
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
    const int reserve = reserve_of(model, g);
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
// tiers, one block of columns per tier.
// What reaches the agents of one contact type, as a multiplier of its arrivals x handle time:
// less the demand self-service keeps, less what the bot contains or loses, with the handed-off
// contacts' harder handling, and with agent assist on the group that takes the type first.
double agent_load_factor(const Model& model, ContactTypeIndex t) {
  const ContactType& type = model.contact_types[t];
  double factor = 1.0;
  if (type.deflection) factor *= 1.0 - type.deflection->share * (1.0 - type.deflection->leak_p);
  for (const Bot& bot : model.bots) {
    if (std::find(bot.types.begin(), bot.types.end(), t) == bot.types.end()) continue;
    double handled = bot.residual_aht_factor * (bot.handoff_context ? bot.handoff_aht_factor : 1.0);
    if (!bot.handoff_context && bot.handoff_extra_handle)
      handled += mean(*bot.handoff_extra_handle) / mean(type.handle_time);
    const double handed = 1.0 - bot.containment_p - bot.abandon_p;
    factor *= (1.0 - bot.entry_share) + bot.entry_share * handed * handled;
  }
  if (!type.groups.empty()) {
    const AgentGroup& first = model.agent_groups[type.groups.front()];
    if (first.assist) factor *= 1.0 - first.assist->adoption * (1.0 - first.assist->aht_factor);
  }
  return factor;
}

void print_load_table(const Model& model) {
  const Horizon& h = model.horizon;
  const bool automated =
      !model.bots.empty() ||
      std::any_of(model.contact_types.begin(), model.contact_types.end(),
                  [](const ContactType& t) { return t.deflection.has_value(); }) ||
      std::any_of(model.agent_groups.begin(), model.agent_groups.end(), [](const AgentGroup& g) {
        return g.assist.has_value() || g.chat_concurrency > 1;
      });
  const auto count = static_cast<IntervalIndex>(h.intervals());
  const std::vector<int> tiers = tiers_in_use(model);
  // load[k][i] and agents[k][i]: of tiers[k] in interval i.
  std::vector<std::vector<double>> load(tiers.size(), std::vector<double>(count, 0.0));
  std::vector<std::vector<int>> agents(tiers.size(), std::vector<int>(count, 0));
  for (ContactTypeIndex t = 0; t < model.type_count(); ++t) {
    const auto shares = tier_shares(model, t);
    const double factor = agent_load_factor(model, t);
    for (std::size_t k = 0; k < tiers.size(); ++k) {
      const TierShare& share = shares[static_cast<std::size_t>(tiers[k])];
      if (share.share <= 0.0) continue;
      for (IntervalIndex i = 0; i < count; ++i)
        load[k][i] += model.contact_types[t].rate_per_s[i] * share.share * share.handle_s * factor;
    }
  }
  for (const AgentGroup& group : model.agent_groups) {
    const auto k =
        static_cast<std::size_t>(std::find(tiers.begin(), tiers.end(), group.tier) - tiers.begin());
    // A chat agent holds chat_concurrency sessions: load is counted in sessions.
    for (IntervalIndex i = 0; i < count; ++i) agents[k][i] += group.on_duty[i] * std::max(1, group.chat_concurrency);
  }
  const auto overloaded_at = [&](std::size_t k, IntervalIndex i) {
    return load[k][i] > 0.0 && load[k][i] >= agents[k][i];
  };
  const auto overloaded = [&](IntervalIndex i) {
    for (std::size_t k = 0; k < tiers.size(); ++k)
      if (overloaded_at(k, i)) return true;
    return false;
  };
  const auto same = [&](IntervalIndex a, IntervalIndex b) {
    for (std::size_t k = 0; k < tiers.size(); ++k)
      if (load[k][a] != load[k][b] || agents[k][a] != agents[k][b]) return false;
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
      const int n = agents[k][first];
      row += fmt::format("  {:>8.1f}  {:>7}  {:>9}", load[k][first], n,
                         n > 0 ? percent_text(load[k][first] / n) : "-");
      no_agents = no_agents || (overloaded_at(k, first) && n == 0);
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

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
  auto file = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Check a scenario file and summarise it: demand, groups, load against agents");
  cmd->add_option("file", *file, "Scenario file (JSON, comments allowed)")->required();
  cmd->callback([file, &exit_code] {
    // Problems throw InputError, which main prints one per line with exit code 2.
    // The baseline and every what-if, as `ccsim run --what-if` would compile it.
    const Model model = Scenario::read(*file).check();
    print_header(model, *file);
    print_contact_types(model);
    print_agent_groups(model);
    print_reserve_warnings(model);
    print_bots(model);
    print_load_table(model);
    fmt::print("\n{}: valid\n", printable(*file));
    exit_code = 0;
  });
}

}  // namespace ccsim::cli
