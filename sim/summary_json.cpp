// The run's summary as JSON: summary_json builds the document, write_json streams it a per-period
// row at a time.
#include <string>

#include <boost/version.hpp>

#include "ccsim/check.h"
#include "ccsim/json_number.h"
#include "ccsim/writers.h"
#include "sim/writer_text.h"

namespace ccsim {

namespace {

using nlohmann::json;

json estimate_json(const Estimate& e) {
  return {{"mean", number_or_null(e.mean)}, {"ci95", number_or_null(e.ci95)}};
}

// The KPIs of one scope over one slot, in the fixed KPI order.
json scope_json(const Summary& summary, std::size_t scope, std::size_t slot) {
  json out = json::object();
  const ScopeKind kind = summary.layout.kind(scope);
  for (std::size_t k = 0; k < kpi_count; ++k) {
    const auto kpi = static_cast<Kpi>(k);
    if (kpi_applies(kind, kpi)) out[std::string(kpi_name(kpi))] = estimate_json(summary.get(scope, slot, kpi));
  }
  return out;
}

json by_type_json(const Model& model, const Summary& summary, std::size_t slot) {
  json out = json::object();
  for (std::size_t t = 0; t < model.type_count(); ++t)
    out[model.contact_types[t].id] = scope_json(summary, summary.layout.type_scope(t), slot);
  return out;
}

json by_group_json(const Model& model, const Summary& summary, std::size_t slot) {
  json out = json::object();
  for (std::size_t g = 0; g < model.group_count(); ++g)
    out[model.agent_groups[g].id] = scope_json(summary, summary.layout.group_scope(g), slot);
  return out;
}

json by_segment_json(const Model& model, const Summary& summary, std::size_t slot) {
  json out = json::object();
  for (std::size_t s = 0; s < model.segment_count(); ++s)
    out[model.segments[s].id] = scope_json(summary, summary.layout.segment_scope(s), slot);
  return out;
}

json by_channel_json(const Summary& summary, std::size_t slot) {
  json out = json::object();
  const KpiLayout& layout = summary.layout;
  for (std::size_t c = 0; c < layout.channels.size(); ++c)
    out[std::string(channel_id(layout.channels[c]))] = scope_json(summary, layout.channel_scope(c), slot);
  return out;
}

// The document without its per-period rows.
json summary_head_json(const Model& model, const Summary& summary, const RunDescription& run) {
  json out;
  out["scenario"] = model.name;
  out["replications"] = run.replications;
  out["seed"] = run.seed;
  // Boost's distributions may change between releases; its version says which produced these.
  out["ccsim"] = CCSIM_VERSION;
  out["boost"] = BOOST_LIB_VERSION;
  out["overall"] = scope_json(summary, KpiLayout::overall, KpiLayout::whole_horizon);
  out["by_type"] = by_type_json(model, summary, KpiLayout::whole_horizon);
  out["by_group"] = by_group_json(model, summary, KpiLayout::whole_horizon);
  out["by_segment"] = by_segment_json(model, summary, KpiLayout::whole_horizon);
  out["by_channel"] = by_channel_json(summary, KpiLayout::whole_horizon);
  return out;
}

// "by_interval" or "by_day": the key of the per-period rows; empty under Detail::total.
std::string periods_key(const KpiLayout& layout) {
  switch (layout.detail) {
    case Detail::total: return "";
    case Detail::day: return "by_day";
    case Detail::interval: return "by_interval";
  }
  return "";
}

// Row p of the per-period rows: interval p or day p.
json period_json(const Model& model, const Summary& summary, std::size_t p) {
  const KpiLayout& layout = summary.layout;
  json entry;
  if (layout.detail == Detail::day) {
    entry = {{"day", p}, {"weekday", weekday_of(model.horizon, p)}};
  } else {
    entry = {{"interval", p}, {"start", model.horizon.start_label(static_cast<IntervalIndex>(p))}};
    if (model.horizon.days > 1) entry["day"] = p / layout.intervals_per_day;
  }
  const std::size_t slot = KpiLayout::period_slot(p);
  entry.update(scope_json(summary, KpiLayout::overall, slot));
  entry["by_type"] = by_type_json(model, summary, slot);
  entry["by_group"] = by_group_json(model, summary, slot);
  entry["by_segment"] = by_segment_json(model, summary, slot);
  entry["by_channel"] = by_channel_json(summary, slot);
  return entry;
}

}  // namespace

json summary_json(const Model& model, const Summary& summary, const RunDescription& run) {
  json out = summary_head_json(model, summary, run);
  const std::string key = periods_key(summary.layout);
  if (key.empty()) return out;
  json periods = json::array();
  for (std::size_t p = 0; p < summary.layout.periods(); ++p) periods.push_back(period_json(model, summary, p));
  out[key] = std::move(periods);
  return out;
}

// The document of a year interval by interval is 130 MB of text and several times that as a json
// value, so the rows are never held together: the head is dumped with an empty array for them,
// and each row is built, dumped and indented to its depth in turn. nlohmann's dump(2) puts an
// array's elements on lines of their own, 4 spaces in for a top-level member's, and never writes a
// raw newline inside a string, so indenting every line of a row's own dump(2) gives the same bytes.
void write_json(std::ostream& out, const Model& model, const Summary& summary,
                const RunDescription& run, const json& more) {
  json head = summary_head_json(model, summary, run);
  for (const auto& [key, value] : more.items()) head[key] = value;
  const std::string key = periods_key(summary.layout);
  if (key.empty() || summary.layout.periods() == 0) {
    if (!key.empty()) head[key] = json::array();
    out << head.dump(2) << '\n';
    return;
  }
  head[key] = json::array();
  const std::string text = head.dump(2);
  // A top-level member is the only one 2 spaces in.
  const std::string placeholder = "\n  \"" + key + "\": []";
  const std::size_t at = text.find(placeholder);
  CCSIM_CHECK(at != std::string::npos, "the per-period rows' placeholder is missing");
  const std::size_t rows_at = at + placeholder.size() - 2;
  out.write(text.data(), static_cast<std::streamsize>(rows_at));
  out << "[\n";
  for (std::size_t p = 0; p < summary.layout.periods(); ++p) {
    if (p > 0) out << ",\n";
    const std::string row = period_json(model, summary, p).dump(2);
    std::size_t start = 0;
    while (start < row.size()) {
      std::size_t end = row.find('\n', start);
      if (end == std::string::npos) end = row.size();
      if (start > 0) out << '\n';
      out << "    ";
      out.write(row.data() + start, static_cast<std::streamsize>(end - start));
      start = end + 1;
    }
  }
  out << "\n  ]";
  out.write(text.data() + rows_at + 2, static_cast<std::streamsize>(text.size() - rows_at - 2));
  out << '\n';
}

}  // namespace ccsim
