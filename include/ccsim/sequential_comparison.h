// Is a candidate scenario worse than a baseline, beyond a margin and beyond noise?
//
// Baseline and candidate run replication by replication on the same random streams (common random
// numbers), so each replication gives a pair of KPI values and the pairs are independent of one
// another. For each KPI with a margin ("service_level:-0.01": worse when it falls by more than
// 0.01), the excess of replication i is
//     y_i = s * (candidate_i - baseline_i) - m            (absolute margin m)
//     y_i = s * (candidate_i - baseline_i) - r * baseline_i   (relative margin: "+2%" is r = 0.02)
// with s = +1 when a rise is bad and -1 when a fall is bad. The candidate is worse than allowed
// exactly when E[y] > 0, so each look is a one-sided Student-t test on the mean of the y_i:
//     worse      when the lower (1 - a) bound of mean(y) is above 0,
//     not worse  when the upper (1 - a) bound is at or below 0 (non-inferiority),
//     undecided  otherwise: add replications and look again.
// Writing the relative margin into y_i makes the test exact for it too: the baseline's own noise is
// part of the y_i instead of being ignored in a fixed threshold.
//
// Repeated looks: the looks are planned in advance (first, 2 first, 4 first, ... capped at the
// maximum), K of them, and each of the m KPIs is tested at every look with a = alpha / (K * m).
// By the union bound, when no KPI is truly worse than its margin, the chance that any look flags
// any KPI as worse is at most K * m * alpha / (K * m) = alpha; the same holds for wrongly calling a
// truly worse KPI "not worse". (Bonferroni over looks and KPIs: simple, and conservative because
// the looks share their replications.) Stopping early on a decision never adds looks, so it cannot
// raise either error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/kpi.h"
#include "ccsim/kpi_margin.h"
#include "ccsim/model.h"

namespace ccsim {

// The planned looks: first, 2 first, 4 first, ... and max_replications last (never above it).
std::vector<int> planned_looks(int first, int max_replications);

enum class Verdict { undecided, worse, not_worse };
std::string_view verdict_name(Verdict verdict);  // "undecided", "worse", "not worse"

// Running statistics of one KPI's pairs (Welford's update), and its verdict at a one-sided level.
class PairedKpi {
 public:
  explicit PairedKpi(KpiMargin margin) : margin_(std::move(margin)) {}

  // A pair where either value is undefined (NaN: no contact answered) is skipped.
  void add(double baseline, double candidate);

  const KpiMargin& margin() const { return margin_; }
  std::size_t n() const { return n_; }
  double baseline_mean() const { return baseline_.mean; }
  double candidate_mean() const { return candidate_.mean; }
  double change_mean() const { return change_.mean; }
  double change_ci95() const;  // two-sided 95 % half-width; NaN below two pairs
  // The margin in the KPI's units: amount, or amount x baseline mean; signed like the bad change.
  double margin_value() const;

  // One-sided test of the excess at level `one_sided_alpha` (see the top of this file).
  Verdict verdict(double one_sided_alpha) const;

 private:
  struct Running {
    double mean = 0.0;
    double m2 = 0.0;
    void add(double x, std::size_t n);
  };

  KpiMargin margin_;
  std::size_t n_ = 0;
  Running baseline_, candidate_, change_, excess_;
};

// The looks, the split of alpha and the decisions, without any simulation: feed it pairs of
// replications, look when `replications()` reaches `next_look()`.
class SequentialComparison {
 public:
  SequentialComparison(std::vector<KpiMargin> margins, double alpha, std::vector<int> looks);

  // One replication: values[k] is the k-th margin's KPI in that replication.
  void add(const std::vector<double>& baseline, const std::vector<double>& candidate);

  int replications() const { return replications_; }
  // The number of replications at which to look next; 0 once finished.
  int next_look() const;
  // Evaluates every KPI now. The comparison finishes when any KPI is worse (a regression is found,
  // more replications would not undo it), when every KPI is decided, or at the last planned look.
  void look();
  bool finished() const { return finished_; }

  double one_sided_alpha() const;  // alpha / (looks x KPIs)
  const std::vector<int>& looks() const { return looks_; }
  int looks_taken() const { return looks_taken_; }
  const std::vector<PairedKpi>& kpis() const { return kpis_; }
  const std::vector<Verdict>& verdicts() const { return verdicts_; }
  bool regression() const;

 private:
  std::vector<PairedKpi> kpis_;
  std::vector<Verdict> verdicts_;
  double alpha_;
  std::vector<int> looks_;
  int replications_ = 0;
  int looks_taken_ = 0;
  bool finished_ = false;
};

struct ComparisonOptions {
  double alpha = 0.05;
  int first_look = 10;
  int max_replications = 200;
  std::uint64_t seed = 1;
  // When set, the candidate's replications use this seed instead of `seed`: pairs are then
  // independent runs rather than common random numbers (an A/A check of the test itself).
  std::optional<std::uint64_t> candidate_seed;
  int threads = 0;
};

// Runs baseline and candidate together, a batch of replications per planned look, until the
// comparison finishes. Margins with '*' are expanded on the baseline first (expand_kpi_margins),
// and the comparison tests every margin they stand for. `base_file` and `candidate_file` name the
// models in messages.
SequentialComparison compare_models(const Model& baseline, const Model& candidate,
                                    const std::vector<KpiMargin>& margins,
                                    const ComparisonOptions& options,
                                    const std::string& base_file = "baseline",
                                    const std::string& candidate_file = "candidate");

}  // namespace ccsim
