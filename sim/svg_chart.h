// Charts as inline SVG for the HTML report: no script, no network, printable. Each point carries
// its value (data-value, full precision) and a tooltip, so that a browser test can check a chart's
// data against the JSON written from the same summary.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ccsim {

// One line: a value per x position (NaN where undefined: the line breaks there), and optionally a
// band (low, high) drawn under it, e.g. a 95 % confidence interval.
struct ChartSeries {
  std::string name;
  std::vector<double> values;
  std::vector<double> low;   // empty: no band
  std::vector<double> high;
};

struct LineChart {
  std::string id;       // data-chart, e.g. "service_level/type/billing"
  std::string title;
  std::vector<std::string> x_labels;
  std::vector<ChartSeries> series;
  std::optional<double> target;  // a dashed horizontal line
  bool percent = false;          // values are shares, shown as percentages on a 0-100 % axis
  std::string unit;              // shown after values that are not shares ("s", "agents")
};

std::string svg_line_chart(const LineChart& chart);

// Horizontal bars with optional error bars: one per label.
struct BarChart {
  std::string id;
  std::string title;
  std::vector<std::string> labels;
  std::vector<double> values;
  std::vector<double> half_widths;  // empty: no error bars
  std::vector<double> marks;        // a threshold per bar (a CI gate's margin), NaN or empty: none
  bool percent = false;             // percentage points for changes of shares
  std::string unit;
  bool changes = false;             // values are changes: shown with their sign
};

std::string svg_bar_chart(const BarChart& chart);

// A grid of cells coloured by value (light to dark): values[y][x], NaN blank.
struct HeatMap {
  std::string id;
  std::string title;
  std::string x_title, y_title;
  std::vector<std::string> x_labels, y_labels;
  std::vector<std::vector<double>> values;
  bool percent = false;
  std::string unit;
};

std::string svg_heat_map(const HeatMap& map);

// Text safe inside HTML elements and attribute values.
std::string html_escape(const std::string& text);

}  // namespace ccsim
