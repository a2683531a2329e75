#!/usr/bin/env bash
# The bank's protocol end to end: learn from the Sunday-to-Thursday days of 1-14 February 1999
# (`ccsim fit`), predict those of 15-28 February, and set the prediction against what the log
# shows for them, never looking at the second half to choose a model. Two levels:
#   trace     the second half replayed call by call (its arrivals, types and handle times; an
#             abandoned call's patience as logged, a served call's drawn above its wait from the
#             first half's fit; a caller who waited identified in the log is of the identified
#             class), answered by the agents the log shows on each of those days (`ccsim fit`'s
#             inference, day by day);
#   forecast  the first half's fitted scenario as it is (Poisson arrivals of its mean day, fitted
#             handle times and patience, its staffing profile).
# Figures pooled over the ten days and per day (the trace replays each day; the forecast predicts
# its mean day for each). Scopes: all calls; those that queued (abandoned, or answered after a
# wait); identified customers who queued (simulated: the classes `ccsim fit` learns from the
# priority column, which a caller who must wait becomes). KPIs: abandon_rate, wait_served_s (mean wait of the answered),
# sl20 and sl60 (answered within 20 s / 60 s of those offered).
#
# Usage: tools/validate-bank.sh [--replications N] [--out FILE] [--check FILE] [--ccsim PATH]
#   --out    writes the figures as JSON (default results/validation/anonymous-bank.json unless
#            --check is given)
#   --check  compares freshly simulated figures with FILE's: fails (exit 1) when a simulated mean
#            moved by more than 4.5 standard errors of the two runs together, or an observed
#            figure differs at all
# Needs python3 and the ccsim binary (default build/ccsim).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ccsim=$root/build/ccsim
replications=100
out=""
check=""
while [ $# -gt 0 ]; do
  case $1 in
    --replications) replications=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --check) check=$2; shift 2 ;;
    --ccsim) ccsim=$2; shift 2 ;;
    *) echo "validate-bank.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$out$check" ] || out=$root/results/validation/anonymous-bank.json

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$root/tools/bank-calls.sh" > "$work/bank-calls.csv"
# Calibrate on the first half; 0 s as a further threshold gives the share answered at once, from
# which the figures of the calls that queued follow.
"$ccsim" fit "$work/bank-calls.csv" --from 1999-02-01 --to 1999-02-14 --weekdays sun-thu \
  --open 07:00 --close 24:00 --also-within-s 60,0 --name bank-first-half -q \
  --out-scenario "$work/forecast.json"
# The agents each replayed day had, as `ccsim fit` infers them from that day's calls.
days=()
for d in 15 16 17 18 21 22 23 24 25 28; do
  "$ccsim" fit "$work/bank-calls.csv" --from "1999-02-$d" --to "1999-02-$d" --open 07:00 \
    --close 24:00 -q --out-scenario "$work/day-$d.json"
  days+=("$work/day-$d.json")
done
python3 - "$work" "${days[@]}" <<'EOF'
import json, sys
work = sys.argv[1]
scenario = json.load(open(f"{work}/forecast.json"))
staffing = []
for day in sys.argv[2:]:
    staffing += json.load(open(day))["agent_groups"][0]["staffing"]
scenario["agent_groups"][0]["staffing"] = staffing
# The log's types arrive as logged; a class (what a type's waiting callers become) keeps its
# arrivals of none.
classes = {c for t in scenario["contact_types"] for c in t.get("when_queued", {}).get("becomes", {})}
for t in scenario["contact_types"]:
    if t["id"] not in classes:
        t.pop("arrivals")
scenario["name"] = "bank-second-half-replay"
scenario["horizon"]["days"] = 10
scenario["replay"] = {"file": f"{work}/bank-calls.csv", "from": "1999-02-15", "to": "1999-02-28",
                      "weekdays": "sun-thu", "columns": {"priority": "priority"}}
json.dump(scenario, open(f"{work}/trace.json", "w"))
EOF
for level in trace forecast; do
  "$ccsim" run "$work/$level.json" -r "$replications" -q --replications-out "$work/$level.csv" \
    2>/dev/null
done

python3 - "$work" "$replications" "$out" "$check" <<'EOF'
import csv, datetime, json, math, sys
work, replications, out, check = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
KPIS = ["abandon_rate", "wait_served_s", "sl20", "sl60"]
SCOPES = ["all", "queued", "identified"]

def figures(calls):
    # calls: (abandoned, wait) pairs.
    answered = [w for a, w in calls if not a]
    n = len(calls)
    return {"abandon_rate": sum(a for a, _ in calls) / n, "wait_served_s": sum(answered) / len(answered),
            "sl20": sum(w <= 20 for w in answered) / n, "sl60": sum(w <= 60 for w in answered) / n}

# Observed: the second half's calls that asked for an agent, 07:00-24:00, Sunday to Thursday,
# pooled ("all") and per day (in date order: the replay's days 0, 1, ...).
calls = {}
for row in csv.DictReader(open(f"{work}/bank-calls.csv")):
    day = datetime.date(1999, int(row["date"][2:4]), int(row["date"][4:6]))
    if not (15 <= day.day <= 28) or day.weekday() in (4, 5):
        continue
    h, m, s = (int(x) for x in row["arrival"].split(":"))
    if h < 7:
        continue
    abandoned = row["outcome"] == "abandoned"
    wait = float(row["wait_s"])
    call = (abandoned, wait)
    for slot in ("all", day.isoformat()):
        scopes = calls.setdefault(slot, {scope: [] for scope in SCOPES})
        scopes["all"].append(call)
        if abandoned or wait > 0:
            scopes["queued"].append(call)
            if int(row["priority"]) > 0:
                scopes["identified"].append(call)
days = sorted(slot for slot in calls if slot != "all")
observed = {slot: {scope: figures(c) for scope, c in scopes.items()} for slot, scopes in calls.items()}

def t_quantile(df):
    # Student's t at 0.975 (Cornish-Fisher expansion around the normal's 1.96).
    z = 1.959963984540054
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)

# The identified classes: what a type's callers who must wait become (`ccsim fit`'s when_queued).
classes = set()
for t in json.load(open(f"{work}/forecast.json"))["contact_types"]:
    classes.update(t.get("when_queued", {}).get("becomes", {}))

def replication_figures(v, per_class):
    """One replication's figures per scope, from its overall KPIs and its classes'."""
    offered, handled = v["offered"], v["handled"]
    at_once = v["service_level_3"] * offered  # answered within 0 s
    queued = offered - at_once
    result = {
        "all": {"abandon_rate": v["abandon_rate"], "wait_served_s": v["asa_s"],
                "sl20": v["service_level"], "sl60": v["service_level_2"]},
        "queued": {"abandon_rate": v["abandoned"] / queued,
                   "wait_served_s": v["asa_s"] * handled / (handled - at_once),
                   "sl20": (v["service_level"] * offered - at_once) / queued,
                   "sl60": (v["service_level_2"] * offered - at_once) / queued}}
    if per_class:
        # The classes pooled: counts added, rates weighted by what they are rates of.
        total = lambda f: sum(f(c) for c in per_class.values())
        c_offered = total(lambda c: c["offered"])
        c_handled = total(lambda c: c["handled"])
        result["identified"] = {
            "abandon_rate": total(lambda c: c["abandoned"]) / c_offered,
            "wait_served_s": total(lambda c: c.get("asa_s", 0.0) * c["handled"]) / c_handled,
            "sl20": total(lambda c: c.get("service_level", 0.0) * c["offered"]) / c_offered,
            "sl60": total(lambda c: c.get("service_level_2", 0.0) * c["offered"]) / c_offered}
    return result

def simulated(level):
    """Per slot ("all", or a day of the horizon by its index as text), scope and KPI: the mean over
    replications and its 95 % half-width."""
    values, identified = {}, {}
    for row in csv.DictReader(open(f"{work}/{level}.csv")):
        # The slot column is "interval" for one day (only "all" is read), "day" for several.
        slot = row["day"] if "day" in row else ("all" if row["interval"] == "all" else None)
        if slot is None or not row["value"]:
            continue  # an empty value: undefined in that replication
        r, kpi, x = int(row["replication"]), row["kpi"], float(row["value"])
        if row["scope"] == "overall":
            values.setdefault(slot, {}).setdefault(r, {})[kpi] = x
        elif row["scope"] == "type" and row["id"] in classes:
            identified.setdefault(slot, {}).setdefault(r, {}).setdefault(row["id"], {})[kpi] = x
    result = {}
    for slot, per_replication in values.items():
        samples = {scope: {k: [] for k in KPIS} for scope in SCOPES}
        for r, v in per_replication.items():
            for scope, kpis in replication_figures(v, identified.get(slot, {}).get(r, {})).items():
                for kpi, x in kpis.items():
                    samples[scope][kpi].append(x)
        result[slot] = {}
        for scope, kpis in samples.items():
            result[slot][scope] = {}
            for kpi, xs in kpis.items():
                if len(xs) < 2:  # no class (a log without priorities): nothing simulated
                    result[slot][scope][kpi] = None
                    continue
                mean = sum(xs) / len(xs)
                sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / (len(xs) - 1))
                result[slot][scope][kpi] = {"mean": mean, "ci95": t_quantile(len(xs) - 1) * sd / math.sqrt(len(xs))}
    return result

report = {"replications": replications}
sim = {level: simulated(level) for level in ("trace", "forecast")}
for level in ("trace", "forecast"):
    report[level] = {scope: {"observed": observed["all"][scope], "simulated": sim[level]["all"][scope]}
                     for scope in SCOPES}
# Per day: the trace replays that very day; the forecast predicts its mean day for each of them.
report["per_day"] = {
    day: {"trace": {scope: {"observed": observed[day][scope], "simulated": sim["trace"][str(d)][scope]}
                    for scope in SCOPES},
          "forecast": {scope: {"observed": observed[day][scope], "simulated": sim["forecast"]["all"][scope]}
                       for scope in SCOPES}}
    for d, day in enumerate(days)}

def show(x, kpi):
    return f"{x:6.1f} s" if kpi == "wait_served_s" else f"{100 * x:6.1f} %"
for level in ("trace", "forecast"):
    print(f"{level}: simulated ({replications} replications) against observed, 15-28 Feb, Sun-Thu")
    for scope in SCOPES:
        for kpi in KPIS:
            o = report[level][scope]["observed"][kpi]
            s = report[level][scope]["simulated"][kpi]
            sim_text = "not modelled" if s is None else (
                f"{show(s['mean'], kpi)} ± {show(s['ci95'], kpi).strip()}")
            print(f"  {scope:<11} {kpi:<14} {sim_text:<24} observed {show(o, kpi)}")
print("per day, all calls, trace simulated / observed (the forecast predicts its mean day above):")
print(f"  {'day':<11}" + "".join(f"{kpi:>20}" for kpi in KPIS))
for day in days:
    cells = ""
    for kpi in KPIS:
        s = report["per_day"][day]["trace"]["all"]["simulated"][kpi]["mean"]
        o = report["per_day"][day]["trace"]["all"]["observed"][kpi]
        cells += f"{show(s, kpi).strip()} / {show(o, kpi).strip()}".rjust(20)
    print(f"  {day:<11}{cells}")

if out:
    with open(out + ".tmp", "w") as f:
        json.dump(report, f, indent=2, sort_keys=True)
        f.write("\n")
    import os
    os.replace(out + ".tmp", out)
if check:
    stored = json.load(open(check))
    failures = []

    def compare(name, new_entry, old_entry):
        for kpi in KPIS:
            if old_entry["observed"][kpi] != new_entry["observed"][kpi]:
                failures.append(f"{name}/{kpi}: observed figure changed")
            new, old = new_entry["simulated"][kpi], old_entry["simulated"][kpi]
            if new is None or old is None:
                if (new is None) != (old is None):
                    failures.append(f"{name}/{kpi}: simulated figure appeared or vanished")
                continue
            se = math.hypot(new["ci95"], old["ci95"]) / 1.96
            if abs(new["mean"] - old["mean"]) > 4.5 * se + 1e-9 * abs(old["mean"]):
                failures.append(f"{name}/{kpi}: {new['mean']:.6g} against stored "
                                f"{old['mean']:.6g} (allowed {4.5 * se:.3g})")

    for level in ("trace", "forecast"):
        for scope in SCOPES:
            compare(f"{level}/{scope}", report[level][scope], stored[level][scope])
    if sorted(stored.get("per_day", {})) != days:
        failures.append("per_day: the days differ")
    else:
        for day in days:
            for scope in SCOPES:
                compare(f"{day}/trace/{scope}", report["per_day"][day]["trace"][scope],
                        stored["per_day"][day]["trace"][scope])
    for f in failures:
        print("moved beyond noise:", f, file=sys.stderr)
    sys.exit(1 if failures else 0)
EOF
