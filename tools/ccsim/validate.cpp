// `ccsim validate FILE`: checks a scenario and prints what it describes, so that a planner can see
// at a glance whether the file says what they meant: the demand, the handle times, the groups, and
// interval by interval the offered load against the agents on duty.
//
// Offered load in erlangs is the arrival rate times the mean handle time, the time-average number
// of agents the contacts would keep busy. An interval whose load reaches the agents on duty cannot
// be served in steady state: without abandonment its queue grows for as long as it lasts.
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "ccsim/distribution.h"
#include "ccsim/model.h"
#include "ccsim/scenario.h"
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

double aht_factor(const AgentGroup& group, ContactTypeIndex type) {
  for (const Skill& skill : group.skills)
    if (skill.type == type) return skill.aht_factor;
  return 1.0;
}

// Mean handle time of a type as its first group in routing order would handle it.
double handle_time_s(const Model& model, ContactTypeIndex t) {
  const ContactType& type = model.contact_types[t];
  const double factor =
      type.groups.empty() ? 1.0 : aht_factor(model.agent_groups[type.groups.front()], t);
  return mean(type.handle_time) * factor;
}

std::string skills_text(const Model& model, const AgentGroup& group) {
  std::string text;
  for (const Skill& skill : group.skills) {
    if (!text.empty()) text += ", ";
    text += model.contact_types[skill.type].id;
    std::vector<std::string> notes;
    if (skill.priority != 1) notes.push_back(fmt::format("p{}", skill.priority));
    if (skill.aht_factor != 1.0) notes.push_back(fmt::format("aht x{:.3g}", skill.aht_factor));
    if (!notes.empty()) {
      text += " (" + notes[0];
      for (std::size_t i = 1; i < notes.size(); ++i) text += ", " + notes[i];
      text += ")";
    }
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
  fmt::print("scenario  {} ({})\n", model.name, file);
  fmt::print("horizon   starts {}, {} intervals x {:g} min, {} day{}\n", h.start_label(0),
             h.intervals_per_day, h.interval_s / 60.0, h.days, h.days == 1 ? "" : "s");
  const std::string warmup = model.run.warmup_s > 0
                                 ? fmt::format("warm-up {:g} min", model.run.warmup_s / 60.0)
                                 : std::string("no warm-up");
  fmt::print("run       {} replications, seed {}, {}, {}\n", model.run.replications, model.run.seed,
             warmup, model.run.drain ? "contacts left at the end are served" : "stops at the end");
}

void print_contact_types(const Model& model) {
  const double days = model.horizon.days;
  std::vector<std::string> ids, offered, handle, patience, sla;
  for (ContactTypeIndex t = 0; t < model.type_count(); ++t) {
    const ContactType& type = model.contact_types[t];
    double contacts = 0.0;
    for (double rate : type.rate_per_s) contacts += rate * model.horizon.interval_s;
    ids.push_back(type.id);
    offered.push_back(count_text(contacts / days));
    handle.push_back(distribution_text(type.handle_time));
    patience.push_back(type.patience ? distribution_text(*type.patience) : "never abandons");
    sla.push_back(service_level_text(type.sla));
  }
  const std::size_t w_id = widest(ids, 2), w_offered = widest(offered, 11),
                    w_handle = widest(handle, 11), w_patience = widest(patience, 8);
  fmt::print("\ncontact types\n");
  fmt::print("  {:<{}}  {:>{}}  {:<{}}  {:<{}}  {}\n", "id", w_id, "offered/day", w_offered,
             "handle time", w_handle, "patience", w_patience, "service level");
  for (std::size_t i = 0; i < ids.size(); ++i)
    fmt::print("  {:<{}}  {:>{}}  {:<{}}  {:<{}}  {}\n", ids[i], w_id, offered[i], w_offered,
               handle[i], w_handle, patience[i], w_patience, sla[i]);

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
  std::vector<std::string> ids, on_duty, shrinkage, cost, skills;
  double total_cost = 0.0;
  for (const AgentGroup& group : model.agent_groups) {
    const auto [low, high] = std::minmax_element(group.on_duty.begin(), group.on_duty.end());
    double paid_hours = 0.0;
    for (double staffed : group.staffed) paid_hours += staffed * interval_h;
    total_cost += paid_hours * group.cost_per_hour / days;
    ids.push_back(group.id);
    on_duty.push_back(*low == *high ? fmt::format("{}", *low) : fmt::format("{}-{}", *low, *high));
    shrinkage.push_back(percent_text(group.shrinkage));
    cost.push_back(fmt::format("{:.2f}", group.cost_per_hour));
    skills.push_back(skills_text(model, group));
  }
  const std::size_t w_id = widest(ids, 2), w_duty = widest(on_duty, 7), w_cost = widest(cost, 6);
  fmt::print("\nagent groups (skills in the order each group takes them)\n");
  fmt::print("  {:<{}}  {:>{}}  {:>9}  {:>{}}  {}\n", "id", w_id, "on duty", w_duty, "shrinkage",
             "cost/h", w_cost, "skills");
  for (std::size_t i = 0; i < ids.size(); ++i)
    fmt::print("  {:<{}}  {:>{}}  {:>9}  {:>{}}  {}\n", ids[i], w_id, on_duty[i], w_duty,
               shrinkage[i], cost[i], w_cost, skills[i]);
  if (total_cost > 0) fmt::print("  paid agent time costs {:.2f} per day\n", total_cost);
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

// One row per interval, runs of identical intervals within a day shown as one row.
void print_load_table(const Model& model) {
  const Horizon& h = model.horizon;
  const auto count = static_cast<IntervalIndex>(h.intervals());
  std::vector<double> handle_s(model.type_count());
  for (ContactTypeIndex t = 0; t < model.type_count(); ++t) handle_s[t] = handle_time_s(model, t);
  std::vector<double> load(count, 0.0);
  std::vector<int> agents(count, 0);
  for (IntervalIndex i = 0; i < count; ++i) {
    for (ContactTypeIndex t = 0; t < model.type_count(); ++t)
      load[i] += model.contact_types[t].rate_per_s[i] * handle_s[t];
    for (const AgentGroup& group : model.agent_groups) agents[i] += group.on_duty[i];
  }
  const auto overloaded = [&](IntervalIndex i) { return load[i] > 0.0 && load[i] >= agents[i]; };

  fmt::print(
      "\noffered load (arrival rate x mean handle time, in erlangs) against agents on duty\n");
  const bool many_days = h.days > 1;
  fmt::print("  {}{:<11}  {:>8}  {:>7}  {:>9}\n", many_days ? "day  " : "", "interval", "load",
             "on duty", "load/duty");
  int overloaded_count = 0;
  for (IntervalIndex first = 0; first < count;) {
    IntervalIndex last = first;
    const auto day_end =
        static_cast<IntervalIndex>((first / h.intervals_per_day + 1) * h.intervals_per_day);
    while (last + 1 < day_end && load[last + 1] == load[first] && agents[last + 1] == agents[first])
      ++last;
    const std::string ratio = agents[first] > 0 ? percent_text(load[first] / agents[first]) : "-";
    const std::string flag = !overloaded(first)   ? ""
                             : agents[first] == 0 ? "  << no agents"
                                                  : "  << overloaded";
    fmt::print("  {}{:<11}  {:>8.1f}  {:>7}  {:>9}{}\n",
               many_days ? fmt::format("{:<5}", first / h.intervals_per_day + 1) : "",
               span_label(h, first, last), load[first], agents[first], ratio, flag);
    if (overloaded(first)) overloaded_count += static_cast<int>(last - first + 1);
    first = last + 1;
  }
  if (overloaded_count > 0)
    fmt::print(
        "\n{} of {} intervals have a load at or above the agents on duty: their queues grow\n"
        "for as long as the interval lasts unless customers abandon.\n",
        overloaded_count, count);
}

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
  auto file = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Check a scenario file and summarise it: demand, groups, load against agents");
  cmd->add_option("file", *file, "Scenario file (JSON, comments allowed)")->required();
  cmd->callback([file, &exit_code] {
    // Problems throw InputError, which main prints one per line with exit code 2.
    const Model model = load_scenario(*file);
    print_header(model, *file);
    print_contact_types(model);
    print_agent_groups(model);
    print_load_table(model);
    fmt::print("\n{}: valid\n", *file);
    exit_code = 0;
  });
}

}  // namespace ccsim::cli
