// Does a fresh run of a scenario still give its stored result (the JSON of `ccsim run --json`,
// results/golden/ for the examples)? On the same platform and Boost the figures are identical;
// elsewhere the random streams may differ in the last bits, so each figure must agree within
// statistical tolerance. `ccsim compare SCENARIO --against GOLDEN` and the golden tests use this.
//
// Only whole-horizon figures are compared: hundreds of interval cells would each need a wider
// tolerance to keep a suite's false alarms rare.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ccsim {

// A figure is beyond tolerance when the new mean is more than this many combined standard errors
// from the stored one (README "Comparing for CI" has the arithmetic).
inline constexpr double golden_tolerance_in_standard_errors = 4.5;

// The run a stored result records, to repeat it: the same replications on the same seed.
struct StoredRun {
  std::uint64_t replications = 0;
  std::uint64_t seed = 0;
};

// Reads "replications" (1 to 1000000) and "seed" of a stored result, once its "scenario" is
// `scenario_name` (the model's name; `scenario_file` names its file in the message). Throws
// InputError naming `golden_file` and the member at the first that is wrong.
StoredRun stored_run(const nlohmann::json& stored, const std::string& golden_file,
                     const std::string& scenario_name, const std::string& scenario_file);

// One whole-horizon figure: a KPI of the overall scope or of one id.
struct GoldenFigure {
  std::string name;  // "overall/service_level", "type/billing/asa_s", "channel/email/response_sl"
  double stored = 0.0;     // the stored mean; NaN when undefined (null)
  double fresh = 0.0;      // the new run's mean; NaN when undefined or missing
  // The stored and new entries are the same (mean and ci95), or both means are undefined.
  bool identical = false;
  // In the figure's unit: 4.5 combined standard errors plus room for rounding. 0 when identical.
  double tolerance = 0.0;
  bool within = true;  // identical, or both defined and no further apart than the tolerance

  double difference() const { return fresh - stored; }
};

struct GoldenComparison {
  std::vector<GoldenFigure> figures;  // every whole-horizon figure of the stored result, in its order

  int identical() const;                  // figures identical to the stored ones
  std::vector<std::string> beyond() const;  // names of the figures beyond tolerance
  bool passed() const { return beyond().empty(); }
};

// Compares every whole-horizon figure of `stored` with the same figure of `fresh` (summary_json
// of a run with the same replications, which `replications` gives: standard errors are ci95 /
// t(0.975, replications - 1)). Throws InputError naming `golden_file` when `stored` has no
// "overall" object, or has an id the fresh result lacks (the scenario's structure changed).
GoldenComparison compare_with_golden(const nlohmann::json& stored, const nlohmann::json& fresh,
                                     std::uint64_t replications, const std::string& golden_file);

}  // namespace ccsim
