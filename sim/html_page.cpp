#include "sim/html_page.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "sim/svg_chart.h"

namespace ccsim {

namespace {

constexpr const char* style = R"(
body { font: 14px/1.45 system-ui, sans-serif; color: #222; max-width: 980px; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05em; margin: 1.2em 0 .3em; } .run { color: #555; }
svg.chart { width: 100%; height: auto; display: block; margin: .4em 0; }
svg .title { font-weight: 600; font-size: 13px; } svg .tick, svg .legend, svg .value { font-size: 11px; fill: #444; }
svg .grid { stroke: #e3e3e3; } svg .line { fill: none; stroke-width: 2; } svg .band { opacity: .18; }
svg .target { stroke: #a50021; stroke-dasharray: 6 4; stroke-width: 1.5; } svg .bar { fill: #2e75b6; }
svg .error { stroke: #222; stroke-width: 1.5; } svg .mark { stroke: #a50021; stroke-width: 2.5; }
.result { font-weight: 700; font-size: 1.1em; } .fail, tr.worse td { color: #a50021; } .pass { color: #2e7d32; }
table { border-collapse: collapse; font-size: 12px; margin: .4em 0 1em; }
th, td { padding: 2px 8px; text-align: right; border-bottom: 1px solid #eee; } th:first-child, td:first-child { text-align: left; }
details summary { cursor: pointer; color: #1f4e79; }
@media print { body { max-width: none; } details { display: block; } h2 { break-before: auto; } svg.chart { break-inside: avoid; } }
)";

}  // namespace

void write_page_head(std::ostream& out, const std::string& title) {
  fmt::print(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>{} — ccsim</title>\n",
             html_escape(title));
  fmt::print(out, "<style>{}</style></head><body>\n", style);
}

void write_page_end(std::ostream& out) { out << "</body></html>\n"; }

void write_run_line(std::ostream& out, const Model& model, const RunDescription& run) {
  const Horizon& h = model.horizon;
  fmt::print(out, "<p class=\"run\" id=\"run\" data-replications=\"{}\" data-seed=\"{}\">"
                  "{} replications, seed {}, {} intervals of {:g} min from {}{}; ccsim {}. Figures are means over "
                  "replications with 95 % confidence half-widths (bands in the charts).</p>\n",
             run.replications, run.seed, run.replications, run.seed, h.intervals_per_day,
             h.interval_s / 60.0, h.start_label(0), h.days > 1 ? fmt::format(", {} days", h.days) : "",
             CCSIM_VERSION);
}

}  // namespace ccsim
