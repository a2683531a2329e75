// What-if studies through the library alone: the names asked for, the variants compiled from a
// document, and the paired run, whose changes come from the same contacts in baseline and what-if.
#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ccsim/diagnostics.h"
#include "ccsim/scenario.h"
#include "ccsim/what_if_study.h"
#include "ccsim/what_if_writers.h"
#include "ccsim/writers.h"
#include "testing/models.h"

namespace ccsim {
namespace {

using nlohmann::json;
using Names = std::vector<std::string>;

json small_with_what_ifs() {
  return json::parse(R"({
    "horizon": { "intervals": 2 },
    "contact_types": [
      { "id": "billing", "arrivals": { "rate_per_hour": 60 },
        "handle_time": { "dist": "exponential", "mean_s": 300 } } ],
    "agent_groups": [ { "id": "team", "skills": ["billing"], "staffing": [6, 7] } ],
    "what_if": {
      "one-more": [ { "op": "replace", "path": "/agent_groups/team/staffing/1", "value": 8 } ],
      "more-calls": [ { "op": "add", "path": "/contact_types/billing/arrivals/scale", "value": 1.5 } ],
      "new-team": { "agent_groups": [ { "id": "crew", "skills": ["billing"], "staffing": [6, 7] } ] } } })");
}

TEST(WhatIfNames, CommasRepeatsAndAllGiveEachNameOnceInTheOrderAsked) {
  const Names all = {"a", "b", "c"};
  EXPECT_EQ(requested_what_ifs({"c,a", "a", "b"}, all), (Names{"c", "a", "b"}));
  EXPECT_EQ(requested_what_ifs({"b", "all"}, all), (Names{"b", "a", "c"}));
  EXPECT_EQ(requested_what_ifs({",", ""}, all), Names{});
}

TEST(WhatIfNames, VariantsTakeTheBaselinesDetailAndStructuralChangesAreRefused) {
  const json document = small_with_what_ifs();
  Model base = compile_scenario(document, "small.json");
  base.run.detail = Detail::total;
  base.run.memory_limit_bytes = 123u << 20;
  const std::vector<WhatIfVariant> variants =
      compile_variants(document, base, {"more-calls,one-more"}, "small.json", {});
  ASSERT_EQ(variants.size(), 2u);
  EXPECT_EQ(variants[0].name, "more-calls");
  EXPECT_EQ(variants[1].name, "one-more");
  for (const WhatIfVariant& v : variants) {
    EXPECT_EQ(v.model.run.detail, Detail::total);
    EXPECT_EQ(v.model.run.memory_limit_bytes, base.run.memory_limit_bytes);
  }
  EXPECT_EQ(restaffed_intervals(base, variants[1].model), std::vector<std::size_t>{1});
  EXPECT_THROW(compile_variants(document, base, {"new-team"}, "small.json", {}), InputError);
  EXPECT_THROW(compile_variants(document, base, {}, "small.json", {}), InputError);
}

TEST(WhatIfNames, ChangesReadAsPlannersWriteThem) {
  EXPECT_EQ(format_change(Kpi::service_level, {-0.186, 0.013, 10}), "-18.6 ±1.3 pts");
  EXPECT_EQ(format_change(Kpi::offered, {0.0, 0.0, 10}), "+0.0");
  EXPECT_EQ(format_change(Kpi::asa_s, {std::nan(""), 0.0, 0}), "-");
}

// Replication r of the what-if sees the contacts of replication r of the baseline: a what-if that
// changes nothing differs by exactly zero in every replication, so its change and that change's
// interval are exactly zero wherever the KPI is defined.
TEST(WhatIfStudy, AWhatIfThatChangesNothingChangesEveryKpiByExactlyZero) {
  testing::SingleQueue spec;
  spec.patience = Exponential{300.0};
  spec.intervals = 4;
  spec.interval_min = 30.0;
  const Model base = testing::single_queue(spec);
  RunOptions options;
  options.replications = 6;
  options.seed = 42;
  options.threads = 2;
  const WhatIfStudy study = run_what_if_study(base, {{"nothing", base}}, options);

  ASSERT_EQ(study.what_ifs.size(), 1u);
  EXPECT_EQ(study.replications, 6);
  EXPECT_GT(study.totals.arrivals, 0u);
  const Summary& change = study.what_ifs[0].change;
  std::size_t defined = 0;
  for (std::size_t cell = 0; cell < change.estimates.size(); ++cell) {
    const Estimate& baseline = study.baseline.estimates[cell];
    const Estimate& variant = study.what_ifs[0].variant.estimates[cell];
    if (std::isnan(baseline.mean)) continue;
    ++defined;
    EXPECT_EQ(variant.mean, baseline.mean) << "cell " << cell;
    EXPECT_EQ(change.estimates[cell].mean, 0.0) << "cell " << cell;
    EXPECT_EQ(change.estimates[cell].ci95, 0.0) << "cell " << cell;
  }
  EXPECT_GT(defined, 0u);
  EXPECT_FALSE(change_is_significant(change.get(KpiLayout::overall, KpiLayout::whole_horizon,
                                                Kpi::service_level)));
}

// One more agent: the same contacts arrive (offered changes by exactly 0), and they are answered
// sooner, by a change the paired interval tells from noise.
TEST(WhatIfStudy, OneMoreAgentLeavesOfferedAsItWasAndRaisesServiceLevel) {
  testing::SingleQueue spec;
  spec.patience = Exponential{300.0};
  spec.interval_min = 120.0;
  const Model base = testing::single_queue(spec);
  spec.agents += 1;
  RunOptions options;
  options.replications = 20;
  options.seed = 7;
  options.threads = 2;
  const std::vector<WhatIfVariant> variants = {{"one-more", testing::single_queue(spec)}};
  const WhatIfStudy study = run_what_if_study(base, variants, options);

  const Summary& change = study.what_ifs[0].change;
  const auto all = KpiLayout::whole_horizon;
  EXPECT_EQ(change.get(KpiLayout::overall, all, Kpi::offered).mean, 0.0);
  const Estimate& service_level = change.get(KpiLayout::overall, all, Kpi::service_level);
  EXPECT_GT(service_level.mean, 0.0);
  EXPECT_TRUE(change_is_significant(service_level));

  // The writers see the same study: the CSV has the baseline's rows and then the what-if's.
  std::ostringstream csv;
  write_csv_with_what_ifs(csv, base, variants, study);
  std::ostringstream plain;
  write_csv(plain, base, study.baseline);
  const auto lines = [](const std::string& text) { return std::count(text.begin(), text.end(), '\n'); };
  EXPECT_EQ(lines(csv.str()) - 1, 2 * (lines(plain.str()) - 1));
  const json member = what_ifs_json(base, variants, study);
  EXPECT_EQ(member["one-more"]["overall"]["offered"]["change"], 0.0);
}

}  // namespace
}  // namespace ccsim
