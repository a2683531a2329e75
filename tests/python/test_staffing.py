"""The staffing search from Python finds the plan ``ccsim staff`` finds."""
import json
import subprocess

import pytest

import ccsim


def short_erlang_c():
    """The Erlang C example cut to six half hours, the first two a warm-up."""
    return ccsim.load("scenarios/erlang-c.json").set("/horizon/intervals", 6)


def test_the_plan_is_the_json_and_csv_of_the_command(ccsim_binary, tmp_path):
    staffing = short_erlang_c().staff(replications=10, seed=5)
    out_json, out_csv = tmp_path / "plan.json", tmp_path / "plan.csv"
    subprocess.run([ccsim_binary, "staff", "scenarios/erlang-c.json", "--set", "/horizon/intervals=6",
                    "-r", "10", "--seed", "5", "--json", str(out_json), "--csv", str(out_csv), "-q"],
                   capture_output=True)
    assert staffing.to_json() == out_json.read_text()
    rows = staffing.to_frame()
    assert len(rows) == 6
    assert list(rows["agents"]) == staffing.plan["agents"]


def test_the_planned_scenario_runs_with_the_plan_as_staffing():
    staffing = short_erlang_c().staff(replications=10, seed=5)
    planned = staffing.scenario
    assert planned.document["agent_groups"][0]["staffing"] == staffing.plan["agents"]
    assert planned.run(replications=2).kpi("offered")["mean"] > 0


def test_the_result_says_its_cost_and_whether_targets_hold():
    staffing = short_erlang_c().staff(replications=10, seed=5)
    assert staffing.cost == pytest.approx(sum(staffing.plan["agents"]) * 0.5)
    assert isinstance(staffing.targets_met, bool)
    assert "Staffing plan" in staffing.report()


def test_an_unknown_scope_is_an_input_error():
    with pytest.raises(ccsim.InputError):
        short_erlang_c().staff(replications=10, scope="week")
