// The sla's further targets, abandon_max and asa_max_s: read from a scenario, refused where they
// mean nothing, and kept by the staffing search.
#include <string>

#include <gtest/gtest.h>

#include "ccsim/diagnostics.h"
#include "ccsim/runner.h"
#include "ccsim/scenario.h"
#include "ccsim/staffing_search.h"
#include "testing/models.h"

namespace ccsim {
namespace {

Model with_sla(const std::string& sla, const std::string& channel = "voice") {
  return parse_scenario(R"({ "horizon": { "intervals": 4 },
    "contact_types": [ { "id": "calls", "channel": ")" + channel + R"(",
      "arrivals": { "rate_per_hour": 120 }, "handle_time": { "dist": "exponential", "mean_s": 180 },
      "sla": )" + sla + R"( } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls"], "staffing": 10 } ] })",
                        "test.json");
}

std::string first_message(const std::string& sla, const std::string& channel = "voice") {
  try {
    with_sla(sla, channel);
  } catch (const InputError& e) {
    return e.diagnostics().at(0).where + ": " + e.diagnostics().at(0).message;
  }
  return "";
}

TEST(FurtherTargets, AreReadFromTheSla) {
  const Model model = with_sla(R"({ "target": 0.8, "abandon_max": 0.05, "asa_max_s": 30 })");
  ASSERT_TRUE(model.contact_types[0].sla.abandon_max.has_value());
  EXPECT_DOUBLE_EQ(*model.contact_types[0].sla.abandon_max, 0.05);
  ASSERT_TRUE(model.contact_types[0].sla.asa_max_s.has_value());
  EXPECT_DOUBLE_EQ(*model.contact_types[0].sla.asa_max_s, 30.0);
}

TEST(FurtherTargets, AreAbsentUnlessWritten) {
  const Model model = with_sla(R"({ "target": 0.8 })");
  EXPECT_FALSE(model.contact_types[0].sla.abandon_max.has_value());
  EXPECT_FALSE(model.contact_types[0].sla.asa_max_s.has_value());
}

TEST(FurtherTargets, AnAbandonmentWrittenInPercentGetsAHint) {
  EXPECT_NE(first_message(R"({ "abandon_max": 5 })").find("write 5 % as 0.05"), std::string::npos)
      << first_message(R"({ "abandon_max": 5 })");
}

TEST(FurtherTargets, AreRefusedOnEmail) {
  const std::string message = first_message(R"({ "respond_within_h": 24, "asa_max_s": 30 })", "email");
  EXPECT_NE(message.find("/contact_types/0/sla/asa_max_s"), std::string::npos) << message;
}

// 200 calls an hour of 180 s on one queue; an ASA of at most 5 s asks for more than 80/20 does.
TEST(FurtherTargets, TheStaffingSearchKeepsAnAsaCeiling) {
  testing::SingleQueue spec;
  spec.intervals = 3;
  spec.interval_min = 60.0;
  spec.warmup_min = 60.0;
  Model model = testing::single_queue(spec);
  model.contact_types[0].sla.asa_max_s = 5.0;
  StaffingSearchOptions options;
  options.replications = 30;
  options.threads = 1;
  const StaffingSearchResult result = search_staffing(model, options);
  Model planned = with_staffing(model, result.staffed);
  planned.run.detail = Detail::interval;
  const RunResult run = run_replications(planned, {30, options.seed, 1, {}});
  int asa_targets = 0;
  for (const TargetCheck& t : check_targets(model, run.summary, options)) {
    EXPECT_TRUE(t.holds) << t.slot;
    asa_targets += t.kind == TargetKind::asa_max;
  }
  EXPECT_EQ(asa_targets, 3);
  model.contact_types[0].sla.asa_max_s.reset();
  EXPECT_GT(result.cost, search_staffing(model, options).cost);
}

}  // namespace
}  // namespace ccsim
