// What-ifs: id paths, the two kinds of patch, located errors, and paired runs on common random
// numbers.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ccsim/diagnostics.h"
#include "ccsim/paired.h"
#include "ccsim/runner.h"
#include "ccsim/scenario.h"
#include "ccsim/what_if.h"

namespace {

namespace fs = std::filesystem;
using ccsim::InputError;
using ccsim::Kpi;
using ccsim::KpiLayout;
using ccsim::Model;
using nlohmann::json;

fs::path retail_file() { return fs::path(CCSIM_SOURCE_DIR) / "scenarios" / "retail-day.json"; }

json retail() {
  std::ifstream in(retail_file(), std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return ccsim::parse_json_text(text, "retail.json");
}

// A small scenario with what-ifs added by each test.
json small() {
  return json::parse(R"({
    "horizon": { "intervals": 2 },
    "contact_types": [
      { "id": "billing", "arrivals": { "rate_per_hour": 60 },
        "handle_time": { "dist": "exponential", "mean_s": 300 } },
      { "id": "tech", "arrivals": { "rate_per_hour": 30 },
        "handle_time": { "dist": "exponential", "mean_s": 500 } } ],
    "agent_groups": [ { "id": "team", "skills": ["billing", "tech"], "staffing": [6, 7] } ] })");
}

std::vector<std::string> messages_of(const InputError& e) {
  std::vector<std::string> messages;
  for (const auto& d : e.diagnostics()) messages.push_back(d.to_string());
  return messages;
}

// The messages of the InputError that `f` throws (empty when it throws none).
template <typename F>
std::vector<std::string> problems(F f) {
  try {
    f();
  } catch (const InputError& e) {
    return messages_of(e);
  }
  return {};
}

using Messages = std::vector<std::string>;

// ---- id pointers

TEST(ResolveIdPointer, NamesArrayElementsByIdOrIndex) {
  const json doc = retail();
  EXPECT_EQ(ccsim::resolve_id_pointer(doc, "/contact_types/billing/arrivals/scale", "r.json")
                .to_string(),
            "/contact_types/0/arrivals/scale");
  EXPECT_EQ(ccsim::resolve_id_pointer(doc, "/agent_groups/tech_team/staffing/8", "r.json")
                .to_string(),
            "/agent_groups/2/staffing/8");
  EXPECT_EQ(ccsim::resolve_id_pointer(doc, "/agent_groups/1/skills/orders", "r.json").to_string(),
            "/agent_groups/1/skills/orders");
  // The last step may be new: a key the file leaves out, or the end of an array.
  EXPECT_EQ(ccsim::resolve_id_pointer(doc, "/run/warmup_min", "r.json").to_string(),
            "/run/warmup_min");
  EXPECT_EQ(ccsim::resolve_id_pointer(doc, "/contact_types/-", "r.json").to_string(),
            "/contact_types/-");
  EXPECT_EQ(ccsim::resolve_id_pointer(doc, "/contact_types/3", "r.json").to_string(),
            "/contact_types/3");
  EXPECT_EQ(ccsim::resolve_id_pointer(doc, "", "r.json").to_string(), "");
}

TEST(ResolveIdPointer, UnknownIdsAndBadStepsAreLocated) {
  const json doc = retail();
  const auto resolve = [&](const std::string& pointer) {
    return problems([&] { ccsim::resolve_id_pointer(doc, pointer, "retail.json"); });
  };
  EXPECT_EQ(resolve("/contact_types/biling/arrivals/scale"),
            Messages{"retail.json: /contact_types/biling/arrivals/scale: no element with id "
                     "\"biling\" in /contact_types (ids: billing, orders, tech)"});
  EXPECT_EQ(resolve("/agent_groups/billing_team/staffing/24/x"),
            Messages{"retail.json: /agent_groups/billing_team/staffing/24/x: no element 24 in "
                     "/agent_groups/0/staffing (it has 24)"});
  EXPECT_EQ(resolve("/agent_groups/billing_team/staffing/lunch"),
            Messages{"retail.json: /agent_groups/billing_team/staffing/lunch: no element with id "
                     "\"lunch\" in /agent_groups/0/staffing (its elements have no ids)"});
  EXPECT_EQ(resolve("/horizon/intervals/x"),
            Messages{"retail.json: /horizon/intervals/x: /horizon/intervals is a number, so it "
                     "has no \"x\""});
  EXPECT_EQ(resolve("/contact_types/08"),
            Messages{"retail.json: /contact_types/08: index \"08\" must not have leading zeros"});
  EXPECT_EQ(resolve("/contact_types/-/id"),
            Messages{"retail.json: /contact_types/-/id: \"-\" (past the end of /contact_types) "
                     "can only be the last step"});
  EXPECT_EQ(resolve("contact_types/billing"),
            Messages{"retail.json: must be a JSON pointer such as "
                     "\"/contact_types/billing/arrivals/scale\", got \"contact_types/billing\""});
}

// ---- applying patches

TEST(WhatIf, NamesAreListedByName) {
  EXPECT_EQ(ccsim::what_if_names(retail()),
            (std::vector<std::string>{"longest-wait-first", "self-service-10%", "tech-keeps-2-free",
                                      "two-fewer-at-lunch", "volume+20%"}));
  EXPECT_TRUE(ccsim::what_if_names(small()).empty());
}

TEST(WhatIf, MergePatchApplies) {
  json doc = small();
  doc["what_if"]["short-run"] = {{"run", {{"replications", 5}}}, {"description", nullptr}};
  const json patched = ccsim::apply_what_if(doc, "short-run", "s.json");
  EXPECT_EQ(patched["run"]["replications"], 5);
  EXPECT_FALSE(patched.contains("what_if"));
  EXPECT_EQ(patched["contact_types"], doc["contact_types"]);
  EXPECT_EQ(ccsim::compile_what_if(doc, "short-run", "s.json").run.replications, 5);
}

TEST(WhatIf, JsonPatchAppliesWithIdPaths) {
  json doc = small();
  doc["what_if"]["busier"] = json::parse(R"([
    { "op": "add", "path": "/contact_types/tech/arrivals/scale", "value": 2 },
    { "op": "replace", "path": "/agent_groups/team/staffing", "value": [8, 9] },
    { "op": "test", "path": "/agent_groups/team/staffing/1", "value": 9 } ])");
  const json patched = ccsim::apply_what_if(doc, "busier", "s.json");
  EXPECT_EQ(patched["contact_types"][1]["arrivals"]["scale"], 2);
  EXPECT_FALSE(patched["contact_types"][0]["arrivals"].contains("scale"));
  EXPECT_EQ(patched["agent_groups"][0]["staffing"], json({8, 9}));
  const Model m = ccsim::compile_what_if(doc, "busier", "s.json");
  EXPECT_DOUBLE_EQ(m.contact_types[1].rate_per_s[0], 60.0 / 3600.0);
  // The document itself is left alone.
  EXPECT_FALSE(doc["contact_types"][1]["arrivals"].contains("scale"));
}

TEST(WhatIf, RetailWhatIfsDoWhatTheirNamesSay) {
  const json doc = retail();
  const Model base = ccsim::compile_scenario(doc, "retail.json");
  const Model busy = ccsim::compile_what_if(doc, "volume+20%", "retail.json");
  const Model quiet = ccsim::compile_what_if(doc, "self-service-10%", "retail.json");
  const Model lunch = ccsim::compile_what_if(doc, "two-fewer-at-lunch", "retail.json");
  for (std::size_t t = 0; t < 3; ++t) {
    EXPECT_DOUBLE_EQ(busy.contact_types[t].rate_per_s[5], 1.2 * base.contact_types[t].rate_per_s[5]);
    EXPECT_DOUBLE_EQ(quiet.contact_types[t].rate_per_s[5], 0.9 * base.contact_types[t].rate_per_s[5]);
  }
  std::vector<double> staffed = base.agent_groups[0].staffed;
  staffed[8] -= 2;
  staffed[9] -= 2;
  EXPECT_EQ(lunch.agent_groups[0].staffed, staffed);
  EXPECT_EQ(lunch.agent_groups[1].staffed, base.agent_groups[1].staffed);
}

TEST(WhatIf, UnknownNameListsTheWhatIfs) {
  json doc = small();
  doc["what_if"]["busy"] = json::object();
  doc["what_if"]["quiet"] = json::object();
  EXPECT_EQ(problems([&] { ccsim::apply_what_if(doc, "bussy", "retail.json"); }),
            Messages{"retail.json: what-if \"bussy\": no such what-if, did you mean \"busy\"? "
                     "(what-ifs: busy, quiet)"});
  EXPECT_EQ(problems([&] { ccsim::apply_what_if(small(), "busy", "retail.json"); }),
            Messages{"retail.json: what-if \"busy\": no such what-if (the scenario has none)"});
}

TEST(WhatIf, PatchStepsThatMatchNothingAreLocatedInTheFile) {
  json doc = small();
  const auto error_of = [&](const char* patch) {
    doc["what_if"]["busy"] = json::parse(patch);
    return problems([&] { ccsim::apply_what_if(doc, "busy", "retail.json"); });
  };
  EXPECT_EQ(
      error_of(R"([{ "op": "add", "path": "/contact_types/biling/arrivals/scale", "value": 2 }])"),
      Messages{"retail.json: /what_if/busy/0/path: no element with id \"biling\" in "
               "/contact_types (ids: billing, tech)"});
  EXPECT_EQ(
      error_of(R"([{ "op": "replace", "path": "/contact_types/tech/arrivals/scale", "value": 2 }])"),
      Messages{"retail.json: /what_if/busy/0/path: nothing at /contact_types/1/arrivals/scale to "
               "replace (\"add\" sets a key that the file leaves out)"});
  EXPECT_EQ(error_of(R"([{ "op": "remove", "path": "/run/seed" }])"),
            Messages{"retail.json: /what_if/busy/0/path: nothing at /run/seed to remove"});
  EXPECT_EQ(error_of(R"([{ "op": "add", "path": "/run/seed", "value": 3 }])"),
            Messages{"retail.json: /what_if/busy/0/path: nothing at /run to add into"});
  EXPECT_EQ(error_of(R"([{ "op": "test", "path": "/agent_groups/team/staffing/0", "value": 5 }])"),
            Messages{"retail.json: /what_if/busy/0: test failed: /agent_groups/0/staffing/0 is 6, "
                     "not 5"});
  EXPECT_EQ(error_of(R"([{ "op": "copy", "from": "/run", "path": "/x" }])"),
            Messages{"retail.json: /what_if/busy/0/from: nothing at /run to copy"});
  EXPECT_EQ(error_of(R"([{ "op": "swap", "path": "/x" }])"),
            Messages{"retail.json: /what_if/busy/0/op: must be one of \"add\", \"remove\", "
                     "\"replace\", \"move\", \"copy\" or \"test\", got \"swap\""});
  EXPECT_EQ(error_of(R"([{ "op": "add", "path": "/x" }])"),
            Messages{"retail.json: /what_if/busy/0: missing key \"value\""});
  EXPECT_EQ(error_of(R"([{ "op": "add", "path": 3, "value": 1 }])"),
            Messages{"retail.json: /what_if/busy/0/path: must be a JSON pointer such as "
                     "\"/contact_types/billing/arrivals/scale\", got 3"});
  EXPECT_EQ(error_of(R"([3])"),
            Messages{"retail.json: /what_if/busy/0: must be an operation such as {\"op\": "
                     "\"replace\", \"path\": \"...\", \"value\": ...}, got 3"});
}

TEST(WhatIf, InvalidPatchedScenarioIsReportedWhereThePatchWroteIt) {
  json doc = small();
  doc["what_if"]["cut"] = json::parse(
      R"([{ "op": "replace", "path": "/agent_groups/team/staffing/1", "value": -2 }])");
  doc["what_if"]["merge"] = json::parse(R"({ "run": { "replications": 0 } })");
  doc["what_if"]["drop"] = json::parse(R"([{ "op": "remove", "path": "/contact_types/tech/handle_time" }])");
  EXPECT_EQ(problems([&] { ccsim::compile_what_if(doc, "cut", "s.json"); }),
            Messages{"s.json: /what_if/cut/0/value: must be a number >= 0, got -2"});
  EXPECT_EQ(problems([&] { ccsim::compile_what_if(doc, "merge", "s.json"); }),
            Messages{"s.json: /what_if/merge/run/replications: must be a whole number >= 1, got 0"});
  // A problem no patch value holds is shown in the patched scenario, with the what-if named.
  EXPECT_EQ(problems([&] { ccsim::compile_what_if(doc, "drop", "s.json"); }),
            Messages{"s.json: what-if \"drop\": /contact_types/1: missing key \"handle_time\""});
  // Reading the file checks every what-if at once.
  EXPECT_EQ(problems([&] { ccsim::parse_scenario(doc.dump(), "s.json"); }),
            (Messages{"s.json: /what_if/cut/0/value: must be a number >= 0, got -2",
                      "s.json: what-if \"drop\": /contact_types/1: missing key \"handle_time\"",
                      "s.json: /what_if/merge/run/replications: must be a whole number >= 1, "
                      "got 0"}));
}

TEST(WhatIf, ReaderChecksTheShapeOfWhatIfs) {
  json doc = small();
  doc["what_if"] = {{"x", 3}, {"all", json::array()}, {"ok", json::object()}};
  EXPECT_EQ(problems([&] { ccsim::compile_scenario(doc, "s.json"); }),
            (Messages{"s.json: /what_if/all: must have a name of 1 to 200 characters, other than "
                      "\"all\" or \"baseline\" and without commas, got \"all\"",
                      "s.json: /what_if/x: must be an object (merge patch) or an array (JSON "
                      "patch), got 3"}));
  doc["what_if"] = 3;
  EXPECT_EQ(problems([&] { ccsim::compile_scenario(doc, "s.json"); }),
            Messages{"s.json: /what_if: must be an object, got 3"});
  // The baseline ignores its what-ifs.
  doc["what_if"] = {{"ok", {{"run", {{"replications", 2}}}}}};
  EXPECT_EQ(ccsim::compile_scenario(doc, "s.json").run.replications, 30);
}

// ---- paired differences

TEST(Paired, DifferenceIsUndefinedWhereEitherIs) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> change = ccsim::paired_difference({1.0, nan, 3.0}, {1.5, 2.0, nan});
  EXPECT_DOUBLE_EQ(change[0], 0.5);
  EXPECT_TRUE(std::isnan(change[1]));
  EXPECT_TRUE(std::isnan(change[2]));
}

TEST(Paired, StructuralChangesCannotBePaired) {
  json doc = small();
  const Model base = ccsim::compile_scenario(doc, "s.json");
  doc["horizon"]["intervals"] = 1;
  doc["agent_groups"][0]["staffing"] = 6;
  EXPECT_EQ(ccsim::pairing_problem(base, ccsim::compile_scenario(doc, "s.json")),
            "it changes the number of intervals from 2 to 1");
  EXPECT_FALSE(ccsim::pairing_problem(base, base).has_value());
}

// ---- common random numbers

struct PairedRun {
  ccsim::Summary base;
  ccsim::PairedSummary variant;
  std::vector<std::vector<double>> offered_by_replication;  // {base, variant} per replication
};

PairedRun run_paired(const std::string& what_if, int replications) {
  const json doc = retail();
  const Model base = ccsim::compile_scenario(doc, "retail.json");
  const Model variant = ccsim::compile_what_if(doc, what_if, "retail.json");
  ccsim::RunOptions options;
  options.seed = 7;
  ccsim::SummaryAccumulator base_summary(base);
  ccsim::PairedAccumulator paired(base);
  PairedRun out{base_summary.finish(), paired.finish(), {}};
  const KpiLayout layout(base);
  const std::size_t offered = layout.at(KpiLayout::overall, KpiLayout::whole_horizon, Kpi::offered);
  ccsim::run_replication_range({&base, &variant}, options, 0,
                               static_cast<std::uint64_t>(replications),
                               [&](const ccsim::ReplicationOutcome& o) {
                                 base_summary.add(o.values[0]);
                                 paired.add(o.values[0], o.values[1]);
                                 out.offered_by_replication.push_back(
                                     {o.values[0][offered], o.values[1][offered]});
                               });
  out.base = base_summary.finish();
  out.variant = paired.finish();
  return out;
}

TEST(CommonRandomNumbers, StaffingChangeLeavesOfferedIdentical) {
  const PairedRun run = run_paired("two-fewer-at-lunch", 8);
  for (const auto& pair : run.offered_by_replication) EXPECT_EQ(pair[0], pair[1]);
  const ccsim::Estimate& change =
      run.variant.change.get(KpiLayout::overall, KpiLayout::whole_horizon, Kpi::offered);
  EXPECT_EQ(change.mean, 0.0);
  EXPECT_EQ(change.ci95, 0.0);
}

TEST(CommonRandomNumbers, VolumeUpTwentyPercentRaisesOfferedByTwentyPercent) {
  const PairedRun run = run_paired("volume+20%", 20);
  const std::size_t all = KpiLayout::whole_horizon;
  const double base = run.base.get(KpiLayout::overall, all, Kpi::offered).mean;
  const ccsim::Estimate& change = run.variant.change.get(KpiLayout::overall, all, Kpi::offered);
  // Seed 7, 20 replications: base 4948.0, change +984.4 ±28.8 against 0.2 * base = 989.6.
  EXPECT_NEAR(change.mean, 0.2 * base, change.ci95);
  EXPECT_TRUE(ccsim::change_is_significant(change));
}

TEST(CommonRandomNumbers, PairedIntervalOfAStaffingChangeIsFarNarrower) {
  const PairedRun run = run_paired("two-fewer-at-lunch", 20);
  const std::size_t all = KpiLayout::whole_horizon;
  const double base_ci = run.base.get(KpiLayout::overall, all, Kpi::service_level).ci95;
  const double variant_ci = run.variant.variant.get(KpiLayout::overall, all, Kpi::service_level).ci95;
  const double paired_ci = run.variant.change.get(KpiLayout::overall, all, Kpi::service_level).ci95;
  // Comparing two independent runs would give a half-width of about sqrt(base² + variant²).
  const double unpaired_ci = std::sqrt(base_ci * base_ci + variant_ci * variant_ci);
  // Seed 7, 20 replications: a change of -0.26 points of the day's service level, ±0.14 paired
  // against ±3.9 unpaired (each run alone: ±2.8); only the paired one can see it.
  EXPECT_LT(paired_ci, unpaired_ci / 10.0) << paired_ci << " vs " << unpaired_ci;
  EXPECT_TRUE(ccsim::change_is_significant(
      run.variant.change.get(KpiLayout::overall, all, Kpi::service_level)));
}

}  // namespace
