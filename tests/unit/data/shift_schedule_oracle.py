"""An independent optimum of a shift-scheduling instance, for tests/unit/shift_schedule_test.cpp:
the covering program of README "Shift scheduling" built here from its definition and solved with
SciPy's HiGHS (scipy.optimize.milp). Reads the instance as JSON on standard input, prints the
optimal cost, or "infeasible".

Instance: {"start_min", "interval_min", "intervals", "required": [...], "templates": [{"start_min",
"length_min", "cost_per_hour", "max_agents" (or null), "breaks": [{"earliest_min", "latest_min",
"length_min"}]}]} (one day; every time in whole minutes).
"""
import itertools
import json
import sys

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp


def placements(t, grid_min, offset_min):
    """Break starts (minutes after the shift's start) on the grid's boundaries in each window."""
    per_break = []
    for b in t["breaks"]:
        starts = [k * grid_min - offset_min for k in range(-10000, 10000)
                  if b["earliest_min"] <= k * grid_min - offset_min <= b["latest_min"]]
        per_break.append(starts or [b["earliest_min"]])
    for combo in itertools.product(*per_break):
        apart = all(combo[i] >= combo[i - 1] + t["breaks"][i - 1]["length_min"]
                    for i in range(1, len(combo)))
        if apart:
            yield combo


def worked_minutes(lo, hi, a, b):
    return max(0, min(hi, b) - max(lo, a))


def main():
    p = json.load(sys.stdin)
    grid, n = p["interval_min"], p["intervals"]
    columns, costs, owner = [], [], []
    for k, t in enumerate(p["templates"]):
        offset = t["start_min"] - p["start_min"]
        for combo in placements(t, grid, offset):
            work = []  # [from, to) in minutes from the grid's start
            start = offset
            for after, b in zip(combo, t["breaks"]):
                work.append((start, offset + after))
                start = offset + after + b["length_min"]
            work.append((start, offset + t["length_min"]))
            column = [sum(worked_minutes(i * grid, (i + 1) * grid, a, b) for a, b in work) / grid
                      for i in range(n)]
            columns.append(column)
            costs.append(t["length_min"] / 60 * t["cost_per_hour"])
            owner.append(k)
    a = np.array(columns).T
    constraints = [LinearConstraint(a, lb=np.array(p["required"], dtype=float))]
    for k, t in enumerate(p["templates"]):
        if t["max_agents"] is not None:
            constraints.append(LinearConstraint(
                np.array([[1.0 if o == k else 0.0 for o in owner]]), ub=[t["max_agents"]]))
    result = milp(c=np.array(costs), constraints=constraints,
                  integrality=np.ones(len(costs)), bounds=Bounds(0, np.inf))
    print(repr(result.fun) if result.status == 0 else "infeasible")


main()
