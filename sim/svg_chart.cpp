#include "sim/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace ccsim {

namespace {

constexpr double width = 760.0, height = 260.0;
constexpr double left = 64.0, right = 16.0, top = 30.0, bottom = 46.0;
constexpr double plot_w = width - left - right, plot_h = height - top - bottom;
// Series colours: distinguishable in colour and in grey print (dark to light).
constexpr const char* colours[] = {"#1f4e79", "#c55a11", "#548235", "#7030a0", "#b8860b", "#2e75b6",
                                   "#a50021", "#3b3838"};

std::string number(double v) { return fmt::format("{:.17g}", v); }

std::string shown(double v, bool percent, const std::string& unit) {
  if (std::isnan(v)) return "-";
  if (percent) return fmt::format("{:.1f} %", 100.0 * v);
  return unit.empty() ? fmt::format("{:.4g}", v) : fmt::format("{:.4g} {}", v, unit);
}

struct Range {
  double low = std::numeric_limits<double>::infinity();
  double high = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (std::isnan(v)) return;
    low = std::min(low, v);
    high = std::max(high, v);
  }
};

// A step of 1, 2, 2.5 or 5 times a power of ten, about a quarter of `span`.
double nice_step(double span) {
  const double raw = span / 4.0;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * power >= raw) return m * power;
  return 10.0 * power;
}

// An axis from 0 (or below, for negative values) to a whole number of steps (1, 2, 2.5 or 5 times a
// power of ten) just above the highest value, ticked at its quarters; shares stay within 0-100 %.
Range axis(Range r, bool percent) {
  if (!std::isfinite(r.low)) return {0.0, 1.0};
  const double low = std::min(0.0, r.low);
  const double top_value = std::max(r.high, low + (percent ? 0.05 : 1.0));
  const double step = nice_step(top_value - low);
  double high = low + step * std::ceil((top_value - low) / step - 1e-9);
  if (percent && high > 1.0 && r.high <= 1.0) high = 1.0;
  return {low, high};
}

// "6690", "4.71", "+1.33": whole numbers for large values, three digits otherwise.
std::string bar_value(double v, bool changes) {
  const std::string text = std::abs(v) >= 100.0 ? fmt::format("{:.0f}", v) : fmt::format("{:.3g}", v);
  return changes && v >= 0.0 ? "+" + text : text;
}

double y_of(double v, const Range& a) { return top + plot_h * (1.0 - (v - a.low) / (a.high - a.low)); }

std::string axes(const Range& a, bool percent, const std::string& unit, const std::string& title) {
  std::string out = fmt::format(R"(<text class="title" x="{}" y="18">{}</text>)", left, html_escape(title));
  for (int k = 0; k <= 4; ++k) {
    const double v = a.low + (a.high - a.low) * k / 4.0;
    const double y = y_of(v, a);
    out += fmt::format(R"(<line class="grid" x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}"/>)", left,
                       left + plot_w, y, y);
    out += fmt::format(R"(<text class="tick" x="{}" y="{:.1f}" text-anchor="end">{}</text>)", left - 6,
                       y + 4, html_escape(percent ? fmt::format("{:.3g} %", 100 * v) : fmt::format("{:.4g}{}", v, unit.empty() ? "" : " " + unit)));
  }
  return out;
}

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string svg_line_chart(const LineChart& chart) {
  Range r;
  for (const ChartSeries& s : chart.series) {
    for (const double v : s.values) r.add(v);
    for (const double v : s.high) r.add(v);
    for (const double v : s.low) r.add(v);
  }
  if (chart.target) r.add(*chart.target);
  const Range a = axis(r, chart.percent);
  const std::size_t n = chart.x_labels.size();
  const auto x_of = [&](std::size_t i) { return left + plot_w * (n > 1 ? double(i) / double(n - 1) : 0.5); };

  std::string out = fmt::format(
      R"(<svg class="chart line-chart" data-chart="{}" viewBox="0 0 {} {}" role="img" aria-label="{}">)",
      html_escape(chart.id), width, height, html_escape(chart.title));
  out += axes(a, chart.percent, chart.unit, chart.title);
  // X labels: at most about 12, evenly spaced.
  const std::size_t step = std::max<std::size_t>(1, (n + 11) / 12);
  for (std::size_t i = 0; i < n; i += step)
    out += fmt::format(R"(<text class="tick" x="{:.1f}" y="{}" text-anchor="middle">{}</text>)", x_of(i),
                       top + plot_h + 18, html_escape(chart.x_labels[i]));
  if (chart.target)
    out += fmt::format(R"(<line class="target" data-value="{}" x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}"><title>target {}</title></line>)",
                       number(*chart.target), left, left + plot_w, y_of(*chart.target, a),
                       y_of(*chart.target, a), shown(*chart.target, chart.percent, chart.unit));
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const ChartSeries& series = chart.series[s];
    const char* colour = colours[s % std::size(colours)];
    // The band: one polygon per run of defined values.
    if (!series.low.empty()) {
      std::size_t i = 0;
      while (i < n) {
        while (i < n && (std::isnan(series.low[i]) || std::isnan(series.high[i]))) ++i;
        std::string upper, lower;
        std::size_t j = i;
        for (; j < n && !std::isnan(series.low[j]) && !std::isnan(series.high[j]); ++j)
          upper += fmt::format("{:.1f},{:.1f} ", x_of(j), y_of(series.high[j], a));
        for (std::size_t k = j; k-- > i;) lower += fmt::format("{:.1f},{:.1f} ", x_of(k), y_of(series.low[k], a));
        if (j > i) out += fmt::format(R"(<polygon class="band" fill="{}" points="{}{}"/>)", colour, upper, lower);
        i = j;
      }
    }
    std::string path;
    bool pen_down = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(series.values[i])) {
        pen_down = false;
        continue;
      }
      path += fmt::format("{}{:.1f},{:.1f} ", pen_down ? "L" : "M", x_of(i), y_of(series.values[i], a));
      pen_down = true;
    }
    out += fmt::format(R"(<path class="line" stroke="{}" d="{}"/>)", colour, path);
    for (std::size_t i = 0; i < n; ++i) {
      const double v = series.values[i];
      if (std::isnan(v)) continue;
      out += fmt::format(
          R"(<circle class="point" data-series="{}" data-x="{}" data-value="{}" cx="{:.1f}" cy="{:.1f}" r="2.5" fill="{}"><title>{} {}: {}</title></circle>)",
          html_escape(series.name), i, number(v), x_of(i), y_of(v, a), colour, html_escape(series.name),
          html_escape(chart.x_labels[i]), shown(v, chart.percent, chart.unit));
    }
  }
  // Legend under the axis.
  double x = left;
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    out += fmt::format(R"(<rect x="{:.1f}" y="{}" width="10" height="10" fill="{}"/><text class="legend" x="{:.1f}" y="{}">{}</text>)",
                       x, height - 14, colours[s % std::size(colours)], x + 14, height - 5,
                       html_escape(chart.series[s].name));
    x += 24.0 + 7.0 * static_cast<double>(chart.series[s].name.size());
  }
  return out + "</svg>";
}

std::string svg_bar_chart(const BarChart& chart) {
  const std::size_t n = chart.labels.size();
  const double bar_h = 18.0, gap = 8.0, label_w = 160.0;
  const double h = top + 10.0 + n * (bar_h + gap);
  Range r;
  r.add(0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const double w = chart.half_widths.empty() || std::isnan(chart.half_widths[i]) ? 0.0 : chart.half_widths[i];
    r.add(chart.values[i] - w);
    r.add(chart.values[i] + w);
    if (i < chart.marks.size()) r.add(chart.marks[i]);
  }
  if (!std::isfinite(r.low) || r.high <= r.low) r = {0.0, 1.0};
  const double span = r.high - r.low;
  const double x0 = left + label_w, plot = width - x0 - right - 70.0;
  const auto x_of = [&](double v) { return x0 + plot * (v - r.low) / span; };
  std::string out = fmt::format(
      R"(<svg class="chart bar-chart" data-chart="{}" viewBox="0 0 {} {:.0f}" role="img" aria-label="{}">)",
      html_escape(chart.id), width, h, html_escape(chart.title));
  out += fmt::format(R"(<text class="title" x="{}" y="18">{}</text>)", left, html_escape(chart.title));
  out += fmt::format(R"(<line class="grid" x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{:.1f}"/>)", x_of(0.0), x_of(0.0),
                     top, h - 4);
  const double scale = chart.percent ? 100.0 : 1.0;
  const std::string suffix = chart.percent ? " pt" : (chart.unit.empty() ? "" : " " + chart.unit);
  for (std::size_t i = 0; i < n; ++i) {
    const double v = chart.values[i];
    const double y = top + 10.0 + i * (bar_h + gap);
    out += fmt::format(R"(<text class="tick" x="{:.1f}" y="{:.1f}" text-anchor="end">{}</text>)", x0 - 8,
                       y + 13, html_escape(chart.labels[i]));
    if (std::isnan(v)) continue;
    const double a = x_of(std::min(0.0, v)), b = x_of(std::max(0.0, v));
    out += fmt::format(
        R"(<rect class="bar" data-label="{}" data-value="{}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{}"><title>{}: {}{}</title></rect>)",
        html_escape(chart.labels[i]), number(v), a, y, std::max(b - a, 0.5), bar_h, html_escape(chart.labels[i]),
        bar_value(v * scale, chart.changes), suffix);
    double label_x = x_of(std::max(0.0, v)) + 6;
    if (!chart.half_widths.empty() && !std::isnan(chart.half_widths[i])) {
      const double w = chart.half_widths[i];
      out += fmt::format(R"(<line class="error" x1="{:.1f}" x2="{:.1f}" y1="{:.1f}" y2="{:.1f}"/>)", x_of(v - w),
                         x_of(v + w), y + bar_h / 2, y + bar_h / 2);
      label_x = std::max(label_x, x_of(v + w) + 6);
    }
    if (i < chart.marks.size() && !std::isnan(chart.marks[i]))
      out += fmt::format(R"(<line class="mark" data-value="{}" x1="{:.1f}" x2="{:.1f}" y1="{:.1f}" y2="{:.1f}"><title>margin {}{}</title></line>)",
                         number(chart.marks[i]), x_of(chart.marks[i]), x_of(chart.marks[i]), y - 3, y + bar_h + 3,
                         bar_value(chart.marks[i] * scale, chart.changes), suffix);
    out += fmt::format(R"(<text class="value" x="{:.1f}" y="{:.1f}">{}{}</text>)", label_x, y + 13,
                       bar_value(v * scale, chart.changes), suffix);
  }
  return out + "</svg>";
}

std::string svg_heat_map(const HeatMap& map) {
  const std::size_t nx = map.x_labels.size(), ny = map.y_labels.size();
  const double x0 = 150.0, y0 = top + 24.0, cell_w = std::min(80.0, (width - x0 - right) / double(std::max<std::size_t>(nx, 1)));
  const double cell_h = 24.0;
  const double h = y0 + cell_h * ny + 40.0;
  Range r;
  for (const auto& row : map.values)
    for (const double v : row) r.add(v);
  if (!std::isfinite(r.low)) r = {0.0, 1.0};
  const double span = r.high > r.low ? r.high - r.low : 1.0;
  std::string out = fmt::format(
      R"(<svg class="chart heat-map" data-chart="{}" viewBox="0 0 {} {:.0f}" role="img" aria-label="{}">)",
      html_escape(map.id), width, h, html_escape(map.title));
  out += fmt::format(R"(<text class="title" x="{}" y="18">{}</text>)", left, html_escape(map.title));
  out += fmt::format(R"(<text class="tick" x="{}" y="{:.1f}">rows: {}; columns: {}</text>)", left,
                     y0 - 8, html_escape(map.y_title), html_escape(map.x_title));
  for (std::size_t y = 0; y < ny; ++y) {
    out += fmt::format(R"(<text class="tick" x="{}" y="{:.1f}" text-anchor="end">{}</text>)", x0 - 8,
                       y0 + cell_h * y + 16, html_escape(map.y_labels[y]));
    for (std::size_t x = 0; x < nx; ++x) {
      const double v = map.values[y][x];
      if (std::isnan(v)) continue;
      // Light (low) to dark blue (high); the text turns white on dark cells.
      const double t = (v - r.low) / span;
      const int shade = static_cast<int>(235 - 170 * t);
      out += fmt::format(
          R"svg(<rect class="cell" data-x="{}" data-y="{}" data-value="{}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{}" fill="rgb({},{},{})"><title>{} {}, {} {}: {}</title></rect>)svg",
          x, y, number(v), x0 + cell_w * x, y0 + cell_h * y, cell_w - 1, cell_h - 1, shade - 40, shade - 10, 245,
          html_escape(map.x_title), html_escape(map.x_labels[x]), html_escape(map.y_title), html_escape(map.y_labels[y]),
          shown(v, map.percent, map.unit));
      out += fmt::format(R"(<text class="value" x="{:.1f}" y="{:.1f}" text-anchor="middle"{}>{}</text>)",
                         x0 + cell_w * (x + 0.5), y0 + cell_h * y + 16, t > 0.55 ? R"( style="fill:#fff")" : "",
                         html_escape(map.percent ? fmt::format("{:.1f}", 100 * v) : fmt::format("{:.3g}", v)));
    }
  }
  for (std::size_t x = 0; x < nx; ++x)
    out += fmt::format(R"(<text class="tick" x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>)",
                       x0 + cell_w * (x + 0.5), y0 + cell_h * ny + 16, html_escape(map.x_labels[x]));
  return out + "</svg>";
}

}  // namespace ccsim
