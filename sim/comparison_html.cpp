// `ccsim compare --report`: the CI comparison as a page (html_report.h).
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "ccsim/html_report.h"
#include "ccsim/kpi.h"
#include "sim/html_page.h"
#include "sim/svg_chart.h"

namespace ccsim {

namespace {

using nlohmann::json;

double number_of(const json& value) {
  return value.is_number() ? value.get<double>() : std::nan("");
}

// "type/tech/interval/12:00/service_level" is a service_level: its family is the last step.
std::string family_of(const std::string& label) {
  const std::size_t slash = label.rfind('/');
  return slash == std::string::npos ? label : label.substr(slash + 1);
}

bool share_family(const std::string& family) {
  for (std::size_t k = 0; k < kpi_count; ++k)
    if (kpi_names[k] == family) return kpi_is_share(static_cast<Kpi>(k));
  return false;
}

std::string shown(double v, bool share, bool sign = false) {
  if (std::isnan(v)) return "-";
  const double x = share ? 100.0 * v : v;
  std::string text = std::abs(x) >= 100.0 ? fmt::format("{:.0f}", x) : fmt::format("{:.3g}", x);
  if (sign && x >= 0.0) text = "+" + text;
  return text + (share ? (sign ? " pt" : " %") : "");
}

}  // namespace

void write_comparison_html(std::ostream& out, const json& comparison) {
  const std::string baseline = comparison.value("baseline", "");
  const std::string candidate = comparison.value("candidate", "");
  const std::string result = comparison.value("result", "");
  write_page_head(out, "compare " + candidate);
  fmt::print(out, "<h1>Comparison</h1>\n<p>{} → {}</p>\n", html_escape(baseline), html_escape(candidate));
  fmt::print(out, "<p class=\"result {}\" id=\"result\" data-result=\"{}\">{}</p>\n", result == "fail" ? "fail" : "pass",
             html_escape(result), result == "fail" ? "FAIL: a KPI is worse than its margin" : "PASS: no KPI worse than its margin");
  std::string looks;
  for (const json& look : comparison.value("planned_looks", json::array()))
    looks += (looks.empty() ? "" : ", ") + look.dump();
  fmt::print(out, "<p class=\"run\" id=\"run\" data-replications=\"{}\" data-seed=\"{}\">{} replications "
                  "(planned looks {}), seed {}{}; each KPI tested one-sided at {:.3g}. A change's interval "
                  "comes from the paired differences.</p>\n",
             comparison.value("replications", 0), comparison["seed"].dump(), comparison.value("replications", 0),
             looks, comparison["seed"].dump(),
             comparison["candidate_seed"].is_null() ? ", common random numbers"
                                                    : ", candidate on its own seed (no common random numbers)",
             comparison.value("one_sided_alpha", 0.0));

  // One chart per KPI family, so that each chart has one unit.
  std::map<std::string, BarChart> charts;
  std::vector<std::string> order;
  for (const json& kpi : comparison.value("kpis", json::array())) {
    const std::string label = kpi.value("kpi", "");
    const std::string family = family_of(label);
    if (!charts.count(family)) {
      order.push_back(family);
      charts[family] = BarChart{"change/" + family, family + ": change and margin (paired 95 % interval)",
                                {}, {}, {}, {}, share_family(family), "", true};
    }
    BarChart& chart = charts[family];
    chart.labels.push_back(label);
    chart.values.push_back(number_of(kpi["change"]));
    chart.half_widths.push_back(number_of(kpi["change_ci95"]));
    chart.marks.push_back(number_of(kpi["margin_value"]));
  }
  for (const std::string& family : order) out << svg_bar_chart(charts[family]) << '\n';

  out << "<table><tr><th>KPI</th><th>baseline</th><th>candidate</th><th>change ±95 %</th><th>margin</th>"
         "<th>verdict</th></tr>";
  for (const json& kpi : comparison.value("kpis", json::array())) {
    const std::string label = kpi.value("kpi", "");
    const bool share = share_family(family_of(label));
    const double ci = number_of(kpi["change_ci95"]);
    const std::string verdict = kpi.value("verdict", "");
    fmt::print(out, "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td></tr>",
               verdict == "worse" ? "worse" : "", html_escape(label), shown(number_of(kpi["baseline"]), share),
               shown(number_of(kpi["candidate"]), share), shown(number_of(kpi["change"]), share, true),
               std::isnan(ci) ? "" : " ±" + shown(ci, share), html_escape(kpi.value("margin", "")),
               html_escape(verdict));
  }
  out << "</table>\n";
  write_page_end(out);
}

}  // namespace ccsim
