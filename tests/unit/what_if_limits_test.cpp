// What-ifs against hostile patches: growth and nesting are bounded before any copy is made, and
// checking many what-ifs costs work in proportion to their number.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ccsim/diagnostics.h"
#include "ccsim/scenario.h"
#include "ccsim/what_if.h"

namespace {

using ccsim::InputError;
using nlohmann::json;

json small() {
  return json::parse(R"({
    "horizon": { "intervals": 2 },
    "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 60 },
                         "handle_time": { "dist": "exponential", "mean_s": 300 } } ],
    "agent_groups": [ { "id": "team", "skills": ["calls"], "staffing": [6, 7] } ] })");
}

template <typename F>
std::vector<std::string> problems(F f) {
  try {
    f();
  } catch (const InputError& e) {
    std::vector<std::string> messages;
    for (const auto& d : e.diagnostics()) messages.push_back(d.to_string());
    return messages;
  }
  return {};
}

// "c7": built by appending (GCC 12 warns falsely on "c" + std::to_string(i) under -O3).
std::string numbered(const char* prefix, int i) {
  std::string name = prefix;
  name += std::to_string(i);
  return name;
}

// An array `depth` levels deep, built without recursion (a JSON literal would be parsed, and
// refused, first).
json nested_arrays(std::size_t depth) {
  json value = 1;
  for (std::size_t i = 0; i < depth; ++i) {
    json outer = json::array();
    outer.push_back(std::move(value));
    value = std::move(outer);
  }
  return value;
}

TEST(WhatIfGrowth, CopiesOfTheRootStopAtTheLimitNotAtTheEndOfMemory) {
  json doc = small();
  json ops = json::array();
  for (int i = 0; i < 30; ++i)
    ops.push_back({{"op", "copy"}, {"from", ""}, {"path", numbered("/c", i)}});
  doc["what_if"]["double"] = ops;
  EXPECT_EQ(problems([&] { ccsim::apply_what_if(doc, "double", "s.json"); }),
            std::vector<std::string>{"s.json: /what_if/double/15: copy would make the what-if add "
                                     "more than 1048576 values to the scenario, the limit"});
}

TEST(WhatIfGrowth, ReplacingALargeValueBySmallerOnesNeverAddsUp) {
  // Net growth is what counts: a large array replaced again and again stays within the limit.
  json doc = small();
  json ops = json::array();
  const json big = json(std::vector<int>(600'000, 1));
  ops.push_back({{"op", "add"}, {"path", "/description"}, {"value", big}});
  for (int i = 0; i < 5; ++i) ops.push_back({{"op", "replace"}, {"path", "/description"}, {"value", big}});
  ops.push_back({{"op", "remove"}, {"path", "/description"}});
  doc["what_if"]["churn"] = ops;
  EXPECT_EQ(ccsim::apply_what_if(doc, "churn", "s.json"), small());
}

TEST(WhatIfNesting, PatchValueTwoHundredThousandDeepIsRefusedWithoutRecursion) {
  json doc = small();
  json op = {{"op", "add"}, {"path", "/description"}};
  op["value"] = nested_arrays(200'000);
  // push_back, not an initializer list: that would copy, recursively.
  doc["what_if"]["deep"] = json::array();
  doc["what_if"]["deep"].push_back(std::move(op));
  EXPECT_EQ(problems([&] { ccsim::apply_what_if(doc, "deep", "s.json"); }),
            std::vector<std::string>{"s.json: /what_if/deep/0: add would nest the scenario deeper "
                                     "than 64 levels of objects and arrays, the limit"});
}

TEST(WhatIfNesting, MergePatchSeventyThousandDeepIsRefusedWithoutRecursion) {
  json doc = small();
  json patch = 1;
  for (int i = 0; i < 70'000; ++i) {
    json outer = json::object();
    outer["run"] = std::move(patch);
    patch = std::move(outer);
  }
  doc["what_if"]["deep"] = std::move(patch);
  EXPECT_EQ(problems([&] { ccsim::apply_what_if(doc, "deep", "s.json"); }),
            std::vector<std::string>{
                "s.json: /what_if/deep: nested deeper than 64 levels of objects and arrays, the "
                "limit"});
}

TEST(WhatIfMove, IntoItsOwnChildIsSaidSo) {
  json doc = small();
  doc["what_if"]["nest"] = json::parse(
      R"([{"op": "move", "from": "/agent_groups/team", "path": "/agent_groups/team/skills/0"}])");
  EXPECT_EQ(problems([&] { ccsim::apply_what_if(doc, "nest", "s.json"); }),
            std::vector<std::string>{
                "s.json: /what_if/nest/0/path: cannot move a value into its own child "
                "(/agent_groups/0/skills/0 is inside /agent_groups/0)"});
}

TEST(WhatIfRoot, ReplacedByANumberIsReportedWhereThePatchWroteIt) {
  json doc = small();
  doc["what_if"]["answer"] = json::parse(R"([{"op": "replace", "path": "", "value": 42}])");
  EXPECT_EQ(problems([&] { ccsim::compile_what_if(doc, "answer", "s.json"); }),
            std::vector<std::string>{
                "s.json: /what_if/answer/0/value: must be an object (the whole scenario), got 42"});
}

TEST(WhatIfScale, TenThousandWhatIfsAreAllChecked) {
  // Each what-if is applied to the scenario without the others, so the work is in proportion to
  // their number; before, every what-if copied all of them.
  json doc = small();
  for (int i = 0; i < 10'000; ++i)
    doc["what_if"][numbered("w", i)] = json::parse(
        R"([{"op": "replace", "path": "/agent_groups/team/staffing/0", "value": 5}])");
  doc["what_if"]["w9999"][0]["value"] = -1;
  EXPECT_EQ(problems([&] { ccsim::check_what_ifs(doc, "s.json"); }),
            std::vector<std::string>{"s.json: /what_if/w9999/0/value: must be a number >= 0, "
                                     "got -1"});
}

TEST(ComparableWhatIf, AddingAGroupIsRefusedAsRunWhatIfRefusesIt) {
  json doc = small();
  doc["what_if"]["more"] = json::parse(
      R"([{"op": "add", "path": "/agent_groups/-", "value": {"id": "extra", "skills": ["calls"], "staffing": 1}}])");
  const ccsim::Model base = ccsim::compile_scenario(doc, "s.json");
  const auto messages =
      problems([&] { ccsim::check_comparable_what_ifs(doc, base, "s.json"); });
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_TRUE(messages[0].starts_with("s.json: what-if \"more\": cannot be compared with the "
                                      "baseline interval by interval: "))
      << messages[0];
}

TEST(ComparableWhatIf, ChangingOnlyNumbersPasses) {
  json doc = small();
  doc["what_if"]["fewer"] =
      json::parse(R"([{"op": "replace", "path": "/agent_groups/team/staffing", "value": 4}])");
  const ccsim::Model base = ccsim::compile_scenario(doc, "s.json");
  EXPECT_EQ(problems([&] { ccsim::check_comparable_what_ifs(doc, base, "s.json"); }),
            std::vector<std::string>{});
}

}  // namespace
