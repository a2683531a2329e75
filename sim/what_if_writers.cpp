#include "ccsim/what_if_writers.h"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>
#include <fmt/ostream.h>

#include "ccsim/json_number.h"
#include "ccsim/writers.h"

namespace ccsim {

using nlohmann::json;

std::string format_change(Kpi kpi, const Estimate& change) {
  if (!std::isfinite(change.mean)) return "-";
  const double scale = kpi_is_share(kpi) ? 100.0 : 1.0;
  // One decimal, or two when the interval would round to nothing.
  const double half = scale * change.ci95;
  const int decimals = kpi_is_share(kpi) ? 1 : kpi_decimals(kpi);
  const int digits = decimals == 1 && half > 0.0 && half < 0.05 ? 2 : decimals;
  std::string text = fmt::format("{:+.{}f}", scale * change.mean, digits);
  if (std::isfinite(change.ci95) && change.ci95 > 0.0)
    text += fmt::format(" ±{:.{}f}", scale * change.ci95, digits);
  if (kpi_is_share(kpi)) text += " pts";
  return text;
}

std::vector<std::size_t> restaffed_intervals(const Model& base, const Model& variant) {
  std::vector<std::size_t> intervals;
  for (std::size_t i = 0; i < static_cast<std::size_t>(base.horizon.intervals()); ++i)
    for (std::size_t g = 0; g < base.group_count(); ++g)
      if (base.agent_groups[g].on_duty[i] != variant.agent_groups[g].on_duty[i]) {
        intervals.push_back(i);
        break;
      }
  return intervals;
}

namespace {

struct TableRow {
  std::string label;
  std::size_t scope;
  Kpi kpi;
  std::size_t slot = KpiLayout::whole_horizon;
};

}  // namespace

void write_what_if_table(std::ostream& out, const Model& base, const Summary& baseline,
                         const WhatIfVariant& variant, const PairedSummary& result,
                         int replications) {
  const KpiLayout& layout = baseline.layout;
  std::vector<TableRow> rows = {{"offered", KpiLayout::overall, Kpi::offered},
                                {"service level", KpiLayout::overall, Kpi::service_level}};
  // Email types and the email channel answer to their response target instead.
  for (std::size_t t = 0; t < base.type_count(); ++t) {
    const bool email = base.contact_types[t].channel == Channel::email;
    rows.push_back({"  " + base.contact_types[t].id + (email ? " (response)" : ""), layout.type_scope(t),
                    email ? Kpi::response_sl : Kpi::service_level});
  }
  for (std::size_t g = 0; g < base.segment_count(); ++g)
    rows.push_back({"  segment " + base.segments[g].id, layout.segment_scope(g), Kpi::service_level});
  for (std::size_t c = 0; c < layout.channels.size(); ++c) {
    const bool email = layout.channels[c] == Channel::email;
    rows.push_back({fmt::format("  channel {}{}", channel_id(layout.channels[c]), email ? " (response)" : ""),
                    layout.channel_scope(c), email ? Kpi::response_sl : Kpi::service_level});
  }
  if (has_email(base)) {
    rows.push_back({"response SL", KpiLayout::overall, Kpi::response_sl});
    rows.push_back({"email backlog", KpiLayout::overall, Kpi::backlog});
  }
  rows.insert(rows.end(), {{"ASA s", KpiLayout::overall, Kpi::asa_s},
                           {"abandoned", KpiLayout::overall, Kpi::abandon_rate},
                           {"AHT s", KpiLayout::overall, Kpi::aht_s},
                           {"occupancy", KpiLayout::overall, Kpi::occupancy},
                           {"cost", KpiLayout::overall, Kpi::cost_total}});
  // As the run's table: resolution and cost per issue only where contacts can go unresolved.
  if (has_tiering(base))
    rows.insert(rows.end(), {{"FCR", KpiLayout::overall, Kpi::fcr},
                             {"resolved", KpiLayout::overall, Kpi::resolution_rate},
                             {"contacts/issue", KpiLayout::overall, Kpi::contacts_per_issue},
                             {"transferred", KpiLayout::overall, Kpi::transfer_rate},
                             {"cost/contact", KpiLayout::overall, Kpi::cost_per_contact},
                             {"cost/resolved issue", KpiLayout::overall, Kpi::cost_per_resolved_issue}});
  // As the run's table: the automation block only where bots, deflection or assist are modelled.
  if (has_automation(base))
    rows.insert(rows.end(), {{"contained", KpiLayout::overall, Kpi::containment_rate},
                             {"bot abandoned", KpiLayout::overall, Kpi::bot_abandon_rate},
                             {"handed off", KpiLayout::overall, Kpi::handoff_rate},
                             {"deflected", KpiLayout::overall, Kpi::deflected},
                             {"automation rate", KpiLayout::overall, Kpi::automation_rate},
                             {"automation cost", KpiLayout::overall, Kpi::cost_automation}});
  // A few restaffed intervals (or the days that hold them); the JSON and CSV have every one.
  constexpr std::size_t shown_at_most = 8;
  const std::vector<std::size_t> restaffed = restaffed_intervals(base, variant.model);
  const auto per_day = static_cast<std::size_t>(base.horizon.intervals_per_day);
  if (layout.detail == Detail::interval) {
    for (std::size_t n = 0; n < restaffed.size() && n < shown_at_most; ++n) {
      const auto i = static_cast<IntervalIndex>(restaffed[n]);
      const std::string label = base.horizon.interval_label(i);
      rows.push_back({"service level " + label, KpiLayout::overall, Kpi::service_level,
                      KpiLayout::interval_slot(restaffed[n])});
    }
  } else if (layout.detail == Detail::day) {
    std::vector<std::size_t> days;
    for (const std::size_t i : restaffed)
      if (days.empty() || days.back() != i / per_day) days.push_back(i / per_day);
    for (std::size_t n = 0; n < days.size() && n < shown_at_most; ++n)
      rows.push_back({fmt::format("service level d{}", days[n] + 1), KpiLayout::overall,
                      Kpi::service_level, KpiLayout::day_slot(days[n])});
  }

  std::vector<std::vector<std::string>> cells = {{"KPI", "baseline", "what-if", "change", ""}};
  for (const TableRow& row : rows) {
    const std::size_t slot = row.slot;
    const Estimate& change = result.change.get(row.scope, slot, row.kpi);
    cells.push_back({row.label, format_kpi_value(row.kpi, baseline.get(row.scope, slot, row.kpi).mean),
                     format_kpi_value(row.kpi, result.variant.get(row.scope, slot, row.kpi).mean),
                     format_change(row.kpi, change), change_is_significant(change) ? "*" : ""});
  }
  std::vector<std::size_t> widths(5, 0);
  for (const auto& line : cells)
    for (std::size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], line[i].size());

  fmt::print(out, "\nWhat-if \"{}\" against the baseline (paired over {} replications)\n",
             variant.name, replications);
  for (const auto& line : cells) {
    std::string text = fmt::format("  {:<{}}", line[0], widths[0]);
    for (std::size_t i = 1; i < 4; ++i) text += fmt::format("  {:>{}}", line[i], widths[i]);
    text += line[4].empty() ? "" : " " + line[4];
    // Drop the padding of rows without a marker.
    text.erase(text.find_last_not_of(' ') + 1);
    fmt::print(out, "{}\n", text);
  }
}

void write_what_if_tables(std::ostream& out, const Model& base,
                          const std::vector<WhatIfVariant>& variants, const WhatIfStudy& study) {
  if (variants.empty()) return;
  fmt::print(out,
             "\n(change: what-if minus baseline, ±95 % confidence half-width of the paired "
             "difference; * where that interval excludes 0; pts: percentage points)\n");
  for (std::size_t v = 0; v < variants.size(); ++v)
    write_what_if_table(out, base, study.baseline, variants[v], study.what_ifs[v], study.replications);
}

namespace {

json scope_changes(const Summary& baseline, const PairedSummary& result, std::size_t scope,
                   std::size_t slot) {
  json out = json::object();
  for (std::size_t k = 0; k < kpi_count; ++k) {
    const auto kpi = static_cast<Kpi>(k);
    if (!kpi_applies(baseline.layout.kind(scope), kpi)) continue;
    const Estimate& mean = result.variant.get(scope, slot, kpi);
    const Estimate& change = result.change.get(scope, slot, kpi);
    out[std::string(kpi_name(kpi))] = {{"mean", number_or_null(mean.mean)},
                                       {"ci95", number_or_null(mean.ci95)},
                                       {"change", number_or_null(change.mean)},
                                       {"change_ci95", number_or_null(change.ci95)}};
  }
  return out;
}

}  // namespace

json what_if_json(const Model& base, const Summary& baseline, const PairedSummary& result) {
  const KpiLayout& layout = baseline.layout;
  const std::size_t all = KpiLayout::whole_horizon;
  json out;
  out["overall"] = scope_changes(baseline, result, KpiLayout::overall, all);
  out["by_type"] = json::object();
  for (std::size_t t = 0; t < base.type_count(); ++t)
    out["by_type"][base.contact_types[t].id] =
        scope_changes(baseline, result, layout.type_scope(t), all);
  out["by_group"] = json::object();
  for (std::size_t g = 0; g < base.group_count(); ++g)
    out["by_group"][base.agent_groups[g].id] =
        scope_changes(baseline, result, layout.group_scope(g), all);
  out["by_segment"] = json::object();
  for (std::size_t g = 0; g < base.segment_count(); ++g)
    out["by_segment"][base.segments[g].id] =
        scope_changes(baseline, result, layout.segment_scope(g), all);
  out["by_channel"] = json::object();
  for (std::size_t c = 0; c < layout.channels.size(); ++c)
    out["by_channel"][std::string(channel_id(layout.channels[c]))] =
        scope_changes(baseline, result, layout.channel_scope(c), all);
  if (layout.detail == Detail::interval) {
    json intervals = json::array();
    for (std::size_t i = 0; i < layout.intervals; ++i) {
      json entry = {{"interval", i},
                    {"start", base.horizon.start_label(static_cast<IntervalIndex>(i))}};
      entry.update(scope_changes(baseline, result, KpiLayout::overall, KpiLayout::interval_slot(i)));
      intervals.push_back(std::move(entry));
    }
    out["by_interval"] = std::move(intervals);
  } else if (layout.detail == Detail::day) {
    json days = json::array();
    for (std::size_t d = 0; d < layout.days; ++d) {
      json entry = {{"day", d}};
      entry.update(scope_changes(baseline, result, KpiLayout::overall, KpiLayout::day_slot(d)));
      days.push_back(std::move(entry));
    }
    out["by_day"] = std::move(days);
  }
  return out;
}

json what_ifs_json(const Model& base, const std::vector<WhatIfVariant>& variants,
                   const WhatIfStudy& study) {
  json out = json::object();
  for (std::size_t v = 0; v < variants.size(); ++v)
    out[variants[v].name] = what_if_json(base, study.baseline, study.what_ifs[v]);
  return out;
}

void write_csv_with_what_ifs(std::ostream& out, const Model& base,
                             const std::vector<WhatIfVariant>& variants, const WhatIfStudy& study) {
  const KpiLayout& layout = study.baseline.layout;
  out << csv_columns(layout) << ",mean,ci95,n,variant,change,change_ci95\n";
  const auto rows = [&](const Summary& summary, const Summary* change, const std::string& name) {
    for_each_csv_row(base, layout, [&](const CsvRow& row) {
      const Estimate& e = summary.get(row.scope, row.slot, row.kpi);
      out << row.prefix << ',' << csv_number(e.mean) << ',' << csv_number(e.ci95) << ',' << e.n
          << ',' << csv_field(name) << ',';
      if (change) {
        const Estimate& c = change->get(row.scope, row.slot, row.kpi);
        out << csv_number(c.mean) << ',' << csv_number(c.ci95);
      } else {
        out << ',';
      }
      out << '\n';
    });
  };
  rows(study.baseline, nullptr, "baseline");
  for (std::size_t v = 0; v < variants.size(); ++v)
    rows(study.what_ifs[v].variant, &study.what_ifs[v].change, variants[v].name);
}

}  // namespace ccsim
