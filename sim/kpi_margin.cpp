#include "ccsim/kpi_margin.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include <fmt/core.h>

#include "ccsim/diagnostics.h"
#include "ccsim/summary.h"

namespace ccsim {

namespace {

[[noreturn]] void bad_kpi(std::string_view text, const std::string& message) {
  throw InputError({Diagnostic{"--kpi", "", fmt::format("\"{}\": {}", text, message)}});
}

std::string known_kpis() {
  std::string list;
  for (auto name : kpi_names) list += (list.empty() ? "" : ", ") + std::string(name);
  return list;
}

std::string_view scope_word(ScopeKind scope) {
  switch (scope) {
    case ScopeKind::overall: return "overall";
    case ScopeKind::contact_type: return "a contact type";
    case ScopeKind::agent_group: return "an agent group";
    case ScopeKind::segment: return "a segment";
    case ScopeKind::channel: return "a channel";
  }
  return "";
}

std::string_view scope_plural(ScopeKind scope) {
  switch (scope) {
    case ScopeKind::overall: return "scopes";
    case ScopeKind::contact_type: return "contact types";
    case ScopeKind::agent_group: return "agent groups";
    case ScopeKind::segment: return "segments";
    case ScopeKind::channel: return "channel scopes (its contact types use one channel)";
  }
  return "";
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t end = text.find(separator, begin);
    parts.push_back(text.substr(begin, end - begin));
    if (end == std::string_view::npos) return parts;
    begin = end + 1;
  }
}

template <typename Items>
std::string id_list(const Items& items) {
  std::string list;
  for (const auto& item : items) list += (list.empty() ? "" : ", ") + item.id;
  return list;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "*", a number, or HH:MM.
bool is_period(std::string_view text) {
  if (text == "*" || all_digits(text)) return true;
  return text.size() == 5 && text[2] == ':' && all_digits(text.substr(0, 2)) && all_digits(text.substr(3));
}

// The interval a margin's period names in `model`.
std::size_t interval_of(const Model& model, const KpiLayout& layout, const KpiMargin& margin,
                        const std::string& file) {
  const auto problem = [&](const std::string& message) {
    return InputError({Diagnostic{file, "", fmt::format("--kpi {}: {}", margin.label(), message)}});
  };
  if (layout.detail != Detail::interval)
    throw problem("this run keeps no per-interval KPIs (--detail interval keeps them)");
  const std::size_t intervals = layout.intervals;
  if (all_digits(margin.period)) {
    std::size_t number = intervals;
    std::from_chars(margin.period.data(), margin.period.data() + margin.period.size(), number);
    if (number >= intervals)
      throw problem(fmt::format("no interval {}: the horizon has intervals 0 to {}", margin.period, intervals - 1));
    return number;
  }
  std::vector<std::size_t> starting;
  for (std::size_t i = 0; i < intervals; ++i)
    if (model.horizon.start_label(static_cast<IntervalIndex>(i)) == margin.period) starting.push_back(i);
  if (starting.empty())
    throw problem(fmt::format("no interval starts at {}: the intervals start at {}, {}, ... {}", margin.period,
                              model.horizon.start_label(0),
                              model.horizon.start_label(intervals > 1 ? 1 : 0),
                              model.horizon.start_label(static_cast<IntervalIndex>(intervals - 1))));
  if (starting.size() > 1)
    throw problem(fmt::format("{} intervals start at {} (one a day): name one by its number, e.g. "
                              "interval/{}/ for the first, or use interval/*/ for each",
                              starting.size(), margin.period, starting.front()));
  return starting.front();
}

// Whether some contact type has demand in interval i.
bool has_demand(const Model& model, std::size_t i) {
  const double start = static_cast<double>(i) * model.horizon.interval_s;
  const double end = start + model.horizon.interval_s;
  for (const ContactType& type : model.contact_types) {
    if (type.arrival_times_s.empty()) {
      if (i < type.rate_per_s.size() && type.rate_per_s[i] > 0.0) return true;
      continue;
    }
    const auto first = std::lower_bound(type.arrival_times_s.begin(), type.arrival_times_s.end(), start);
    if (first != type.arrival_times_s.end() && *first < end) return true;
  }
  return false;
}

// The ids a scope kind has in `model`, as --kpi names them.
std::vector<std::string> ids_of(const Model& model, ScopeKind scope) {
  std::vector<std::string> ids;
  switch (scope) {
    case ScopeKind::overall: break;
    case ScopeKind::contact_type: for (const auto& t : model.contact_types) ids.push_back(t.id); break;
    case ScopeKind::agent_group: for (const auto& g : model.agent_groups) ids.push_back(g.id); break;
    case ScopeKind::segment: for (const auto& s : model.segments) ids.push_back(s.id); break;
    case ScopeKind::channel:
      for (const Channel c : KpiLayout::channel_scopes_of(model)) ids.emplace_back(channel_id(c));
      break;
  }
  return ids;
}

}  // namespace

std::string KpiMargin::label() const {
  const std::string in_period = period.empty() ? "" : "interval/" + period + "/";
  const std::string tail = in_period + std::string(kpi_name(kpi));
  switch (scope) {
    case ScopeKind::overall: return tail;
    case ScopeKind::contact_type: return fmt::format("type/{}/{}", scope_id, tail);
    case ScopeKind::agent_group: return fmt::format("group/{}/{}", scope_id, tail);
    case ScopeKind::segment: return fmt::format("segment/{}/{}", scope_id, tail);
    case ScopeKind::channel: return fmt::format("channel/{}/{}", scope_id, tail);
  }
  return "";
}

std::string KpiMargin::margin_text() const {
  const char sign = rise_is_bad ? '+' : '-';
  if (relative) return fmt::format("{}{}%", sign, amount);
  return fmt::format("{}{}", sign, amount);
}

KpiMargin parse_kpi_margin(std::string_view text) {
  const std::string expected =
      "expected KPI:+x or KPI:-x, x absolute or x% of the baseline, the sign saying which change "
      "is bad (e.g. service_level:-0.01, cost_total:+2%); KPI may be scoped as type/ID/KPI, "
      "group/ID/KPI, segment/ID/KPI or channel/ID/KPI (ID voice, chat or email; * for each), and "
      "narrowed to an interval as interval/12:00/KPI (its start, its number, or * for each)";
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) bad_kpi(text, expected);

  KpiMargin margin;
  auto path = split(text.substr(0, colon), '/');
  std::size_t at = 0;
  if (path.size() >= 3 &&
      (path[0] == "type" || path[0] == "group" || path[0] == "segment" || path[0] == "channel")) {
    if (path[1].empty()) bad_kpi(text, expected);
    margin.scope = path[0] == "type"      ? ScopeKind::contact_type
                   : path[0] == "group"   ? ScopeKind::agent_group
                   : path[0] == "segment" ? ScopeKind::segment
                                          : ScopeKind::channel;
    margin.scope_id = std::string(path[1]);
    at = 2;
  }
  if (path.size() >= at + 3 && path[at] == "interval") {
    if (!is_period(path[at + 1]))
      bad_kpi(text, fmt::format("interval \"{}\": expected its start as HH:MM (e.g. 12:00), its "
                                "number from 0, or * for each interval",
                                path[at + 1]));
    margin.period = std::string(path[at + 1]);
    at += 2;
  }
  if (path.size() != at + 1) bad_kpi(text, expected);
  const std::string_view name = path[at];
  const auto found = std::find(kpi_names.begin(), kpi_names.end(), name);
  if (found == kpi_names.end())
    bad_kpi(text, fmt::format("unknown KPI \"{}\" (known: {})", name, known_kpis()));
  margin.kpi = static_cast<Kpi>(found - kpi_names.begin());
  if (!kpi_applies(margin.scope, margin.kpi))
    bad_kpi(text, fmt::format("{} does not apply to {}", name, scope_word(margin.scope)));

  std::string_view value = text.substr(colon + 1);
  if (value.empty() || (value.front() != '+' && value.front() != '-'))
    bad_kpi(text, "the margin needs a sign saying which change is bad: + (a rise) or - (a fall), "
                  "e.g. service_level:-0.01 or cost_total:+2%");
  margin.rise_is_bad = value.front() == '+';
  value.remove_prefix(1);
  if (!value.empty() && value.back() == '%') {
    margin.relative = true;
    value.remove_suffix(1);
  }
  double amount = 0.0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), amount);
  if (value.empty() || error != std::errc() || end != value.data() + value.size() ||
      !std::isfinite(amount) || amount < 0.0)
    bad_kpi(text, "the margin after the sign must be a number >= 0, optionally followed by %");
  margin.amount = amount;
  return margin;
}

std::vector<KpiMargin> default_kpi_margins() {
  return {parse_kpi_margin("service_level:-0.01"), parse_kpi_margin("abandon_rate:+0.005"),
          parse_kpi_margin("asa_s:+10%"), parse_kpi_margin("cost_total:+1%")};
}

std::size_t kpi_cell(const Model& model, const KpiMargin& margin, const std::string& file) {
  const KpiLayout layout(model);
  if (margin.scope_id == "*" || margin.period == "*")
    throw std::logic_error("kpi_cell needs a margin without '*': expand_kpi_margins first");
  std::size_t scope = KpiLayout::overall;
  if (margin.scope == ScopeKind::contact_type) {
    const auto& types = model.contact_types;
    const auto it = std::find_if(types.begin(), types.end(),
                                 [&](const ContactType& t) { return t.id == margin.scope_id; });
    if (it == types.end())
      throw InputError({Diagnostic{file, "", fmt::format("--kpi {}: no contact type \"{}\" (contact types: {})",
                                                         margin.label(), margin.scope_id, id_list(types))}});
    scope = layout.type_scope(static_cast<std::size_t>(it - types.begin()));
  } else if (margin.scope == ScopeKind::agent_group) {
    const auto& groups = model.agent_groups;
    const auto it = std::find_if(groups.begin(), groups.end(),
                                 [&](const AgentGroup& g) { return g.id == margin.scope_id; });
    if (it == groups.end())
      throw InputError({Diagnostic{file, "", fmt::format("--kpi {}: no agent group \"{}\" (agent groups: {})",
                                                         margin.label(), margin.scope_id, id_list(groups))}});
    scope = layout.group_scope(static_cast<std::size_t>(it - groups.begin()));
  } else if (margin.scope == ScopeKind::segment) {
    const auto& segments = model.segments;
    const auto it = std::find_if(segments.begin(), segments.end(),
                                 [&](const Segment& s) { return s.id == margin.scope_id; });
    if (it == segments.end())
      throw InputError({Diagnostic{file, "", fmt::format("--kpi {}: no segment \"{}\" (segments: {})",
                                                         margin.label(), margin.scope_id,
                                                         segments.empty() ? "none" : id_list(segments))}});
    scope = layout.segment_scope(static_cast<std::size_t>(it - segments.begin()));
  } else if (margin.scope == ScopeKind::channel) {
    const auto& channels = layout.channels;
    const auto it = std::find_if(channels.begin(), channels.end(),
                                 [&](Channel c) { return channel_id(c) == margin.scope_id; });
    if (it == channels.end()) {
      std::string list;
      for (const Channel c : channels) list += (list.empty() ? "" : ", ") + std::string(channel_id(c));
      throw InputError({Diagnostic{file, "", fmt::format("--kpi {}: no channel \"{}\" (channels: {})",
                                                         margin.label(), margin.scope_id,
                                                         list.empty() ? "none: one channel only" : list)}});
    }
    scope = layout.channel_scope(static_cast<std::size_t>(it - channels.begin()));
  }
  const std::size_t slot =
      margin.period.empty() ? KpiLayout::whole_horizon
                            : KpiLayout::interval_slot(interval_of(model, layout, margin, file));
  return layout.at(scope, slot, margin.kpi);
}

std::vector<KpiMargin> expand_kpi_margins(const Model& model, const std::vector<KpiMargin>& margins,
                                          const std::string& file) {
  std::vector<KpiMargin> expanded;
  const bool one_day = model.horizon.days == 1;
  for (const KpiMargin& margin : margins) {
    std::vector<KpiMargin> by_scope;
    if (margin.scope_id == "*") {
      const std::vector<std::string> ids = ids_of(model, margin.scope);
      if (ids.empty())
        throw InputError({Diagnostic{file, "", fmt::format("--kpi {}: the scenario has no {} to compare",
                                                           margin.label(), scope_plural(margin.scope))}});
      for (const std::string& id : ids) {
        by_scope.push_back(margin);
        by_scope.back().scope_id = id;
      }
    } else {
      by_scope.push_back(margin);
    }
    for (const KpiMargin& scoped : by_scope) {
      if (scoped.period != "*") {
        expanded.push_back(scoped);
        continue;
      }
      for (std::size_t i = 0; i < static_cast<std::size_t>(model.horizon.intervals()); ++i) {
        if (!has_demand(model, i)) continue;
        expanded.push_back(scoped);
        expanded.back().period = one_day ? model.horizon.start_label(static_cast<IntervalIndex>(i))
                                         : std::to_string(i);
      }
    }
  }
  return expanded;
}

}  // namespace ccsim
