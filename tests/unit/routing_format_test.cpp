// The routing policy in the scenario format: what `routing.policy`, `weights` and `reserve` read
// into (Model::routing), each refusal with its pointer and message, the schema's agreement with
// the reader's keys, and what-ifs that change the policy. What the engine does with the policy is
// tested with the engine.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ccsim/diagnostics.h"
#include "ccsim/model.h"
#include "ccsim/scenario.h"
#include "ccsim/what_if.h"

namespace {

using ccsim::Model;
using ccsim::RoutingPolicy;
using Messages = std::vector<std::string>;

// Two contact types and three groups: billing_team serves billing; tech_team tech first and
// billing second; night serves billing, and tech only through an overflow step. `routing` is the
// routing object's members after the overflow step ("" for none).
std::string scenario(const std::string& routing) {
  return R"({
    "horizon": { "intervals": 2 },
    "contact_types": [
      { "id": "billing", "arrivals": { "rate_per_hour": 60 },
        "handle_time": { "dist": "exponential", "mean_s": 300 } },
      { "id": "tech", "arrivals": { "rate_per_hour": 30 },
        "handle_time": { "dist": "exponential", "mean_s": 500 } } ],
    "agent_groups": [
      { "id": "billing_team", "skills": ["billing"], "staffing": 4 },
      { "id": "tech_team", "skills": { "tech": {}, "billing": { "priority": 2 } }, "staffing": [3, 1] },
      { "id": "night", "skills": ["billing"], "staffing": 2 } ],
    "routing": { "overflow": [ { "type": "tech", "after_s": 60, "to": "night" } ])" +
         (routing.empty() ? "" : ", " + routing) + " } }";
}

Model parse(const std::string& text) { return ccsim::parse_scenario(text, "test.json"); }

// "pointer: message" for each problem of the scenario, in the order reported; empty if valid.
Messages problems(const std::string& text) {
  try {
    parse(text);
  } catch (const ccsim::InputError& e) {
    Messages messages;
    for (const ccsim::Diagnostic& d : e.diagnostics()) messages.push_back(d.where + ": " + d.message);
    return messages;
  }
  return {};
}

// weights[type * group_count + group], as the engine reads them.
double weight(const Model& m, std::size_t type, std::size_t group) {
  return m.routing.weights.at(type * m.group_count() + group);
}

constexpr std::size_t billing = 0, tech = 1;
constexpr std::size_t billing_team = 0, tech_team = 1, night = 2;

// ---- what each form reads into

TEST(RoutingFormat, PolicyIsPriorityWithNoTablesWhenRoutingIsAbsent) {
  const Model m = parse(R"({ "horizon": { "intervals": 1 },
    "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 60 },
      "handle_time": { "dist": "exponential", "mean_s": 180 } } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls"], "staffing": 3 } ] })");
  EXPECT_EQ(m.routing.policy, RoutingPolicy::priority);
  EXPECT_TRUE(m.routing.weights.empty());
  EXPECT_TRUE(m.routing.reserve.empty());
}

TEST(RoutingFormat, PriorityWrittenOutIsTheDefault) {
  const Model m = parse(scenario(R"("policy": "priority")"));
  EXPECT_EQ(m.routing.policy, RoutingPolicy::priority);
  EXPECT_TRUE(m.routing.weights.empty());
  EXPECT_TRUE(m.routing.reserve.empty());
}

TEST(RoutingFormat, LongestWeightedWaitWithoutWeightsWeighsEveryTypeAndGroupOne) {
  const Model m = parse(scenario(R"("policy": "longest_weighted_wait")"));
  EXPECT_EQ(m.routing.policy, RoutingPolicy::longest_weighted_wait);
  EXPECT_EQ(m.routing.weights, std::vector<double>(2 * 3, 1.0));
}

TEST(RoutingFormat, NumberWeighsTheTypeForEveryGroup) {
  const Model m =
      parse(scenario(R"("policy": "longest_weighted_wait", "weights": { "billing": 2.5 })"));
  for (std::size_t g : {billing_team, tech_team, night}) {
    EXPECT_DOUBLE_EQ(weight(m, billing, g), 2.5) << g;
    EXPECT_DOUBLE_EQ(weight(m, tech, g), 1.0) << g;
  }
}

TEST(RoutingFormat, ObjectWeighsTheTypeForTheGroupsNamedAndOneForTheOthers) {
  const Model m = parse(scenario(
      R"("policy": "longest_weighted_wait", "weights": { "billing": { "tech_team": 3 } })"));
  EXPECT_DOUBLE_EQ(weight(m, billing, billing_team), 1.0);
  EXPECT_DOUBLE_EQ(weight(m, billing, tech_team), 3.0);
  EXPECT_DOUBLE_EQ(weight(m, billing, night), 1.0);
}

TEST(RoutingFormat, WeightMayNameAGroupThatTakesTheTypeThroughAnOverflowStep) {
  const Model m = parse(
      scenario(R"("policy": "longest_weighted_wait", "weights": { "tech": { "night": 4 } })"));
  EXPECT_DOUBLE_EQ(weight(m, tech, night), 4.0);
}

TEST(RoutingFormat, LongestWeightedWaitLeavesTheReserveEmpty) {
  const Model m =
      parse(scenario(R"("policy": "longest_weighted_wait", "weights": { "billing": 2 })"));
  EXPECT_TRUE(m.routing.reserve.empty());
}

TEST(RoutingFormat, ReservationWithoutAReserveKeepsNoAgentInAnyGroup) {
  const Model m = parse(scenario(R"("policy": "reservation")"));
  EXPECT_EQ(m.routing.policy, RoutingPolicy::reservation);
  EXPECT_EQ(m.routing.reserve, std::vector<int>(3, 0));
}

TEST(RoutingFormat, ReserveIsReadPerGroupAndNoneForGroupsNotNamed) {
  const Model m =
      parse(scenario(R"("policy": "reservation", "reserve": { "tech_team": 2, "night": 0 })"));
  EXPECT_EQ(m.routing.reserve, (std::vector<int>{0, 2, 0}));
}

TEST(RoutingFormat, ReservationLeavesTheWeightsEmpty) {
  const Model m = parse(scenario(R"("policy": "reservation", "reserve": { "tech_team": 1 })"));
  EXPECT_TRUE(m.routing.weights.empty());
}

TEST(RoutingFormat, ReserveAtOrAboveTheAgentsOnDutyIsAllowed) {
  // tech_team has 3 and then 1 agent on duty; `ccsim validate` warns about it, the reader does not.
  const Model m = parse(scenario(R"("policy": "reservation", "reserve": { "tech_team": 5 })"));
  EXPECT_EQ(m.routing.reserve.at(tech_team), 5);
}

TEST(RoutingFormat, OverflowStepsAreKeptUnderEveryPolicy) {
  for (const char* policy : {"priority", "longest_weighted_wait", "reservation"}) {
    const Model m = parse(scenario(std::string(R"("policy": ")") + policy + "\""));
    ASSERT_EQ(m.overflow.size(), 1u) << policy;
    EXPECT_EQ(m.overflow[0].to, std::vector<ccsim::AgentGroupIndex>{night}) << policy;
  }
}

// ---- refusals, each at its pointer

TEST(RoutingFormat, UnknownPolicyGetsADidYouMean) {
  EXPECT_EQ(problems(scenario(R"("policy": "reservaton")")),
            Messages{R"(/routing/policy: unknown routing policy "reservaton", did you mean "reservation"?)"});
}

TEST(RoutingFormat, UnknownPolicyFarFromAnyListsThePolicies) {
  EXPECT_EQ(problems(scenario(R"("policy": "skills_based")")),
            Messages{R"(/routing/policy: unknown routing policy "skills_based", expected one of: priority, longest_weighted_wait, reservation)"});
}

TEST(RoutingFormat, PolicyThatIsNotAStringIsRefused) {
  EXPECT_EQ(problems(scenario(R"("policy": 2)")),
            Messages{R"(/routing/policy: must be one of "priority", "longest_weighted_wait" or "reservation", got 2)"});
}

TEST(RoutingFormat, WeightsUnderTheDefaultPolicyAreRefused) {
  EXPECT_EQ(problems(scenario(R"("weights": { "billing": 2 })")),
            Messages{R"(/routing/weights: does not apply to routing policy "priority" (weights need "policy": "longest_weighted_wait"))"});
}

TEST(RoutingFormat, WeightsUnderReservationAreRefused) {
  EXPECT_EQ(problems(scenario(R"("policy": "reservation", "weights": { "billing": 2 })")),
            Messages{R"(/routing/weights: does not apply to routing policy "reservation" (weights need "policy": "longest_weighted_wait"))"});
}

TEST(RoutingFormat, ReserveUnderTheDefaultPolicyIsRefused) {
  EXPECT_EQ(problems(scenario(R"("reserve": { "tech_team": 1 })")),
            Messages{R"(/routing/reserve: does not apply to routing policy "priority" (a reserve needs "policy": "reservation"))"});
}

TEST(RoutingFormat, ReserveUnderLongestWeightedWaitIsRefused) {
  EXPECT_EQ(problems(scenario(R"("policy": "longest_weighted_wait", "reserve": { "tech_team": 1 })")),
            Messages{R"(/routing/reserve: does not apply to routing policy "longest_weighted_wait" (a reserve needs "policy": "reservation"))"});
}

TEST(RoutingFormat, UnreadablePolicyStillChecksTheIdsOfWeightsAndReserve) {
  // Either table might have been meant: neither is refused for its policy, both for a bad id.
  EXPECT_EQ(problems(scenario(
                R"("policy": "lww", "weights": { "biling": 2 }, "reserve": { "tech_tem": 1 })")),
            (Messages{
                R"(/routing/policy: unknown routing policy "lww", expected one of: priority, longest_weighted_wait, reservation)",
                R"(/routing/weights/biling: no contact type with id "biling", did you mean "billing"? (contact types: billing, tech))",
                R"(/routing/reserve/tech_tem: no agent group with id "tech_tem", did you mean "tech_team"? (agent groups: billing_team, tech_team, night))"}));
}

TEST(RoutingFormat, UnknownTypeInWeightsGetsADidYouMean) {
  EXPECT_EQ(problems(scenario(R"("policy": "longest_weighted_wait", "weights": { "tecj": 2 })")),
            Messages{R"(/routing/weights/tecj: no contact type with id "tecj", did you mean "tech"? (contact types: billing, tech))"});
}

TEST(RoutingFormat, UnknownGroupInWeightsGetsADidYouMean) {
  EXPECT_EQ(problems(scenario(
                R"("policy": "longest_weighted_wait", "weights": { "tech": { "tech_teem": 2 } })")),
            Messages{R"(/routing/weights/tech/tech_teem: no agent group with id "tech_teem", did you mean "tech_team"? (agent groups: billing_team, tech_team, night))"});
}

TEST(RoutingFormat, UnknownGroupInReserveGetsADidYouMean) {
  EXPECT_EQ(problems(scenario(R"("policy": "reservation", "reserve": { "nigt": 1 })")),
            Messages{R"(/routing/reserve/nigt: no agent group with id "nigt", did you mean "night"? (agent groups: billing_team, tech_team, night))"});
}

TEST(RoutingFormat, WeightForAGroupThatDoesNotServeTheTypeIsRefused) {
  EXPECT_EQ(problems(scenario(
                R"("policy": "longest_weighted_wait", "weights": { "tech": { "billing_team": 2 } })")),
            Messages{R"(/routing/weights/tech/billing_team: agent group "billing_team" does not serve contact type "tech" (by a skill or an overflow step))"});
}

TEST(RoutingFormat, WeightMustBeAboveZero) {
  EXPECT_EQ(problems(scenario(R"("policy": "longest_weighted_wait", "weights": { "billing": 0 })")),
            Messages{"/routing/weights/billing: must be a number > 0, got 0"});
}

TEST(RoutingFormat, WeightPerGroupMustBeAboveZero) {
  EXPECT_EQ(problems(scenario(
                R"("policy": "longest_weighted_wait", "weights": { "billing": { "night": -1 } })")),
            Messages{"/routing/weights/billing/night: must be a number > 0, got -1"});
}

TEST(RoutingFormat, WeightAboveTheLimitIsRefused) {
  EXPECT_EQ(problems(scenario(R"("policy": "longest_weighted_wait", "weights": { "billing": 2e6 })")),
            Messages{"/routing/weights/billing: must be at most 1000000, got 2000000.0"});
}

TEST(RoutingFormat, WeightThatIsNeitherANumberNorAnObjectIsRefused) {
  EXPECT_EQ(problems(scenario(R"("policy": "longest_weighted_wait", "weights": { "billing": "high" })")),
            Messages{R"(/routing/weights/billing: must be a weight > 0 for every agent group or an object of weights by agent group id, got "high")"});
}

TEST(RoutingFormat, WeightsThatAreNotAnObjectAreRefused) {
  EXPECT_EQ(problems(scenario(R"("policy": "longest_weighted_wait", "weights": [2, 1])")),
            Messages{"/routing/weights: must be an object of weights by contact type id, got [2,1]"});
}

TEST(RoutingFormat, ReserveMustBeAWholeNumber) {
  EXPECT_EQ(problems(scenario(R"("policy": "reservation", "reserve": { "tech_team": 1.5 })")),
            Messages{"/routing/reserve/tech_team: must be a whole number >= 0, got 1.5"});
}

TEST(RoutingFormat, ReserveMustNotBeNegative) {
  EXPECT_EQ(problems(scenario(R"("policy": "reservation", "reserve": { "tech_team": -1 })")),
            Messages{"/routing/reserve/tech_team: must be a whole number >= 0, got -1"});
}

TEST(RoutingFormat, ReserveThatIsNotAnObjectIsRefused) {
  EXPECT_EQ(problems(scenario(R"("policy": "reservation", "reserve": 2)")),
            Messages{"/routing/reserve: must be an object of agents kept in reserve by agent group id, got 2"});
}

TEST(RoutingFormat, MisspeltRoutingKeyGetsADidYouMean) {
  EXPECT_EQ(problems(scenario(R"("polcy": "reservation")")),
            Messages{R"(/routing/polcy: unknown key, did you mean "policy"?)"});
}

// ---- the schema says the same

nlohmann::json schema() {
  std::ifstream in(std::filesystem::path(CCSIM_SOURCE_DIR) / "scenarios" / "ccsim.schema.json");
  return nlohmann::json::parse(in);
}

TEST(RoutingFormat, SchemaListsExactlyTheRoutingKeysTheReaderAccepts) {
  // The reader's refusal of an unknown key lists the keys it accepts.
  const Messages refused = problems(scenario(R"("zzzzzzzz": 1)"));
  ASSERT_EQ(refused.size(), 1u);
  const std::string prefix = "/routing/zzzzzzzz: unknown key, expected one of: ";
  ASSERT_EQ(refused[0].rfind(prefix, 0), 0u) << refused[0];
  std::set<std::string> reader;
  std::stringstream list(refused[0].substr(prefix.size()));
  for (std::string key; std::getline(list, key, ',');)
    reader.insert(key.substr(key.find_first_not_of(' ')));
  const nlohmann::json properties = schema()["$defs"]["routing"]["properties"];
  std::set<std::string> listed;
  for (const auto& [key, value] : properties.items()) listed.insert(key);
  EXPECT_EQ(reader, listed);
}

TEST(RoutingFormat, SchemaListsThePoliciesInTheReadersOrder) {
  const nlohmann::json policies = schema()["$defs"]["routing"]["properties"]["policy"]["enum"];
  EXPECT_EQ(policies, nlohmann::json({"priority", "longest_weighted_wait", "reservation"}));
  // The enum's order is RoutingPolicy's.
  for (std::size_t i = 0; i < policies.size(); ++i)
    EXPECT_EQ(parse(scenario(R"("policy": )" + policies[i].dump())).routing.policy,
              static_cast<RoutingPolicy>(i));
}

// ---- what-ifs

nlohmann::json document(const std::string& routing, const std::string& what_if) {
  nlohmann::json doc = nlohmann::json::parse(scenario(routing));
  doc["what_if"]["variant"] = nlohmann::json::parse(what_if);
  return doc;
}

TEST(RoutingFormat, JsonPatchWhatIfReplacesThePolicy) {
  const nlohmann::json doc = document(
      R"("policy": "priority")",
      R"([ { "op": "replace", "path": "/routing/policy", "value": "reservation" },
           { "op": "add", "path": "/routing/reserve", "value": { "tech_team": 1 } } ])");
  EXPECT_EQ(ccsim::compile_scenario(doc, "test.json").routing.policy, RoutingPolicy::priority);
  const Model variant = ccsim::compile_what_if(doc, "variant", "test.json");
  EXPECT_EQ(variant.routing.policy, RoutingPolicy::reservation);
  EXPECT_EQ(variant.routing.reserve, (std::vector<int>{0, 1, 0}));
}

TEST(RoutingFormat, MergePatchWhatIfSetsThePolicyAndKeepsTheOverflowSteps) {
  const nlohmann::json doc = document(
      "", R"({ "routing": { "policy": "longest_weighted_wait", "weights": { "tech": 2 } } })");
  const Model variant = ccsim::compile_what_if(doc, "variant", "test.json");
  EXPECT_EQ(variant.routing.policy, RoutingPolicy::longest_weighted_wait);
  EXPECT_DOUBLE_EQ(weight(variant, tech, tech_team), 2.0);
  EXPECT_EQ(variant.overflow.size(), 1u);
}

TEST(RoutingFormat, WhatIfLeavingItsPolicyWithItsWeightsIsRefusedAtTheWeights) {
  const nlohmann::json doc = document(
      R"("policy": "longest_weighted_wait", "weights": { "tech": 2 })",
      R"([ { "op": "replace", "path": "/routing/policy", "value": "reservation" } ])");
  try {
    ccsim::compile_what_if(doc, "variant", "test.json");
    FAIL() << "the what-if was accepted";
  } catch (const ccsim::InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].to_string(),
              R"(test.json: what-if "variant": /routing/weights: does not apply to routing policy "reservation" (weights need "policy": "longest_weighted_wait"))");
  }
}

TEST(RoutingFormat, WhatIfWritingAnUnknownPolicyIsRefusedWhereItWroteIt) {
  const nlohmann::json doc = document(
      R"("policy": "priority")",
      R"([ { "op": "replace", "path": "/routing/policy", "value": "reserve" } ])");
  try {
    ccsim::compile_what_if(doc, "variant", "test.json");
    FAIL() << "the what-if was accepted";
  } catch (const ccsim::InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].where, "/what_if/variant/0/value");
  }
}

}  // namespace
