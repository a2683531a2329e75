#include "ccsim/writers.h"

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include <boost/version.hpp>
#include <fmt/core.h>
#include <fmt/ostream.h>

#include "ccsim/check.h"
#include "ccsim/json_number.h"

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

// "Mon" ... "Sun": the weekday of day d of the horizon.
std::string weekday_of(const Horizon& horizon, std::size_t day) {
  static constexpr std::array<const char*, 7> names = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return names[(static_cast<std::size_t>(horizon.start_weekday) + day) % 7];
}

// ---- the table ----------------------------------------------------------------------------------

std::string format_estimate(Kpi kpi, const Estimate& e) {
  const std::string mean = format_kpi_value(kpi, e.mean);
  // A value with no spread across replications (cost follows the plan) needs no interval.
  if (!std::isfinite(e.ci95) || !std::isfinite(e.mean) || e.ci95 == 0.0) return mean;
  if (kpi_is_share(kpi)) return fmt::format("{} ±{:.1f}", mean, 100.0 * e.ci95);
  return fmt::format("{} ±{:.{}f}", mean, e.ci95, std::max(1, kpi_decimals(kpi)));
}

struct Column {
  Kpi kpi;
  std::string heading;
};

// One row of a table: its leading text columns, then the KPIs of (scope, slot).
struct Row {
  std::vector<std::string> labels;
  std::size_t scope;
  std::size_t slot;
};

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

std::string sla_rule(const ServiceLevelRule& rule) {
  return fmt::format("{:g}% in {:g} s", 100.0 * rule.target, rule.answer_within_s);
}

// A type's target: email's response target ("80% in 24 h", business time when it has business
// hours), the answer-within service level otherwise.
std::string type_target(const ContactType& type) {
  if (type.channel != Channel::email) return sla_rule(type.sla);
  if (!type.response) return "";
  return fmt::format("{:g}% in {:g} h", 100.0 * type.response->target,
                     type.response->respond_within_s / 3600.0);
}

// A segment's target: the rule its contact types share, or nothing when they differ (its service
// level then sums each type's own).
std::string segment_sla_rule(const Model& model, std::size_t segment) {
  std::string rule;
  for (const ContactType& type : model.contact_types) {
    if (type.segment != segment) continue;
    const std::string text = type_target(type);
    if (!rule.empty() && text != rule) return "";
    rule = text;
  }
  return rule;
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

bool has_tiering(const Model& model) {
  if (!model.segments.empty()) return true;
  for (const ContactType& type : model.contact_types)
    if (type.resolution_p < 1.0 || type.escalation || type.misroute || type.repeat || type.retry ||
        type.callback)
      return true;
  return false;
}

bool uses_channels(const Model& model) {
  for (const ContactType& type : model.contact_types)
    if (type.channel != Channel::voice) return true;
  return false;
}

bool has_email(const Model& model) {
  for (const ContactType& type : model.contact_types)
    if (type.channel == Channel::email) return true;
  return false;
}

bool has_automation(const Model& model) {
  if (!model.bots.empty()) return true;
  for (const ContactType& type : model.contact_types)
    if (type.deflection) return true;
  for (const AgentGroup& group : model.agent_groups)
    if (group.assist) return true;
  return false;
}

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
    for (std::size_t slot = 0; slot < layout.slots(); ++slot) {
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

// The labels of a table with a row per day or per interval: the day, or the interval's start and
// the agents on duty in `groups` then.
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
    std::string label = h.start_label(static_cast<IntervalIndex>(i));
    if (h.days > 1) label = fmt::format("d{} {}", i / static_cast<std::size_t>(h.intervals_per_day) + 1, label);
    int on_duty = 0;
    for (const std::size_t g : groups) on_duty += model.agent_groups[g].on_duty[i];
    rows.push_back({{label, std::to_string(on_duty)}, scope, KpiLayout::interval_slot(i)});
  }
  return rows;
}

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

std::vector<std::size_t> every_group(const Model& model) {
  std::vector<std::size_t> all(model.group_count());
  for (std::size_t g = 0; g < all.size(); ++g) all[g] = g;
  return all;
}

void write_table(std::ostream& out, const Model& model, const Summary& summary,
                 const RunDescription& run) {
  const Horizon& h = model.horizon;
  fmt::print(out, "{}: {} replications, seed {}, {} intervals of {:g} min from {}{}\n",
             model.name, run.replications, run.seed, h.intervals_per_day, h.interval_s / 60.0,
             h.start_label(0), h.days > 1 ? fmt::format(", {} days", h.days) : "");
  fmt::print(out, "(mean ±95 % confidence half-width over replications)\n\n");

  const std::vector<Column> contact_columns = {
      {Kpi::offered, "offered"},   {Kpi::service_level, "service level"},
      {Kpi::asa_s, "ASA s"},       {Kpi::wait_p90_s, "p90 wait s"},
      {Kpi::abandon_rate, "abandoned"}, {Kpi::aht_s, "AHT s"}};
  std::vector<Row> rows;
  for (std::size_t t = 0; t < model.type_count(); ++t) {
    const ContactType& type = model.contact_types[t];
    rows.push_back({{type.id, type_target(type)}, summary.layout.type_scope(t), KpiLayout::whole_horizon});
  }
  rows.push_back({{"all", ""}, KpiLayout::overall, KpiLayout::whole_horizon});
  fmt::print(out, "By contact type\n");
  print_grid(out, summary, {"type", "target"}, rows, contact_columns);

  if (model.segment_count() > 0) {
    rows.clear();
    for (std::size_t s = 0; s < model.segment_count(); ++s)
      rows.push_back({{model.segments[s].id, segment_sla_rule(model, s)},
                      summary.layout.segment_scope(s), KpiLayout::whole_horizon});
    fmt::print(out, "\nBy segment\n");
    print_grid(out, summary, {"segment", "target"}, rows, contact_columns);
  }

  // Channels: voice and chat answer within seconds, email responds within hours (response SL).
  if (!summary.layout.channels.empty()) {
    rows.clear();
    for (std::size_t c = 0; c < summary.layout.channels.size(); ++c)
      rows.push_back({{std::string(channel_id(summary.layout.channels[c]))},
                      summary.layout.channel_scope(c), KpiLayout::whole_horizon});
    rows.push_back({{"all"}, KpiLayout::overall, KpiLayout::whole_horizon});
    fmt::print(out, "\nBy channel\n");
    print_grid(out, summary, {"channel"}, rows,
               {{Kpi::offered, "offered"}, {Kpi::service_level, "service level"},
                {Kpi::response_sl, "response SL"}, {Kpi::abandon_rate, "abandoned"},
                {Kpi::cost_per_contact, "cost/contact"}});
  }

  // Email: responses within target, and the backlog left at the horizon's end.
  if (has_email(model)) {
    rows.clear();
    for (std::size_t t = 0; t < model.type_count(); ++t) {
      const ContactType& type = model.contact_types[t];
      if (type.channel == Channel::email)
        rows.push_back({{type.id, type_target(type)}, summary.layout.type_scope(t), KpiLayout::whole_horizon});
    }
    fmt::print(out, "\nEmail (backlog at the end of the last interval)\n");
    print_grid(out, summary, {"type", "target"}, rows,
               {{Kpi::offered, "offered"}, {Kpi::handled, "handled"}, {Kpi::response_sl, "response SL"},
                {Kpi::backlog, "backlog"}, {Kpi::backlog_oldest_h, "oldest h"}});
  }

  // Bots, deflection and agent assist.
  if (has_automation(model)) {
    rows.clear();
    for (std::size_t t = 0; t < model.type_count(); ++t) {
      bool automated = model.contact_types[t].deflection.has_value();
      for (const Bot& bot : model.bots)
        for (const ContactTypeIndex k : bot.types) automated = automated || k == t;
      if (automated)
        rows.push_back({{model.contact_types[t].id}, summary.layout.type_scope(t), KpiLayout::whole_horizon});
    }
    for (std::size_t g = 0; g < model.group_count(); ++g)
      if (model.agent_groups[g].assist)
        rows.push_back({{"group " + model.agent_groups[g].id}, summary.layout.group_scope(g),
                        KpiLayout::whole_horizon});
    rows.push_back({{"all"}, KpiLayout::overall, KpiLayout::whole_horizon});
    fmt::print(out, "\nAutomation (shares of bot entries; automation rate: resolved without an agent / demand)\n");
    print_grid(out, summary, {"type"}, rows,
               {{Kpi::containment_rate, "contained"}, {Kpi::bot_abandon_rate, "bot abandoned"},
                {Kpi::handoff_rate, "handed off"}, {Kpi::deflected, "deflected"},
                {Kpi::automation_rate, "automation rate"}, {Kpi::cost_automation, "automation cost"}});
  }

  // Plain queueing scenarios resolve every contact at once: this block would be all 100 % there.
  if (has_tiering(model)) {
    rows.clear();
    for (std::size_t t = 0; t < model.type_count(); ++t)
      rows.push_back({{model.contact_types[t].id}, summary.layout.type_scope(t), KpiLayout::whole_horizon});
    for (std::size_t s = 0; s < model.segment_count(); ++s)
      rows.push_back({{"segment " + model.segments[s].id}, summary.layout.segment_scope(s),
                      KpiLayout::whole_horizon});
    rows.push_back({{"all"}, KpiLayout::overall, KpiLayout::whole_horizon});
    fmt::print(out, "\nResolution and cost (issues by the type of their first contact)\n");
    print_grid(out, summary, {"type"}, rows,
               {{Kpi::fcr, "FCR"}, {Kpi::resolution_rate, "resolved"},
                {Kpi::contacts_per_issue, "contacts/issue"}, {Kpi::transfer_rate, "transferred"},
                {Kpi::cost_per_contact, "cost/contact"},
                {Kpi::cost_per_resolved_issue, "cost/resolved issue"}});
  }

  rows.clear();
  for (std::size_t g = 0; g < model.group_count(); ++g)
    rows.push_back({{model.agent_groups[g].id}, summary.layout.group_scope(g), KpiLayout::whole_horizon});
  rows.push_back({{"all"}, KpiLayout::overall, KpiLayout::whole_horizon});
  fmt::print(out, "\nBy agent group\n");
  print_grid(out, summary, {"group"}, rows,
             {{Kpi::handled, "handled"}, {Kpi::aht_s, "AHT s"}, {Kpi::occupancy, "occupancy"},
              {Kpi::utilisation, "utilisation"}, {Kpi::cost_total, "cost"}});

  const std::string periods = periods_title(summary.layout);
  if (summary.layout.detail == Detail::day ||
      (summary.layout.detail == Detail::interval && summary.layout.intervals > 1)) {
    fmt::print(out, "\n{} (all contact types and groups)\n", periods);
    print_grid(out, summary, period_headings(summary.layout),
               period_rows(model, summary.layout, KpiLayout::overall, every_group(model)),
               {{Kpi::offered, "offered"}, {Kpi::service_level, "service level"},
                {Kpi::asa_s, "ASA s"}, {Kpi::abandon_rate, "abandoned"},
                {Kpi::occupancy, "occupancy"}, {Kpi::cost_total, "cost"}});
  }
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
               {{Kpi::offered, "offered"}, {Kpi::service_level, "service level"},
                {Kpi::asa_s, "ASA s"}, {Kpi::wait_p90_s, "p90 wait s"},
                {Kpi::abandon_rate, "abandoned"}, {Kpi::aht_s, "AHT s"}});
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
               {{Kpi::handled, "handled"}, {Kpi::aht_s, "AHT s"}, {Kpi::occupancy, "occupancy"},
                {Kpi::utilisation, "utilisation"}, {Kpi::cost_total, "cost"}});
  }
}

}  // namespace ccsim
