"""The HTML report in a real browser: Debian's chromium, headless, loads the file `ccsim run
--report` wrote; the DOM it builds holds every chart, each chart's points equal the JSON written
from the same run, nothing is fetched and nothing is logged to the console. A screenshot of each
report stays under the build folder (CCSIM_BROWSER_OUT) for a person to look at."""
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("CCSIM_BINARY", str(ROOT / "build" / "ccsim"))
OUT = pathlib.Path(os.environ.get("CCSIM_BROWSER_OUT", ROOT / "build" / "browser"))


def chromium(*args):
    """Runs headless chromium on a fresh profile; returns (stdout, stderr)."""
    browser = shutil.which("chromium")
    assert browser, "chromium is not installed (tools/install-deps.sh installs it)"
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--enable-logging=stderr", "--v=0", f"--user-data-dir={profile}",
             "--window-size=1200,900", *args],
            capture_output=True, text=True, timeout=120)
    return done.stdout, done.stderr


class Charts(HTMLParser):
    """Every chart of the DOM by its data-chart id: its points, bars and target line."""

    def __init__(self):
        super().__init__()
        self.charts = {}
        self.current = None
        self.run = {}
        self.external = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg" and "data-chart" in a:
            self.current = self.charts.setdefault(a["data-chart"], {"points": {}, "bars": {}, "target": None})
        elif tag == "circle" and self.current is not None and "data-value" in a:
            self.current["points"][(a["data-series"], int(a["data-x"]))] = float(a["data-value"])
        elif tag == "rect" and self.current is not None and "data-label" in a:
            self.current["bars"][a["data-label"]] = float(a["data-value"])
        elif tag == "line" and self.current is not None and "target" in a.get("class", ""):
            self.current["target"] = float(a["data-value"])
        elif tag == "line" and self.current is not None and "mark" in a.get("class", ""):
            self.current.setdefault("marks", []).append(float(a["data-value"]))
        elif tag == "p" and a.get("id") in ("run", "result"):
            self.run.update(a)
        for name in ("src", "href"):
            if name in a and not a[name].startswith("#"):
                self.external.append(a[name])

    def handle_endtag(self, tag):
        if tag == "svg":
            self.current = None


@pytest.fixture(scope="module")
def report():
    OUT.mkdir(parents=True, exist_ok=True)
    html, data = OUT / "retail-day.html", OUT / "retail-day.json"
    subprocess.run([BINARY, "run", "scenarios/retail-day.json", "--what-if", "all", "-r", "20", "-q",
                    "--report", str(html), "--json", str(data)], check=True, cwd=ROOT,
                   capture_output=True)
    dom, log = chromium("--dump-dom", html.as_uri())
    chromium(f"--screenshot={OUT / 'retail-day.png'}", html.as_uri())
    parser = Charts()
    parser.feed(dom)
    return parser, json.loads(data.read_text()), log


def test_the_browser_logs_no_console_message(report):
    _, _, log = report
    assert "CONSOLE" not in log, log


def test_nothing_is_fetched_from_elsewhere(report):
    parser, _, _ = report
    assert parser.external == []


def test_the_run_is_named_with_its_replications_and_seed(report):
    parser, summary, _ = report
    assert int(parser.run["data-replications"]) == summary["replications"]
    assert int(parser.run["data-seed"]) == summary["seed"]


def test_each_types_service_level_chart_has_the_json_values_and_target(report):
    parser, summary, _ = report
    for type_id in summary["by_type"]:
        chart = parser.charts[f"service_level/type/{type_id}"]
        assert chart["target"] == 0.8
        expected = {(type_id, i): row["by_type"][type_id]["service_level"]["mean"]
                    for i, row in enumerate(summary["by_interval"])
                    if row["by_type"][type_id]["service_level"]["mean"] is not None}
        assert chart["points"] == expected


def test_asa_and_abandonment_charts_have_the_json_values(report):
    parser, summary, _ = report
    for kpi in ("asa_s", "abandon_rate"):
        chart = parser.charts[f"{kpi}/type"]
        expected = {(t, i): row["by_type"][t][kpi]["mean"]
                    for i, row in enumerate(summary["by_interval"]) for t in summary["by_type"]
                    if row["by_type"][t][kpi]["mean"] is not None}
        assert chart["points"] == expected


def test_occupancy_per_group_has_the_json_values(report):
    parser, summary, _ = report
    chart = parser.charts["occupancy/group"]
    expected = {(g, i): row["by_group"][g]["occupancy"]["mean"]
                for i, row in enumerate(summary["by_interval"]) for g in summary["by_group"]}
    assert chart["points"] == expected


def test_the_cost_bars_are_each_groups_cost(report):
    parser, summary, _ = report
    bars = parser.charts["cost_total/breakdown"]["bars"]
    for group, kpis in summary["by_group"].items():
        assert bars[f"{group} (agents)"] == kpis["cost_total"]["mean"]
    assert bars["automation"] == summary["overall"]["cost_automation"]["mean"]


def test_each_what_if_has_its_paired_changes(report):
    parser, summary, _ = report
    assert summary["what_if"]
    for name, result in summary["what_if"].items():
        bars = parser.charts[f"change/service_level/{name}"]["bars"]
        assert bars["all"] == result["overall"]["service_level"]["change"]
        for type_id, kpis in result["by_type"].items():
            assert bars[type_id] == kpis["service_level"]["change"]


def test_a_screenshot_is_kept(report):
    assert (OUT / "retail-day.png").stat().st_size > 10000


class Search(HTMLParser):
    """The staffing report's search line."""

    def __init__(self):
        super().__init__()
        self.search = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "p" and a.get("id") == "search":
            self.search = a


@pytest.fixture(scope="module")
def staffing_report():
    OUT.mkdir(parents=True, exist_ok=True)
    html, data = OUT / "staff-erlang-c.html", OUT / "staff-erlang-c.json"
    subprocess.run([BINARY, "staff", "scenarios/erlang-c.json", "--set", "/horizon/intervals=6",
                    "-r", "10", "-q", "--report", str(html), "--json", str(data)], cwd=ROOT,
                   capture_output=True)
    dom, log = chromium("--dump-dom", html.as_uri())
    chromium(f"--screenshot={OUT / 'staff-erlang-c.png'}", html.as_uri())
    charts, search = Charts(), Search()
    charts.feed(dom)
    search.feed(dom)
    return charts, search.search, json.loads(data.read_text()), log


def test_the_staffing_report_draws_the_plan_and_its_seed(staffing_report):
    charts, _, plan, log = staffing_report
    assert "CONSOLE" not in log, log
    points = charts.charts["plan/agents"]["points"]
    assert [points[("plan", i)] for i in range(6)] == plan["staffing"]["agents"]
    assert [points[("Erlang seed", i)] for i in range(6)] == plan["erlang_seed"]["agents"]


def test_the_staffing_report_states_the_cost_and_whether_targets_hold(staffing_report):
    _, search, plan, _ = staffing_report
    assert float(search["data-cost"]) == plan["cost"]
    assert search["data-targets-met"] == ("true" if plan["targets_met"] else "false")


@pytest.fixture(scope="module")
def comparison_report():
    OUT.mkdir(parents=True, exist_ok=True)
    html, data = OUT / "compare.html", OUT / "compare.json"
    subprocess.run([BINARY, "compare", "scenarios/retail-day.json", "--what-if", "tech-keeps-2-free",
                    "--kpi", "type/*/service_level:-0.02", "--kpi", "cost_total:+1%",
                    "--report", str(html), "--json", str(data)], cwd=ROOT, capture_output=True)
    dom, log = chromium("--dump-dom", html.as_uri())
    chromium(f"--screenshot={OUT / 'compare.png'}", html.as_uri())
    charts = Charts()
    charts.feed(dom)
    return charts, json.loads(data.read_text()), log


def test_the_comparison_report_draws_each_change_and_margin(comparison_report):
    charts, comparison, log = comparison_report
    assert "CONSOLE" not in log, log
    assert charts.run["data-result"] == comparison["result"]
    for kpi in comparison["kpis"]:
        chart = charts.charts["change/" + kpi["kpi"].rsplit("/", 1)[-1]]
        assert chart["bars"][kpi["kpi"]] == kpi["change"]
        assert kpi["margin_value"] in chart["marks"]


class Cells(HTMLParser):
    """Heat-map cells by chart: {(x, y): value}."""

    def __init__(self):
        super().__init__()
        self.maps = {}
        self.current = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg" and "data-chart" in a:
            self.current = self.maps.setdefault(a["data-chart"], {})
        elif tag == "rect" and self.current is not None and "data-y" in a:
            self.current[(int(a["data-x"]), int(a["data-y"]))] = float(a["data-value"])

    def handle_endtag(self, tag):
        if tag == "svg":
            self.current = None


def test_a_two_parameter_sweep_draws_heat_maps_of_the_csvs_values(tmp_path):
    html, data = tmp_path / "sweep.html", tmp_path / "sweep.csv"
    subprocess.run([BINARY, "sweep", "scenarios/erlang-a.json", "--set", "/agent_groups/agents/staffing=11:13:1",
                    "--set", "/contact_types/calls/patience/mean_s=120,600", "-r", "5", "--out", str(data),
                    "--report", str(html)], check=True, cwd=ROOT, capture_output=True)
    dom, log = chromium("--dump-dom", html.as_uri())
    assert "CONSOLE" not in log, log
    cells = Cells()
    cells.feed(dom)
    rows = [line.split(",") for line in data.read_text().splitlines()[2:]]
    expected = {}
    for point, staffing, patience, scope, _id, kpi, mean, *_ in rows:
        if scope == "overall" and kpi == "service_level":
            expected[([11, 12, 13].index(int(staffing)), [120, 600].index(int(patience)))] = float(mean)
    assert cells.maps["sweep/service_level"] == expected


SMALL_ROSTER = """{
  "horizon": { "start": "08:00", "intervals": 4, "interval_min": 60 },
  "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 30 },
                       "handle_time": { "dist": "exponential", "mean_s": 180 } } ],
  "agent_groups": [ { "id": "agents", "skills": ["calls"], "staffing": 3, "cost_per_hour": 20,
    "shift_templates": [
      { "id": "early", "start": "08:00", "length_h": 4, "cost_per_hour": 20,
        "breaks": [ { "length_min": 60, "earliest_after_h": 1, "latest_after_h": 2 } ] },
      { "id": "late", "start": "10:00", "length_h": 2, "cost_per_hour": 30, "max_agents": 1 } ] } ] }"""


def test_the_schedule_report_draws_coverage_against_requirement(tmp_path):
    scenario, requirements = tmp_path / "s.json", tmp_path / "req.csv"
    scenario.write_text(SMALL_ROSTER)
    requirements.write_text("group,interval,agents\nagents,0,2\nagents,1,1\nagents,2,2\nagents,3,2\n")
    html, data = tmp_path / "roster.html", tmp_path / "roster.json"
    subprocess.run([BINARY, "schedule", str(scenario), "--requirements", str(requirements), "--no-simulate",
                    "--json", str(data), "--report", str(html)], check=True, cwd=ROOT, capture_output=True)
    dom, log = chromium("--dump-dom", html.as_uri())
    assert "CONSOLE" not in log, log
    charts = Charts()
    charts.feed(dom)
    coverage = json.loads(data.read_text())["coverage"]
    points = charts.charts["coverage/agents"]["points"]
    assert [points[("required", c["interval"])] for c in coverage] == [c["required"] for c in coverage]
    assert [points[("scheduled", c["interval"])] for c in coverage] == [c["scheduled"] for c in coverage]
