"""Runs, what-ifs, comparisons and sweeps from Python give the numbers ``ccsim`` gives."""
import json
import math
import pathlib
import subprocess

import pytest

import ccsim


def ccsim_outputs(binary, tmp_path, *args):
    """The --json and --csv bytes of ``ccsim run ARGS``."""
    out_json, out_csv = tmp_path / "out.json", tmp_path / "out.csv"
    subprocess.run([binary, "run", *args, "--json", str(out_json), "--csv", str(out_csv), "-q"],
                   check=True, capture_output=True)
    return out_json.read_text(), out_csv.read_text()


def test_a_run_writes_the_json_and_csv_of_the_command(ccsim_binary, tmp_path):
    result = ccsim.load("scenarios/retail-day.json").run(replications=12, seed=7)
    expected_json, expected_csv = ccsim_outputs(
        ccsim_binary, tmp_path, "scenarios/retail-day.json", "-r", "12", "--seed", "7")
    assert result.to_json() == expected_json
    assert result.to_csv() == expected_csv


def test_what_ifs_write_the_json_and_csv_of_the_command(ccsim_binary, tmp_path):
    result = ccsim.load("scenarios/tiered-support.json").run(
        replications=6, seed=3, what_ifs="all", detail="day")
    expected_json, expected_csv = ccsim_outputs(
        ccsim_binary, tmp_path, "scenarios/tiered-support.json", "-r", "6", "--seed", "3",
        "--what-if", "all", "--detail", "day")
    assert result.to_json() == expected_json
    assert result.to_csv() == expected_csv


def test_the_seed_and_replications_default_to_the_scenarios(ccsim_binary, tmp_path):
    expected_json, _ = ccsim_outputs(ccsim_binary, tmp_path, "scenarios/erlang-c.json")
    assert ccsim.load("scenarios/erlang-c.json").run().to_json() == expected_json


def test_the_thread_count_does_not_change_a_bit():
    scenario = ccsim.load("scenarios/retail-day.json")
    one = scenario.run(replications=8, seed=5, threads=1)
    two = scenario.run(replications=8, seed=5, threads=2)
    assert one.to_json() == two.to_json()


def test_to_dict_has_the_structure_of_the_json():
    summary = ccsim.load("scenarios/retail-day.json").run(replications=4, seed=1).to_dict()
    assert summary["replications"] == 4
    assert set(summary["by_type"]) == {"billing", "orders", "tech"}
    assert set(summary["overall"]["service_level"]) == {"mean", "ci95"}
    assert len(summary["by_interval"]) == 24


def test_to_frame_has_the_csv_columns_and_rows():
    result = ccsim.load("scenarios/retail-day.json").run(replications=4, seed=1)
    frame = result.to_frame()
    header, *rows = result.to_csv().splitlines()
    assert list(frame.columns) == header.split(",")
    assert len(frame) == len(rows)
    tech = frame[(frame.scope == "type") & (frame.id == "tech") & (frame.interval == "all")
                 & (frame.kpi == "service_level")]
    assert tech["mean"].iloc[0] == result.kpi("service_level", type="tech")["mean"]


def test_a_paired_run_with_itself_changes_nothing():
    scenario = ccsim.load("scenarios/retail-day.json")
    changes = ccsim.paired(scenario, scenario, replications=5, seed=2).changes()
    for kpi, estimate in changes["overall"].items():
        if estimate["change"] is not None:
            assert estimate["change"] == 0.0, kpi


def test_a_paired_run_shares_the_random_numbers():
    scenario = ccsim.load("scenarios/retail-day.json")
    more = scenario.set("/agent_groups/tech_team/staffing/8", 30)
    sl = ccsim.paired(scenario, more, replications=10, seed=2).changes()["by_type"]["tech"][
        "service_level"]
    # Same arrivals in both: more agents can only help, and the paired interval is narrow.
    assert sl["change"] > 0
    assert sl["change_ci95"] < sl["ci95"]


def test_a_paired_run_needs_the_same_intervals(small_scenario):
    longer = dict(small_scenario, horizon={"intervals": 3})
    longer["agent_groups"] = [{"id": "team", "skills": ["calls"], "staffing": 7}]
    with pytest.raises(ccsim.InputError, match="interval by interval"):
        ccsim.paired(ccsim.load(small_scenario), ccsim.load(longer, name="longer.json"),
                     replications=2)


def test_a_sweep_point_is_the_run_of_its_scenario():
    scenario = ccsim.load("scenarios/retail-day.json")
    path = "/agent_groups/tech_team/staffing/8"
    sweep = ccsim.sweep(scenario, {path: [18, 24]}, replications=5, seed=4)
    assert [values for values, _ in sweep] == [{path: 18}, {path: 24}]
    for values, result in sweep:
        assert result.to_json() == scenario.set(path, values[path]).run(
            replications=5, seed=4).to_json()


def test_a_what_if_axis_runs_each_what_if_as_its_own_scenario():
    scenario = ccsim.load("scenarios/retail-day.json")
    path = "/agent_groups/tech_team/staffing/8"
    sweep = ccsim.sweep(scenario, {"what_if": ["baseline", "volume+20%"], path: [20, 24]},
                        replications=4, seed=4)
    assert [values for values, _ in sweep] == [
        {"what_if": "baseline", path: 20}, {"what_if": "baseline", path: 24},
        {"what_if": "volume+20%", path: 20}, {"what_if": "volume+20%", path: 24}]
    for values, result in sweep:
        varied = scenario if values["what_if"] == "baseline" else scenario.what_if(values["what_if"])
        assert result.to_json() == varied.set(path, values[path]).run(replications=4, seed=4).to_json()


def test_a_sweep_frame_has_a_column_per_parameter():
    path = "/agent_groups/tech_team/staffing/8"
    frame = ccsim.sweep("scenarios/retail-day.json", {path: [20, 22, 24]}, replications=3,
                        seed=4).to_frame()
    assert list(frame.columns[:2]) == ["point", path]
    assert sorted(set(frame[path])) == [20, 22, 24]


def test_a_sweep_refuses_a_value_the_scenario_cannot_take():
    with pytest.raises(ccsim.InputError, match="-2"):
        ccsim.sweep("scenarios/retail-day.json", {"/agent_groups/tech_team/staffing/8": [-2]},
                    replications=2)


def test_erlang_gives_the_commands_closed_forms(ccsim_binary):
    printed = subprocess.run(
        [ccsim_binary, "erlang", "c", "--rate-per-hour", "100", "--aht-s", "180", "--agents", "6",
         "--json"], check=True, capture_output=True, text=True).stdout
    assert ccsim.erlang("c", rate_per_hour=100, aht_s=180, agents=6) == json.loads(printed)


def test_erlang_finds_the_fewest_agents_for_a_target():
    staffed = ccsim.erlang("a", rate_per_hour=360, aht_s=240, target_sl=0.8, patience_s=300)
    fewer = ccsim.erlang("a", rate_per_hour=360, aht_s=240, agents=staffed["agents"] - 1,
                         patience_s=300)
    assert staffed["service_level"] >= 0.8 > fewer["service_level"]


def test_erlang_refuses_patience_outside_erlang_a():
    with pytest.raises(ValueError, match="only to erlang a"):
        ccsim.erlang("c", rate_per_hour=100, aht_s=180, agents=6, patience_s=60)


def test_kept_replications_are_the_commands_replications_out(ccsim_binary, tmp_path):
    result = ccsim.load("scenarios/retail-day.json").run(replications=3, seed=7,
                                                         keep_replications=True)
    out = tmp_path / "r.csv"
    subprocess.run([ccsim_binary, "run", "scenarios/retail-day.json", "-r", "3", "--seed", "7", "-q",
                    "--replications-out", str(out)], check=True, capture_output=True)
    frame = result.replications_frame()
    assert len(frame) == len(out.read_text().splitlines()) - 1
    sl = frame[(frame.scope == "overall") & (frame.interval == "all") & (frame.kpi == "service_level")]
    assert sl["value"].mean() == pytest.approx(result.kpi("service_level")["mean"], abs=1e-12)


def test_replications_are_kept_only_when_asked():
    result = ccsim.load("scenarios/erlang-c.json").run(replications=2)
    with pytest.raises(ValueError, match="keep_replications"):
        result.replications_frame()


def test_compare_gives_the_json_of_the_command(ccsim_binary, tmp_path):
    out = tmp_path / "c.json"
    subprocess.run([ccsim_binary, "compare", "scenarios/retail-day.json", "scenarios/retail-day.json",
                    "--kpi", "type/tech/service_level:-0.02", "--max-replications", "20", "--json",
                    str(out)], check=True, capture_output=True)
    scenario = ccsim.load("scenarios/retail-day.json")
    result = ccsim.compare(scenario, scenario, kpis=["type/tech/service_level:-0.02"],
                           max_replications=20)
    assert result == json.loads(out.read_text())
    assert result["result"] == "pass"


def test_compare_fails_on_a_real_regression():
    scenario = ccsim.load("scenarios/retail-day.json")
    cut = scenario.set("/agent_groups/tech_team/staffing/8", 10)
    result = ccsim.compare(scenario, cut, kpis=["type/tech/service_level:-0.01"], max_replications=40)
    assert result["result"] == "fail"
    assert result["kpis"][0]["verdict"] == "worse"


def test_replications_have_the_commands_bounds():
    scenario = ccsim.load("scenarios/erlang-c.json")
    for replications in (0, 1_000_001):
        with pytest.raises(ValueError, match="replications must be 1 to 1000000"):
            scenario.run(replications=replications)


def test_kept_replications_must_fit_in_memory():
    # A million replications of every cell of retail-day would need tens of gigabytes.
    with pytest.raises(ccsim.InputError, match="keep_replications: 1000000 replications' values"):
        ccsim.load("scenarios/retail-day.json").run(replications=1_000_000, keep_replications=True)
