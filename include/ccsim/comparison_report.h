// What a sequential comparison (sequential_comparison.h) concludes, as `ccsim compare` reports it
// and the Python module returns it: which KPIs are worse than their margin or undecided, whether
// the comparison fails, and the JSON document of `ccsim compare --json`.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ccsim/sequential_comparison.h"

namespace ccsim {

struct ComparisonReport {
  std::vector<std::string> worse;      // KPI labels worse than their margin
  std::vector<std::string> undecided;  // not decided when the comparison stopped
  bool failed = false;                 // a KPI worse, or (with fail_undecided) one undecided
  bool stopped_early = false;          // stopped at the first regression, before the last look
  nlohmann::json json;                 // {"baseline", "candidate", "seed", ..., "kpis": [...]}
};

// `baseline` and `candidate` name the two in the report; `options` are those the comparison ran
// with; with `fail_undecided` a KPI still undecided fails the comparison too.
ComparisonReport comparison_report(const SequentialComparison& result,
                                   const ComparisonOptions& options, const std::string& baseline,
                                   const std::string& candidate, bool fail_undecided);

}  // namespace ccsim
