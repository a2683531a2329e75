// `ccsim compare BASE CANDIDATE`: is the candidate worse than the baseline beyond each KPI's margin?
// Paired replications on common random numbers, added in growing batches until every KPI is
// decided (sequential_comparison.h has the statistics). `ccsim compare SCENARIO --against GOLDEN`:
// does a fresh run still give the stored result, within statistical tolerance?
// Exit 0 pass, 1 regression, 2 bad input or usage.
#include <algorithm>
#include <filesystem>
#include <cmath>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "ccsim/text_file.h"
#include "ccsim/comparison_report.h"
#include "ccsim/html_report.h"
#include "ccsim/diagnostics.h"
#include "ccsim/golden.h"
#include "ccsim/json_number.h"
#include "ccsim/output_file.h"
#include "ccsim/paired.h"
#include "ccsim/runner.h"
#include "ccsim/scenario.h"
#include "ccsim/sequential_comparison.h"
#include "ccsim/what_if.h"
#include "ccsim/summary.h"
#include "ccsim/writers.h"
#include "commands.h"
#include "memory_limit.h"
#include "override_options.h"
#include "seed_option.h"

namespace ccsim::cli {

namespace {

using nlohmann::json;

struct CompareArguments {
  std::string baseline;
  std::string candidate;
  std::string what_if;  // the candidate is this what-if of the baseline's file
  std::vector<std::string> kpis;
  double alpha = 0.05;
  int initial_replications = 10;
  int max_replications = 200;
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> candidate_seed;
  bool fail_undecided = false;
  int threads = 0;
  std::string against;
  std::optional<std::string> json_out;  // absent when not asked for; "" is asked for and refused
  std::optional<std::string> report_out;
  std::optional<std::uint64_t> memory_limit;
  OverrideOptions overrides;  // change the candidate (the baseline itself when there is no other)
};

[[noreturn]] void usage_error(const std::string& message) {
  throw InputError({Diagnostic{"ccsim compare", "", message}});
}

// A table whose first column is left-aligned and the others as asked.
class Table {
 public:
  explicit Table(std::vector<std::string> header, std::vector<bool> right_aligned)
      : right_(std::move(right_aligned)) { rows_.push_back(std::move(header)); }
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void print(std::ostream& out) const {
    std::vector<std::size_t> width(rows_.front().size(), 0);
    for (const auto& row : rows_)
      for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], display_width(row[c]));
    for (const auto& row : rows_) {
      std::string line = " ";
      for (std::size_t c = 0; c < row.size(); ++c) {
        const std::string pad(width[c] - display_width(row[c]), ' ');
        line += "  " + (right_[c] ? pad + row[c] : row[c] + pad);
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out << line << '\n';
    }
  }

 private:
  // "±" is two bytes of UTF-8 but one column.
  static std::size_t display_width(const std::string& text) {
    std::size_t n = 0;
    for (unsigned char ch : text) n += (ch & 0xC0) != 0x80;
    return n;
  }
  std::vector<std::vector<std::string>> rows_;
  std::vector<bool> right_;
};

// Digits after the point by the KPI's nature, so a row reads in one unit.
int decimals(Kpi kpi) {
  if (kpi_is_share(kpi)) return 4;
  switch (kpi) {
    case Kpi::cost_total:
    case Kpi::cost_automation: return 0;
    case Kpi::deflected:
    case Kpi::backlog:
    case Kpi::offered:
    case Kpi::handled:
    case Kpi::abandoned:
    case Kpi::in_system:
    case Kpi::callbacks_offered:
    case Kpi::callbacks_accepted: return 1;
    default: return 2;
  }
}

std::string number(double value, int digits, bool sign = false) {
  if (!std::isfinite(value)) return "-";
  if (value == 0.0) value = 0.0;  // no "-0"
  return sign ? fmt::format("{:+.{}f}", value, digits) : fmt::format("{:.{}f}", value, digits);
}

// ---- BASE vs CANDIDATE ----------------------------------------------------------------------------

// The candidate: the CANDIDATE file, or a what-if of the baseline's file, or the baseline itself,
// with the overrides. A what-if is compiled as `ccsim run --what-if` compiles it, but free to
// change types, groups or intervals: compare finds its KPIs by id, not cell by cell.
Model candidate_of(const CompareArguments& args, const Scenario& baseline) {
  Scenario candidate = args.candidate.empty() ? baseline : Scenario::read(args.candidate);
  if (!args.what_if.empty()) candidate = candidate.with_what_if(args.what_if);
  return apply_overrides(candidate, args.overrides.parsed()).compile();
}

// How the candidate is named in the report.
std::string candidate_name(const CompareArguments& args) {
  std::string name = args.candidate.empty() ? args.baseline : args.candidate;
  if (!args.what_if.empty()) name += " --what-if " + args.what_if;
  for (const std::string& set : args.overrides.sets) name += " --set " + set;
  if (args.overrides.volume) name += fmt::format(" --volume {}", *args.overrides.volume);
  return name;
}

int compare_scenarios(const CompareArguments& args) {
  if (args.candidate.empty() && args.what_if.empty() && !args.overrides.any())
    usage_error("give a CANDIDATE scenario, --what-if NAME, --set or --volume, or --against GOLDEN.json");
  if (!args.candidate.empty() && !args.what_if.empty())
    usage_error("give either a CANDIDATE scenario or --what-if NAME, not both");
  // Checked before anything runs: a typing mistake in a folder costs a second, not the comparison.
  OutputSet outputs;
  if (args.json_out) outputs.add("--json", *args.json_out);
  if (args.report_out) outputs.add("--report", *args.report_out);
  std::vector<KpiMargin> margins;
  for (const auto& text : args.kpis) margins.push_back(parse_kpi_margin(text));
  if (margins.empty()) margins = default_kpi_margins();

  const Scenario baseline_scenario = Scenario::read(args.baseline);
  Model baseline = baseline_scenario.compile();
  Model candidate = candidate_of(args, baseline_scenario);
  const std::string candidate_name = ccsim::cli::candidate_name(args);
  apply_memory_limit(args.memory_limit, baseline);
  apply_memory_limit(args.memory_limit, candidate);
  // The KPIs compared are whole-horizon figures found by name and id, so the two scenarios need
  // not match cell for cell; but random streams are keyed by contact type index, so a different
  // structure shares fewer random numbers and may need more replications to decide.
  if (const auto problem = pairing_problem(baseline, candidate))
    fmt::print(stderr, "note: {}: {}; the KPIs are still paired replication by replication\n",
               candidate_name, *problem);
  ComparisonOptions options;
  options.alpha = args.alpha;
  options.first_look = args.initial_replications;
  options.max_replications = args.max_replications;
  options.seed = args.seed.value_or(baseline.run.seed);
  options.candidate_seed = args.candidate_seed;
  options.threads = args.threads;
  const SequentialComparison result =
      compare_models(baseline, candidate, margins, options, args.baseline, candidate_name);

  const auto& looks = result.looks();
  const std::vector<int> taken(looks.begin(), looks.begin() + result.looks_taken());
  fmt::print("{} -> {}: {} replications, seed {}{}\n", args.baseline, candidate_name,
             result.replications(), options.seed,
             options.candidate_seed ? fmt::format(" (candidate seed {}, no common random numbers)", *options.candidate_seed)
                                    : ", common random numbers");
  fmt::print("looked at {} of the planned {}; each KPI tested one-sided at {} / ({} looks x {} KPIs) = {:.2g}\n\n",
             fmt::join(taken, ", "), fmt::join(looks, ", "), args.alpha, looks.size(), result.kpis().size(),
             result.one_sided_alpha());

  const ComparisonReport report =
      comparison_report(result, options, args.baseline, candidate_name, args.fail_undecided);
  Table table({"KPI", "baseline", "candidate", "change ±95% CI", "margin", "verdict"},
              {false, true, true, true, false, false});
  for (std::size_t k = 0; k < result.kpis().size(); ++k) {
    const PairedKpi& p = result.kpis()[k];
    const KpiMargin& m = p.margin();
    const int digits = decimals(m.kpi);
    std::string change = number(p.change_mean(), digits, true);
    const double ci = p.change_ci95();
    if (std::isfinite(ci) && ci > 0.0) change += " ±" + number(ci, digits);
    std::string margin = m.margin_text();
    if (m.relative) margin += " (" + number(p.margin_value(), digits, true) + ")";
    const Verdict verdict = result.verdicts()[k];
    table.add({m.label(), number(p.baseline_mean(), digits), number(p.candidate_mean(), digits), change,
               margin, std::string(verdict_name(verdict))});
  }
  table.print(std::cout);

  const std::vector<std::string>& worse = report.worse;
  const std::vector<std::string>& undecided = report.undecided;
  const bool failed = report.failed;
  fmt::print("\n");
  if (!worse.empty())
    fmt::print("REGRESSION: {} worse than the margin\n", fmt::join(worse, ", "));
  if (!undecided.empty() && report.stopped_early)
    fmt::print("note: {} not decided: the comparison stops at the first regression\n", fmt::join(undecided, ", "));
  else if (!undecided.empty())
    fmt::print("{}: {} undecided after {} replications (the margin is finer than the noise; raise "
               "--max-replications or widen the margin)\n",
               args.fail_undecided ? "FAIL" : "note", fmt::join(undecided, ", "), result.replications());
  if (!failed) fmt::print("PASS: no KPI worse than its margin\n");

  if (args.json_out)
    outputs.write("--json", [&](std::ostream& out) {
      out << report.json.dump(2) << '\n';
    });
  if (args.report_out)
    outputs.write("--report", [&](std::ostream& out) { write_comparison_html(out, report.json); });
  outputs.commit();
  return failed ? 1 : 0;
}

// ---- SCENARIO vs a stored result ------------------------------------------------------------------

int compare_with_stored(const CompareArguments& args) {
  if (!args.candidate.empty()) usage_error("give either a CANDIDATE scenario or --against, not both");
  if (args.overrides.any()) usage_error("--against re-runs the file as it is: --set and --volume do not apply");
  OutputSet outputs;
  if (args.json_out) outputs.add("--json", *args.json_out);
  if (args.report_out) usage_error("--report draws a comparison of two scenarios; --against checks figures only");
  Model model = Scenario::read(args.baseline).compile();
  apply_memory_limit(args.memory_limit, model);
  // A stored result is a few hundred kilobytes; 64 MB keeps a wrong file from filling memory.
  const TextFile file = read_text_file(args.against, 64u << 20);
  if (!file.error.empty()) throw InputError({Diagnostic{args.against, "", file.error}});
  const json stored = parse_json_text(file.text, args.against, 64u << 20);
  const StoredRun recorded = stored_run(stored, args.against, model.name, args.baseline);
  const std::uint64_t replications = recorded.replications;

  RunOptions options;
  options.replications = static_cast<int>(replications);
  options.seed = recorded.seed;
  options.threads = args.threads;
  const RunResult run = run_replications(model, options);
  const json fresh = summary_json(model, run.summary, {options.replications, options.seed});
  if (stored.value("boost", std::string()) != fresh.value("boost", std::string()))
    fmt::print(stderr, "note: {} was made with Boost {}, this build has {}: expect differences within tolerance\n",
               args.against, stored.value("boost", std::string("?")), fresh.value("boost", std::string("?")));

  const GoldenComparison comparison = compare_with_golden(stored, fresh, replications, args.against);
  const std::vector<GoldenFigure>& figures = comparison.figures;
  const int identical = comparison.identical();
  const std::vector<std::string> failed = comparison.beyond();
  Table table({"figure", "stored", "new", "difference", "tolerance", "verdict"},
              {false, true, true, true, true, false});
  json report = json::array();
  for (const GoldenFigure& figure : figures) {
    if (figure.identical) continue;
    const char* verdict = figure.within ? "within" : "beyond";
    table.add({figure.name, number(figure.stored, 6), number(figure.fresh, 6),
               number(figure.difference(), 6, true), number(figure.tolerance, 6), verdict});
    report.push_back({{"figure", figure.name}, {"stored", number_or_null(figure.stored)},
                      {"new", number_or_null(figure.fresh)}, {"tolerance", figure.tolerance},
                      {"verdict", verdict}});
  }

  fmt::print("{} against {}: {} replications, seed {}\n", args.baseline, args.against, replications, options.seed);
  fmt::print("{} of {} whole-horizon figures identical to the stored result\n", identical, figures.size());
  if (identical < static_cast<int>(figures.size())) {
    fmt::print("the others, with a tolerance of {} combined standard errors:\n",
               golden_tolerance_in_standard_errors);
    table.print(std::cout);
  }
  if (failed.empty())
    fmt::print("PASS\n");
  else
    fmt::print("FAIL: {} of {} figures beyond tolerance: {}\n", failed.size(), figures.size(), fmt::join(failed, ", "));

  if (args.json_out)
    outputs.write("--json", [&](std::ostream& out) {
      const json document = {{"scenario", args.baseline}, {"against", args.against},
                             {"replications", replications}, {"seed", options.seed},
                             {"figures", figures.size()}, {"identical", identical},
                             {"result", failed.empty() ? "pass" : "fail"}, {"differing", report}};
      out << document.dump(2) << '\n';
    });
  outputs.commit();
  return failed.empty() ? 0 : 1;
}

}  // namespace

void add_compare_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CompareArguments>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Is CANDIDATE (or a what-if of BASE) worse than BASE beyond each KPI's margin? Or, "
                 "with --against, does SCENARIO still give its stored result?");
  cmd->add_option("baseline", args->baseline, "Baseline scenario (with --against: the scenario to re-run)")
      ->required();
  cmd->add_option("candidate", args->candidate, "Candidate scenario");
  auto* kpi = cmd->add_option("--kpi", args->kpis,
                              "KPI:+x or KPI:-x[%]: the change that fails, + a rise, - a fall; x absolute "
                              "or % of the baseline; KPI may be type/ID/KPI, group/ID/KPI, segment/ID/KPI or "
                              "channel/ID/KPI (voice, chat, email), ID * for each; and narrowed to an "
                              "interval as [SCOPE/ID/]interval/12:00/KPI (its start, its number, or * for "
                              "each interval with demand). Repeatable. "
                              "Default: service_level:-0.01 abandon_rate:+0.005 asa_s:+10% cost_total:+1%");
  auto* alpha = cmd->add_option("--alpha", args->alpha, "Chance of a false alarm over the whole comparison (default 0.05)")
                    ->check(CLI::Range(1e-9, 0.5));
  auto* initial = cmd->add_option("--initial-replications", args->initial_replications,
                                  "Replications before the first look; each further look doubles them (default 10)")
                      ->check(CLI::Range(2, 1000000));
  auto* max = cmd->add_option("--max-replications", args->max_replications,
                              "Most replications to run; KPIs still undecided then pass as \"undecided\" (default 200)")
                  ->check(CLI::Range(2, 1000000));
  auto* seed = add_seed_option(cmd, "-s,--seed", args->seed, "Seed shared by both scenarios (default: the baseline's run.seed)");
  auto* candidate_seed = add_seed_option(cmd, "--candidate-seed", args->candidate_seed,
                                         "Run the candidate on its own seed: independent pairs instead of common "
                                         "random numbers (checks the test itself on identical scenarios)");
  auto* fail_undecided = cmd->add_flag("--fail-undecided", args->fail_undecided,
                                       "Exit 1 when a KPI is still undecided at --max-replications");
  cmd->add_option("-t,--threads", args->threads, "Worker threads (default: every core)")->check(CLI::Range(0, 4096));
  auto* what_if = cmd->add_option("--what-if", args->what_if,
                                  "Compare this what-if of the baseline's file with the baseline itself "
                                  "(instead of a CANDIDATE file)");
  cmd->add_option("--against", args->against,
                  "A stored result (the JSON of `ccsim run --json`) to compare a fresh run of the scenario with")
      ->excludes(kpi)->excludes(alpha)->excludes(initial)->excludes(max)->excludes(seed)
      ->excludes(candidate_seed)->excludes(fail_undecided)->excludes(what_if);
  cmd->add_option("--json", args->json_out, "Write the comparison as JSON to this file");
  cmd->add_option("--report", args->report_out,
                  "Write the comparison as an HTML page (changes, margins and verdicts) to this file");
  add_override_options(cmd, args->overrides, "the candidate (the baseline itself without CANDIDATE or --what-if)");
  add_memory_limit_option(cmd, args->memory_limit);
  cmd->callback([args, &exit_code] {
    exit_code = args->against.empty() ? compare_scenarios(*args) : compare_with_stored(*args);
  });
}

}  // namespace ccsim::cli
