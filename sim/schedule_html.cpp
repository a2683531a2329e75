// `ccsim schedule --report`: the roster as a page (html_report.h).
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "ccsim/html_report.h"
#include "sim/html_page.h"
#include "sim/svg_chart.h"

namespace ccsim {

namespace {

using nlohmann::ordered_json;

std::string breaks_text(const ordered_json& breaks) {
  std::string text;
  for (const auto& b : breaks)
    text += fmt::format("{}{:g} min after {:g} h", text.empty() ? "" : ", ", b.value("length_min", 0.0),
                        b.value("after_h", 0.0));
  return text.empty() ? "-" : text;
}

}  // namespace

void write_schedule_html(std::ostream& out, const std::string& scenario_name, const ordered_json& schedule) {
  write_page_head(out, scenario_name + ": roster");
  fmt::print(out, "<h1>{}: roster</h1>\n", html_escape(scenario_name));
  const bool optimal = schedule.value("optimal", true);
  fmt::print(out, "<p class=\"run\" id=\"roster\" data-cost=\"{:.17g}\">Wages {:.2f}{}{}.</p>\n",
             schedule.value("cost", 0.0), schedule.value("cost", 0.0),
             schedule.value("penalty", 0.0) > 0.0 ? fmt::format(", under-coverage penalty {:.2f}", schedule.value("penalty", 0.0)) : "",
             optimal ? " (proven optimal)" : fmt::format(" (the solver's time ran out: gap {:.2f} %)", 100.0 * schedule.value("gap", 0.0)));

  // Coverage per group, in the order the document lists it.
  std::vector<std::string> groups;
  std::map<std::string, LineChart> charts;
  for (const auto& c : schedule.value("coverage", ordered_json::array())) {
    const std::string group = c.value("group", "");
    if (!charts.count(group)) {
      groups.push_back(group);
      charts[group] = LineChart{"coverage/" + group, group + ": agents scheduled against those required", {},
                                {{"required", {}, {}, {}}, {"scheduled", {}, {}, {}}}, std::nullopt, false, "agents"};
    }
    LineChart& chart = charts[group];
    const int day = c.value("day", 0);
    chart.x_labels.push_back(day > 0 ? fmt::format("d{} {}", day + 1, c.value("start", "")) : c.value("start", ""));
    chart.series[0].values.push_back(c.value("required", 0.0));
    chart.series[1].values.push_back(c.value("scheduled", 0.0));
  }
  for (const std::string& group : groups) {
    fmt::print(out, "<h2>{}</h2>\n", html_escape(group));
    out << svg_line_chart(charts[group]) << '\n';
    out << "<table><tr><th>template</th><th>start</th><th>hours</th><th>breaks</th><th>agents</th><th>cost</th></tr>";
    for (const auto& shift : schedule.value("shifts", ordered_json::array())) {
      if (shift.value("group", "") != group) continue;
      fmt::print(out, "<tr><td>{}</td><td>{}</td><td>{:g}</td><td>{}</td><td>{}</td><td>{:.2f}</td></tr>",
                 html_escape(shift.value("template", "")), html_escape(shift.value("start", "")),
                 shift.value("length_h", 0.0), html_escape(breaks_text(shift.value("breaks", ordered_json::array()))),
                 shift.value("agents", 0), shift.value("cost", 0.0));
    }
    out << "</table>\n";
  }

  if (schedule.contains("simulation")) {
    const ordered_json& sim = schedule["simulation"];
    fmt::print(out, "<h2>The roster simulated</h2>\n<p id=\"simulation\" data-targets-met=\"{}\">{} rounds of {} "
                    "replications: {}.</p>\n",
               sim.value("targets_met", false) ? "true" : "false", sim.value("rounds", 0), sim.value("replications", 0),
               sim.value("targets_met", false) ? "every service-level target met" : "some targets still missed");
    if (!sim.value("misses", ordered_json::array()).empty()) {
      out << "<table><tr><th>type</th><th>interval</th><th>service level</th><th>target</th></tr>";
      for (const auto& m : sim["misses"])
        fmt::print(out, "<tr><td>{}</td><td>{}</td><td>{:.1f} %</td><td>{:.0f} %</td></tr>",
                   html_escape(m.value("type", "")), html_escape(m.value("start", "")),
                   100.0 * m.value("service_level", 0.0), 100.0 * m.value("target", 0.0));
      out << "</table>\n";
    }
  } else {
    out << "<p>Scheduled against the requirements alone (--no-simulate).</p>\n";
  }
  write_page_end(out);
}

}  // namespace ccsim
