// The run's summary as tidy CSV, a row per scope, slot and KPI, and the pieces of it that other
// writers' CSV reuse.
#include <cmath>
#include <functional>
#include <string>

#include <fmt/core.h>

#include "ccsim/writers.h"
#include "sim/writer_text.h"

namespace ccsim {

std::string csv_number(double value) { return std::isfinite(value) ? fmt::format("{}", value) : ""; }

// Ids and names are free text; quote them when CSV needs it.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char ch : text) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  return quoted + "\"";
}

void for_each_csv_row(const Model& model, const KpiLayout& layout,
                      const std::function<void(const CsvRow&)>& row) {
  for (std::size_t scope = 0; scope < layout.scopes(); ++scope) {
    const ScopeKind kind = layout.kind(scope);
    std::string scope_name = "overall";
    std::string id;
    if (kind == ScopeKind::contact_type) {
      scope_name = "type";
      id = model.contact_types[scope - 1].id;
    } else if (kind == ScopeKind::agent_group) {
      scope_name = "group";
      id = model.agent_groups[scope - 1 - layout.types].id;
    } else if (kind == ScopeKind::segment) {
      scope_name = "segment";
      id = model.segments[scope - 1 - layout.types - layout.groups].id;
    } else if (kind == ScopeKind::channel) {
      scope_name = "channel";
      id = channel_id(layout.channels[scope - 1 - layout.types - layout.groups - layout.segments]);
    }
    for (std::size_t slot = 0; slot < 1 + layout.periods(); ++slot) {
      // The period (interval or day) and its label: the interval's start, the day's weekday.
      const std::string period = slot == 0 ? "all" : std::to_string(slot - 1);
      std::string label;
      if (slot > 0)
        label = layout.detail == Detail::day
                    ? weekday_of(model.horizon, slot - 1)
                    : model.horizon.start_label(static_cast<IntervalIndex>(slot - 1));
      for (std::size_t k = 0; k < kpi_count; ++k) {
        const auto kpi = static_cast<Kpi>(k);
        if (!kpi_applies(kind, kpi)) continue;
        row({scope, slot, kpi,
             fmt::format("{},{},{},{},{}", scope_name, csv_field(id), period, label, kpi_name(kpi))});
      }
    }
  }
}

std::string csv_columns(const KpiLayout& layout) {
  return layout.detail == Detail::day ? "scope,id,day,weekday,kpi" : "scope,id,interval,start,kpi";
}

void write_csv(std::ostream& out, const Model& model, const Summary& summary) {
  out << csv_columns(summary.layout) << ",mean,ci95,n\n";
  for_each_csv_row(model, summary.layout, [&](const CsvRow& row) {
    const Estimate& e = summary.get(row.scope, row.slot, row.kpi);
    out << row.prefix << ',' << csv_number(e.mean) << ',' << csv_number(e.ci95) << ',' << e.n << '\n';
  });
}

}  // namespace ccsim
