#include "ccsim/schedule_writers.h"

#include <cmath>
#include <string>

#include <fmt/core.h>
#include <fmt/ostream.h>

namespace ccsim {

namespace {

constexpr const char* weekday_names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

// Shares of an interval summed in floating point: 2.9999999999 agents is printed as 3.
double tidy(double x) { return std::round(x * 1e6) / 1e6; }

std::string clock(double minutes) {
  const auto m = static_cast<long>(std::lround(minutes)) % 1440;
  return fmt::format("{:02d}:{:02d}", m / 60, m % 60);
}

std::string breaks_text(const ShiftTemplate& t, const std::vector<ShiftBreak>& breaks) {
  if (breaks.empty()) return "-";
  std::string text;
  for (const ShiftBreak& b : breaks) {
    if (!text.empty()) text += ", ";
    const double from = t.start_min + b.after_s / 60.0;
    text += clock(from) + "-" + clock(from + b.length_s / 60.0);
  }
  return text;
}

}  // namespace

nlohmann::ordered_json shift_json(const Shift& shift) {
  nlohmann::ordered_json out;
  out["id"] = shift.id;
  out["start"] = clock(shift.start_min);
  out["length_h"] = shift.length_s / 3600.0;
  out["breaks"] = nlohmann::ordered_json::array();
  for (const ShiftBreak& b : shift.breaks)
    out["breaks"].push_back({{"after_h", b.after_s / 3600.0}, {"length_min", b.length_s / 60.0}});
  out["agents"] = shift.agents;
  out["days"] = nlohmann::ordered_json::array();
  for (std::size_t d = 0; d < 7; ++d)
    if (shift.days[d]) out["days"].push_back(weekday_names[d]);
  return out;
}

nlohmann::ordered_json schedule_json(const Model& model, const std::vector<GroupSchedule>& groups) {
  nlohmann::ordered_json out;
  double cost = 0.0;
  double penalty = 0.0;
  bool optimal = true;
  double gap = 0.0;
  for (const GroupSchedule& g : groups) {
    cost += g.schedule.cost;
    penalty += g.schedule.penalty;
    optimal = optimal && g.schedule.optimal;
    gap = std::max(gap, g.schedule.gap);
  }
  out["cost"] = tidy(cost);
  out["penalty"] = tidy(penalty);
  out["optimal"] = optimal;
  out["gap"] = gap;
  out["shifts"] = nlohmann::ordered_json::array();
  for (const GroupSchedule& g : groups) {
    const AgentGroup& group = model.agent_groups[g.group];
    for (const ScheduledShift& s : g.schedule.shifts) {
      const ShiftTemplate& t = group.shift_templates[s.template_index];
      nlohmann::ordered_json shift;
      shift["group"] = group.id;
      shift["template"] = s.template_id;
      shift["start"] = clock(t.start_min);
      shift["length_h"] = t.length_s / 3600.0;
      shift["agents"] = s.agents;
      shift["cost"] = tidy(s.cost);
      shift["breaks"] = nlohmann::ordered_json::array();
      for (const ShiftBreak& b : s.breaks)
        shift["breaks"].push_back(
            {{"after_h", b.after_s / 3600.0}, {"length_min", b.length_s / 60.0}});
      out["shifts"].push_back(std::move(shift));
    }
  }
  out["coverage"] = nlohmann::ordered_json::array();
  const Horizon& h = model.horizon;
  for (const GroupSchedule& g : groups) {
    for (std::size_t i = 0; i < g.schedule.required.size(); ++i) {
      nlohmann::ordered_json row;
      row["group"] = model.agent_groups[g.group].id;
      row["interval"] = i;
      row["day"] = static_cast<int>(i) / h.intervals_per_day;
      row["start"] = h.start_label(static_cast<IntervalIndex>(i));
      row["required"] = g.schedule.required[i];
      row["scheduled"] = tidy(g.schedule.coverage[i]);
      row["short"] = tidy(g.schedule.short_by[i]);
      out["coverage"].push_back(std::move(row));
    }
  }
  return out;
}

void write_schedule_table(std::ostream& out, const Model& model,
                          const std::vector<GroupSchedule>& groups) {
  const Horizon& h = model.horizon;
  for (const GroupSchedule& g : groups) {
    const AgentGroup& group = model.agent_groups[g.group];
    const ShiftSchedule& s = g.schedule;
    fmt::print(out, "Roster of {}: cost {:.2f}", group.id, s.cost);
    if (s.penalty > 0) fmt::print(out, ", under-coverage penalty {:.2f}", s.penalty);
    fmt::print(out, "{}\n\n", s.optimal ? " (optimal)"
                                        : fmt::format(" (time limit: gap {:.2f} %)", 100 * s.gap));
    fmt::print(out, "  {:<16} {:>5} {:>5}  {:<24} {:>6} {:>12}\n", "template", "start", "end",
               "breaks", "agents", "cost");
    for (const ScheduledShift& shift : s.shifts) {
      const ShiftTemplate& t = group.shift_templates[shift.template_index];
      fmt::print(out, "  {:<16} {:>5} {:>5}  {:<24} {:>6} {:>12.2f}\n", shift.template_id,
                 clock(t.start_min), clock(t.start_min + t.length_s / 60.0),
                 breaks_text(t, shift.breaks), shift.agents, shift.cost);
    }
    if (s.shifts.empty()) fmt::print(out, "  (no shifts)\n");
    fmt::print(out, "\n  {:>8} {:>9} {:>9} {:>9} {:>9}\n", "interval", "start", "required",
               "scheduled", "short");
    for (std::size_t i = 0; i < s.required.size(); ++i) {
      if (s.required[i] <= 0 && s.coverage[i] <= 1e-9) continue;
      const int day = static_cast<int>(i) / h.intervals_per_day;
      const std::string start =
          h.days > 1 ? fmt::format("{} {}", weekday_names[(h.start_weekday + day) % 7],
                                   h.start_label(static_cast<IntervalIndex>(i)))
                     : h.start_label(static_cast<IntervalIndex>(i));
      fmt::print(out, "  {:>8} {:>9} {:>9.6g} {:>9.6g} {:>9}\n", i, start, s.required[i],
                 tidy(s.coverage[i]),
                 s.short_by[i] > 0 ? fmt::format("{:.6g}", tidy(s.short_by[i])) : "");
    }
    fmt::print(out, "\n");
  }
}

nlohmann::ordered_json search_json(const Model& model, const ScheduleSearch& search,
                                   int replications) {
  nlohmann::ordered_json out;
  out["rounds"] = search.rounds;
  out["replications"] = replications;
  out["targets_met"] = search.targets_met();
  out["misses"] = nlohmann::ordered_json::array();
  for (const ServiceLevelMiss& miss : search.misses)
    out["misses"].push_back({{"type", model.contact_types[miss.type].id},
                             {"interval", miss.interval},
                             {"start", model.horizon.start_label(miss.interval)},
                             {"service_level", miss.service_level},
                             {"target", miss.target}});
  return out;
}

void write_search_table(std::ostream& out, const Model& model, const ScheduleSearch& search,
                        int replications) {
  fmt::print(out, "Simulated {} round{} of {} replications: ", search.rounds,
             search.rounds == 1 ? "" : "s", replications);
  if (search.targets_met()) {
    fmt::print(out, "every service-level target met\n");
    return;
  }
  fmt::print(out, "{} intervals of a type below target\n", search.misses.size());
  constexpr std::size_t shown = 20;
  for (std::size_t k = 0; k < search.misses.size() && k < shown; ++k) {
    const ServiceLevelMiss& miss = search.misses[k];
    fmt::print(out, "  {:<16} interval {:>5} {:>5}  service level {:5.1f} % < {:.1f} %\n",
               model.contact_types[miss.type].id, miss.interval,
               model.horizon.start_label(miss.interval), 100 * miss.service_level,
               100 * miss.target);
  }
  if (search.misses.size() > shown)
    fmt::print(out, "  ... and {} more\n", search.misses.size() - shown);
}

nlohmann::json scenario_with_rosters(const nlohmann::json& document, const Model& model,
                                     const std::vector<GroupSchedule>& groups) {
  nlohmann::json out = document;
  for (const GroupSchedule& g : groups) {
    const AgentGroup& group = model.agent_groups[g.group];
    for (nlohmann::json& element : out.at("agent_groups")) {
      if (!element.is_object() || element.value("id", "") != group.id) continue;
      element.erase("staffing");
      nlohmann::json shifts = nlohmann::json::array();
      for (const Shift& shift : roster_of(g.schedule, group.shift_templates))
        shifts.push_back(nlohmann::json(shift_json(shift)));
      element["shifts"] = std::move(shifts);
    }
  }
  return out;
}

}  // namespace ccsim
