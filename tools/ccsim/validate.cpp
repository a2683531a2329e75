// `ccsim validate FILE`: checks a scenario and prints what it describes, so that a planner can see
// at a glance whether the file says what they meant: the demand, the handle times, the groups, and
// interval by interval the offered load against the agents on duty (offered_load.h works it out;
// validate_tables.cpp prints it with the groups and bots).
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
#include "ccsim/offered_load.h"
#include "ccsim/scenario.h"
#include "ccsim/visible_text.h"
#include "ccsim/what_if.h"
#include "commands.h"
#include "validate.h"

namespace ccsim::cli {

std::string seconds_text(double s) {
  return s >= 100.0 ? fmt::format("{:.0f} s", s) : fmt::format("{:.3g} s", s);
}

std::string percent_text(double x) { return fmt::format("{:.0f}%", 100.0 * x); }

std::string share_text(double x) { return fmt::format("{:.3g}%", 100.0 * x); }

// "lognormal 310 s, cv 0.9"; "lognormal 290 s, cv 0.8, within [10 s, 3600 s]" with bounds;
// "mixture (2 parts) 290 s, cv 1.3"
std::string distribution_text(const Distribution& d) {
  const double m = mean(d);
  const double c = cv(d);
  std::string name = family_name(d);
  if (const auto* mixture = std::get_if<Mixture>(&d))
    name += fmt::format(" ({} parts)", mixture->components.size());
  std::string text = fmt::format("{} {}", name, seconds_text(m));
  if (!std::holds_alternative<Exponential>(d) && !std::holds_alternative<Deterministic>(d) &&
      std::isfinite(c))
    text += fmt::format(", cv {:.2g}", c);
  if (const auto* truncated = std::get_if<Truncated>(&d))
    text += fmt::format(", within [{}, {}]", seconds_text(truncated->min),
                        std::isfinite(truncated->max) ? seconds_text(truncated->max) : "inf");
  return text;
}

std::size_t widest(const std::vector<std::string>& texts, std::size_t at_least) {
  std::size_t width = at_least;
  for (const auto& t : texts) width = std::max(width, t.size());
  return width;
}

namespace {

std::string count_text(double x) {
  return x >= 10.0 ? fmt::format("{:.0f}", x) : fmt::format("{:.1f}", x);
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

// ---- routing

// In the order of RoutingPolicy, as the scenario writes them.
const std::array<const char*, 3> policy_names = {"priority", "longest_weighted_wait",
                                                 "reservation"};


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

void print_contact_types(const Model& model, const OfferedLoad& load) {
  const double days = model.horizon.days;
  std::vector<std::string> ids, channels, segments, offered, handle, patience, sla;
  for (ContactTypeIndex t = 0; t < model.type_count(); ++t) {
    const ContactType& type = model.contact_types[t];
    double contacts = 0.0;
    for (double in_interval : load.types[t].contacts) contacts += in_interval;
    ids.push_back(type.id);
    channels.push_back(channel_names[static_cast<std::size_t>(type.channel)]);
    segments.push_back(type.segment == no_segment
                           ? "-"
                           : fmt::format("{} (p{})", model.segments[type.segment].id,
                                         model.segments[type.segment].priority));
    offered.push_back(count_text(contacts / days));
    // The wrap-up after the conversation is part of the handle time (and of the load below).
    handle.push_back(type.wrap_up ? fmt::format("{} + wrap-up {}", distribution_text(type.handle_time),
                                                distribution_text(*type.wrap_up))
                                  : distribution_text(type.handle_time));
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
    const OfferedLoad load = offered_load(model);
    print_contact_types(model, load);
    print_agent_groups(model);
    print_reserve_warnings(model);
    print_bots(model);
    print_load_table(model, load);
    fmt::print("\n{}: valid\n", printable(*file));
    exit_code = 0;
  });
}

}  // namespace ccsim::cli
