// Tables with a row per day or per interval: their labels, and the per contact type and per agent
// group tables of `--by type` and `--by group`.
#include "sim/period_tables.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/ostream.h>

#include "ccsim/writers.h"
#include "sim/writer_text.h"

namespace ccsim {

namespace {

// The agent groups that serve contact type `type`, for the agents on duty beside its periods.
std::vector<std::size_t> groups_serving(const Model& model, std::size_t type) {
  std::vector<std::size_t> serving;
  for (std::size_t g = 0; g < model.group_count(); ++g)
    for (const Skill& skill : model.agent_groups[g].skills)
      if (skill.type == type) {
        serving.push_back(g);
        break;
      }
  return serving;
}

}  // namespace

std::string periods_title(const KpiLayout& layout) {
  return layout.detail == Detail::day ? "By day" : "By interval";
}

std::vector<std::string> period_headings(const KpiLayout& layout) {
  if (layout.detail == Detail::day) return {"day"};
  return {"start", "on duty"};
}

std::vector<Row> period_rows(const Model& model, const KpiLayout& layout, std::size_t scope,
                             const std::vector<std::size_t>& groups) {
  const Horizon& h = model.horizon;
  std::vector<Row> rows;
  if (layout.detail == Detail::day) {
    for (std::size_t d = 0; d < layout.days; ++d)
      rows.push_back({{fmt::format("d{} {}", d + 1, weekday_of(h, d))}, scope, KpiLayout::day_slot(d)});
    return rows;
  }
  if (layout.detail != Detail::interval) return rows;
  for (std::size_t i = 0; i < layout.intervals; ++i) {
    const std::string label = h.interval_label(static_cast<IntervalIndex>(i));
    double on_duty = 0.0;
    for (const std::size_t g : groups) on_duty += model.agent_groups[g].on_duty[i];
    rows.push_back({{label, agents_text(on_duty)}, scope, KpiLayout::interval_slot(i)});
  }
  return rows;
}

std::vector<Column> with_handle_split(const Model& model, std::vector<Column> columns) {
  const bool wraps_up = std::any_of(model.contact_types.begin(), model.contact_types.end(),
                                    [](const ContactType& type) { return type.wrap_up.has_value(); });
  if (!wraps_up) return columns;
  const auto aht = std::find_if(columns.begin(), columns.end(),
                                [](const Column& column) { return column.kpi == Kpi::aht_s; });
  if (aht == columns.end()) return columns;
  columns.insert(aht + 1, {{Kpi::talk_s, "talk s"}, {Kpi::wrap_s, "wrap s"}});
  return columns;
}

std::vector<Column> with_further_thresholds(const Model& model, std::vector<Column> columns) {
  auto level = std::find_if(columns.begin(), columns.end(),
                            [](const Column& column) { return column.kpi == Kpi::service_level; });
  if (level == columns.end()) return columns;
  constexpr std::array<Kpi, max_further_thresholds> kpis = {Kpi::service_level_2, Kpi::service_level_3};
  constexpr std::array<const char*, max_further_thresholds> nth = {"2nd", "3rd"};
  for (std::size_t k = 0; k < max_further_thresholds; ++k) {
    std::optional<double> shared;
    bool same = true;
    for (const ContactType& type : model.contact_types) {
      if (type.sla.also_within_s.size() <= k) continue;
      const double t = type.sla.also_within_s[k];
      same = same && (!shared || *shared == t);
      shared = t;
    }
    if (!shared) break;
    level = columns.insert(level + 1, {kpis[k], same ? fmt::format("SL {:g} s", *shared)
                                                     : fmt::format("SL ({})", nth[k])});
  }
  return columns;
}

void write_type_tables(std::ostream& out, const Model& model, const Summary& summary) {
  if (summary.layout.periods() == 0) return;
  const std::string periods = periods_title(summary.layout);
  for (std::size_t t = 0; t < model.type_count(); ++t) {
    const ContactType& type = model.contact_types[t];
    fmt::print(out, "\n{}, contact type {} ({}; on duty: the groups that serve it)\n", periods,
               type.id, type_target(type));
    print_grid(out, summary, period_headings(summary.layout),
               period_rows(model, summary.layout, summary.layout.type_scope(t), groups_serving(model, t)),
               with_further_thresholds(
                   model, with_handle_split(
                              model, {{Kpi::offered, "offered"}, {Kpi::service_level, "service level"},
                                      {Kpi::asa_s, "ASA s"}, {Kpi::wait_p90_s, "p90 wait s"},
                                      {Kpi::abandon_rate, "abandoned"}, {Kpi::aht_s, "AHT s"},
                                      {Kpi::sl_target_met, "P(target met)"}})));
  }
}

void write_group_tables(std::ostream& out, const Model& model, const Summary& summary) {
  if (summary.layout.periods() == 0) return;
  const std::string periods = periods_title(summary.layout);
  for (std::size_t g = 0; g < model.group_count(); ++g) {
    const AgentGroup& group = model.agent_groups[g];
    fmt::print(out, "\n{}, agent group {}\n", periods, group.id);
    print_grid(out, summary, period_headings(summary.layout),
               period_rows(model, summary.layout, summary.layout.group_scope(g), {g}),
               with_handle_split(model, {{Kpi::handled, "handled"}, {Kpi::aht_s, "AHT s"},
                                         {Kpi::occupancy, "occupancy"},
                                         {Kpi::utilisation, "utilisation"}, {Kpi::cost_total, "cost"}}));
  }
}

}  // namespace ccsim
