#include "ccsim/sweep_writers.h"

#include <charconv>
#include <cmath>
#include <cstdint>

#include <fmt/core.h>

#include "ccsim/diagnostics.h"
#include "ccsim/json_number.h"
#include "ccsim/shard.h"
#include "ccsim/writers.h"

namespace ccsim {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

namespace {

// Parameter values as the scenario would hold them: 14, not 14.0.
ordered_json parameter_json(double value) {
  if (value == std::floor(value) && std::fabs(value) < 0x1.0p53)
    return ordered_json(static_cast<std::int64_t>(value));
  return ordered_json(value);
}

// Of the parsed document: edits of layout or comments keep it, edits of content change it.
std::string document_hash(const json& document) { return content_hash(document.dump()); }

}  // namespace

ordered_json sweep_definition(const Model& base, const SweepStudy& study, std::uint64_t seed,
                              int replications) {
  ordered_json sets = ordered_json::array();
  for (const auto& p : study.parameters()) sets.push_back(p.path + "=" + p.definition);
  return {{"ccsim", CCSIM_VERSION},
          {"scenario", base.name},
          {"scenario_hash", document_hash(study.document())},
          {"seed", seed},
          {"replications", replications},
          {"design", study.is_latin_hypercube() ? "lhs" : "grid"},
          {"points", study.points()},
          {"set", sets}};
}

std::string sweep_header_text(SweepFormat format, const ordered_json& definition,
                              const std::vector<SweepParameter>& parameters) {
  if (format == SweepFormat::jsonl) return ordered_json{{"ccsim_sweep", definition}}.dump() + "\n";
  std::string text = "# ccsim sweep " + definition.dump() + "\npoint";
  // Appended piece by piece: g++ 12 warns falsely (-Wrestrict) on `text += "," + field` here.
  for (const auto& p : parameters) {
    text += ',';
    text += csv_field(p.path);
  }
  return text + ",scope,id,kpi,mean,ci95,n\n";
}

namespace {

// The scopes a point reports, over the whole horizon: overall, each contact type, each group, each
// segment, each channel (when the types use two or more).
struct Scope {
  std::size_t index;
  ScopeKind kind;
  const char* name;
  std::string id;
};

std::vector<Scope> scopes_of(const Model& model) {
  const KpiLayout layout(model);
  std::vector<Scope> scopes{{KpiLayout::overall, ScopeKind::overall, "overall", ""}};
  for (std::size_t t = 0; t < model.type_count(); ++t)
    scopes.push_back({layout.type_scope(t), ScopeKind::contact_type, "type", model.contact_types[t].id});
  for (std::size_t g = 0; g < model.group_count(); ++g)
    scopes.push_back({layout.group_scope(g), ScopeKind::agent_group, "group", model.agent_groups[g].id});
  for (std::size_t s = 0; s < model.segment_count(); ++s)
    scopes.push_back({layout.segment_scope(s), ScopeKind::segment, "segment", model.segments[s].id});
  for (std::size_t c = 0; c < layout.channels.size(); ++c)
    scopes.push_back({layout.channel_scope(c), ScopeKind::channel, "channel",
                      std::string(channel_id(layout.channels[c]))});
  return scopes;
}
}  // namespace

std::size_t sweep_lines_per_point(SweepFormat format, const Model& model) {
  if (format == SweepFormat::jsonl) return 1;
  std::size_t lines = 0;
  for (const Scope& scope : scopes_of(model))
    for (std::size_t k = 0; k < kpi_count; ++k) lines += kpi_applies(scope.kind, static_cast<Kpi>(k));
  return lines;
}

std::string sweep_point_prefix(SweepFormat format, std::size_t point) {
  return format == SweepFormat::csv ? fmt::format("{},", point) : fmt::format("{{\"point\":{},", point);
}

std::string sweep_point_text(SweepFormat format, std::size_t point,
                             const std::vector<SweepParameter>& parameters,
                             const std::vector<double>& values, const Model& model,
                             const Summary& summary) {
  std::string text;
  if (format == SweepFormat::csv) {
    std::string head = std::to_string(point);
    for (std::size_t i = 0; i < values.size(); ++i) {
      head += ',';
      head += csv_field(sweep_parameter_text(parameters[i], values[i]));
    }
    for (const Scope& scope : scopes_of(model))
      for (std::size_t k = 0; k < kpi_count; ++k) {
        const auto kpi = static_cast<Kpi>(k);
        if (!kpi_applies(scope.kind, kpi)) continue;
        const Estimate& e = summary.get(scope.index, KpiLayout::whole_horizon, kpi);
        text += fmt::format("{},{},{},{},{},{},{}\n", head, scope.name, csv_field(scope.id),
                            kpi_name(kpi), csv_number(e.mean), csv_number(e.ci95), e.n);
      }
    return text;
  }
  ordered_json line = {{"point", point}, {"params", ordered_json::object()}};
  for (std::size_t i = 0; i < parameters.size(); ++i)
    line["params"][parameters[i].path] = parameters[i].is_what_if()
                                             ? ordered_json(sweep_parameter_text(parameters[i], values[i]))
                                             : parameter_json(values[i]);
  // Every key in the same order on every line, segments and channels or not.
  line["overall"] = ordered_json::object();
  line["by_type"] = ordered_json::object();
  line["by_group"] = ordered_json::object();
  line["by_segment"] = ordered_json::object();
  line["by_channel"] = ordered_json::object();
  for (const Scope& scope : scopes_of(model)) {
    ordered_json kpis = ordered_json::object();
    for (std::size_t k = 0; k < kpi_count; ++k) {
      const auto kpi = static_cast<Kpi>(k);
      if (!kpi_applies(scope.kind, kpi)) continue;
      const Estimate& e = summary.get(scope.index, KpiLayout::whole_horizon, kpi);
      kpis[std::string(kpi_name(kpi))] = {
          {"mean", number_or_null<ordered_json>(e.mean)}, {"ci95", number_or_null<ordered_json>(e.ci95)}, {"n", e.n}};
    }
    switch (scope.kind) {
      case ScopeKind::overall: line["overall"] = kpis; break;
      case ScopeKind::contact_type: line["by_type"][scope.id] = kpis; break;
      case ScopeKind::agent_group: line["by_group"][scope.id] = kpis; break;
      case ScopeKind::segment: line["by_segment"][scope.id] = kpis; break;
      case ScopeKind::channel: line["by_channel"][scope.id] = kpis; break;
    }
  }
  return line.dump() + "\n";
}

SweepLineCheck sweep_whole_line_check(SweepFormat format, const Model& base,
                                      const std::function<std::vector<std::string>(std::size_t)>& values_of) {
  if (format == SweepFormat::jsonl)
    return [](std::size_t point, std::size_t, std::string_view text) {
      const json line = json::parse(text, nullptr, /*allow_exceptions=*/false);
      if (line.is_discarded() || !line.is_object() || line.value("point", json()) != point) return false;
      for (const char* key : {"params", "overall", "by_type", "by_group", "by_segment", "by_channel"})
        if (!line.contains(key) || !line[key].is_object()) return false;
      return true;
    };
  std::vector<std::string> rows;  // "scope,id,kpi," for each line of a point, in order
  for (const Scope& scope : scopes_of(base))
    for (std::size_t k = 0; k < kpi_count; ++k)
      if (kpi_applies(scope.kind, static_cast<Kpi>(k)))
        rows.push_back(fmt::format("{},{},{},", scope.name, csv_field(scope.id), kpi_name(static_cast<Kpi>(k))));
  return [rows, values_of](std::size_t point, std::size_t line, std::string_view text) {
    std::string head = std::to_string(point);
    for (const std::string& v : values_of(point)) {
      head += ',';
      head += csv_field(v);
    }
    head += ',';
    head += rows[line];
    if (!text.starts_with(head)) return false;
    text.remove_prefix(head.size());
    // mean,ci95,n: two numbers (empty when not finite), then a whole number.
    for (int field = 0; field < 3; ++field) {
      const std::size_t comma = text.find(',');
      if ((comma == std::string_view::npos) != (field == 2)) return false;
      const std::string_view value = text.substr(0, comma);
      if (field < 2 && !value.empty()) {
        double number = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (error != std::errc{} || end != value.data() + value.size()) return false;
      }
      if (field == 2) {
        std::uint64_t n = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (value.empty() || error != std::errc{} || end != value.data() + value.size()) return false;
      }
      if (comma != std::string_view::npos) text.remove_prefix(comma + 1);
    }
    return true;
  };
}

ResumeScan scan_sweep_text(std::string_view text, SweepFormat format, std::string_view header,
                           const Model& base, const SweepStudy& study, const std::string& file) {
  const ResumeScan scan = scan_sweep_output(
      text, header, sweep_lines_per_point(format, base),
      [format](std::size_t point) { return sweep_point_prefix(format, point); }, file,
      sweep_whole_line_check(format, base, [&study](std::size_t point) {
        const std::vector<double> values = study.values(point);
        std::vector<std::string> texts;
        for (std::size_t i = 0; i < values.size(); ++i)
          texts.push_back(sweep_parameter_text(study.parameters()[i], values[i]));
        return texts;
      }));
  if (scan.points_done > study.points())
    throw InputError({{file, "", fmt::format("holds {} points, more than this sweep's {}",
                                             scan.points_done, study.points())}});
  return scan;
}

}  // namespace ccsim
