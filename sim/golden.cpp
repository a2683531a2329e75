#include "ccsim/golden.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/core.h>

#include "ccsim/diagnostics.h"
#include "ccsim/summary.h"

namespace ccsim {

namespace {

using nlohmann::json;

// A stored figure beside the fresh one, both as written: {"mean", "ci95"}, or null.
struct FigurePair {
  std::string name;
  json stored;
  json fresh;
};

std::vector<FigurePair> whole_horizon_figures(const json& stored, const json& fresh,
                                              const std::string& golden) {
  std::vector<FigurePair> figures;
  const auto scope = [&](const std::string& prefix, const json& s, const json& f) {
    for (const auto& [kpi, value] : s.items())
      figures.push_back({prefix + kpi, value, f.value(kpi, json(nullptr))});
  };
  if (!stored.contains("overall") || !stored["overall"].is_object())
    throw InputError({Diagnostic{golden, "", "not a ccsim result: no \"overall\" object"}});
  scope("overall/", stored["overall"], fresh["overall"]);
  for (const auto& [key, prefix] : {std::pair{"by_type", "type/"}, std::pair{"by_group", "group/"},
                                    std::pair{"by_segment", "segment/"},
                                    std::pair{"by_channel", "channel/"}}) {
    const json& s = stored.value(key, json::object());
    const json& f = fresh[key];
    for (const auto& [id, kpis] : s.items()) {
      if (!f.contains(id))
        throw InputError({Diagnostic{golden, std::string("/") + key + "/" + id,
                                     "the scenario has no such id now: the stored result is for "
                                     "another structure; refresh it"}});
      scope(prefix + id + "/", kpis, f[id]);
    }
  }
  return figures;
}

double finite_or_nan(const json& value) {
  return value.is_number() ? value.get<double>() : std::nan("");
}

// A member of a fresh figure's entry, NaN when the entry (the KPI no longer applies) or the member
// is missing or null. A stored entry that is no object is not a ccsim result: json throws.
double fresh_member(const json& entry, const char* key) {
  return finite_or_nan(entry.is_object() ? entry.value(key, json(nullptr)) : json(nullptr));
}

}  // namespace

StoredRun stored_run(const json& stored, const std::string& golden_file,
                     const std::string& scenario_name, const std::string& scenario_file) {
  const auto recorded = [&](const char* key) {
    if (!stored.contains(key) || !stored[key].is_number_unsigned())
      throw InputError({Diagnostic{golden_file, std::string("/") + key,
                                   "missing or not a whole number >= 0"}});
    return stored[key].get<std::uint64_t>();
  };
  const std::string name = stored.value("scenario", std::string());
  if (name != scenario_name)
    throw InputError({Diagnostic{golden_file, "/scenario",
                                 fmt::format("is the result of \"{}\", not of {} (\"{}\")", name,
                                             scenario_file, scenario_name)}});
  StoredRun run;
  run.replications = recorded("replications");
  if (run.replications < 1 || run.replications > 1000000)
    throw InputError({Diagnostic{golden_file, "/replications", "must be between 1 and 1000000"}});
  run.seed = recorded("seed");
  return run;
}

int GoldenComparison::identical() const {
  return static_cast<int>(std::count_if(figures.begin(), figures.end(),
                                        [](const GoldenFigure& f) { return f.identical; }));
}

std::vector<std::string> GoldenComparison::beyond() const {
  std::vector<std::string> names;
  for (const GoldenFigure& f : figures)
    if (!f.within) names.push_back(f.name);
  return names;
}

GoldenComparison compare_with_golden(const json& stored, const json& fresh,
                                     std::uint64_t replications, const std::string& golden_file) {
  // se = ci95 / t(0.975, n - 1): the stored and fresh runs have the same replications.
  const double t = replications > 1 ? student_t_975(replications - 1) : std::nan("");
  GoldenComparison comparison;
  for (const FigurePair& pair : whole_horizon_figures(stored, fresh, golden_file)) {
    GoldenFigure& figure = comparison.figures.emplace_back();
    figure.name = pair.name;
    figure.stored = finite_or_nan(pair.stored.value("mean", json(nullptr)));
    figure.fresh = fresh_member(pair.fresh, "mean");
    const double s = figure.stored, f = figure.fresh;
    if (pair.stored == pair.fresh || (std::isnan(s) && std::isnan(f))) {
      figure.identical = true;
      continue;
    }
    const double se_s = finite_or_nan(pair.stored.value("ci95", json(nullptr))) / t;
    const double se_f = fresh_member(pair.fresh, "ci95") / t;
    double tolerance = golden_tolerance_in_standard_errors *
                       std::hypot(std::isfinite(se_s) ? se_s : 0.0, std::isfinite(se_f) ? se_f : 0.0);
    // Room for rounding in the last digits, for figures with no spread (cost follows the plan).
    tolerance += 1e-9 * std::max({std::abs(s), std::abs(f), 1.0});
    figure.tolerance = tolerance;
    figure.within = std::isfinite(s) && std::isfinite(f) && std::abs(f - s) <= tolerance;
  }
  return comparison;
}

}  // namespace ccsim
