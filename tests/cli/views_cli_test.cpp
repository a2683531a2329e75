// `ccsim run --by type|group`: a table per contact type (with its own target) or per agent group,
// a row per interval or per day, from the same summary as the JSON and CSV.
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <gtest/gtest.h>

#include "testing/command_line.h"

namespace {

using ccsim::testing::CommandResult;
using ccsim::testing::read_file;

class RunViews : public ccsim::testing::CommandLineTest {};

// The lines of `text` after the line that starts with `title`, up to the next empty line.
std::vector<std::string> table_after(const std::string& text, const std::string& title) {
  std::istringstream in(text);
  std::vector<std::string> lines;
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!inside) {
      inside = line.rfind(title, 0) == 0;
      continue;
    }
    if (line.empty()) break;
    lines.push_back(line);
  }
  return lines;
}

// The mean of one row of the tidy CSV.
double csv_mean(const std::string& csv, const std::string& row_start) {
  std::istringstream in(csv);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(row_start, 0) == 0) return std::stod(line.substr(row_start.size()));
  return std::nan("");
}

TEST_F(RunViews, ByTypeGivesEachTypeAnIntervalTableWithItsOwnTarget) {
  const CommandResult r = ccsim("run scenarios/retail-day.json -r 5 --by type");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* title : {"By interval, contact type billing (80% in 20 s;",
                            "By interval, contact type orders (80% in 30 s;",
                            "By interval, contact type tech (80% in 60 s;"}) {
    const auto table = table_after(r.out, title);
    ASSERT_EQ(table.size(), 25u) << title;  // a heading and 24 half hours
    EXPECT_EQ(table[1].substr(0, 7), "  08:00") << title;
    EXPECT_EQ(table[24].substr(0, 7), "  19:30") << title;
  }
}

TEST_F(RunViews, ATypesIntervalRowShowsTheSameServiceLevelAsTheCsv) {
  const std::string csv = file("out.csv").string();
  const CommandResult r = ccsim("run scenarios/retail-day.json -r 5 --by type --csv " + csv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The CSV's interval 8 starts at 12:00; its columns after the KPI are mean, ci95, n.
  const double mean = csv_mean(read_file(csv), "type,tech,8,12:00,service_level,");
  ASSERT_TRUE(std::isfinite(mean));
  const auto table = table_after(r.out, "By interval, contact type tech");
  ASSERT_GT(table.size(), 9u);
  EXPECT_NE(table[9].find(fmt::format("{:.1f}%", 100.0 * mean)), std::string::npos) << table[9];
}

TEST_F(RunViews, ByGroupGivesEachGroupItsOwnAgentsOnDuty) {
  const CommandResult r = ccsim("run scenarios/retail-day.json -r 5 --by group");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto tech = table_after(r.out, "By interval, agent group tech_team");
  ASSERT_EQ(tech.size(), 25u);
  // tech_team's first staffing value is 16: fewer on duty after shrinkage, never more.
  std::istringstream row(tech[1]);
  std::string start;
  int on_duty = -1;
  row >> start >> on_duty;
  EXPECT_GT(on_duty, 0);
  EXPECT_LE(on_duty, 16);
}

TEST_F(RunViews, OverManyDaysTheRowsAreDays) {
  const std::string scenario = file("week.json").string();
  std::ofstream(scenario) << R"({"name": "week", "horizon": {"intervals": 2, "interval_min": 60, "days": 9},
    "contact_types": [{"id": "calls", "arrivals": {"rate_per_hour": 60},
                       "handle_time": {"dist": "exponential", "mean_s": 200}}],
    "agent_groups": [{"id": "team", "skills": ["calls"], "staffing": 6}]})";
  const CommandResult r = ccsim("run " + scenario + " -r 3 --by type");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto table = table_after(r.out, "By day, contact type calls");
  EXPECT_EQ(table.size(), 10u);  // a heading and 9 days
}

TEST_F(RunViews, WithoutByThereAreNoPerTypeTables) {
  const CommandResult r = ccsim("run scenarios/retail-day.json -r 3");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("contact type billing"), std::string::npos);
}

TEST_F(RunViews, AnUnknownViewIsAUsageError) {
  EXPECT_EQ(ccsim("run scenarios/retail-day.json -r 3 --by shift").exit_code, 2);
}

}  // namespace
