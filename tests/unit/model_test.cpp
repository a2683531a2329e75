#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/model.h"

namespace ccsim {
namespace {

TEST(Horizon, LabelsEveryDayFromTheGridStart) {
  Horizon h;
  h.start_min = 8 * 60;
  h.intervals_per_day = 24;
  h.interval_s = 1800.0;
  h.days = 2;
  EXPECT_EQ(h.start_label(0), "08:00");
  EXPECT_EQ(h.start_label(23), "19:30");
  EXPECT_EQ(h.start_label(24), "08:00");
  EXPECT_EQ(h.start_label(25), "08:30");
}

TEST(Horizon, LabelsWrapAtMidnight) {
  Horizon h;
  h.start_min = 22 * 60;
  h.intervals_per_day = 8;
  h.interval_s = 3600.0;
  EXPECT_EQ(h.start_label(2), "00:00");
}

TEST(Shrinkage, LeavesAFractionOfAnAgentNotARoundedOne) {
  EXPECT_NEAR(on_duty_after_shrinkage(14, 0.3), 9.8, 1e-12);
  EXPECT_EQ(on_duty_after_shrinkage(10, 0.25), 7.5);
  EXPECT_EQ(on_duty_after_shrinkage(0, 0.3), 0.0);
}

TEST(Shrinkage, AWholeNumberOfAgentsStaysWholeDespiteRounding) {
  // 10 * (1 - 0.3) is 7.000000000000001 in doubles: not an eighth agent for a femtosecond.
  EXPECT_EQ(on_duty_after_shrinkage(10, 0.3), 7.0);
  EXPECT_EQ(on_duty_after_shrinkage(20, 0.15), 17.0);
}

TEST(AgentsText, ShowsWholeAgentsWithoutDecimalsAndFractionsWithTwoAtMost) {
  EXPECT_EQ(agents_text(10.0), "10");
  EXPECT_EQ(agents_text(9.8), "9.8");
  EXPECT_EQ(agents_text(14.0 / 0.7 / 1.4), "14.29");
  EXPECT_EQ(agents_text(0.0), "0");
}

TEST(Routing, LinkOrdersGroupsBySkillPriorityThenFileOrder) {
  Model m;
  m.contact_types.resize(1);
  m.agent_groups.resize(3);
  m.agent_groups[0].skills = {Skill{0, 2, 1.0}};
  m.agent_groups[1].skills = {Skill{0, 1, 1.0}};
  m.agent_groups[2].skills = {Skill{0, 2, 1.0}};
  link_routing(m);
  EXPECT_EQ(m.contact_types[0].groups, (std::vector<AgentGroupIndex>{1, 0, 2}));
}

TEST(Routing, LinkSortsOverflowStepsByTypeTierAndDelayKeepingTies) {
  Model m;
  m.contact_types.resize(2);
  m.agent_groups.resize(3);
  m.overflow = {OverflowStep{1, 1, 60.0, {0}}, OverflowStep{0, 2, 30.0, {1}},
                OverflowStep{0, 1, 90.0, {2}}, OverflowStep{0, 1, 30.0, {0}},
                OverflowStep{0, 1, 30.0, {1}}};
  link_routing(m);
  std::vector<std::tuple<ContactTypeIndex, int, double, AgentGroupIndex>> order;
  for (const OverflowStep& s : m.overflow) order.emplace_back(s.type, s.tier, s.after_s, s.to[0]);
  EXPECT_EQ(
      order,
      (std::vector<std::tuple<ContactTypeIndex, int, double, AgentGroupIndex>>{
          {0, 1, 30.0, 0}, {0, 1, 30.0, 1}, {0, 1, 90.0, 2}, {0, 2, 30.0, 1}, {1, 1, 60.0, 0}}));
}

}  // namespace
}  // namespace ccsim
