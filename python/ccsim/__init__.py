"""ccsim from Python: load a scenario, change it, run it, read the results.

    import ccsim
    scenario = ccsim.load("scenarios/retail-day.json")
    result = scenario.set("/agent_groups/tech_team/staffing/8", 24).run(replications=50, seed=7)
    result.to_dict()["overall"]["service_level"]   # {"mean": ..., "ci95": ...}
    result.to_frame()                              # the tidy CSV as a pandas DataFrame

Results are those of the ``ccsim`` command: ``to_dict()`` is what ``ccsim run --json`` writes and
``to_frame()`` the rows of ``ccsim run --csv``, for the same scenario, seed and replications. Runs
use every core (``threads=0``) with the GIL released; replication r of every variant sees the same
random numbers, so sweeps and comparisons are paired. Bad input raises ``ccsim.InputError`` with
every problem in ``.problems``.
"""

import csv
import io
import json
import os

from . import _core
from ._errors import InputError

__all__ = ["InputError", "Scenario", "Result", "Staffing", "Sweep", "load", "sweep", "paired",
           "compare", "erlang"]
__version__ = _core.version


def _json_text(value):
    """JSON text of a scenario, patch or value; NaN and infinity are not JSON and are refused."""
    try:
        return json.dumps(value, allow_nan=False)
    except ValueError:
        raise ValueError("NaN and infinity cannot be written in a scenario") from None


def _frame_or_rows(csv_text, leading=()):
    """The tidy CSV as a DataFrame when pandas is installed, else as a list of dicts.

    ``leading`` are (name, value) columns put before the CSV's own (a sweep point's parameters).
    """
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    for row in rows:
        for key in ("mean", "ci95", "change", "change_ci95"):
            if key in row:
                row[key] = float(row[key]) if row[key] != "" else float("nan")
        row["n"] = int(row["n"])
    if leading:
        rows = [dict(list(leading) + list(row.items())) for row in rows]
    try:
        import pandas
    except ImportError:
        return rows
    columns = [name for name, _ in leading] + next(csv.reader(io.StringIO(csv_text)))
    return pandas.DataFrame(rows, columns=columns)


class Result:
    """The summary of one run: KPIs with 95 % confidence half-widths, overall and per scope."""

    def __init__(self, run):
        self._run = run

    @property
    def replications(self):
        return self._run.replications

    @property
    def seed(self):
        return self._run.seed

    def to_dict(self):
        """The structure and values of ``ccsim run --json`` (undefined values are None)."""
        return json.loads(self._run.json_text())

    def to_json(self):
        """The bytes ``ccsim run --json`` writes."""
        return self._run.json_text()

    def to_csv(self):
        """The bytes ``ccsim run --csv`` writes."""
        return self._run.csv_text()

    def to_frame(self):
        """The tidy CSV's rows (scope, id, interval or day, ..., kpi, mean, ci95, n) as a pandas
        DataFrame; a list of dicts when pandas is not installed."""
        return _frame_or_rows(self._run.csv_text())

    def replications_frame(self):
        """Every replication's KPI values, one row per replication and cell (the rows of
        ``ccsim run --replications-out``: replication, [variant,] the CSV's columns, value); needs
        ``run(keep_replications=True)``."""
        rows = list(csv.DictReader(io.StringIO(self._run.replications_text())))
        for row in rows:
            row["replication"] = int(row["replication"])
            row["value"] = float(row["value"]) if row["value"] != "" else float("nan")
        try:
            import pandas
        except ImportError:
            return rows
        header = next(csv.reader(io.StringIO(self._run.replications_text())))
        return pandas.DataFrame(rows, columns=header)

    def table(self):
        """The table ``ccsim run`` prints."""
        return self._run.table_text()

    @property
    def what_ifs(self):
        """The names of the what-ifs run paired with this result's baseline."""
        return list(self.to_dict().get("what_if", {}))

    def changes(self, what_if=None):
        """What-if ``what_if`` (the only one when not given) against the baseline: per scope and
        KPI its ``mean`` and ``ci95`` and the paired ``change`` and ``change_ci95``, as the
        "what_if" member of ``ccsim run --what-if --json``."""
        changes = self.to_dict().get("what_if", {})
        if what_if is None:
            if len(changes) != 1:
                raise ValueError(f"name one of the what-ifs: {sorted(changes)}")
            what_if = next(iter(changes))
        return changes[what_if]

    def kpi(self, name, type=None, group=None):
        """The whole horizon's estimate of one KPI, overall or for one contact type or group:
        a dict with ``mean`` and ``ci95``."""
        summary = self.to_dict()
        if type is not None and group is not None:
            raise ValueError("give a contact type or an agent group, not both")
        if type is not None:
            scope = summary["by_type"][type]
        elif group is not None:
            scope = summary["by_group"][group]
        else:
            scope = summary["overall"]
        return scope[name]

    def __repr__(self):
        sl = self.kpi("service_level")
        return f"<ccsim.Result {self.replications} replications, service level {sl['mean']}>"


class Scenario:
    """A scenario read once; every change returns a new Scenario and leaves this one as it is."""

    def __init__(self, core):
        self._core = core

    @property
    def file(self):
        """The name the scenario's messages use."""
        return self._core.file

    @property
    def what_ifs(self):
        """The names of the scenario's what-ifs."""
        return self._core.what_if_names()

    @property
    def document(self):
        """The scenario as a dict (a copy)."""
        return json.loads(self._core.document_text())

    def what_if(self, name):
        """The scenario with what-if ``name`` applied."""
        return _checked(self._core.with_what_if(name))

    def patch(self, patch):
        """The scenario with a JSON Merge Patch (a dict) or a JSON Patch (a list of operations)
        applied, as a what-if would be; paths may name elements by id."""
        return _checked(self._core.patched(_json_text(patch), "patch"))

    def set(self, pointer, value):
        """The scenario with the value at ``pointer`` replaced, as ``--set POINTER=VALUE`` does:
        ``set("/agent_groups/tech_team/staffing/8", 24)``."""
        return _checked(self._core.with_value(pointer, _json_text(value)))

    def validate(self):
        """Checks the scenario and every what-if, as ``ccsim validate`` does; raises InputError."""
        self._core.check()

    def run(self, replications=None, seed=None, threads=0, detail=None, what_ifs=(),
            keep_replications=False):
        """Runs the scenario; replications and seed default to the scenario's ``run`` settings,
        detail ("total", "day" or "interval") to the horizon's default. ``what_ifs`` (names, or
        "all") run paired with it, as ``ccsim run --what-if`` runs them. With
        ``keep_replications`` the result keeps every replication's values
        (``replications_frame()``)."""
        if isinstance(what_ifs, str):
            what_ifs = [what_ifs]
        request = _core.RunRequest(replications, seed, threads, detail or "", keep_replications)
        return Result(_core.run(self._core, list(what_ifs), request))

    def staff(self, replications=None, seed=None, threads=0, scope="interval", confidence=0.0,
              verify_replications=None, max_evaluations=5000):
        """The cheapest agents per group and interval that meet every target, as ``ccsim staff``
        finds them: Erlang seeds, corrected by simulation, then agent-intervals removed while every
        target holds on common random numbers, and the plan checked on fresh replications.
        ``scope`` is "interval" or "day"; with ``confidence`` q a service-level target holds when
        at least q of the replications meet it."""
        request = _core.StaffRequest(replications, seed, threads, scope, float(confidence),
                                     verify_replications, max_evaluations)
        return Staffing(_core.staff(self._core, request))

    def __repr__(self):
        return f"<ccsim.Scenario {self.file!r}>"


class Staffing:
    """What a staffing search found: the plan, its cost, each target on fresh replications, the
    search's trail, and the scenario with the plan written in."""

    def __init__(self, core):
        self._core = core
        self._dict = json.loads(core.json_text())

    @property
    def plan(self):
        """{group id: [paid agents per interval of the horizon]}."""
        return self._dict["staffing"]

    @property
    def cost(self):
        return self._dict["cost"]

    @property
    def targets_met(self):
        """Whether every target holds on the fresh replications."""
        return self._dict["targets_met"]

    @property
    def scenario(self):
        """The scenario with the plan as each searched group's staffing."""
        return Scenario(self._core.planned)

    def to_dict(self):
        """The structure and values of ``ccsim staff --json``."""
        return json.loads(self._core.json_text())

    def to_json(self):
        """The bytes ``ccsim staff --json`` writes."""
        return self._core.json_text()

    def to_frame(self):
        """The plan per group and interval with the Erlang seed (``ccsim staff --csv``) as a
        pandas DataFrame; a list of dicts when pandas is not installed."""
        text = self._core.csv_text()
        rows = list(csv.DictReader(io.StringIO(text)))
        for row in rows:
            row["interval"] = int(row["interval"])
            row["agents"] = float(row["agents"])
            row["erlang_seed"] = float(row["erlang_seed"])
        try:
            import pandas
        except ImportError:
            return rows
        return pandas.DataFrame(rows, columns=next(csv.reader(io.StringIO(text))))

    def report(self):
        """The report ``ccsim staff`` prints."""
        return self._core.report_text()

    def __repr__(self):
        return f"<ccsim.Staffing cost {self.cost:.0f}, targets met: {self.targets_met}>"


def _checked(core):
    """A Scenario whose baseline compiles: a change is refused where it is made, not at a run."""
    core.check_baseline()
    return Scenario(core)


def load(source, name="scenario.json", base_dir=None):
    """A scenario from a file path or from a dict (``name`` then labels its messages, and
    ``base_dir``, default the current folder, resolves the relative paths inside it).

    The scenario itself is checked at once (InputError with every problem); its what-ifs when
    they are run, or all of them by ``validate()``, as ``ccsim validate`` does."""
    if isinstance(source, dict):
        core = _core.Scenario.parse(_json_text(source), name, os.fspath(base_dir or ""))
    else:
        core = _core.Scenario.read(os.fspath(source))
    return _checked(core)


class Sweep:
    """The points of a sweep, each with its parameter values and Result."""

    def __init__(self, paths, points):
        self.paths = list(paths)
        self.points = points  # [(values dict, Result)]

    def __len__(self):
        return len(self.points)

    def __iter__(self):
        return iter(self.points)

    def to_frame(self):
        """Every point's tidy CSV rows, with a ``point`` column and one column per path first."""
        frames = []
        for index, (values, result) in enumerate(self.points):
            leading = [("point", index)] + [(path, values[path]) for path in self.paths]
            frames.append(_frame_or_rows(result.to_csv(), leading))
        try:
            import pandas
        except ImportError:
            return [row for rows in frames for row in rows]
        return pandas.concat(frames, ignore_index=True)


def _scenario(source):
    return source if isinstance(source, Scenario) else load(source)


def sweep(scenario, parameters, replications=None, seed=None, threads=0, lhs=None):
    """Runs the full grid of ``parameters`` ({pointer: values}, the first varying slowest), or a
    Latin hypercube of ``lhs`` points, as ``ccsim sweep --set POINTER=v1,v2,...`` does: every
    point on the same random numbers, reported per interval. ``"what_if": ["baseline", "lunch"]``
    (or ``"*"``) makes the scenario's what-ifs an axis, as ``--set what_if=...`` does."""
    scenario = _scenario(scenario)
    paths = list(parameters)
    what_ifs = parameters.get("what_if", [])
    what_ifs = [what_ifs] if isinstance(what_ifs, str) else list(what_ifs)
    if "what_if" in parameters and what_ifs == ["*"]:
        what_ifs = ["baseline"] + list(scenario.what_ifs)
    values = [[float(i) for i in range(len(what_ifs))] if path == "what_if"
              else [float(v) for v in parameters[path]] for path in paths]
    request = _core.RunRequest(replications, seed, threads, "")
    points = []
    for point in _core.sweep(scenario._core, paths, values, lhs, request, what_ifs):
        shown = {p: (what_ifs[int(v)] if p == "what_if" else int(v) if float(v).is_integer() else v)
                 for p, v in zip(paths, point.values)}
        points.append((shown, Result(point.run)))
    return Sweep(paths, points)


def paired(baseline, candidate, replications=None, seed=None, threads=0, detail=None):
    """Runs ``candidate`` paired with ``baseline`` on the same random numbers; the result is the
    baseline's, and ``result.changes()`` every KPI of the candidate, per scope and interval, with
    its paired change. The two must have the same contact types, agent groups and intervals."""
    request = _core.RunRequest(replications, seed, threads, detail or "")
    return Result(_core.paired(_scenario(baseline)._core, _scenario(candidate)._core, request))


def compare(baseline, candidate, kpis=(), alpha=0.05, initial_replications=10,
            max_replications=200, seed=None, threads=0, fail_undecided=False):
    """The CI comparison of ``ccsim compare``: is ``candidate`` worse than ``baseline`` beyond any
    KPI's margin ("service_level:-0.01", "type/tech/asa_s:+10%", "interval/12:00/service_level:
    -0.02"; the command's defaults when none)? Replications run in looks until every KPI is
    decided. Returns the dict ``ccsim compare --json`` writes: "result" is "pass" or "fail", and
    "kpis" each KPI's means, paired change, margin and verdict."""
    request = _core.GateRequest(list(kpis), alpha, initial_replications, max_replications, seed,
                                threads, fail_undecided)
    text = _core.compare(_scenario(baseline)._core, _scenario(candidate)._core, request)
    return json.loads(text)


def erlang(model, rate_per_hour, aht_s, agents=None, target_sl=None, answer_within_s=20.0,
           patience_s=None):
    """The closed forms of ``ccsim erlang``: model "b", "c" or "a" (Erlang A needs patience_s);
    with ``agents`` their service level, ASA, P(wait), P(abandon) and occupancy, with
    ``target_sl`` the fewest agents reaching it. A dict, as ``ccsim erlang --json`` prints."""
    return _core.erlang(model, rate_per_hour, aht_s, agents, target_sl, answer_within_s, patience_s)
