// The shift scheduler against answers known by other means: small covering problems enumerated
// here by brute force, and cases whose optimum or failure can be read off.
#include "ccsim/shift_schedule.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

using ccsim::Horizon;
using ccsim::ScheduleError;
using ccsim::ScheduleProblem;
using ccsim::ShiftSchedule;
using ccsim::ShiftTemplate;

Horizon hourly_day(int intervals) {
  Horizon h;
  h.start_min = 8 * 60;
  h.intervals_per_day = intervals;
  h.interval_s = 3600.0;
  return h;
}

ShiftTemplate shift(std::string id, int start_hour, double hours, double cost_per_hour) {
  ShiftTemplate t;
  t.id = std::move(id);
  t.start_min = start_hour * 60;
  t.length_s = hours * 3600.0;
  t.cost_per_hour = cost_per_hour;
  return t;
}

// The brute force: every column as this test sees it (whole hourly intervals, the break on any
// whole hour of its window), every count from 0 to the largest requirement on each.
struct BruteColumn {
  std::vector<int> covers;  // 0 or 1 per interval
  double cost;
  std::size_t template_index;
};

double brute_force_optimum(const Horizon& h, const std::vector<ShiftTemplate>& templates,
                           const std::vector<double>& required) {
  std::vector<BruteColumn> columns;
  for (std::size_t t = 0; t < templates.size(); ++t) {
    const ShiftTemplate& s = templates[t];
    const int first = (s.start_min - h.start_min) / 60;
    const int hours = static_cast<int>(s.length_s / 3600);
    std::vector<int> break_at = {-1};  // hours after the start
    if (!s.breaks.empty()) {
      break_at.clear();
      for (int b = static_cast<int>(s.breaks[0].earliest_after_s / 3600);
           b <= static_cast<int>(s.breaks[0].latest_after_s / 3600); ++b)
        break_at.push_back(b);
    }
    for (const int b : break_at) {
      BruteColumn c{std::vector<int>(required.size(), 0), hours * s.cost_per_hour, t};
      for (int k = 0; k < hours; ++k)
        if (k != b && first + k < static_cast<int>(required.size())) c.covers[first + k] = 1;
      columns.push_back(c);
    }
  }
  const int most = static_cast<int>(*std::max_element(required.begin(), required.end()));
  std::vector<int> x(columns.size(), 0);
  double best = std::numeric_limits<double>::infinity();
  for (;;) {
    std::vector<int> per_template(templates.size(), 0);
    std::vector<int> coverage(required.size(), 0);
    double cost = 0;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      per_template[columns[c].template_index] += x[c];
      cost += x[c] * columns[c].cost;
      for (std::size_t i = 0; i < required.size(); ++i) coverage[i] += x[c] * columns[c].covers[i];
    }
    bool feasible = true;
    for (std::size_t i = 0; i < required.size(); ++i) feasible &= coverage[i] >= required[i];
    for (std::size_t t = 0; t < templates.size(); ++t)
      if (templates[t].max_agents) feasible &= per_template[t] <= *templates[t].max_agents;
    if (feasible) best = std::min(best, cost);
    std::size_t k = 0;
    while (k < x.size() && x[k] == most) x[k++] = 0;
    if (k == x.size()) break;
    ++x[k];
  }
  return best;
}

TEST(ShiftSchedule, FindsTheBruteForceOptimumOfSmallRandomProblems) {
  for (unsigned seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    const auto uniform = [&rng](int lo, int hi) {
      return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    const Horizon h = hourly_day(uniform(5, 7));
    std::vector<ShiftTemplate> templates;
    const int count = uniform(2, 3);
    for (int t = 0; t < count; ++t) {
      ShiftTemplate s = shift(std::string(1, static_cast<char>('a' + t)), 8 + uniform(0, h.intervals_per_day - 2),
                              uniform(2, 5), uniform(10, 30));
      if (uniform(0, 1) == 1 && s.length_s >= 4 * 3600.0)
        s.breaks.push_back({3600.0, 2 * 3600.0, 3600.0});
      if (uniform(0, 2) == 0) s.max_agents = uniform(1, 3);
      templates.push_back(s);
    }
    std::vector<double> required(static_cast<std::size_t>(h.intervals()));
    for (double& r : required) r = uniform(0, 2);
    const double optimum = brute_force_optimum(h, templates, required);
    ScheduleProblem problem{h, templates, required, std::nullopt, 30.0};
    if (!std::isfinite(optimum)) {
      EXPECT_THROW(ccsim::schedule_shifts(problem), ScheduleError);
      continue;
    }
    const ShiftSchedule schedule = ccsim::schedule_shifts(problem);
    EXPECT_TRUE(schedule.optimal);
    EXPECT_NEAR(schedule.cost, optimum, 1e-6);
    for (std::size_t i = 0; i < required.size(); ++i)
      EXPECT_GE(schedule.coverage[i] + 1e-9, required[i]) << "interval " << i;
  }
}

TEST(ShiftSchedule, PlacesBreaksOnTheGridWithinTheirWindows) {
  Horizon h = hourly_day(16);
  h.interval_s = 1800.0;  // 08:00-16:00 in half hours
  ShiftTemplate day = shift("day", 8, 8, 20);
  day.breaks.push_back({3 * 3600.0, 5 * 3600.0, 1800.0});
  std::vector<double> required(16, 2.0);
  const ShiftSchedule schedule = ccsim::schedule_shifts({h, {day}, required, std::nullopt, 30.0});
  // Each agent misses one half hour, so two agents leave a gap that a third must fill.
  int agents = 0;
  for (const auto& s : schedule.shifts) {
    agents += s.agents;
    ASSERT_EQ(s.breaks.size(), 1u);
    const double after = s.breaks[0].after_s;
    EXPECT_GE(after, 3 * 3600.0);
    EXPECT_LE(after, 5 * 3600.0);
    EXPECT_EQ(std::fmod(after, 1800.0), 0.0);
    EXPECT_EQ(s.breaks[0].length_s, 1800.0);
  }
  EXPECT_EQ(agents, 3);
  EXPECT_NEAR(schedule.cost, 3 * 8 * 20.0, 1e-9);
  const auto roster = ccsim::roster_of(schedule, {day});
  ASSERT_EQ(roster.size(), schedule.shifts.size());
  EXPECT_EQ(roster[0].id, "day");
  if (roster.size() > 1) {
    EXPECT_EQ(roster[1].id, "day-2");
  }
}

TEST(ShiftSchedule, KeepsWithinMaxAgentsByUsingDearerShifts) {
  const Horizon h = hourly_day(4);
  ShiftTemplate cheap = shift("cheap", 8, 4, 10);
  cheap.max_agents = 2;
  const ShiftTemplate dear = shift("dear", 8, 4, 25);
  const ShiftSchedule schedule =
      ccsim::schedule_shifts({h, {cheap, dear}, std::vector<double>(4, 3.0), std::nullopt, 30.0});
  ASSERT_EQ(schedule.shifts.size(), 2u);
  EXPECT_EQ(schedule.shifts[0].template_id, "cheap");
  EXPECT_EQ(schedule.shifts[0].agents, 2);
  EXPECT_EQ(schedule.shifts[1].template_id, "dear");
  EXPECT_EQ(schedule.shifts[1].agents, 1);
  EXPECT_NEAR(schedule.cost, 2 * 40.0 + 100.0, 1e-9);
}

TEST(ShiftSchedule, CountsAPartlyWorkedIntervalAsItsShare) {
  Horizon h = hourly_day(2);  // 08:00-10:00
  ShiftTemplate late = shift("late", 8, 1.5, 10);
  late.start_min = 8 * 60 + 30;  // 08:30-10:00: half of the first hour, all of the second
  const ShiftSchedule schedule =
      ccsim::schedule_shifts({h, {late}, {1.0, 1.0}, std::nullopt, 30.0});
  ASSERT_EQ(schedule.shifts.size(), 1u);
  EXPECT_EQ(schedule.shifts[0].agents, 2);
  EXPECT_NEAR(schedule.coverage[0], 1.0, 1e-9);
  EXPECT_NEAR(schedule.coverage[1], 2.0, 1e-9);
}

TEST(ShiftSchedule, WorksOnlyTheTemplatesDaysAndPaysEachOfThem) {
  Horizon h = hourly_day(2);
  h.days = 3;  // Saturday, Sunday, Monday
  h.start_weekday = 5;
  ShiftTemplate weekday = shift("weekday", 8, 2, 10);
  weekday.days = {true, true, true, true, true, false, false};
  ShiftTemplate weekend = shift("weekend", 8, 2, 15);
  weekend.days = {false, false, false, false, false, true, true};
  const std::vector<double> required = {1, 1, 1, 1, 2, 2};
  const ShiftSchedule schedule =
      ccsim::schedule_shifts({h, {weekday, weekend}, required, std::nullopt, 30.0});
  // One weekend agent for both weekend days (2 h x 15 x 2 days), two weekday agents on Monday.
  EXPECT_NEAR(schedule.cost, 60.0 + 40.0, 1e-9);
  EXPECT_EQ(schedule.coverage, required);
}

TEST(ShiftSchedule, NamesTheIntervalNoTemplateWorks) {
  const Horizon h = hourly_day(4);
  try {
    ccsim::schedule_shifts({h, {shift("early", 8, 2, 10)}, {1, 1, 0, 1}, std::nullopt, 30.0});
    FAIL() << "no error";
  } catch (const ScheduleError& e) {
    EXPECT_EQ(std::string(e.what()),
              "interval 3 (11:00) needs 1 agents and no shift template works it (on break or off "
              "shift all day)");
  }
}

TEST(ShiftSchedule, NamesTheIntervalMaxAgentsLeaveShort) {
  const Horizon h = hourly_day(2);
  ShiftTemplate capped = shift("capped", 8, 2, 10);
  capped.max_agents = 2;
  try {
    ccsim::schedule_shifts({h, {capped}, {2, 3}, std::nullopt, 30.0});
    FAIL() << "no error";
  } catch (const ScheduleError& e) {
    EXPECT_EQ(std::string(e.what()),
              "interval 1 (09:00) needs 3 agents and the shift templates' max_agents let at most "
              "2 work it");
  }
}

TEST(ShiftSchedule, NamesAnIntervalWhenMaxAgentsCannotCoverAllAtOnce) {
  // One agent can cover either hour, with its break in the other; two hours need two agents.
  const Horizon h = hourly_day(2);
  ShiftTemplate one = shift("one", 8, 2, 10);
  one.breaks.push_back({0.0, 3600.0, 3600.0});
  one.max_agents = 1;
  try {
    ccsim::schedule_shifts({h, {one}, {1, 1}, std::nullopt, 30.0});
    FAIL() << "no error";
  } catch (const ScheduleError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("no roster meets every requirement within the shift templates' "
                           "max_agents: interval"),
              std::string::npos)
        << message;
  }
}

TEST(ShiftSchedule, LeavesIntervalsShortWhenThePenaltyIsCheaperThanAShift) {
  const Horizon h = hourly_day(8);
  std::vector<double> required(8, 0.0);
  required[7] = 1.0;  // 15:00-16:00 only
  const ShiftTemplate day = shift("day", 8, 8, 20);  // 160 for the one hour it is needed
  ScheduleProblem problem{h, {day}, required, 50.0, 30.0};
  ShiftSchedule schedule = ccsim::schedule_shifts(problem);
  EXPECT_TRUE(schedule.shifts.empty());
  EXPECT_EQ(schedule.cost, 0.0);
  EXPECT_NEAR(schedule.penalty, 50.0, 1e-9);
  EXPECT_NEAR(schedule.short_by[7], 1.0, 1e-9);
  problem.under_coverage_penalty = 500.0;
  schedule = ccsim::schedule_shifts(problem);
  ASSERT_EQ(schedule.shifts.size(), 1u);
  EXPECT_NEAR(schedule.cost, 160.0, 1e-9);
  EXPECT_EQ(schedule.penalty, 0.0);
  EXPECT_EQ(schedule.short_by[7], 0.0);
}

TEST(ShiftSchedule, UnderCoverageNeedsNoTemplateToWorkAnInterval) {
  const Horizon h = hourly_day(2);
  const ShiftSchedule schedule =
      ccsim::schedule_shifts({h, {shift("early", 8, 1, 10)}, {1, 2}, 1000.0, 30.0});
  EXPECT_NEAR(schedule.short_by[1], 2.0, 1e-9);
  EXPECT_EQ(schedule.coverage[0], 1.0);
}

TEST(ShiftSchedule, RefusesRequirementsThatDoNotMatchTheHorizon) {
  EXPECT_THROW(ccsim::schedule_shifts({hourly_day(3), {shift("a", 8, 3, 10)}, {1, 1},
                                       std::nullopt, 30.0}),
               std::invalid_argument);
}

}  // namespace
