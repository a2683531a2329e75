#include "ccsim/staffing_writers.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "ccsim/json_number.h"
#include "ccsim/staffing_seed.h"
#include "sim/writer_text.h"

namespace ccsim {

namespace {

using nlohmann::json;

std::string slot_start(const Model& model, std::size_t slot) { return target_slot_label(model, slot); }

// The interval index of an interval's slot; null for the horizon or a day.
json interval_of(const Model& model, std::size_t slot) {
  const bool interval = slot != KpiLayout::whole_horizon && slot <= static_cast<std::size_t>(model.horizon.intervals());
  return interval ? json(slot - 1) : json(nullptr);
}

json by_group(const Model& model, const std::vector<std::vector<double>>& staffed) {
  json out = json::object();
  for (std::size_t g = 0; g < model.group_count(); ++g) out[model.agent_groups[g].id] = agents_json(staffed[g]);
  return out;
}

std::string percent(double share) {
  return std::isnan(share) ? "-" : fmt::format("{:.1f}%", 100.0 * share);
}

std::string target_line(const Model& model, const TargetCheck& t) {
  const ContactType& type = model.contact_types[t.type];
  const std::string where = fmt::format("  {:<14} {:<10}", type.id, slot_start(model, t.slot));
  switch (t.kind) {
    case TargetKind::service_level:
      return fmt::format("{} {} {:>7} (target {}), P(target met) {:>7}", where,
                         type.channel == Channel::email ? "response SL" : "service level",
                         percent(t.value), type_target(type), percent(t.p_met));
    case TargetKind::abandon_max:
      return fmt::format("{} abandoned {:>7} (at most {})", where, percent(t.value), percent(t.target));
    case TargetKind::asa_max:
      return fmt::format("{} ASA {:>7} s (at most {:g} s)", where,
                         std::isnan(t.value) ? "-" : fmt::format("{:.1f}", t.value), t.target);
  }
  return where;
}

// A margin relative to its threshold, so that targets in seconds and in shares rank together.
double relative_margin(const TargetCheck& t) {
  return t.target > 0.0 ? t.margin / t.target : t.margin;
}

}  // namespace

json agents_json(const std::vector<double>& agents) {
  json out = json::array();
  for (const double a : agents) {
    if (a == std::floor(a) && std::abs(a) < 9e15)
      out.push_back(static_cast<std::int64_t>(a));
    else
      out.push_back(a);
  }
  return out;
}

Scenario with_staffing_plan(const Scenario& scenario, const Model& model,
                            const StaffingSearchResult& result) {
  Scenario planned = scenario;
  for (AgentGroupIndex g = 0; g < model.group_count(); ++g)
    if (staffing_searchable(model, g))
      planned = planned.with_value(fmt::format("/agent_groups/{}/staffing", g), agents_json(result.staffed[g]));
  return planned;
}

json staffing_json(const Model& model, const StaffingSearchResult& result,
                   const RunDescription& verification) {
  json out = json::object();
  out["cost"] = result.cost;
  out["seed_cost"] = result.seed_cost;
  out["targets_met"] = result.targets_met;
  json intervals = json::array();
  for (IntervalIndex i = 0; i < static_cast<IntervalIndex>(model.horizon.intervals()); ++i)
    intervals.push_back(slot_start(model, KpiLayout::interval_slot(i)));
  out["intervals"] = intervals;
  out["staffing"] = by_group(model, result.staffed);
  out["erlang_seed"] = by_group(model, result.erlang_seed);
  json targets = json::array();
  for (const TargetCheck& t : result.targets) {
    targets.push_back({{"type", model.contact_types[t.type].id},
                       {"kpi", kpi_name(target_kpi(model.contact_types[t.type], t.kind))},
                       {"interval", interval_of(model, t.slot)},
                       {"start", slot_start(model, t.slot)},
                       {"value", number_or_null<json>(t.value)},
                       {"p_target_met", number_or_null<json>(t.p_met)},
                       {"target", t.target},
                       {"holds", t.holds},
                       {"margin", number_or_null<json>(t.margin)}});
    const auto horizon_intervals = static_cast<std::size_t>(model.horizon.intervals());
    if (t.slot > horizon_intervals) targets.back()["day"] = t.slot - 1 - horizon_intervals;
  }
  out["targets"] = targets;
  const StaffingTrail& trail = result.trail;
  out["trail"] = {{"evaluations", trail.evaluations},     {"replications", trail.replications},
                  {"contacts", trail.contacts},           {"events", trail.events},
                  {"corrections", trail.corrections},     {"weighings", trail.weighings},
                  {"removal_passes", trail.removal_passes},
                  {"stopped_at_limit", trail.stopped_at_limit}};
  out["verification"] = summary_json(with_staffing(model, result.staffed), result.verification, verification);
  return out;
}

void write_staffing_csv(std::ostream& out, const Model& model, const StaffingSearchResult& result) {
  out << "group,interval,start,agents,erlang_seed\n";
  for (std::size_t g = 0; g < model.group_count(); ++g)
    for (std::size_t i = 0; i < result.staffed[g].size(); ++i)
      out << csv_field(model.agent_groups[g].id) << ',' << i << ','
          << csv_field(slot_start(model, KpiLayout::interval_slot(i))) << ','
          << csv_number(result.staffed[g][i]) << ',' << csv_number(result.erlang_seed[g][i]) << '\n';
}

void write_staffing_report(std::ostream& out, const Model& model, const StaffingSearchResult& result,
                           const RunDescription& verification) {
  fmt::print(out, "Staffing plan: paid agents per interval (Erlang seed in brackets)\n");
  std::vector<std::string> headings = {"interval"};
  for (const AgentGroup& group : model.agent_groups) headings.push_back(group.id);
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < static_cast<std::size_t>(model.horizon.intervals()); ++i) {
    std::vector<std::string> row = {slot_start(model, KpiLayout::interval_slot(i))};
    for (std::size_t g = 0; g < model.group_count(); ++g)
      row.push_back(fmt::format("{:g} ({:g})", result.staffed[g][i], result.erlang_seed[g][i]));
    rows.push_back(row);
  }
  std::vector<std::size_t> widths(headings.size());
  for (std::size_t c = 0; c < headings.size(); ++c) {
    widths[c] = headings[c].size();
    for (const auto& row : rows) widths[c] = std::max(widths[c], row[c].size());
  }
  const auto print_row = [&](const std::vector<std::string>& row) {
    out << ' ';
    for (std::size_t c = 0; c < row.size(); ++c)
      if (c == 0)
        fmt::print(out, " {:<{}}", row[c], widths[c]);
      else
        fmt::print(out, "  {:>{}}", row[c], widths[c]);
    out << '\n';
  };
  print_row(headings);
  for (const auto& row : rows) print_row(row);

  fmt::print(out, "\n{} {:.0f} (Erlang seed {:.0f})\n",
             has_agent_cost(model) ? "Cost" : "Agent-hours (no group has a cost per hour)", result.cost,
             result.seed_cost);
  std::vector<const TargetCheck*> failing, holding;
  for (const TargetCheck& t : result.targets) (t.holds ? holding : failing).push_back(&t);
  fmt::print(out, "Targets on {} fresh replications (seed {}): {} of {} hold{}\n",
             verification.replications, verification.seed, holding.size(), result.targets.size(),
             result.targets_met ? "" : "; failing:");
  for (const TargetCheck* t : failing) fmt::print(out, "{}\n", target_line(model, *t));
  std::stable_sort(holding.begin(), holding.end(),
                   [](const TargetCheck* a, const TargetCheck* b) { return relative_margin(*a) < relative_margin(*b); });
  const std::size_t tight = std::min<std::size_t>(5, holding.size());
  if (tight > 0) {
    fmt::print(out, "What binds (the tightest targets that hold):\n");
    for (std::size_t n = 0; n < tight; ++n) fmt::print(out, "{}\n", target_line(model, *holding[n]));
  }
  const StaffingTrail& trail = result.trail;
  fmt::print(out, "Search: {} plans simulated ({} seed corrections, {} runs weighing where to add, {} "
             "removal passes{}), {} replications\n\n",
             trail.evaluations, trail.corrections, trail.weighings, trail.removal_passes,
             trail.stopped_at_limit ? ", stopped at the evaluation limit" : "", trail.replications);
  write_table(out, with_staffing(model, result.staffed), result.verification, verification);
}

}  // namespace ccsim
