"""Loading and changing scenarios from Python: what is refused, and how."""
import pytest

import ccsim


def test_a_file_loads_with_its_what_ifs():
    scenario = ccsim.load("scenarios/retail-day.json")
    assert "volume+20%" in scenario.what_ifs


def test_a_dict_loads_as_a_scenario(small_scenario):
    assert ccsim.load(small_scenario, name="small.json").file == "small.json"


def test_a_missing_file_raises_input_error_with_the_reason():
    with pytest.raises(ccsim.InputError) as raised:
        ccsim.load("no/such/file.json")
    assert raised.value.problems[0]["message"] == "cannot read file: no such file or directory"


def test_input_error_carries_every_problem_with_its_pointer():
    with pytest.raises(ccsim.InputError) as raised:
        ccsim.load({"horizon": {"intervals": -1}}, name="bad.json")
    problems = raised.value.problems
    assert problems[0] == {
        "file": "bad.json", "pointer": "/horizon/intervals",
        "message": "must be a whole number >= 1, got -1",
        "text": "bad.json: /horizon/intervals: must be a whole number >= 1, got -1"}
    assert [p["message"] for p in problems[1:]] == [
        'missing key "contact_types"', 'missing key "agent_groups"']
    assert str(raised.value).splitlines() == [p["text"] for p in problems]


def test_input_error_is_a_value_error():
    assert issubclass(ccsim.InputError, ValueError)


def test_set_replaces_a_value_named_by_id(small_scenario):
    scenario = ccsim.load(small_scenario).set("/agent_groups/team/staffing/0", 8)
    assert scenario.document["agent_groups"][0]["staffing"] == [8, 7]


def test_set_refuses_a_value_the_scenario_cannot_take(small_scenario):
    with pytest.raises(ccsim.InputError) as raised:
        ccsim.load(small_scenario, name="s.json").set("/agent_groups/team/staffing/0", -1)
    assert raised.value.problems[0]["pointer"] == "/agent_groups/0/staffing/0"


def test_patch_takes_a_merge_patch(small_scenario):
    scenario = ccsim.load(small_scenario).patch({"horizon": {"intervals": 2, "interval_min": 15}})
    assert scenario.document["horizon"]["interval_min"] == 15


def test_patch_takes_a_json_patch_with_ids(small_scenario):
    patch = [{"op": "replace", "path": "/agent_groups/team/staffing", "value": 12}]
    assert ccsim.load(small_scenario).patch(patch).document["agent_groups"][0]["staffing"] == 12


def test_a_what_if_applied_is_a_scenario_without_what_ifs(small_scenario):
    scenario = ccsim.load(small_scenario).what_if("more")
    assert scenario.what_ifs == []
    assert scenario.document["agent_groups"][0]["staffing"] == [6, 9]


def test_validate_checks_every_what_if(small_scenario):
    small_scenario["what_if"]["broken"] = [
        {"op": "replace", "path": "/agent_groups/team/staffing/1", "value": -2}]
    scenario = ccsim.load(small_scenario, name="s.json")  # the baseline is fine
    with pytest.raises(ccsim.InputError) as raised:
        scenario.validate()
    assert raised.value.problems[0]["text"] == (
        "s.json: /what_if/broken/0/value: must be a number >= 0, got -2")


def test_changes_leave_the_original_as_it_was(small_scenario):
    scenario = ccsim.load(small_scenario)
    scenario.set("/agent_groups/team/staffing/0", 8)
    assert scenario.document["agent_groups"][0]["staffing"] == [6, 7]


def test_nan_is_refused_before_it_reaches_the_scenario(small_scenario):
    with pytest.raises(ValueError, match="NaN and infinity"):
        ccsim.load(small_scenario).set("/agent_groups/team/staffing/0", float("nan"))
