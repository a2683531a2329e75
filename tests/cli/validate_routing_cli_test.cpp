// `ccsim validate` on the routing policy: the line it prints for each policy, the reserve among the
// group notes, the warning where a reserve reaches the agents on duty, and exit 2 for a policy's
// table under another policy.
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "testing/command_line.h"

namespace {

class ValidateRouting : public ccsim::testing::CommandLineTest {
 protected:
  // A scenario of two types over four half hours from 08:00; tech_team takes tech first and
  // billing second, with `tech_staffing` agents. `routing` is the routing object.
  std::string write_scenario(const std::string& routing,
                             const std::string& tech_staffing = "[1, 3, 3, 2]") const {
    const std::string path = file("routing.json").string();
    std::ofstream(path) << R"({
      "horizon": { "start": "08:00", "intervals": 4 },
      "contact_types": [
        { "id": "billing", "arrivals": { "rate_per_hour": 60 },
          "handle_time": { "dist": "exponential", "mean_s": 300 } },
        { "id": "tech", "arrivals": { "rate_per_hour": 30 },
          "handle_time": { "dist": "exponential", "mean_s": 500 } } ],
      "agent_groups": [
        { "id": "billing_team", "skills": ["billing"], "staffing": 8 },
        { "id": "tech_team", "skills": { "tech": {}, "billing": { "priority": 2 } },
          "staffing": )" + tech_staffing + R"( } ],
      "routing": )" + routing + " }";
    return path;
  }

  bool prints(const ccsim::testing::CommandResult& r, const std::string& line) const {
    return r.out.find(line + "\n") != std::string::npos;
  }
};

TEST_F(ValidateRouting, PrintsThePriorityPolicyOfAScenarioWithoutRouting) {
  const ccsim::testing::CommandResult r = ccsim("validate scenarios/retail-day.json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(prints(
      r, "routing   priority: best skill priority, then contact priority, then longest wait"))
      << r.out;
}

TEST_F(ValidateRouting, PrintsTheWeightsThatAreNotOne) {
  const ccsim::testing::CommandResult r = ccsim("validate " + write_scenario(R"({
    "policy": "longest_weighted_wait", "weights": { "billing": 2, "tech": { "tech_team": 3 } } })"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(prints(r,
                     "routing   longest_weighted_wait: a freed agent takes the largest wait x "
                     "weight\n          weights billing x2; tech x3 at tech_team (others 1)"))
      << r.out;
}

TEST_F(ValidateRouting, SaysEveryWeightIsOneWhenNoneIsWritten) {
  const ccsim::testing::CommandResult r =
      ccsim("validate " + write_scenario(R"({ "policy": "longest_weighted_wait" })"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(prints(r, "          every weight 1")) << r.out;
}

TEST_F(ValidateRouting, PrintsEachGroupsReserveAmongItsNotes) {
  const ccsim::testing::CommandResult r = ccsim(
      "validate " + write_scenario(R"({ "policy": "reservation", "reserve": { "tech_team": 1 } })",
                                   "4"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(prints(r, "  tech_team: keeps 1 agent idle for tech (its first priority)")) << r.out;
  EXPECT_EQ(r.out.find("warning"), std::string::npos) << r.out;
}

TEST_F(ValidateRouting, WarnsWhereAReserveReachesTheAgentsOnDuty) {
  // 1, 3, 3 and 2 agents on duty against a reserve of 2: the first and last half hours.
  const ccsim::testing::CommandResult r = ccsim("validate " + write_scenario(
      R"({ "policy": "reservation", "reserve": { "tech_team": 2 } })"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(prints(r,
                     "  warning: tech_team keeps 2 agents idle but has only 2 or fewer on duty at "
                     "08:00-08:30, 09:30-10:00: there it takes only tech"))
      << r.out;
}

TEST_F(ValidateRouting, DoesNotWarnAboutIntervalsWithNobodyOnDuty) {
  const ccsim::testing::CommandResult r = ccsim("validate " + write_scenario(
      R"({ "policy": "reservation", "reserve": { "tech_team": 2 } })", "[0, 3, 3, 0]"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("warning"), std::string::npos) << r.out;
}

TEST_F(ValidateRouting, RefusesWeightsUnderAnotherPolicyWithExitTwo) {
  const ccsim::testing::CommandResult r =
      ccsim("validate " + write_scenario(R"({ "weights": { "billing": 2 } })"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("routing.json: /routing/weights: does not apply to routing policy "
                       "\"priority\" (weights need \"policy\": \"longest_weighted_wait\")"),
            std::string::npos)
      << r.err;
}

}  // namespace
