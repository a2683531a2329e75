#include "ccsim/html_report.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "sim/html_page.h"
#include "sim/svg_chart.h"
#include "sim/writer_text.h"

namespace ccsim {

namespace {


const double nan = std::nan("");

// The x positions of the per-period charts: intervals or days, as the summary's detail says.
std::vector<std::string> period_labels(const Model& model, const KpiLayout& layout) {
  std::vector<std::string> labels;
  const Horizon& h = model.horizon;
  for (std::size_t p = 0; p < layout.periods(); ++p) {
    if (layout.detail == Detail::day) {
      labels.push_back(fmt::format("d{} {}", p + 1, weekday_of(h, p)));
    } else {
      labels.push_back(h.interval_label(static_cast<IntervalIndex>(p)));
    }
  }
  return labels;
}

ChartSeries series_of(const Summary& summary, std::size_t scope, Kpi kpi, const std::string& name,
                      bool band) {
  ChartSeries s{name, {}, {}, {}};
  for (std::size_t p = 0; p < summary.layout.periods(); ++p) {
    const Estimate& e = summary.get(scope, KpiLayout::period_slot(p), kpi);
    s.values.push_back(e.n > 0 ? e.mean : nan);
    if (band) {
      const bool defined = e.n > 0 && !std::isnan(e.ci95);
      s.low.push_back(defined ? e.mean - e.ci95 : nan);
      s.high.push_back(defined ? e.mean + e.ci95 : nan);
    }
  }
  return s;
}

std::string cell(Kpi kpi, const Estimate& e) {
  if (e.n == 0 || std::isnan(e.mean)) return "-";
  std::string text = format_kpi_value(kpi, e.mean);
  if (!std::isnan(e.ci95) && e.ci95 > 0.0) text += " ±" + format_kpi_value(kpi, e.ci95);
  return html_escape(text);
}

// A table of the chart's numbers: a row per period, a column per series.
std::string period_table(const std::vector<std::string>& labels, const std::vector<std::string>& names,
                         const std::vector<std::vector<std::string>>& columns) {
  std::string out = "<details><summary>Table</summary><table><tr><th>period</th>";
  for (const std::string& name : names) out += "<th>" + html_escape(name) + "</th>";
  out += "</tr>";
  for (std::size_t p = 0; p < labels.size(); ++p) {
    out += "<tr><td>" + html_escape(labels[p]) + "</td>";
    for (const auto& column : columns) out += "<td>" + column[p] + "</td>";
    out += "</tr>";
  }
  return out + "</table></details>";
}

std::vector<std::string> column_of(const Summary& summary, std::size_t scope, Kpi kpi) {
  std::vector<std::string> column;
  for (std::size_t p = 0; p < summary.layout.periods(); ++p)
    column.push_back(cell(kpi, summary.get(scope, KpiLayout::period_slot(p), kpi)));
  return column;
}

void service_levels(std::ostream& out, const Model& model, const Summary& summary,
                    const std::vector<std::string>& labels) {
  fmt::print(out, "<h2>Service level by {}</h2>\n", summary.layout.detail == Detail::day ? "day" : "interval");
  for (std::size_t t = 0; t < model.type_count(); ++t) {
    const ContactType& type = model.contact_types[t];
    const bool email = type.channel == Channel::email;
    const Kpi kpi = email ? Kpi::response_sl : Kpi::service_level;
    const double target = email ? (type.response ? type.response->target : nan) : type.sla.target;
    LineChart chart{fmt::format("{}/type/{}", kpi_name(kpi), type.id),
                    fmt::format("{}: {} (target {})", type.id, email ? "response SL" : "service level",
                                type_target(type)),
                    labels, {series_of(summary, summary.layout.type_scope(t), kpi, type.id, true)},
                    std::isnan(target) ? std::nullopt : std::optional<double>(target), true, ""};
    out << svg_line_chart(chart) << '\n';
    out << period_table(labels, {std::string(kpi_name(kpi)), "P(target met)"},
                        {column_of(summary, summary.layout.type_scope(t), kpi),
                         column_of(summary, summary.layout.type_scope(t), Kpi::sl_target_met)})
        << '\n';
  }
}

// One chart with a line per contact type (or group), and its table.
void per_scope_chart(std::ostream& out, const Summary& summary, const std::vector<std::string>& labels,
                     Kpi kpi, const std::string& title, const std::string& unit,
                     const std::vector<std::pair<std::string, std::size_t>>& scopes, const std::string& kind) {
  LineChart chart{fmt::format("{}/{}", kpi_name(kpi), kind), title, labels, {}, std::nullopt,
                  kpi_is_share(kpi), unit};
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> columns;
  for (const auto& [name, scope] : scopes) {
    chart.series.push_back(series_of(summary, scope, kpi, name, false));
    names.push_back(name);
    columns.push_back(column_of(summary, scope, kpi));
  }
  out << svg_line_chart(chart) << '\n' << period_table(labels, names, columns) << '\n';
}

void staffing(std::ostream& out, const Model& model, const Summary& summary, const std::vector<std::string>& labels) {
  out << "<h2>Agents and occupancy</h2>\n";
  if (summary.layout.detail == Detail::interval) {
    LineChart chart{"on_duty/group", "Agents on duty per interval", labels, {}, std::nullopt, false, "agents"};
    std::vector<std::string> names;
    std::vector<std::vector<std::string>> columns;
    for (const AgentGroup& group : model.agent_groups) {
      ChartSeries s{group.id, {}, {}, {}};
      std::vector<std::string> column;
      for (const double n : group.on_duty) {
        s.values.push_back(n);
        column.push_back(agents_text(n));
      }
      chart.series.push_back(s);
      names.push_back(group.id);
      columns.push_back(column);
    }
    out << svg_line_chart(chart) << '\n' << period_table(labels, names, columns) << '\n';
  }
  std::vector<std::pair<std::string, std::size_t>> groups;
  for (std::size_t g = 0; g < model.group_count(); ++g)
    groups.emplace_back(model.agent_groups[g].id, summary.layout.group_scope(g));
  per_scope_chart(out, summary, labels, Kpi::occupancy, "Occupancy per group", "", groups, "group");
}

// What the centre spends, whole horizon: agents paid by the hour, partners paid by the contact or
// minute, automation (bots and assist).
void cost(std::ostream& out, const Model& model, const Summary& summary) {
  out << "<h2>Cost</h2>\n";
  BarChart chart{"cost_total/breakdown", "Cost over the horizon", {}, {}, {}, {}, false, "", false};
  std::string rows;
  for (std::size_t g = 0; g < model.group_count(); ++g) {
    const AgentGroup& group = model.agent_groups[g];
    const bool partner = group.cost_per_contact > 0.0 || group.cost_per_minute > 0.0;
    const Estimate& e = summary.get(summary.layout.group_scope(g), KpiLayout::whole_horizon, Kpi::cost_total);
    const std::string label = fmt::format("{} ({})", group.id, partner ? "partner" : "agents");
    chart.labels.push_back(label);
    chart.values.push_back(e.mean);
    chart.half_widths.push_back(e.ci95);
    rows += "<tr><td>" + html_escape(label) + "</td><td>" + cell(Kpi::cost_total, e) + "</td></tr>";
  }
  const Estimate& bots = summary.get(KpiLayout::overall, KpiLayout::whole_horizon, Kpi::cost_automation);
  chart.labels.push_back("automation");
  chart.values.push_back(bots.mean);
  chart.half_widths.push_back(bots.ci95);
  rows += "<tr><td>automation</td><td>" + cell(Kpi::cost_automation, bots) + "</td></tr>";
  const Estimate& total = summary.get(KpiLayout::overall, KpiLayout::whole_horizon, Kpi::cost_total);
  rows += "<tr><th>total</th><th>" + cell(Kpi::cost_total, total) + "</th></tr>";
  out << svg_bar_chart(chart) << "\n<table><tr><th>item</th><th>cost</th></tr>" << rows << "</table>\n";
}

void types_table(std::ostream& out, const Model& model, const Summary& summary) {
  std::vector<std::pair<Kpi, const char*>> columns = {
      {Kpi::offered, "offered"}, {Kpi::service_level, "service level"}, {Kpi::sl_target_met, "P(target met)"},
      {Kpi::asa_s, "ASA s"},     {Kpi::abandon_rate, "abandoned"},      {Kpi::aht_s, "AHT s"}};
  // With wrap-up, AHT is talk + wrap-up: both parts beside it.
  if (std::any_of(model.contact_types.begin(), model.contact_types.end(),
                  [](const ContactType& type) { return type.wrap_up.has_value(); }))
    columns.insert(columns.end(), {{Kpi::talk_s, "talk s"}, {Kpi::wrap_s, "wrap s"}});
  out << "<h2>Whole horizon</h2>\n<table><tr><th>type</th><th>target</th>";
  for (const auto& [kpi, heading] : columns) out << "<th>" << heading << "</th>";
  out << "</tr>";
  for (std::size_t t = 0; t < model.type_count(); ++t) {
    out << "<tr><td>" << html_escape(model.contact_types[t].id) << "</td><td>"
        << html_escape(type_target(model.contact_types[t])) << "</td>";
    for (const auto& [kpi, heading] : columns)
      out << "<td>" << cell(kpi, summary.get(summary.layout.type_scope(t), KpiLayout::whole_horizon, kpi)) << "</td>";
    out << "</tr>";
  }
  out << "</table>\n";
}

void what_if_section(std::ostream& out, const Model& model, const Summary& baseline,
                     const WhatIfVariant& variant, const PairedSummary& result) {
  fmt::print(out, "<h3>What-if {}</h3>\n", html_escape(variant.name));
  const std::vector<Kpi> kpis = {Kpi::service_level, Kpi::asa_s, Kpi::abandon_rate, Kpi::occupancy, Kpi::cost_total};
  std::vector<std::pair<std::string, std::size_t>> scopes = {{"all", KpiLayout::overall}};
  for (std::size_t t = 0; t < model.type_count(); ++t)
    scopes.emplace_back(model.contact_types[t].id, baseline.layout.type_scope(t));
  BarChart chart{fmt::format("change/service_level/{}", variant.name),
                 fmt::format("{}: change of service level (paired 95 % interval)", variant.name),
                 {}, {}, {}, {}, true, "", true};
  for (const auto& [name, scope] : scopes) {
    const Estimate& c = result.change.get(scope, KpiLayout::whole_horizon, Kpi::service_level);
    chart.labels.push_back(name);
    chart.values.push_back(c.n > 0 ? c.mean : nan);
    chart.half_widths.push_back(c.ci95);
  }
  out << svg_bar_chart(chart) << "\n<table><tr><th>scope</th><th>KPI</th><th>baseline</th><th>what-if</th><th>change</th></tr>";
  for (const auto& [name, scope] : scopes)
    for (const Kpi kpi : kpis) {
      if (!kpi_applies(baseline.layout.kind(scope), kpi)) continue;
      const Estimate& c = result.change.get(scope, KpiLayout::whole_horizon, kpi);
      std::string change = "-";
      if (c.n > 0 && !std::isnan(c.mean)) {
        const double scale = kpi_is_share(kpi) ? 100.0 : 1.0;
        change = fmt::format("{:+.2f}{} ±{:.2f}", c.mean * scale, kpi_is_share(kpi) ? " pt" : "", c.ci95 * scale);
      }
      out << "<tr><td>" << html_escape(name) << "</td><td>" << kpi_name(kpi) << "</td><td>"
          << cell(kpi, baseline.get(scope, KpiLayout::whole_horizon, kpi)) << "</td><td>"
          << cell(kpi, result.variant.get(scope, KpiLayout::whole_horizon, kpi)) << "</td><td>"
          << html_escape(change) << "</td></tr>";
    }
  out << "</table>\n";
}

}  // namespace

void write_summary_sections(std::ostream& out, const Model& model, const Summary& summary) {
  types_table(out, model, summary);
  const std::vector<std::string> labels = period_labels(model, summary.layout);
  if (!labels.empty()) {
    service_levels(out, model, summary, labels);
    std::vector<std::pair<std::string, std::size_t>> types;
    for (std::size_t t = 0; t < model.type_count(); ++t)
      if (model.contact_types[t].channel != Channel::email)
        types.emplace_back(model.contact_types[t].id, summary.layout.type_scope(t));
    out << "<h2>Waiting and abandonment</h2>\n";
    per_scope_chart(out, summary, labels, Kpi::asa_s, "ASA per type", "s", types, "type");
    per_scope_chart(out, summary, labels, Kpi::abandon_rate, "Abandonment per type", "", types, "type");
    staffing(out, model, summary, labels);
  }
  cost(out, model, summary);
}

void write_run_report(std::ostream& out, const Model& model, const Summary& summary,
                      const RunDescription& run, const std::vector<WhatIfVariant>& variants,
                      const std::vector<PairedSummary>& what_ifs) {
  write_page_head(out, model.name);
  fmt::print(out, "<h1>{}</h1>\n", html_escape(model.name));
  write_run_line(out, model, run);
  write_summary_sections(out, model, summary);
  if (!variants.empty()) {
    out << "<h2>What-ifs</h2>\n<p>Each what-if ran on the same random numbers as the baseline; a "
           "change's interval comes from the paired differences.</p>\n";
    for (std::size_t v = 0; v < variants.size(); ++v) what_if_section(out, model, summary, variants[v], what_ifs[v]);
  }
  write_page_end(out);
}

}  // namespace ccsim
