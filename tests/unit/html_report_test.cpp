// The HTML report's writer: one self-contained page whose charts carry the summary's numbers,
// shaped by the run's detail, with every name escaped.
#include "ccsim/html_report.h"

#include <sstream>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ccsim/runner.h"
#include "testing/models.h"

namespace ccsim {
namespace {

std::string report_of(Model model, Detail detail = Detail::interval) {
  model.run.detail = detail;
  const RunResult run = run_replications(model, {4, 3, 1, {}});
  std::ostringstream out;
  write_run_report(out, model, run.summary, {4, 3}, {}, {});
  return out.str();
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(HtmlReport, IsOneSelfContainedPage) {
  const std::string html = report_of(testing::three_types_three_groups());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);  // no link, no font, no CDN
}

TEST(HtmlReport, DrawsAServiceLevelChartPerContactTypeWithItsTarget) {
  const Model model = testing::three_types_three_groups();
  const std::string html = report_of(model);
  for (const ContactType& type : model.contact_types)
    EXPECT_NE(html.find("data-chart=\"service_level/type/" + type.id + "\""), std::string::npos) << type.id;
  EXPECT_EQ(count(html, "class=\"target\""), model.type_count());
}

TEST(HtmlReport, EachPointCarriesItsValueAtFullPrecision) {
  testing::SingleQueue spec;
  spec.intervals = 2;
  spec.interval_min = 60.0;
  Model model = testing::single_queue(spec);
  model.run.detail = Detail::interval;
  const RunResult run = run_replications(model, {4, 3, 1, {}});
  std::ostringstream out;
  write_run_report(out, model, run.summary, {4, 3}, {}, {});
  const double sl = run.summary.get(KpiLayout(model).type_scope(0), KpiLayout::interval_slot(1), Kpi::service_level).mean;
  EXPECT_NE(out.str().find(fmt::format("data-x=\"1\" data-value=\"{:.17g}\"", sl)), std::string::npos);
}

TEST(HtmlReport, UnderTotalDetailHasTablesButNoPerIntervalCharts) {
  const std::string html = report_of(testing::three_types_three_groups(), Detail::total);
  EXPECT_EQ(html.find("data-chart=\"service_level/type/"), std::string::npos);
  EXPECT_NE(html.find("Whole horizon"), std::string::npos);
  EXPECT_NE(html.find("data-chart=\"cost_total/breakdown\""), std::string::npos);
}

TEST(HtmlReport, EscapesTheScenariosName) {
  Model model = testing::three_types_three_groups();
  model.name = "<b>peak & \"more\"</b>";
  const std::string html = report_of(model);
  EXPECT_EQ(html.find("<b>peak"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;peak &amp; &quot;more&quot;&lt;/b&gt;"), std::string::npos);
}

}  // namespace
}  // namespace ccsim
