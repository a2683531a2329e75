// Day totals: interval detail with a slot per day after the intervals', what the staffing search
// judges a day scope on over several days.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "ccsim/scenario.h"
#include "ccsim/summary.h"

namespace ccsim {
namespace {

// Two types on two groups over three days of four hours, the days' volumes apart.
Model three_days() {
  return parse_scenario(R"({ "horizon": { "intervals": 8, "interval_min": 30, "days": 3 },
    "contact_types": [
      { "id": "sales", "arrivals": { "per_interval": [40, 60, 80, 70, 60, 50, 40, 30,
                                                   52, 78, 104, 91, 78, 65, 52, 39,
                                                   32, 48, 64, 56, 48, 40, 32, 24] },
        "handle_time": { "dist": "lognormal", "mean_s": 240, "cv": 0.8 },
        "patience": { "dist": "exponential", "mean_s": 200 }, "sla": { "answer_within_s": 20, "target": 0.8 } },
      { "id": "care", "arrivals": { "rate_per_hour": 60 },
        "handle_time": { "dist": "exponential", "mean_s": 300 },
        "patience": { "dist": "exponential", "mean_s": 300 }, "sla": { "answer_within_s": 30, "target": 0.8 } } ],
    "agent_groups": [
      { "id": "sales_team", "skills": ["sales", "care"], "staffing": 9 },
      { "id": "care_team", "skills": ["care"], "staffing": 5 } ] })",
                        "test.json");
}

TEST(DayTotals, FollowTheIntervalsSlots) {
  Model model = three_days();
  model.run.day_totals = true;
  const KpiLayout layout(model);
  EXPECT_EQ(layout.periods(), 24u);
  EXPECT_EQ(layout.slots(), 1u + 24u + 3u);
  EXPECT_EQ(layout.day_total_slot(0), 25u);
}

TEST(DayTotals, AreLeftOutUnlessAsked) {
  const Model model = three_days();
  EXPECT_EQ(KpiLayout(model).slots(), 1u + 24u);
}

// The same replication's tallies give the same figures for a day whether it is read as a day of
// day detail or as a day total beside the intervals: the same sums and histograms.
TEST(DayTotals, EqualTheDayDetailsDaysBitForBit) {
  Model by_interval = three_days();
  by_interval.run.day_totals = true;
  Model by_day = three_days();
  by_day.run.detail = Detail::day;
  const Tallies tallies = run_replication(by_interval, 5, 0);
  const std::vector<double> totals = kpi_values(by_interval, tallies);
  const std::vector<double> days = kpi_values(by_day, tallies);
  const KpiLayout with_totals(by_interval), of_days(by_day);
  for (std::size_t scope = 0; scope < of_days.scopes(); ++scope)
    for (std::size_t d = 0; d < 3; ++d)
      for (std::size_t k = 0; k < kpi_count; ++k) {
        const auto kpi = static_cast<Kpi>(k);
        const double a = totals[with_totals.at(scope, with_totals.day_total_slot(d), kpi)];
        const double b = days[of_days.at(scope, KpiLayout::day_slot(d), kpi)];
        if (std::isnan(b)) {
          EXPECT_TRUE(std::isnan(a)) << scope << " " << d << " " << kpi_name(kpi);
        } else {
          EXPECT_EQ(a, b) << scope << " " << d << " " << kpi_name(kpi);
        }
      }
}

// ... and the intervals' figures do not change with them.
TEST(DayTotals, LeaveTheIntervalsFiguresAsTheyAre) {
  Model with = three_days();
  with.run.day_totals = true;
  const Model without = three_days();
  const Tallies tallies = run_replication(without, 5, 0);
  const std::vector<double> a = kpi_values(with, tallies), b = kpi_values(without, tallies);
  const KpiLayout la(with), lb(without);
  for (std::size_t scope = 0; scope < lb.scopes(); ++scope)
    for (std::size_t slot = 0; slot < lb.slots(); ++slot)
      for (std::size_t k = 0; k < kpi_count; ++k) {
        const double x = a[la.at(scope, slot, static_cast<Kpi>(k))], y = b[lb.at(scope, slot, static_cast<Kpi>(k))];
        if (!(std::isnan(x) && std::isnan(y))) {
          EXPECT_EQ(x, y) << scope << " " << slot << " " << k;
        }
      }
}

}  // namespace
}  // namespace ccsim
