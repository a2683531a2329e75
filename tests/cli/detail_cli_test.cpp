// `ccsim run --detail total|day|interval`: what the JSON, CSV and table report besides the whole
// horizon, the default by horizon length, and the same detail through what-ifs and shards.
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/command_line.h"

namespace {

using ccsim::testing::CommandResult;
using ccsim::testing::read_file;

class RunDetail : public ccsim::testing::CommandLineTest {
 protected:
  // Two contact types and a group over `days` days of two hour-long intervals.
  std::string scenario(int days) const {
    const std::string path = file("days-" + std::to_string(days) + ".json").string();
    std::ofstream(path) << R"({"name": "days", "horizon": {"intervals": 2, "interval_min": 60, "days": )"
                        << days << R"(, "start_weekday": "Fri"},
      "contact_types": [
        {"id": "calls", "arrivals": {"rate_per_hour": 90, "busyness_cv": 0.2},
         "handle_time": {"dist": "exponential", "mean_s": 240},
         "patience": {"dist": "exponential", "mean_s": 300}},
        {"id": "chats", "arrivals": {"rate_per_hour": 30},
         "handle_time": {"dist": "exponential", "mean_s": 400}}],
      "agent_groups": [{"id": "team", "skills": ["calls", "chats"], "staffing": [9, 7],
                        "cost_per_hour": 30}]})";
    return path;
  }
};

// (scope, id, period, kpi) -> mean, from a tidy CSV.
using Cells = std::map<std::tuple<std::string, std::string, std::string, std::string>, double>;

Cells read_csv(const std::string& text) {
  Cells cells;
  std::istringstream lines(text);
  std::string line;
  std::getline(lines, line);  // the header
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string scope, id, period, label, kpi, mean;
    std::getline(fields, scope, ',');
    std::getline(fields, id, ',');
    std::getline(fields, period, ',');
    std::getline(fields, label, ',');
    std::getline(fields, kpi, ',');
    std::getline(fields, mean, ',');
    if (!mean.empty()) cells[{scope, id, period, kpi}] = std::stod(mean);
  }
  return cells;
}

TEST_F(RunDetail, DayRowsAreTheSumsOfTheDaysIntervals) {
  const std::string s = scenario(3);
  ASSERT_EQ(ccsim("run " + s + " -r 1 -q --detail interval --csv " + file("i.csv").string()).exit_code, 0);
  ASSERT_EQ(ccsim("run " + s + " -r 1 -q --detail day --csv " + file("d.csv").string()).exit_code, 0);
  const Cells by_interval = read_csv(read_file(file("i.csv")));
  const Cells by_day = read_csv(read_file(file("d.csv")));
  const std::pair<std::string, std::string> scopes[] = {
      {"overall", ""}, {"type", "calls"}, {"type", "chats"}, {"group", "team"}};
  int compared = 0;
  for (const auto& [scope, id] : scopes)
    for (const std::string kpi : {"offered", "handled", "abandoned", "cost_total"})
      for (int d = 0; d < 3; ++d) {
        const auto day = by_day.find({scope, id, std::to_string(d), kpi});
        if (day == by_day.end()) continue;  // a KPI that does not apply to the scope
        double sum = 0.0;
        for (int i = 2 * d; i < 2 * d + 2; ++i) sum += by_interval.at({scope, id, std::to_string(i), kpi});
        EXPECT_NEAR(day->second, sum, 1e-9 * std::abs(sum)) << scope << " " << id << " day " << d << " " << kpi;
        ++compared;
      }
  EXPECT_EQ(compared, 3 * (4 + 3 + 3 + 2));
}

TEST_F(RunDetail, TotalWritesNoIntervalRows) {
  const CommandResult r = ccsim("run " + scenario(3) + " -r 2 --detail total --json " + file("t.json").string() +
                                " --csv " + file("t.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(read_file(file("t.json")));
  EXPECT_FALSE(j.contains("by_interval"));
  EXPECT_FALSE(j.contains("by_day"));
  EXPECT_TRUE(j["overall"].contains("service_level"));
  std::istringstream lines(read_file(file("t.csv")));
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "scope,id,interval,start,kpi,mean,ci95,n");
  while (std::getline(lines, line)) EXPECT_NE(line.find(",all,,"), std::string::npos) << line;
  EXPECT_EQ(r.out.find("By interval"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("By day"), std::string::npos) << r.out;
}

TEST_F(RunDetail, DayWritesOneRowPerDayWithItsWeekday) {
  const CommandResult r = ccsim("run " + scenario(3) + " -r 2 --detail day --json " + file("d.json").string() +
                                " --csv " + file("d.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(read_file(file("d.json")));
  EXPECT_FALSE(j.contains("by_interval"));
  ASSERT_EQ(j["by_day"].size(), 3u);
  EXPECT_EQ(j["by_day"][2]["day"], 2);
  EXPECT_EQ(j["by_day"][2]["weekday"], "Sun");
  EXPECT_TRUE(j["by_day"][0]["by_type"]["calls"].contains("wait_p90_s"));
  const std::string csv = read_file(file("d.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "scope,id,day,weekday,kpi,mean,ci95,n");
  EXPECT_NE(csv.find("\ntype,chats,1,Sat,offered,"), std::string::npos);
  EXPECT_NE(r.out.find("By day"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("d3 Sun"), std::string::npos) << r.out;
}

TEST_F(RunDetail, HorizonsOverAWeekReportDaysByDefault) {
  ASSERT_EQ(ccsim("run " + scenario(8) + " -r 1 -q --json " + file("8.json").string()).exit_code, 0);
  ASSERT_EQ(ccsim("run " + scenario(7) + " -r 1 -q --json " + file("7.json").string()).exit_code, 0);
  const auto eight = nlohmann::json::parse(read_file(file("8.json")));
  const auto seven = nlohmann::json::parse(read_file(file("7.json")));
  EXPECT_EQ(eight["by_day"].size(), 8u);
  EXPECT_FALSE(eight.contains("by_interval"));
  EXPECT_EQ(seven["by_interval"].size(), 14u);
  EXPECT_FALSE(seven.contains("by_day"));
}

TEST_F(RunDetail, AnUnknownDetailExitsTwo) {
  const CommandResult r = ccsim("run " + scenario(2) + " -r 1 -q --detail week");
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST_F(RunDetail, WhatIfsReportTheBaselinesDetail) {
  const CommandResult r = ccsim("run scenarios/retail-day.json -r 3 --what-if all --detail day --json " +
                                file("w.json").string() + " --csv " + file("w.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(read_file(file("w.json")));
  ASSERT_EQ(j["by_day"].size(), 1u);
  ASSERT_FALSE(j["what_if"].empty());
  for (const auto& [name, what_if] : j["what_if"].items()) {
    EXPECT_EQ(what_if["by_day"].size(), 1u) << name;
    EXPECT_FALSE(what_if.contains("by_interval")) << name;
  }
  const std::string csv = read_file(file("w.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "scope,id,day,weekday,kpi,mean,ci95,n,variant,change,change_ci95");
}

TEST_F(RunDetail, MergedShardsOfADayRunAreTheSingleRunsFiles) {
  const std::string s = scenario(9);
  ASSERT_EQ(ccsim("run " + s + " -r 4 -q --json " + file("whole.json").string()).exit_code, 0);
  for (int k = 0; k < 2; ++k)
    ASSERT_EQ(ccsim("run " + s + " -r 4 --shard " + std::to_string(k) + "/2 --out-part " +
                    file("part" + std::to_string(k) + ".json").string())
                  .exit_code,
              0);
  const CommandResult merged = ccsim("merge " + file("part0.json").string() + " " + file("part1.json").string() +
                                     " -q --json " + file("merged.json").string());
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_TRUE(read_file(file("whole.json")) == read_file(file("merged.json")));
  EXPECT_TRUE(nlohmann::json::parse(read_file(file("merged.json"))).contains("by_day"));
}

}  // namespace
