#include "ccsim/sequential_comparison.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <boost/math/distributions/students_t.hpp>
#include <fmt/core.h>

#include "ccsim/diagnostics.h"
#include "ccsim/runner.h"
#include "ccsim/summary.h"

namespace ccsim {

namespace {

constexpr double undefined = std::numeric_limits<double>::quiet_NaN();

double one_sided_t(double one_sided_alpha, std::size_t dof) {
  const boost::math::students_t_distribution<double> t(static_cast<double>(dof));
  return boost::math::quantile(boost::math::complement(t, one_sided_alpha));
}

}  // namespace

std::vector<int> planned_looks(int first, int max_replications) {
  if (max_replications < 2) throw std::invalid_argument("a comparison needs at least 2 replications");
  first = std::clamp(first, 2, max_replications);
  std::vector<int> looks;
  for (int n = first; n < max_replications; n *= 2) looks.push_back(n);
  looks.push_back(max_replications);
  return looks;
}

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::undecided: return "undecided";
    case Verdict::worse: return "worse";
    case Verdict::not_worse: return "not worse";
  }
  return "";
}

// ---- one KPI's pairs ----------------------------------------------------------------------------

void PairedKpi::Running::add(double x, std::size_t n) {
  const double delta = x - mean;
  mean += delta / static_cast<double>(n);
  m2 += delta * (x - mean);
}

void PairedKpi::add(double baseline, double candidate) {
  if (std::isnan(baseline) || std::isnan(candidate)) return;
  ++n_;
  const double change = candidate - baseline;
  const double bad_change = margin_.rise_is_bad ? change : -change;
  const double allowed = margin_.relative ? margin_.amount / 100.0 * std::abs(baseline) : margin_.amount;
  baseline_.add(baseline, n_);
  candidate_.add(candidate, n_);
  change_.add(change, n_);
  excess_.add(bad_change - allowed, n_);
}

double PairedKpi::change_ci95() const {
  if (n_ < 2) return undefined;
  const double sd = std::sqrt(change_.m2 / static_cast<double>(n_ - 1));
  return student_t_975(n_ - 1) * sd / std::sqrt(static_cast<double>(n_));
}

double PairedKpi::margin_value() const {
  if (n_ == 0 && margin_.relative) return undefined;
  const double value = margin_.relative ? margin_.amount / 100.0 * std::abs(baseline_.mean) : margin_.amount;
  return margin_.rise_is_bad ? value : -value;
}

Verdict PairedKpi::verdict(double one_sided_alpha) const {
  if (n_ < 2) return Verdict::undecided;
  // m2 of identical values stays exactly 0, so a KPI that follows the plan (cost) is decided by
  // its exact change, with no interval around it.
  const double sd = std::sqrt(std::max(0.0, excess_.m2) / static_cast<double>(n_ - 1));
  const double half = sd > 0.0 ? one_sided_t(one_sided_alpha, n_ - 1) * sd / std::sqrt(static_cast<double>(n_)) : 0.0;
  if (excess_.mean - half > 0.0) return Verdict::worse;
  if (excess_.mean + half <= 0.0) return Verdict::not_worse;
  return Verdict::undecided;
}

// ---- the sequential procedure -------------------------------------------------------------------

SequentialComparison::SequentialComparison(std::vector<KpiMargin> margins, double alpha,
                                           std::vector<int> looks)
    : verdicts_(margins.size(), Verdict::undecided), alpha_(alpha), looks_(std::move(looks)) {
  if (margins.empty()) throw std::invalid_argument("a comparison needs at least one KPI");
  if (looks_.empty()) throw std::invalid_argument("a comparison needs at least one look");
  if (!(alpha > 0.0 && alpha < 1.0)) throw std::invalid_argument("alpha must be in (0, 1)");
  for (auto& margin : margins) kpis_.emplace_back(std::move(margin));
}

void SequentialComparison::add(const std::vector<double>& baseline, const std::vector<double>& candidate) {
  for (std::size_t k = 0; k < kpis_.size(); ++k) kpis_[k].add(baseline[k], candidate[k]);
  ++replications_;
}

int SequentialComparison::next_look() const {
  if (finished_) return 0;
  return looks_[static_cast<std::size_t>(looks_taken_)];
}

double SequentialComparison::one_sided_alpha() const {
  return alpha_ / static_cast<double>(looks_.size() * kpis_.size());
}

void SequentialComparison::look() {
  if (finished_) return;
  ++looks_taken_;
  bool all_decided = true;
  for (std::size_t k = 0; k < kpis_.size(); ++k) {
    verdicts_[k] = kpis_[k].verdict(one_sided_alpha());
    all_decided = all_decided && verdicts_[k] != Verdict::undecided;
  }
  finished_ = regression() || all_decided || looks_taken_ >= static_cast<int>(looks_.size());
}

bool SequentialComparison::regression() const {
  return std::find(verdicts_.begin(), verdicts_.end(), Verdict::worse) != verdicts_.end();
}

SequentialComparison compare_models(const Model& baseline, const Model& candidate,
                                    const std::vector<KpiMargin>& margins,
                                    const ComparisonOptions& options, const std::string& base_file,
                                    const std::string& candidate_file) {
  // Each '*' becomes the margins it stands for, named as the baseline names its ids and intervals.
  const std::vector<KpiMargin> expanded = expand_kpi_margins(baseline, margins, base_file);
  std::vector<std::size_t> base_cells, candidate_cells;
  for (const auto& margin : expanded) {
    base_cells.push_back(kpi_cell(baseline, margin, base_file));
    candidate_cells.push_back(kpi_cell(candidate, margin, candidate_file));
  }
  SequentialComparison comparison(expanded, options.alpha,
                                  planned_looks(options.first_look, options.max_replications));
  const auto pick = [](const std::vector<double>& values, const std::vector<std::size_t>& cells) {
    std::vector<double> picked;
    picked.reserve(cells.size());
    for (std::size_t cell : cells) picked.push_back(values[cell]);
    return picked;
  };
  RunOptions run;
  run.seed = options.seed;
  run.threads = options.threads;

  while (const int target = comparison.next_look()) {
    const auto first = static_cast<std::uint64_t>(comparison.replications());
    const auto count = static_cast<std::uint64_t>(target - comparison.replications());
    if (!options.candidate_seed) {
      // Both models in one range: replication r of each draws from the streams of (seed, r).
      run_replication_range({&baseline, &candidate}, run, first, count, [&](const ReplicationOutcome& o) {
        comparison.add(pick(o.values[0], base_cells), pick(o.values[1], candidate_cells));
      });
    } else {
      std::vector<std::vector<double>> base_batch;
      run_replication_range({&baseline}, run, first, count, [&](const ReplicationOutcome& o) {
        base_batch.push_back(pick(o.values[0], base_cells));
      });
      RunOptions candidate_run = run;
      candidate_run.seed = *options.candidate_seed;
      std::size_t r = 0;
      run_replication_range({&candidate}, candidate_run, first, count, [&](const ReplicationOutcome& o) {
        comparison.add(base_batch[r++], pick(o.values[0], candidate_cells));
      });
    }
    comparison.look();
  }
  return comparison;
}

}  // namespace ccsim
