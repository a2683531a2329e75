// Quick overrides (--set, --volume) and stacked what-ifs change the document as a what-if would,
// so they give the very model the same change written into the file gives.
#include "ccsim/overrides.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/scenario.h"
#include "ccsim/what_if.h"
#include "testing/input_errors.h"

namespace {

using ccsim::Scenario;
using ccsim::testing::error_of;
using nlohmann::json;

const char* const two_types = R"({
  "horizon": { "intervals": 2 },
  "contact_types": [
    { "id": "calls", "arrivals": { "rate_per_hour": 60 },
      "handle_time": { "dist": "exponential", "mean_s": 180 } },
    { "id": "chats", "arrivals": { "rate_per_hour": 30, "scale": 2 },
      "handle_time": { "dist": "exponential", "mean_s": 180 } } ],
  "agent_groups": [ { "id": "agents", "skills": ["calls", "chats"], "staffing": [10, 11] } ],
  "what_if": {
    "more": [ { "op": "replace", "path": "/agent_groups/agents/staffing/1", "value": 12 } ],
    "busy": { "horizon": { "intervals": 2, "interval_min": 15 } },
    "more+busy": [ { "op": "replace", "path": "/agent_groups/agents/staffing/0", "value": 3 } ],
    "broken": [ { "op": "replace", "path": "/agent_groups/agents/staffing/0", "value": -1 } ]
  }
})";

TEST(Override, ReadsANumber) {
  const ccsim::Override o = ccsim::parse_override("/agent_groups/agents/staffing/1=14");
  EXPECT_EQ(o.pointer, "/agent_groups/agents/staffing/1");
  EXPECT_EQ(o.value, json(14));
}

TEST(Override, ReadsAnArray) {
  EXPECT_EQ(ccsim::parse_override("/agent_groups/agents/staffing=[8,9]").value, json({8, 9}));
}

TEST(Override, TakesAWordAsAString) {
  EXPECT_EQ(ccsim::parse_override("/routing/policy=reservation").value, json("reservation"));
}

TEST(Override, NeedsAnEqualsSign) {
  EXPECT_EQ(error_of([] { ccsim::parse_override("/run/seed"); }),
            "--set: \"/run/seed\" must be POINTER=VALUE");
}

TEST(Override, NeedsAPointer) {
  EXPECT_NE(error_of([] { ccsim::parse_override("run/seed=3"); }).find("must start with '/'"),
            std::string::npos);
}

TEST(Override, GivesTheModelOfTheSameWhatIf) {
  const Scenario scenario = Scenario::parse(two_types, "s.json");
  ccsim::Overrides overrides;
  overrides.sets.push_back(ccsim::parse_override("/agent_groups/agents/staffing/1=12"));
  const ccsim::Model set = ccsim::apply_overrides(scenario, overrides).compile();
  const ccsim::Model what_if = scenario.compile_what_if("more");
  EXPECT_EQ(set.agent_groups[0].staffed, what_if.agent_groups[0].staffed);
}

TEST(Volume, MultipliesEveryTypesScale) {
  const Scenario louder = Scenario::parse(two_types, "s.json").with_volume(1.5);
  EXPECT_EQ(louder.document()["contact_types"][0]["arrivals"]["scale"], 1.5);
  EXPECT_EQ(louder.document()["contact_types"][1]["arrivals"]["scale"], 3.0);
}

TEST(Volume, RefusesReplayedArrivals) {
  json document = json::parse(two_types);
  document["contact_types"][0]["arrivals"] = {{"times_s", {1, 2, 3}}};
  EXPECT_EQ(error_of([&] { Scenario(document, "s.json").with_volume(2); }),
            "s.json: /contact_types/0/arrivals: --volume 2: replays recorded arrival times, which "
            "cannot be scaled");
}

TEST(StackedWhatIf, AppliesEachInTurn) {
  json document = json::parse(two_types);
  document["what_if"].erase("more+busy");
  const ccsim::Model stacked = ccsim::compile_what_if(document, "more+busy", "s.json");
  EXPECT_EQ(stacked.agent_groups[0].staffed, (std::vector<double>{10, 12}));
  EXPECT_EQ(stacked.horizon.interval_s, 900);
}

TEST(StackedWhatIf, AnExactNameWins) {
  const ccsim::Model exact = ccsim::compile_what_if(json::parse(two_types), "more+busy", "s.json");
  EXPECT_EQ(exact.agent_groups[0].staffed, (std::vector<double>{3, 11}));
}

TEST(StackedWhatIf, ReportsAProblemAtItsPlaceInTheFile) {
  EXPECT_EQ(error_of([] { ccsim::compile_what_if(json::parse(two_types), "more+broken", "s.json"); }),
            "s.json: /what_if/broken/0/value: must be a number >= 0, got -1");
}

TEST(StackedWhatIf, NamesAnUnknownPart) {
  EXPECT_NE(error_of([] { ccsim::compile_what_if(json::parse(two_types), "more+nope", "s.json"); })
                .find("what-if \"more+nope\": no such what-if"),
            std::string::npos);
}

}  // namespace
