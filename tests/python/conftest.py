"""The Python module's tests run from the repository's root (as the README's examples do), with
the module of the build tree on PYTHONPATH and the ccsim command in CCSIM_BINARY (ctest sets
both; see tests/CMakeLists.txt)."""
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def at_repository_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture
def ccsim_binary():
    return os.environ.get("CCSIM_BINARY", str(ROOT / "build" / "ccsim"))


@pytest.fixture
def small_scenario():
    """One contact type, one group of 10 agents over two half hours, and a what-if."""
    return {
        "horizon": {"intervals": 2},
        "contact_types": [{"id": "calls", "arrivals": {"rate_per_hour": 60},
                           "handle_time": {"dist": "exponential", "mean_s": 300}}],
        "agent_groups": [{"id": "team", "skills": ["calls"], "staffing": [6, 7]}],
        "what_if": {"more": [{"op": "replace", "path": "/agent_groups/team/staffing/1",
                              "value": 9}]},
    }
