#include "ccsim/what_if_study.h"

#include <algorithm>
#include <utility>

#include "ccsim/diagnostics.h"
#include "ccsim/limits.h"
#include "ccsim/what_if.h"

namespace ccsim {

std::vector<std::string> requested_what_ifs(const std::vector<std::string>& given,
                                            const std::vector<std::string>& all) {
  std::vector<std::string> names;
  const auto add = [&names](const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  for (const std::string& option : given) {
    std::size_t start = 0;
    while (start <= option.size()) {
      std::size_t end = option.find(',', start);
      if (end == std::string::npos) end = option.size();
      const std::string name = option.substr(start, end - start);
      if (name == "all") {
        for (const auto& n : all) add(n);
      } else if (!name.empty()) {
        add(name);
      }
      start = end + 1;
    }
  }
  return names;
}

std::vector<WhatIfVariant> compile_variants(const nlohmann::json& document, const Model& base,
                                            const std::vector<std::string>& given,
                                            const std::string& file,
                                            const std::filesystem::path& base_dir) {
  const std::vector<std::string> names = requested_what_ifs(given, what_if_names(document));
  if (names.empty()) throw InputError({{file, "", "no what-ifs in this scenario"}});
  std::vector<WhatIfVariant> variants;
  std::vector<Diagnostic> problems;
  for (const std::string& name : names) {
    try {
      // Cell-by-cell pairing needs the same contact types, groups and intervals; a what-if that
      // changes them is a different centre, to be compared by running it on its own.
      variants.push_back({name, compile_comparable_what_if(document, base, name, file, base_dir)});
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  // Paired cell by cell: every variant reports the same slots as the baseline.
  for (WhatIfVariant& v : variants) {
    v.model.run.detail = base.run.detail;
    v.model.run.memory_limit_bytes = base.run.memory_limit_bytes;
  }
  return variants;
}

namespace {

// `group` is null for this process alone.
WhatIfStudy run_study(const ProcessGroup* group, const Model& base,
                      const std::vector<WhatIfVariant>& variants, const RunOptions& options,
                      const std::function<void(const ReplicationOutcome&)>& each) {
  std::vector<const Model*> models = {&base};
  for (const WhatIfVariant& v : variants) models.push_back(&v.model);
  const auto replications = static_cast<std::uint64_t>(options.replications);
  check_memory(models, options.threads, replications);
  SummaryAccumulator baseline(base);
  std::vector<PairedAccumulator> paired(variants.size(), PairedAccumulator(base));
  RunTotals totals;
  // Folded in replication order, so the results are the same bits at any thread count and, under
  // mpirun, any number of processes (rank 0 gathers and folds; the others only simulate).
  const auto fold = [&](const ReplicationOutcome& outcome) {
    baseline.add(outcome.values[0]);
    for (std::size_t v = 0; v < variants.size(); ++v)
      paired[v].add(outcome.values[0], outcome.values[v + 1]);
    for (const RunTotals& t : outcome.totals) {
      totals.events += t.events;
      totals.arrivals += t.arrivals;
    }
    if (each) each(outcome);
  };
  if (group)
    run_replication_range(*group, models, options, 0, replications, fold);
  else
    run_replication_range(models, options, 0, replications, fold);
  WhatIfStudy study{options.replications, baseline.finish(), {}, totals};
  for (const PairedAccumulator& p : paired) study.what_ifs.push_back(p.finish());
  return study;
}

}  // namespace

WhatIfStudy run_what_if_study(const ProcessGroup& group, const Model& base,
                              const std::vector<WhatIfVariant>& variants, const RunOptions& options,
                              const std::function<void(const ReplicationOutcome&)>& each) {
  return run_study(&group, base, variants, options, each);
}

WhatIfStudy run_what_if_study(const Model& base, const std::vector<WhatIfVariant>& variants,
                              const RunOptions& options,
                              const std::function<void(const ReplicationOutcome&)>& each) {
  return run_study(nullptr, base, variants, options, each);
}

}  // namespace ccsim
