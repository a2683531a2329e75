#!/usr/bin/env bash
# The bank's protocol end to end: learn from the Sunday-to-Thursday days of 1-14 February 1999
# (`ccsim fit`), predict those of 15-28 February, and set the prediction against what the log
# shows for them, never looking at the second half to choose a model. Two levels:
#   trace     the second half replayed call by call (its arrivals, types and handle times; an
#             abandoned call's patience as logged, a served call's drawn above its wait from the
#             first half's fit), answered by the agents the log shows on each of those days
#             (`ccsim fit`'s inference, day by day);
#   forecast  the first half's fitted scenario as it is (Poisson arrivals of its mean day, fitted
#             handle times and patience, its staffing profile).
# Scopes: all calls; those that queued (abandoned, or answered after a wait); identified
# customers who queued (observed only: the scenario does not model identification yet, so its
# figures are null). KPIs: abandon_rate, wait_served_s (mean wait of the answered), sl20 and
# sl60 (answered within 20 s / 60 s of those offered).
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
for t in scenario["contact_types"]:
    t.pop("arrivals")
scenario["name"] = "bank-second-half-replay"
scenario["horizon"]["days"] = 10
scenario["replay"] = {"file": f"{work}/bank-calls.csv", "from": "1999-02-15", "to": "1999-02-28",
                      "weekdays": "sun-thu"}
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

def figures(n, abandoned, answered, wait_sum, within20, within60):
    return {"abandon_rate": abandoned / n, "wait_served_s": wait_sum / answered,
            "sl20": within20 / n, "sl60": within60 / n}

# Observed: the second half's calls that asked for an agent, 07:00-24:00, Sunday to Thursday.
scopes = {"all": [], "queued": [], "identified": []}
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
    scopes["all"].append(call)
    if abandoned or wait > 0:
        scopes["queued"].append(call)
        if int(row["priority"]) > 0:
            scopes["identified"].append(call)
observed = {}
for scope, calls in scopes.items():
    answered = [w for a, w in calls if not a]
    observed[scope] = figures(len(calls), sum(a for a, _ in calls), len(answered), sum(answered),
                              sum(w <= 20 for w in answered), sum(w <= 60 for w in answered))

def t_quantile(df):
    # Student's t at 0.975 (Cornish-Fisher expansion around the normal's 1.96).
    z = 1.959963984540054
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)

def simulated(level):
    values = {}
    for row in csv.DictReader(open(f"{work}/{level}.csv")):
        # The slot column is "interval" for one day, "day" for several: "all" is the horizon.
        if row["scope"] == "overall" and (row.get("interval") or row.get("day")) == "all":
            if row["value"]:  # empty: undefined in that replication
                values.setdefault(int(row["replication"]), {})[row["kpi"]] = float(row["value"])
    per_scope = {"all": {k: [] for k in KPIS}, "queued": {k: [] for k in KPIS}}
    for v in values.values():
        offered, handled = v["offered"], v["handled"]
        at_once = v["service_level_3"] * offered  # answered within 0 s
        per_scope["all"]["abandon_rate"].append(v["abandon_rate"])
        per_scope["all"]["wait_served_s"].append(v["asa_s"])
        per_scope["all"]["sl20"].append(v["service_level"])
        per_scope["all"]["sl60"].append(v["service_level_2"])
        queued = offered - at_once
        per_scope["queued"]["abandon_rate"].append(v["abandoned"] / queued)
        per_scope["queued"]["wait_served_s"].append(v["asa_s"] * handled / (handled - at_once))
        per_scope["queued"]["sl20"].append((v["service_level"] * offered - at_once) / queued)
        per_scope["queued"]["sl60"].append((v["service_level_2"] * offered - at_once) / queued)
    result = {}
    for scope, kpis in per_scope.items():
        result[scope] = {}
        for kpi, xs in kpis.items():
            mean = sum(xs) / len(xs)
            sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / (len(xs) - 1))
            result[scope][kpi] = {"mean": mean, "ci95": t_quantile(len(xs) - 1) * sd / math.sqrt(len(xs))}
    result["identified"] = {k: None for k in KPIS}
    return result

report = {"replications": replications}
for level in ("trace", "forecast"):
    sim = simulated(level)
    report[level] = {scope: {"observed": observed[scope], "simulated": sim[scope]} for scope in scopes}

def show(x, kpi):
    return f"{x:6.1f} s" if kpi == "wait_served_s" else f"{100 * x:6.1f} %"
for level in ("trace", "forecast"):
    print(f"{level}: simulated ({replications} replications) against observed, 15-28 Feb, Sun-Thu")
    for scope in scopes:
        for kpi in KPIS:
            o = report[level][scope]["observed"][kpi]
            s = report[level][scope]["simulated"][kpi]
            sim_text = "not modelled" if s is None else (
                f"{show(s['mean'], kpi)} ± {show(s['ci95'], kpi).strip()}")
            print(f"  {scope:<11} {kpi:<14} {sim_text:<24} observed {show(o, kpi)}")

if out:
    with open(out + ".tmp", "w") as f:
        json.dump(report, f, indent=2, sort_keys=True)
        f.write("\n")
    import os
    os.replace(out + ".tmp", out)
if check:
    stored = json.load(open(check))
    failures = []
    for level in ("trace", "forecast"):
        for scope in scopes:
            for kpi in KPIS:
                if stored[level][scope]["observed"][kpi] != report[level][scope]["observed"][kpi]:
                    failures.append(f"{level}/{scope}/{kpi}: observed figure changed")
                new, old = report[level][scope]["simulated"][kpi], stored[level][scope]["simulated"][kpi]
                if new is None or old is None:
                    if (new is None) != (old is None):
                        failures.append(f"{level}/{scope}/{kpi}: simulated figure appeared or vanished")
                    continue
                se = math.hypot(new["ci95"], old["ci95"]) / 1.96
                if abs(new["mean"] - old["mean"]) > 4.5 * se + 1e-9 * abs(old["mean"]):
                    failures.append(f"{level}/{scope}/{kpi}: {new['mean']:.6g} against stored "
                                    f"{old['mean']:.6g} (allowed {4.5 * se:.3g})")
    for f in failures:
        print("moved beyond noise:", f, file=sys.stderr)
    sys.exit(1 if failures else 0)
EOF
