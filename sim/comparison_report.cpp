#include "ccsim/comparison_report.h"

#include "ccsim/json_number.h"

namespace ccsim {

using nlohmann::json;

ComparisonReport comparison_report(const SequentialComparison& result,
                                   const ComparisonOptions& options, const std::string& baseline,
                                   const std::string& candidate, bool fail_undecided) {
  ComparisonReport report;
  json kpis = json::array();
  for (std::size_t k = 0; k < result.kpis().size(); ++k) {
    const PairedKpi& p = result.kpis()[k];
    const KpiMargin& m = p.margin();
    const Verdict verdict = result.verdicts()[k];
    if (verdict == Verdict::worse) report.worse.push_back(m.label());
    if (verdict == Verdict::undecided) report.undecided.push_back(m.label());
    kpis.push_back({{"kpi", m.label()}, {"n", p.n()}, {"baseline", number_or_null(p.baseline_mean())},
                    {"candidate", number_or_null(p.candidate_mean())},
                    {"change", number_or_null(p.change_mean())},
                    {"change_ci95", number_or_null(p.change_ci95())},
                    {"margin", m.margin_text()}, {"margin_value", number_or_null(p.margin_value())},
                    {"verdict", verdict_name(verdict)}});
  }
  report.failed = !report.worse.empty() || (fail_undecided && !report.undecided.empty());
  report.stopped_early = result.replications() < result.looks().back();
  report.json = {{"baseline", baseline},
                 {"candidate", candidate},
                 {"seed", options.seed},
                 {"candidate_seed", options.candidate_seed ? json(*options.candidate_seed) : json(nullptr)},
                 {"alpha", options.alpha},
                 {"one_sided_alpha", result.one_sided_alpha()},
                 {"planned_looks", result.looks()},
                 {"replications", result.replications()},
                 {"result", report.failed ? "fail" : "pass"},
                 {"kpis", kpis}};
  return report;
}

}  // namespace ccsim
