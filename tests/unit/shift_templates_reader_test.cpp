// An agent group's "shift_templates" as the scenario reader reads them, and its refusals.
#include <string>

#include <gtest/gtest.h>

#include "ccsim/scenario.h"

namespace {

std::string scenario_with(const std::string& templates) {
  return R"({ "horizon": { "start": "07:00", "intervals": 24 },
    "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 60 },
                         "handle_time": { "dist": "exponential", "mean_s": 180 } } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls"], "staffing": 5,
                        "shift_templates": )" +
         templates + " } ] }";
}

// Every diagnostic, one a line.
std::string errors_of(const std::string& templates) {
  try {
    ccsim::parse_scenario(scenario_with(templates), "t.json");
  } catch (const ccsim::InputError& e) {
    std::string all;
    for (const auto& d : e.diagnostics()) all += d.to_string() + "\n";
    return all;
  }
  return "";
}

TEST(ShiftTemplatesReader, ReadsEveryField) {
  const ccsim::Model m = ccsim::parse_scenario(
      scenario_with(R"([ { "id": "early", "start": "07:00", "length_h": 8, "cost_per_hour": 20,
        "breaks": [ { "length_min": 30, "earliest_after_h": 3, "latest_after_h": 5 } ],
        "max_agents": 10, "days": ["Mon", "Tue"] },
        { "id": "late", "start": "9:30", "length_h": 4.5, "cost_per_hour": 22 } ])"),
      "t.json");
  const auto& templates = m.agent_groups[0].shift_templates;
  ASSERT_EQ(templates.size(), 2u);
  EXPECT_EQ(templates[0].id, "early");
  EXPECT_EQ(templates[0].start_min, 7 * 60);
  EXPECT_EQ(templates[0].length_s, 8 * 3600.0);
  EXPECT_EQ(templates[0].cost_per_hour, 20.0);
  ASSERT_EQ(templates[0].breaks.size(), 1u);
  EXPECT_EQ(templates[0].breaks[0].length_s, 1800.0);
  EXPECT_EQ(templates[0].breaks[0].earliest_after_s, 3 * 3600.0);
  EXPECT_EQ(templates[0].breaks[0].latest_after_s, 5 * 3600.0);
  EXPECT_EQ(templates[0].max_agents, 10);
  EXPECT_EQ(templates[0].days, (std::array<bool, 7>{true, true, false, false, false, false, false}));
  EXPECT_EQ(templates[1].start_min, 9 * 60 + 30);
  EXPECT_TRUE(templates[1].breaks.empty());
  EXPECT_FALSE(templates[1].max_agents);
  EXPECT_EQ(templates[1].days, (std::array<bool, 7>{true, true, true, true, true, true, true}));
}

TEST(ShiftTemplatesReader, RefusesWithThePlaceOfEachProblem) {
  const std::string errors = errors_of(R"([
    { "id": "a", "start": "25:00", "length_h": 0, "cost_per_hour": -1, "max_agents": 1.5,
      "days": ["Mon", "Mon", "Funday"], "colour": "red" },
    { "id": "a", "start": "08:00", "length_h": 4, "cost_per_hour": 10,
      "breaks": [ { "length_min": 30, "earliest_after_h": 2, "latest_after_h": 1 },
                  { "length_min": 60, "earliest_after_h": 1, "latest_after_h": 3.5 } ] },
    { "start": "08:00", "length_h": 4 } ])");
  const auto has = [&errors](const std::string& line) {
    return errors.find(line) != std::string::npos;
  };
  EXPECT_TRUE(has("t.json: /agent_groups/0/shift_templates/0/start: must be a clock time"))
      << errors;
  EXPECT_TRUE(has("/agent_groups/0/shift_templates/0/length_h: must be a number in (0, 24]"))
      << errors;
  EXPECT_TRUE(has("/agent_groups/0/shift_templates/0/cost_per_hour: must be a number >= 0"))
      << errors;
  EXPECT_TRUE(has("/agent_groups/0/shift_templates/0/max_agents: must be a whole number >= 0"))
      << errors;
  EXPECT_TRUE(has("/agent_groups/0/shift_templates/0/days/1: duplicate day \"Mon\""))
      << errors;
  EXPECT_TRUE(has("/agent_groups/0/shift_templates/0/days/2:")) << errors;
  EXPECT_TRUE(has("/agent_groups/0/shift_templates/0/colour: unknown key")) << errors;
  EXPECT_TRUE(has("/agent_groups/0/shift_templates/1/id: duplicate id \"a\"")) << errors;
  EXPECT_TRUE(has("/agent_groups/0/shift_templates/1/breaks/0/latest_after_h: must be at least "
                  "earliest_after_h (2), got 1"))
      << errors;
  EXPECT_TRUE(has("/agent_groups/0/shift_templates/1/breaks/1/latest_after_h: must let the "
                  "60-minute break end within the shift of 4 h (latest_after_h at most 3), got "
                  "3.5"))
      << errors;
  EXPECT_TRUE(has("/agent_groups/0/shift_templates/2: missing key \"id\"")) << errors;
  EXPECT_TRUE(has("/agent_groups/0/shift_templates/2: missing key \"cost_per_hour\"")) << errors;
}

}  // namespace

namespace {

TEST(ShiftTemplatesReader, ReadsPartTimeTemplatesAndTheGroupsShare) {
  const ccsim::Model m = ccsim::parse_scenario(
      scenario_with(R"([ { "id": "peak", "start": "10:00", "length_h": 4, "cost_per_hour": 20,
                           "part_time": true } ], "part_time_max_share": 0.3)"),
      "t.json");
  const ccsim::AgentGroup& group = m.agent_groups.at(0);
  ASSERT_EQ(group.shift_templates.size(), 1u);
  EXPECT_TRUE(group.shift_templates[0].part_time);
  ASSERT_TRUE(group.part_time_max_share.has_value());
  EXPECT_DOUBLE_EQ(*group.part_time_max_share, 0.3);
}

TEST(ShiftTemplatesReader, APartTimeShareWrittenInPercentGetsAHint) {
  const std::string errors = errors_of(R"([], "part_time_max_share": 30)");
  EXPECT_NE(errors.find("write 30 % as 0.3"), std::string::npos) << errors;
}

}  // namespace
