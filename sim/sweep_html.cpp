// `ccsim sweep --report`: a sweep's points as a page (html_report.h).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "ccsim/html_report.h"
#include "sim/html_page.h"
#include "sim/svg_chart.h"

namespace ccsim {

namespace {

const std::vector<Kpi> shown_kpis = {Kpi::service_level, Kpi::asa_s, Kpi::abandon_rate, Kpi::occupancy,
                                     Kpi::cost_total, Kpi::sl_target_met};


// The distinct values of parameter p in the order the points first take them.
std::vector<double> levels(const std::vector<std::vector<double>>& points, std::size_t p) {
  std::vector<double> out;
  for (const auto& values : points)
    if (std::find(out.begin(), out.end(), values[p]) == out.end()) out.push_back(values[p]);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

SweepReport::SweepReport(const Model& base, std::vector<std::string> parameters,
                         std::vector<std::vector<std::string>> labels)
    : base_(base), parameters_(std::move(parameters)), labels_(std::move(labels)) {}

std::string SweepReport::value_label(std::size_t parameter, double value) const {
  const auto level = static_cast<std::size_t>(value);
  if (parameter < labels_.size() && level < labels_[parameter].size()) return labels_[parameter][level];
  return fmt::format("{:g}", value);
}

void SweepReport::add(const std::vector<double>& values, const Summary& summary) {
  Point point{values, {}};
  const std::size_t scopes = 1 + base_.type_count();
  for (std::size_t s = 0; s < scopes; ++s) {
    const std::size_t scope = s == 0 ? KpiLayout::overall : summary.layout.type_scope(s - 1);
    for (const Kpi kpi : shown_kpis) point.kpis.push_back(summary.get(scope, KpiLayout::whole_horizon, kpi));
  }
  points_.push_back(std::move(point));
}

void SweepReport::write(std::ostream& out, const RunDescription& run) const {
  write_page_head(out, base_.name + ": sweep");
  fmt::print(out, "<h1>{}: sweep</h1>\n", html_escape(base_.name));
  fmt::print(out, "<p class=\"run\" id=\"run\" data-replications=\"{}\" data-seed=\"{}\" data-points=\"{}\">{} points, "
                  "{} replications each on the same random numbers (seed {}); ccsim {}. Whole-horizon figures, "
                  "means with 95 % confidence half-widths.</p>\n",
             run.replications, run.seed, points_.size(), points_.size(), run.replications, run.seed, CCSIM_VERSION);
  const std::size_t per_scope = shown_kpis.size();
  std::vector<std::string> scope_names = {"all"};
  for (const ContactType& type : base_.contact_types) scope_names.push_back(type.id);
  const auto at = [&](const Point& p, std::size_t scope, std::size_t k) -> const Estimate& {
    return p.kpis[scope * per_scope + k];
  };
  std::vector<std::vector<double>> values;
  for (const Point& p : points_) values.push_back(p.values);

  if (parameters_.size() == 1 && !points_.empty()) {
    std::vector<std::size_t> order(points_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return points_[a].values[0] < points_[b].values[0]; });
    std::vector<std::string> labels;
    for (const std::size_t i : order) labels.push_back(value_label(0, points_[i].values[0]));
    out << "<h2>Over " << html_escape(parameters_[0]) << "</h2>\n";
    for (std::size_t k = 0; k < per_scope; ++k) {
      const Kpi kpi = shown_kpis[k];
      LineChart chart{fmt::format("sweep/{}", kpi_name(kpi)), fmt::format("{} over {}", kpi_name(kpi), parameters_[0]),
                      labels, {}, std::nullopt, kpi_is_share(kpi), kpi == Kpi::asa_s ? "s" : ""};
      for (std::size_t s = 0; s < scope_names.size(); ++s) {
        ChartSeries series{scope_names[s], {}, {}, {}};
        bool any = false;
        for (const std::size_t i : order) {
          const Estimate& e = at(points_[i], s, k);
          const bool defined = e.n > 0 && !std::isnan(e.mean);
          any = any || defined;
          series.values.push_back(defined ? e.mean : std::nan(""));
          series.low.push_back(defined && !std::isnan(e.ci95) ? e.mean - e.ci95 : std::nan(""));
          series.high.push_back(defined && !std::isnan(e.ci95) ? e.mean + e.ci95 : std::nan(""));
        }
        if (any) chart.series.push_back(series);
      }
      if (!chart.series.empty()) out << svg_line_chart(chart) << '\n';
    }
  } else if (parameters_.size() == 2 && !points_.empty()) {
    const std::vector<double> xs = levels(values, 0), ys = levels(values, 1);
    if (xs.size() * ys.size() == points_.size()) {
      out << "<h2>Over " << html_escape(parameters_[0]) << " and " << html_escape(parameters_[1]) << "</h2>\n";
      for (std::size_t k = 0; k < per_scope; ++k) {
        const Kpi kpi = shown_kpis[k];
        HeatMap map{fmt::format("sweep/{}", kpi_name(kpi)), fmt::format("{} (all types)", kpi_name(kpi)),
                    parameters_[0], parameters_[1], {}, {},
                    std::vector<std::vector<double>>(ys.size(), std::vector<double>(xs.size(), std::nan(""))),
                    kpi_is_share(kpi), kpi == Kpi::asa_s ? "s" : ""};
        for (const double x : xs) map.x_labels.push_back(value_label(0, x));
        for (const double y : ys) map.y_labels.push_back(value_label(1, y));
        for (const Point& p : points_) {
          const auto xi = static_cast<std::size_t>(std::find(xs.begin(), xs.end(), p.values[0]) - xs.begin());
          const auto yi = static_cast<std::size_t>(std::find(ys.begin(), ys.end(), p.values[1]) - ys.begin());
          const Estimate& e = at(p, 0, k);
          map.values[yi][xi] = e.n > 0 ? e.mean : std::nan("");
        }
        const bool any = std::any_of(map.values.begin(), map.values.end(), [](const auto& row) {
          return std::any_of(row.begin(), row.end(), [](double v) { return !std::isnan(v); });
        });
        if (any) out << svg_heat_map(map) << '\n';
      }
    } else {
      out << "<p>The points do not fill a grid (a Latin hypercube): see the table.</p>\n";
    }
  } else if (!points_.empty()) {
    out << "<p>More than two parameters: see the table.</p>\n";
  }

  out << "<h2>Every point</h2>\n<details open><summary>Table</summary><table><tr><th>point</th>";
  for (const std::string& p : parameters_) out << "<th>" << html_escape(p) << "</th>";
  out << "<th>scope</th>";
  for (const Kpi kpi : shown_kpis) out << "<th>" << kpi_name(kpi) << "</th>";
  out << "</tr>";
  for (std::size_t i = 0; i < points_.size(); ++i)
    for (std::size_t s = 0; s < scope_names.size(); ++s) {
      out << "<tr><td>" << i << "</td>";
      for (std::size_t p = 0; p < points_[i].values.size(); ++p)
        out << "<td>" << html_escape(value_label(p, points_[i].values[p])) << "</td>";
      out << "<td>" << html_escape(scope_names[s]) << "</td>";
      for (std::size_t k = 0; k < per_scope; ++k) {
        const Estimate& e = at(points_[i], s, k);
        const bool applies = s > 0 || shown_kpis[k] != Kpi::sl_target_met;
        out << "<td>" << (applies && e.n > 0 && !std::isnan(e.mean) ? html_escape(format_kpi_value(shown_kpis[k], e.mean)) : "-")
            << "</td>";
      }
      out << "</tr>";
    }
  out << "</table></details>\n";
  write_page_end(out);
}

}  // namespace ccsim
