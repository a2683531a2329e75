// A what-if study: a baseline and some of its scenario's what-ifs run together on the same random
// streams, replication r of every variant seeing the same contacts, so that each KPI's change
// against the baseline is estimated from the per-replication differences (paired.h): a far
// narrower interval than comparing two separate runs. `ccsim run --what-if` is one; so is a
// staffing search that tries changes of a plan.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ccsim/model.h"
#include "ccsim/paired.h"
#include "ccsim/process_group.h"
#include "ccsim/runner.h"
#include "ccsim/summary.h"

namespace ccsim {

// A what-if of the scenario, compiled: its name and its model.
struct WhatIfVariant {
  std::string name;
  Model model;
};

// The what-ifs asked for, in the order given, each once: every entry may be one name, names
// separated by commas, or "all" for every name in `all`.
std::vector<std::string> requested_what_ifs(const std::vector<std::string>& given,
                                            const std::vector<std::string>& all);

// Compiles the what-ifs of `document` that `given` asks for (requested_what_ifs), each to be paired
// with `base` cell by cell: a what-if that changes the contact types, agent groups or intervals is
// refused (compile_comparable_what_if). Each takes the baseline's detail and memory limit, so that
// it reports the same slots and may use as much. Throws one InputError with the problems of every
// what-if, or "no what-ifs in this scenario" when none is asked for.
std::vector<WhatIfVariant> compile_variants(const nlohmann::json& document, const Model& base,
                                            const std::vector<std::string>& given,
                                            const std::string& file,
                                            const std::filesystem::path& base_dir);

struct WhatIfStudy {
  int replications = 0;
  Summary baseline;
  std::vector<PairedSummary> what_ifs;  // what_ifs[v] for variants[v]
  RunTotals totals;                     // over the baseline and every what-if
};

// Runs replications 0 .. options.replications-1 of `base` and every variant, checking first that
// they fit in memory (check_memory throws InputError otherwise), and folds them in replication
// order: the same bits at any thread count or number of processes. Under mpirun the result is
// meaningful on rank 0 only. With no variants it is a plain run of `base`. Every variant must pair
// with `base` (pairing_problem in paired.h) and report the same detail, as compile_variants makes
// them.
// `each`, when given, sees every replication's outcome too, in replication order, on the thread
// that folds (rank 0): to keep the values themselves (replication_values.h).
WhatIfStudy run_what_if_study(const ProcessGroup& group, const Model& base,
                              const std::vector<WhatIfVariant>& variants, const RunOptions& options,
                              const std::function<void(const ReplicationOutcome&)>& each = {});

// As above, in this process alone.
WhatIfStudy run_what_if_study(const Model& base, const std::vector<WhatIfVariant>& variants,
                              const RunOptions& options,
                              const std::function<void(const ReplicationOutcome&)>& each = {});

}  // namespace ccsim
