// `ccsim staff --report`: the staffing plan as a page (html_report.h).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "ccsim/html_report.h"
#include "ccsim/staffing_seed.h"
#include "sim/html_page.h"
#include "sim/svg_chart.h"
#include "sim/writer_text.h"

namespace ccsim {

namespace {

std::string interval_label(const Model& model, std::size_t i) {
  return model.horizon.interval_label(static_cast<IntervalIndex>(i));
}

std::string figure(const TargetCheck& t) {
  if (std::isnan(t.value)) return "-";
  return t.kind == TargetKind::asa_max ? fmt::format("{:.1f} s", t.value) : fmt::format("{:.1f} %", 100.0 * t.value);
}

std::string threshold(const Model& model, const TargetCheck& t) {
  switch (t.kind) {
    case TargetKind::service_level: return type_target(model.contact_types[t.type]);
    case TargetKind::abandon_max: return fmt::format("at most {:.1f} % abandoned", 100.0 * t.target);
    case TargetKind::asa_max: return fmt::format("ASA at most {:g} s", t.target);
  }
  return "";
}

void targets_table(std::ostream& out, const Model& model, const std::vector<const TargetCheck*>& rows) {
  out << "<table><tr><th>type</th><th>interval</th><th>KPI</th><th>value</th><th>target</th>"
         "<th>P(target met)</th><th>holds</th></tr>";
  for (const TargetCheck* t : rows)
    fmt::print(out, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
               html_escape(model.contact_types[t->type].id),
               html_escape(target_slot_label(model, t->slot)),
               kpi_name(target_kpi(model.contact_types[t->type], t->kind)), figure(*t),
               html_escape(threshold(model, *t)),
               std::isnan(t->p_met) ? "-" : fmt::format("{:.0f} %", 100.0 * t->p_met), t->holds ? "yes" : "no");
  out << "</table>\n";
}

}  // namespace

void write_staffing_html(std::ostream& out, const Model& model, const StaffingSearchResult& result,
                         const RunDescription& search) {
  write_page_head(out, model.name + ": staffing plan");
  fmt::print(out, "<h1>{}: staffing plan</h1>\n", html_escape(model.name));
  const StaffingTrail& trail = result.trail;
  fmt::print(out,
             "<p class=\"run\" id=\"search\" data-cost=\"{:.17g}\" data-targets-met=\"{}\">{} {:.0f} (the Erlang "
             "seed: {:.0f}). Searched on {} replications a plan, seed {}: {} plans simulated ({} seed "
             "corrections, {} runs weighing where to add, {} removal passes{}); checked on {} fresh replications (seed {}): {}.</p>\n",
             result.cost, result.targets_met ? "true" : "false",
             has_agent_cost(model) ? "Cost" : "Agent-hours", result.cost, result.seed_cost, search.replications,
             search.seed, trail.evaluations, trail.corrections, trail.weighings, trail.removal_passes,
             trail.stopped_at_limit ? ", stopped at the evaluation limit" : "",
             result.verification_replications, result.verification_seed,
             result.targets_met ? "every target holds" : "some targets fail");

  std::vector<std::string> labels;
  for (std::size_t i = 0; i < static_cast<std::size_t>(model.horizon.intervals()); ++i)
    labels.push_back(interval_label(model, i));
  out << "<h2>Paid agents per interval</h2>\n";
  for (std::size_t g = 0; g < model.group_count(); ++g) {
    const std::string& id = model.agent_groups[g].id;
    LineChart chart{"plan/" + id, id + ": the plan and its Erlang seed", labels,
                    {{"plan", result.staffed[g], {}, {}}, {"Erlang seed", result.erlang_seed[g], {}, {}}},
                    std::nullopt, false, "agents"};
    out << svg_line_chart(chart) << '\n';
  }
  out << "<details><summary>Table</summary><table><tr><th>interval</th>";
  for (const AgentGroup& group : model.agent_groups) fmt::print(out, "<th>{} (seed)</th>", html_escape(group.id));
  out << "</tr>";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    fmt::print(out, "<tr><td>{}</td>", html_escape(labels[i]));
    for (std::size_t g = 0; g < model.group_count(); ++g)
      fmt::print(out, "<td>{:g} ({:g})</td>", result.staffed[g][i], result.erlang_seed[g][i]);
    out << "</tr>";
  }
  out << "</table></details>\n";

  std::vector<const TargetCheck*> failing, holding;
  for (const TargetCheck& t : result.targets) (t.holds ? holding : failing).push_back(&t);
  out << "<h2>Targets on fresh replications</h2>\n";
  if (!failing.empty()) {
    out << "<h3>Failing</h3>\n";
    targets_table(out, model, failing);
  }
  std::stable_sort(holding.begin(), holding.end(), [](const TargetCheck* a, const TargetCheck* b) {
    const auto relative = [](const TargetCheck* t) { return t->target > 0.0 ? t->margin / t->target : t->margin; };
    return relative(a) < relative(b);
  });
  holding.resize(std::min<std::size_t>(holding.size(), 10));
  if (!holding.empty()) {
    out << "<h3>What binds: the tightest that hold</h3>\n";
    targets_table(out, model, holding);
  }

  out << "<h2>The plan on fresh replications</h2>\n";
  const Model planned = with_staffing(model, result.staffed);
  write_run_line(out, planned, {result.verification_replications, result.verification_seed});
  write_summary_sections(out, planned, result.verification);
  write_page_end(out);
}

}  // namespace ccsim
