// The shift scheduler against answers known by other means: small covering problems enumerated
// here by brute force, and cases whose optimum or failure can be read off.
#include "ccsim/shift_schedule.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

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
  int solved = 0;
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
    // A dear shift over the whole day keeps every instance feasible: the cheap ones compete.
    templates.push_back(shift("whole", 8, h.intervals_per_day, 40));
    std::vector<double> required(static_cast<std::size_t>(h.intervals()));
    for (double& r : required) r = uniform(0, 2);
    const double optimum = brute_force_optimum(h, templates, required);
    ScheduleProblem problem{h, templates, required, std::nullopt, 30.0, std::nullopt};
    if (!std::isfinite(optimum)) {
      EXPECT_THROW(ccsim::schedule_shifts(problem), ScheduleError);
      continue;
    }
    ++solved;
    const ShiftSchedule schedule = ccsim::schedule_shifts(problem);
    EXPECT_TRUE(schedule.optimal);
    EXPECT_NEAR(schedule.cost, optimum, 1e-6);
    for (std::size_t i = 0; i < required.size(); ++i)
      EXPECT_GE(schedule.coverage[i] + 1e-9, required[i]) << "interval " << i;
  }
  EXPECT_EQ(solved, 12);
}

// SciPy's milp (HiGHS) on the program built by tests/unit/data/shift_schedule_oracle.py from the
// README's definition: shifts off the grid, several breaks, partly worked intervals. Skipped
// where Debian's python3-scipy is not installed.
TEST(ShiftSchedule, AgreesWithSciPyOnShiftsOffTheGridWithSeveralBreaks) {
  if (std::system("/usr/bin/python3 -c 'import scipy.optimize' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "python3-scipy is not installed";
  const std::filesystem::path instance =
      std::filesystem::temp_directory_path() / ("ccsim-shift-oracle-" + std::to_string(::getpid()));
  int solved = 0;
  for (unsigned seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    const auto uniform = [&rng](int lo, int hi) {
      return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    Horizon h;  // 08:00-14:00 in half hours
    h.start_min = 8 * 60;
    h.intervals_per_day = 12;
    h.interval_s = 1800.0;
    nlohmann::json p = {{"start_min", h.start_min}, {"interval_min", 30}, {"intervals", 12}};
    std::vector<ShiftTemplate> templates;
    for (int t = 0; t < 4; ++t) {
      ShiftTemplate s;
      s.id = std::string(1, static_cast<char>('a' + t));
      s.start_min = 7 * 60 + 30 + 15 * uniform(0, 18);
      const int length_min = 15 * uniform(8, 24);
      s.length_s = length_min * 60.0;
      s.cost_per_hour = uniform(15, 30);
      if (uniform(0, 3) == 0) s.max_agents = uniform(1, 3);
      nlohmann::json breaks = nlohmann::json::array();
      int earliest = 30;
      for (int b = uniform(0, 2); b > 0; --b) {
        const int length = 15 * uniform(1, 2);
        const int latest = std::min(earliest + 15 * uniform(0, 6), length_min - length);
        if (latest < earliest) break;
        s.breaks.push_back({earliest * 60.0, latest * 60.0, length * 60.0});
        breaks.push_back({{"earliest_min", earliest}, {"latest_min", latest}, {"length_min", length}});
        earliest = latest + length + 30;
      }
      p["templates"].push_back({{"start_min", s.start_min},
                                {"length_min", length_min},
                                {"cost_per_hour", s.cost_per_hour},
                                {"max_agents", s.max_agents ? nlohmann::json(*s.max_agents)
                                                            : nlohmann::json(nullptr)},
                                {"breaks", breaks}});
      templates.push_back(s);
    }
    // A dear shift over the whole day keeps every instance feasible: the cheap ones compete.
    templates.push_back(shift("whole", 8, 6, 40));
    p["templates"].push_back({{"start_min", 8 * 60},
                              {"length_min", 6 * 60},
                              {"cost_per_hour", 40},
                              {"max_agents", nullptr},
                              {"breaks", nlohmann::json::array()}});
    std::vector<double> required(12);
    for (double& r : required) r = uniform(0, 3);
    p["required"] = required;
    std::ofstream(instance) << p.dump();
    const std::string command = "/usr/bin/python3 " + std::string(CCSIM_SOURCE_DIR) +
                                "/tests/unit/data/shift_schedule_oracle.py < " + instance.string();
    FILE* pipe = ::popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    char line[128] = {};
    const bool read = std::fgets(line, sizeof line, pipe) != nullptr;
    ASSERT_EQ(::pclose(pipe), 0);
    ASSERT_TRUE(read);
    const std::string answer(line);
    ScheduleProblem problem{h, templates, required, std::nullopt, 30.0, std::nullopt};
    if (answer.starts_with("infeasible")) {
      EXPECT_THROW(ccsim::schedule_shifts(problem), ScheduleError);
      continue;
    }
    ++solved;
    const ShiftSchedule schedule = ccsim::schedule_shifts(problem);
    EXPECT_TRUE(schedule.optimal);
    EXPECT_NEAR(schedule.cost, std::stod(answer), 1e-6);
  }
  EXPECT_EQ(solved, 6);
  std::filesystem::remove(instance);
}

TEST(ShiftSchedule, PlacesBreaksOnTheGridWithinTheirWindows) {
  Horizon h = hourly_day(16);
  h.interval_s = 1800.0;  // 08:00-16:00 in half hours
  ShiftTemplate day = shift("day", 8, 8, 20);
  day.breaks.push_back({3 * 3600.0, 5 * 3600.0, 1800.0});
  std::vector<double> required(16, 2.0);
  const ShiftSchedule schedule = ccsim::schedule_shifts({h, {day}, required, std::nullopt, 30.0, std::nullopt});
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
  // A template already called "day-2" keeps its name to itself.
  std::vector<ShiftTemplate> named = {day, shift("day-2", 20, 1, 10)};
  const auto renamed = ccsim::roster_of(schedule, named);
  if (renamed.size() > 1) {
    EXPECT_EQ(renamed[1].id, "day-3");
  }
}

TEST(ShiftSchedule, KeepsWithinMaxAgentsByUsingDearerShifts) {
  const Horizon h = hourly_day(4);
  ShiftTemplate cheap = shift("cheap", 8, 4, 10);
  cheap.max_agents = 2;
  const ShiftTemplate dear = shift("dear", 8, 4, 25);
  const ShiftSchedule schedule =
      ccsim::schedule_shifts({h, {cheap, dear}, std::vector<double>(4, 3.0), std::nullopt, 30.0, std::nullopt});
  ASSERT_EQ(schedule.shifts.size(), 2u);
  EXPECT_EQ(schedule.shifts[0].template_id, "cheap");
  EXPECT_EQ(schedule.shifts[0].agents, 2);
  EXPECT_EQ(schedule.shifts[1].template_id, "dear");
  EXPECT_EQ(schedule.shifts[1].agents, 1);
  EXPECT_NEAR(schedule.cost, 2 * 40.0 + 100.0, 1e-9);
}

// 08:00-12:00, 4 agents every hour. A full-timer (4 h at 20) costs 80; a morning and a midday
// part-timer (2 h at 12 each) cover the same hours for 48, so alone they take it all: 8 heads.
// With at most a quarter of the heads part-time, M + D <= F / 3 with F + M >= 4 and F + D >= 4:
// three full-timers would leave room for one part-timer where two are needed, so 4 full-timers.
TEST(ShiftSchedule, KeepsPartTimeAgentsWithinTheirShareOfHeads) {
  const Horizon h = hourly_day(4);
  const ShiftTemplate full = shift("full", 8, 4, 20);
  ShiftTemplate morning = shift("morning", 8, 2, 12);
  ShiftTemplate midday = shift("midday", 10, 2, 12);
  morning.part_time = midday.part_time = true;
  const std::vector<double> required(4, 4.0);
  const ShiftSchedule free_mix = ccsim::schedule_shifts({h, {full, morning, midday}, required, std::nullopt, 30.0, std::nullopt});
  int part_time_free = 0;
  for (const auto& s : free_mix.shifts) part_time_free += s.template_id != "full" ? s.agents : 0;
  EXPECT_EQ(part_time_free, 8);
  const ShiftSchedule limited =
      ccsim::schedule_shifts({h, {full, morning, midday}, required, std::nullopt, 30.0, 0.25});
  int heads = 0, part_time = 0;
  for (const auto& s : limited.shifts) {
    heads += s.agents;
    part_time += s.template_id != "full" ? s.agents : 0;
  }
  EXPECT_LE(part_time, 0.25 * heads);
  EXPECT_EQ(heads - part_time, 4);
  EXPECT_NEAR(limited.cost, 4 * 80.0, 1e-9);
}

TEST(ShiftSchedule, CountsAPartlyWorkedIntervalAsItsShare) {
  Horizon h = hourly_day(2);  // 08:00-10:00
  ShiftTemplate late = shift("late", 8, 1.5, 10);
  late.start_min = 8 * 60 + 30;  // 08:30-10:00: half of the first hour, all of the second
  const ShiftSchedule schedule =
      ccsim::schedule_shifts({h, {late}, {1.0, 1.0}, std::nullopt, 30.0, std::nullopt});
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
      ccsim::schedule_shifts({h, {weekday, weekend}, required, std::nullopt, 30.0, std::nullopt});
  // One weekend agent for both weekend days (2 h x 15 x 2 days), two weekday agents on Monday.
  EXPECT_NEAR(schedule.cost, 60.0 + 40.0, 1e-9);
  EXPECT_EQ(schedule.coverage, required);
}

TEST(ShiftSchedule, NamesTheIntervalNoTemplateWorks) {
  const Horizon h = hourly_day(4);
  try {
    ccsim::schedule_shifts({h, {shift("early", 8, 2, 10)}, {1, 1, 0, 1}, std::nullopt, 30.0, std::nullopt});
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
    ccsim::schedule_shifts({h, {capped}, {2, 3}, std::nullopt, 30.0, std::nullopt});
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
    ccsim::schedule_shifts({h, {one}, {1, 1}, std::nullopt, 30.0, std::nullopt});
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
  ScheduleProblem problem{h, {day}, required, 50.0, 30.0, std::nullopt};
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
      ccsim::schedule_shifts({h, {shift("early", 8, 1, 10)}, {1, 2}, 1000.0, 30.0, std::nullopt});
  EXPECT_NEAR(schedule.short_by[1], 2.0, 1e-9);
  EXPECT_EQ(schedule.coverage[0], 1.0);
}

TEST(ShiftSchedule, NamesATemplateWhoseBreaksCannotBePlacedApart) {
  ShiftTemplate crowded = shift("crowded", 8, 4, 10);
  crowded.breaks.push_back({3600.0, 3600.0, 3600.0});
  crowded.breaks.push_back({3600.0, 3600.0, 1800.0});  // must start as the first one does
  try {
    ccsim::schedule_shifts({hourly_day(4), {crowded}, {1, 0, 0, 0}, std::nullopt, 30.0, std::nullopt});
    FAIL() << "no error";
  } catch (const ScheduleError& e) {
    EXPECT_EQ(std::string(e.what()),
              "shift template \"crowded\": its breaks cannot be placed in order and apart within "
              "their windows on the 60-minute grid");
  }
}

// A program too large to finish in a hundredth of a second: the best roster found is returned
// with its gap, or, if none was found yet, the error says the solver timed out.
TEST(ShiftSchedule, StopsAtTheTimeLimitWithTheBestRosterOrSaysSo) {
  Horizon h;
  h.start_min = 0;
  h.intervals_per_day = 96;  // a day of quarter hours
  h.interval_s = 900.0;
  std::mt19937 rng(7);
  std::vector<ShiftTemplate> templates;
  for (int start = 0; start <= 16 * 60; start += 30) {
    ShiftTemplate t = shift(std::to_string(start).insert(0, 1, 's'), 0, 8, 20 + start % 7);
    t.start_min = start;
    t.breaks.push_back({2 * 3600.0, 4 * 3600.0, 900.0});
    t.breaks.push_back({4.5 * 3600.0, 6.5 * 3600.0, 1800.0});
    templates.push_back(t);
  }
  std::vector<double> required(96);
  for (double& r : required) r = std::uniform_real_distribution<double>(3.0, 40.0)(rng);
  try {
    const ShiftSchedule schedule =
        ccsim::schedule_shifts({h, templates, required, std::nullopt, 0.01, std::nullopt});
    EXPECT_FALSE(schedule.optimal);
    EXPECT_GE(schedule.gap, 0.0);
    for (std::size_t i = 0; i < required.size(); ++i)
      EXPECT_GE(schedule.coverage[i] + 1e-6, required[i]) << "interval " << i;
  } catch (const ScheduleError& e) {
    EXPECT_NE(std::string(e.what()).find("the solver timed out after 0.01 s"), std::string::npos)
        << e.what();
  }
}

TEST(ShiftSchedule, RefusesRequirementsThatDoNotMatchTheHorizon) {
  EXPECT_THROW(ccsim::schedule_shifts({hourly_day(3), {shift("a", 8, 3, 10)}, {1, 1},
                                       std::nullopt, 30.0, std::nullopt}),
               std::invalid_argument);
}

}  // namespace
