// The run's summary as the readable terminal table, and what a model has that decides which of its
// blocks are shown.
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/ostream.h>

#include "ccsim/writers.h"
#include "sim/period_tables.h"
#include "sim/writer_text.h"

namespace ccsim {

namespace {

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

std::vector<std::size_t> every_group(const Model& model) {
  std::vector<std::size_t> all(model.group_count());
  for (std::size_t g = 0; g < all.size(); ++g) all[g] = g;
  return all;
}

}  // namespace

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

void write_table(std::ostream& out, const Model& model, const Summary& summary,
                 const RunDescription& run) {
  const Horizon& h = model.horizon;
  fmt::print(out, "{}: {} replications, seed {}, {} intervals of {:g} min from {}{}\n",
             model.name, run.replications, run.seed, h.intervals_per_day, h.interval_s / 60.0,
             h.start_label(0), h.days > 1 ? fmt::format(", {} days", h.days) : "");
  fmt::print(out, "(mean ±95 % confidence half-width over replications)\n\n");

  const std::vector<Column> contact_columns = with_further_thresholds(model, with_handle_split(model, {
      {Kpi::offered, "offered"},   {Kpi::service_level, "service level"},
      {Kpi::asa_s, "ASA s"},       {Kpi::wait_p90_s, "p90 wait s"},
      {Kpi::abandon_rate, "abandoned"}, {Kpi::aht_s, "AHT s"}}));
  // A type's own target gives it a risk figure: the share of replications that meet it.
  std::vector<Column> type_columns = contact_columns;
  type_columns.push_back({Kpi::sl_target_met, "P(target met)"});
  std::vector<Row> rows;
  for (std::size_t t = 0; t < model.type_count(); ++t) {
    const ContactType& type = model.contact_types[t];
    rows.push_back({{type.id, type_target(type)}, summary.layout.type_scope(t), KpiLayout::whole_horizon});
  }
  rows.push_back({{"all", ""}, KpiLayout::overall, KpiLayout::whole_horizon});
  fmt::print(out, "By contact type\n");
  print_grid(out, summary, {"type", "target"}, rows, type_columns);

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
                {Kpi::sl_target_met, "P(target met)"}, {Kpi::backlog, "backlog"},
                {Kpi::backlog_oldest_h, "oldest h"}});
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
             with_handle_split(model, {{Kpi::handled, "handled"}, {Kpi::aht_s, "AHT s"},
                                       {Kpi::occupancy, "occupancy"},
                                       {Kpi::utilisation, "utilisation"}, {Kpi::cost_total, "cost"}}));

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

}  // namespace ccsim
