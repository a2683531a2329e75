#include "runs.h"

#include <sstream>
#include <stdexcept>
#include <utility>

#include "ccsim/comparison_report.h"
#include "ccsim/diagnostics.h"
#include "ccsim/kpi_margin.h"
#include "ccsim/sequential_comparison.h"
#include "ccsim/paired.h"
#include "ccsim/sweep.h"
#include "ccsim/sweep_study.h"
#include "ccsim/what_if_writers.h"
#include "ccsim/writers.h"

namespace ccsim::python {

namespace {

Detail detail_of(const std::string& name, const Horizon& horizon) {
  if (name.empty()) return default_detail(horizon);
  for (Detail d : {Detail::total, Detail::day, Detail::interval})
    if (detail_name(d) == name) return d;
  throw std::invalid_argument("detail must be \"total\", \"day\" or \"interval\", got \"" + name + "\"");
}

RunOptions options_of(const Model& model, const RunRequest& request) {
  RunOptions options;
  options.replications = request.replications.value_or(model.run.replications);
  options.seed = request.seed.value_or(model.run.seed);
  options.threads = request.threads;
  // The bounds of `ccsim run -r`.
  if (options.replications < 1 || options.replications > 1'000'000)
    throw std::invalid_argument("replications must be 1 to 1000000, got " +
                                std::to_string(options.replications));
  if (options.threads < 0)
    throw std::invalid_argument("threads must be 0 (every core) or more, got " +
                                std::to_string(options.threads));
  return options;
}

Run run_study(Model base, std::vector<WhatIfVariant> variants, const RunRequest& request) {
  const RunOptions options = options_of(base, request);
  std::optional<ReplicationValues> kept;
  if (request.keep_replications) {
    ReplicationValues::check_memory(base, variants.size(),
                                    static_cast<std::uint64_t>(options.replications),
                                    "keep_replications");
    std::vector<std::string> names;
    for (const WhatIfVariant& v : variants) names.push_back(v.name);
    kept.emplace(base, std::move(names));
  }
  WhatIfStudy study = run_what_if_study(base, variants, options, [&kept](const ReplicationOutcome& o) {
    if (kept) kept->add(o);
  });
  return {std::move(base), std::move(variants), std::move(study), options.seed, std::move(kept)};
}

}  // namespace

std::string Run::json_text() const {
  std::ostringstream out;
  nlohmann::json more = nlohmann::json::object();
  if (!variants.empty()) more["what_if"] = what_ifs_json(model, variants, study);
  write_json(out, model, study.baseline, {study.replications, seed}, more);
  return out.str();
}

std::string Run::csv_text() const {
  std::ostringstream out;
  if (variants.empty())
    write_csv(out, model, study.baseline);
  else
    write_csv_with_what_ifs(out, model, variants, study);
  return out.str();
}

std::string Run::replications_text() const {
  if (!replications)
    throw std::invalid_argument("run with keep_replications=True to keep every replication's values");
  std::ostringstream out;
  replications->write_csv(out, model);
  return out.str();
}

std::string Run::table_text() const {
  std::ostringstream out;
  write_table(out, model, study.baseline, {study.replications, seed});
  if (!variants.empty()) write_what_if_tables(out, model, variants, study);
  return out.str();
}

Run run(const Scenario& scenario, const std::vector<std::string>& what_ifs, const RunRequest& request) {
  Model model = scenario.compile();
  model.run.detail = detail_of(request.detail, model.horizon);
  std::vector<WhatIfVariant> variants;
  if (!what_ifs.empty())
    variants = compile_variants(scenario.document(), model, what_ifs, scenario.file(),
                                scenario.base_dir());
  return run_study(std::move(model), std::move(variants), request);
}

Run paired(const Scenario& baseline, const Scenario& candidate, const RunRequest& request) {
  Model model = baseline.compile();
  model.run.detail = detail_of(request.detail, model.horizon);
  std::vector<WhatIfVariant> variants;
  variants.push_back({"candidate", candidate.compile()});
  Model& other = variants.back().model;
  if (const auto problem = pairing_problem(model, other))
    throw InputError({{candidate.file(), "",
                       "cannot be compared with " + baseline.file() +
                           " interval by interval: " + *problem}});
  other.run.detail = model.run.detail;
  other.run.memory_limit_bytes = model.run.memory_limit_bytes;
  return run_study(std::move(model), std::move(variants), request);
}

std::string compare_sequentially(const Scenario& baseline, const Scenario& candidate,
                                 const GateRequest& request) {
  std::vector<KpiMargin> margins;
  for (const std::string& text : request.kpis) margins.push_back(parse_kpi_margin(text));
  if (margins.empty()) margins = default_kpi_margins();
  if (request.initial_replications < 2 || request.max_replications > 1'000'000)
    throw std::invalid_argument("initial_replications must be at least 2 and max_replications at "
                                "most 1000000");
  if (!(request.alpha >= 1e-9 && request.alpha <= 0.5))
    throw std::invalid_argument("alpha must be between 1e-9 and 0.5");
  const Model base = baseline.compile();
  const Model other = candidate.compile();
  ComparisonOptions options;
  options.alpha = request.alpha;
  options.first_look = request.initial_replications;
  options.max_replications = request.max_replications;
  options.seed = request.seed.value_or(base.run.seed);
  options.threads = request.threads;
  const SequentialComparison result =
      compare_models(base, other, margins, options, baseline.file(), candidate.file());
  return comparison_report(result, options, baseline.file(), candidate.file(),
                           request.fail_undecided)
             .json.dump(2);
}

std::vector<SweepPoint> sweep(const Scenario& scenario, const std::vector<std::string>& paths,
                              const std::vector<std::vector<double>>& values,
                              std::optional<std::size_t> lhs_points, const RunRequest& request,
                              const std::vector<std::string>& what_ifs) {
  if (paths.size() != values.size()) throw std::invalid_argument("one list of values per path");
  std::vector<SweepParameter> parameters;
  for (std::size_t p = 0; p < paths.size(); ++p) {
    if (paths[p] == what_if_axis) {
      if (what_ifs.empty()) throw std::invalid_argument("no what-ifs for \"what_if\"");
      SweepParameter axis;
      axis.path = paths[p];
      for (const std::string& name : what_ifs) {
        axis.definition += (axis.definition.empty() ? "" : ",") + name;
        axis.values.push_back(static_cast<double>(axis.labels.size()));
        axis.labels.push_back(name);
      }
      parameters.push_back(std::move(axis));
      continue;
    }
    if (values[p].empty()) throw std::invalid_argument("no values for " + paths[p]);
    std::string definition;
    for (double v : values[p]) definition += (definition.empty() ? "" : ",") + sweep_value_text(v);
    // "PATH*" scales what the scenario holds there, as `ccsim sweep --set PATH*=...` does.
    parameters.push_back({paths[p], definition, values[p], false, paths[p].ends_with('*'), {}});
  }
  const Model base = scenario.compile();
  const RunOptions options = options_of(base, request);
  const SweepStudy study(scenario.document(), scenario.file(), scenario.base_dir(),
                         std::move(parameters), lhs_points, options.seed);
  study.check_values();
  std::vector<std::size_t> todo(study.points());
  for (std::size_t p = 0; p < todo.size(); ++p) todo[p] = p;
  SweepRunOptions sweep_options;
  sweep_options.replications = options.replications;
  sweep_options.seed = options.seed;
  sweep_options.threads = options.threads;
  std::vector<SweepPoint> points;
  study.run(todo, sweep_options,
            [&](std::size_t, const std::vector<double>& point_values, const Model& model,
                const Summary& summary) {
              // A sweep counts contacts and events over all its points, not per point.
              WhatIfStudy result{options.replications, summary, {}, {}};
              points.push_back({point_values, {model, {}, std::move(result), options.seed, {}}});
            });
  return points;
}

}  // namespace ccsim::python
