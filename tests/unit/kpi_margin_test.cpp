// KPI margins narrowed to one interval, and '*' for every interval or every id: how they are
// written, named and expanded, and where each one reads its KPI.
#include "ccsim/kpi_margin.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/diagnostics.h"
#include "ccsim/summary.h"
#include "testing/input_errors.h"
#include "testing/models.h"

namespace ccsim {
namespace {

// "calls" on "agents" over four half hours from 08:00 (start_min 480), demand in all but the last.
Model four_half_hours() {
  testing::SingleQueue spec;
  spec.intervals = 4;
  spec.interval_min = 30.0;
  Model model = testing::single_queue(spec);
  model.horizon.start_min = 480;
  model.contact_types[0].rate_per_s[3] = 0.0;
  return model;
}

std::vector<std::string> labels(const std::vector<KpiMargin>& margins) {
  std::vector<std::string> written;
  for (const KpiMargin& m : margins) written.push_back(m.label() + ":" + m.margin_text());
  return written;
}

TEST(IntervalMargin, NamesAnIntervalByItsStart) {
  const KpiMargin m = parse_kpi_margin("interval/12:00/service_level:-0.05");
  EXPECT_EQ(m.scope, ScopeKind::overall);
  EXPECT_EQ(m.period, "12:00");
  EXPECT_EQ(m.kpi, Kpi::service_level);
  EXPECT_EQ(m.label(), "interval/12:00/service_level");
}

TEST(IntervalMargin, ComesAfterTheScope) {
  const KpiMargin m = parse_kpi_margin("type/tech/interval/27/asa_s:+10%");
  EXPECT_EQ(m.scope, ScopeKind::contact_type);
  EXPECT_EQ(m.scope_id, "tech");
  EXPECT_EQ(m.period, "27");
  EXPECT_EQ(m.label(), "type/tech/interval/27/asa_s");
}

TEST(IntervalMargin, AnIntervalThatIsNeitherATimeNorANumberIsRefused) {
  EXPECT_EQ(testing::error_of([] { parse_kpi_margin("interval/noon/service_level:-0.05"); }),
            "--kpi: \"interval/noon/service_level:-0.05\": interval \"noon\": expected its start as "
            "HH:MM (e.g. 12:00), its number from 0, or * for each interval");
}

TEST(IntervalMargin, ReadsTheKpiOfItsIntervalByStartOrByNumber) {
  const Model model = four_half_hours();
  const KpiLayout layout(model);
  const std::size_t expected = layout.at(KpiLayout::overall, KpiLayout::interval_slot(2), Kpi::asa_s);
  EXPECT_EQ(kpi_cell(model, parse_kpi_margin("interval/09:00/asa_s:+5"), "base.json"), expected);
  EXPECT_EQ(kpi_cell(model, parse_kpi_margin("interval/2/asa_s:+5"), "base.json"), expected);
}

TEST(IntervalMargin, AStartNoIntervalHasIsRefusedWithTheStartsThereAre) {
  const Model model = four_half_hours();
  EXPECT_EQ(testing::error_of([&] { kpi_cell(model, parse_kpi_margin("interval/12:00/asa_s:+5"), "base.json"); }),
            "base.json: --kpi interval/12:00/asa_s: no interval starts at 12:00: the intervals start "
            "at 08:00, 08:30, ... 09:30");
  EXPECT_EQ(testing::error_of([&] { kpi_cell(model, parse_kpi_margin("interval/4/asa_s:+5"), "base.json"); }),
            "base.json: --kpi interval/4/asa_s: no interval 4: the horizon has intervals 0 to 3");
}

TEST(IntervalMargin, AStartThatOpensSeveralDaysMustBeNamedByNumber) {
  Model model = four_half_hours();
  model.horizon.days = 2;
  model.horizon.intervals_per_day = 2;
  EXPECT_EQ(testing::error_of([&] { kpi_cell(model, parse_kpi_margin("interval/08:30/asa_s:+5"), "base.json"); }),
            "base.json: --kpi interval/08:30/asa_s: 2 intervals start at 08:30 (one a day): name one "
            "by its number, e.g. interval/1/ for the first, or use interval/*/ for each");
}

TEST(IntervalMargin, NeedsPerIntervalKpis) {
  Model model = four_half_hours();
  model.run.detail = Detail::day;
  EXPECT_EQ(testing::error_of([&] { kpi_cell(model, parse_kpi_margin("interval/08:00/asa_s:+5"), "base.json"); }),
            "base.json: --kpi interval/08:00/asa_s: this run keeps no per-interval KPIs (--detail "
            "interval keeps them)");
}

TEST(ExpandedMargins, EveryIntervalWithDemandInTimeOrder) {
  const Model model = four_half_hours();
  EXPECT_EQ(labels(expand_kpi_margins(model, {parse_kpi_margin("interval/*/service_level:-0.05")}, "base.json")),
            (std::vector<std::string>{"interval/08:00/service_level:-0.05", "interval/08:30/service_level:-0.05",
                                      "interval/09:00/service_level:-0.05"}));
}

TEST(ExpandedMargins, IntervalsAreNumberedWhenTheHorizonHasSeveralDays) {
  Model model = four_half_hours();
  model.horizon.days = 2;
  model.horizon.intervals_per_day = 2;
  EXPECT_EQ(labels(expand_kpi_margins(model, {parse_kpi_margin("interval/*/asa_s:+5")}, "base.json")),
            (std::vector<std::string>{"interval/0/asa_s:+5", "interval/1/asa_s:+5", "interval/2/asa_s:+5"}));
}

TEST(ExpandedMargins, EveryIdOfTheScopeInFileOrderThenEveryInterval) {
  const Model model = testing::three_types_three_groups();
  const auto expanded = expand_kpi_margins(model, {parse_kpi_margin("type/*/asa_s:+10%")}, "base.json");
  ASSERT_EQ(expanded.size(), model.contact_types.size());
  for (std::size_t k = 0; k < expanded.size(); ++k)
    EXPECT_EQ(expanded[k].label(), "type/" + model.contact_types[k].id + "/asa_s");
  const auto both = expand_kpi_margins(model, {parse_kpi_margin("group/*/interval/*/occupancy:+0.1")}, "base.json");
  EXPECT_EQ(both.size(), model.agent_groups.size() * static_cast<std::size_t>(model.horizon.intervals()));
  EXPECT_EQ(both[1].scope_id, model.agent_groups[0].id);
}

TEST(ExpandedMargins, AScopeWithNothingToExpandToIsRefused) {
  const Model model = four_half_hours();
  EXPECT_EQ(testing::error_of([&] {
              expand_kpi_margins(model, {parse_kpi_margin("segment/*/service_level:-0.01")}, "base.json");
            }),
            "base.json: --kpi segment/*/service_level: the scenario has no segments to compare");
}

TEST(ExpandedMargins, MarginsWithoutStarsAreKeptAsWritten) {
  const Model model = four_half_hours();
  const std::vector<KpiMargin> written = default_kpi_margins();
  EXPECT_EQ(labels(expand_kpi_margins(model, written, "base.json")), labels(written));
}

}  // namespace
}  // namespace ccsim
