// `ccsim validate` on the fitted forms of a distribution: a mixture names its parts, bounds are
// shown after the mean and CV of the law they condition, a Kaplan-Meier curve gives its exact mean.
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "testing/command_line.h"

namespace {

class ValidateDistributions : public ccsim::testing::CommandLineTest {};

TEST_F(ValidateDistributions, PrintsMixturesBoundsAndKaplanMeierCurves) {
  const std::string path = file("fitted.json").string();
  std::ofstream(path) << R"({
    "horizon": { "intervals": 4 },
    "contact_types": [
      { "id": "calls", "arrivals": { "rate_per_hour": 60 },
        "handle_time": { "dist": "mixture", "components": [
          { "weight": 0.5, "dist": "deterministic", "value_s": 100 },
          { "weight": 0.5, "dist": "deterministic", "value_s": 300 } ] },
        "patience": { "dist": "kaplan_meier", "times_s": [10, 20], "survival": [0.5, 0] } },
      { "id": "chats", "channel": "chat", "arrivals": { "rate_per_hour": 20 },
        "handle_time": { "dist": "uniform", "low_s": 0, "high_s": 600, "max_s": 400 } },
      { "id": "mails", "arrivals": { "rate_per_hour": 20 },
        "handle_time": { "dist": "exponential", "mean_s": 60, "min_s": 600 } } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls", "chats", "mails"], "staffing": 20 } ]
  })";
  const ccsim::testing::CommandResult r = ccsim("validate " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The mixture: mean 200, sd 100.
  EXPECT_NE(r.out.find("mixture (2 parts) 200 s, cv 0.5"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("kaplan_meier 15 s, cv 0.33"), std::string::npos) << r.out;
  // A uniform's range is narrowed by the bounds; a truncated exponential keeps its name, shows
  // them and has a CV of its own: 60 / 660.
  EXPECT_NE(r.out.find("uniform 200 s, cv 0.58"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("exponential 660 s, cv 0.091, within [600 s, inf]"), std::string::npos) << r.out;
}

}  // namespace
