// How the tables and files read a value: weekdays, targets, KPI values with their intervals, and
// the grid the terminal tables are printed in.
#include "sim/writer_text.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/ostream.h>

#include "ccsim/writers.h"

namespace ccsim {

namespace {

std::string format_estimate(Kpi kpi, const Estimate& e) {
  const std::string mean = format_kpi_value(kpi, e.mean);
  // A value with no spread across replications (cost follows the plan) needs no interval.
  if (!std::isfinite(e.ci95) || !std::isfinite(e.mean) || e.ci95 == 0.0) return mean;
  if (kpi_is_share(kpi)) return fmt::format("{} ±{:.1f}", mean, 100.0 * e.ci95);
  return fmt::format("{} ±{:.{}f}", mean, e.ci95, std::max(1, kpi_decimals(kpi)));
}

std::string sla_rule(const ServiceLevelRule& rule) {
  return fmt::format("{:g}% in {:g} s", 100.0 * rule.target, rule.answer_within_s);
}

}  // namespace

// "Mon" ... "Sun": the weekday of day d of the horizon.
std::string weekday_of(const Horizon& horizon, std::size_t day) {
  static constexpr std::array<const char*, 7> names = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return names[(static_cast<std::size_t>(horizon.start_weekday) + day) % 7];
}

// A type's target: email's response target ("80% in 24 h", business time when it has business
// hours), the answer-within service level otherwise.
std::string type_target(const ContactType& type) {
  if (type.channel != Channel::email) return sla_rule(type.sla);
  if (!type.response) return "";
  return fmt::format("{:g}% in {:g} h", 100.0 * type.response->target,
                     type.response->respond_within_s / 3600.0);
}

// Prints rows under the given label and KPI columns, widths fitted to the content; labels are
// left-aligned, numbers right-aligned.
void print_grid(std::ostream& out, const Summary& summary, const std::vector<std::string>& label_headings,
                const std::vector<Row>& rows, const std::vector<Column>& columns) {
  const std::size_t labels = label_headings.size();
  std::vector<std::string> headings = label_headings;
  for (const auto& c : columns) headings.push_back(c.heading);
  std::vector<std::size_t> widths;
  for (const auto& h : headings) widths.push_back(h.size());
  std::vector<std::vector<std::string>> cells;
  for (const Row& r : rows) {
    std::vector<std::string> row = r.labels;
    for (const auto& c : columns) row.push_back(format_estimate(c.kpi, summary.get(r.scope, r.slot, c.kpi)));
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
    cells.push_back(std::move(row));
  }
  const auto print_line = [&](const std::vector<std::string>& line) {
    std::string text = " ";
    for (std::size_t i = 0; i < line.size(); ++i)
      text += i < labels ? fmt::format(" {:<{}}", line[i], widths[i]) : fmt::format("  {:>{}}", line[i], widths[i]);
    fmt::print(out, "{}\n", text);
  };
  print_line(headings);
  for (const auto& row : cells) print_line(row);
}

int kpi_decimals(Kpi kpi) {
  switch (kpi) {
    case Kpi::cost_total:
    case Kpi::cost_automation: return 0;
    case Kpi::contacts_per_issue:
    case Kpi::cost_per_contact:
    case Kpi::cost_per_resolved_issue: return 2;
    default: return 1;
  }
}

std::string format_kpi_value(Kpi kpi, double value) {
  if (!std::isfinite(value)) return "-";
  if (kpi_is_share(kpi)) return fmt::format("{:.1f}%", 100.0 * value);
  return fmt::format("{:.{}f}", value, kpi_decimals(kpi));
}

}  // namespace ccsim
