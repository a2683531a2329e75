#!/usr/bin/env bash
# Times the staffing search the README quotes — `ccsim staff` on retail-day at +40 % volume, 50
# replications a plan — against plain runs of the same scenario in the same session (the engine's
# own contacts per second), alternating the two, and writes
# results/benchmarks/<YYYY-MM-DD>-<hostname>-staff.json. Needs cmake, ninja and jq.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${CCSIM_BENCH_BUILD_DIR:-$root/build-bench}
rounds=${CCSIM_BENCH_REPETITIONS:-3}
threads=${CCSIM_BENCH_THREADS:-2}
out_dir=$root/results/benchmarks

# shellcheck source=tools/bench/bench-build.sh
source "$root/tools/bench/bench-build.sh"
configure_bench_build "$root" "$build"
cmake --build "$build" --target ccsim
mkdir -p "$out_dir"
record=$out_dir/$(date +%F)-$(hostname)-staff.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
searches=()
runs=()
for round in $(seq "$rounds"); do
  start=$(date +%s.%N)
  "$build/ccsim" staff scenarios/retail-day.json --volume 1.4 -r 50 -t "$threads" -q \
    --json "$work/plan.json" 2>/dev/null || true  # exit 1 when a target misses on fresh streams
  end=$(date +%s.%N)
  searches+=("$(jq --argjson s "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" \
    '{seconds: $s, evaluations: .trail.evaluations, replications: .trail.replications,
      contacts: .trail.contacts, cost: .cost, targets_met: .targets_met}' "$work/plan.json")")
  # The same volume of work as plain replications: what the engine does without the search.
  start=$(date +%s.%N)
  "$build/ccsim" run scenarios/retail-day.json --volume 1.4 -r 2000 -t "$threads" -q \
    --json "$work/run.json" 2>"$work/run.err"
  end=$(date +%s.%N)
  contacts=$(grep -o '[0-9]* contacts' "$work/run.err" | head -1 | cut -d' ' -f1)
  runs+=("$(jq -n --argjson s "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" --argjson c "$contacts" \
    '{seconds: $s, replications: 2000, contacts: $c}')")
done

printf '%s\n' "${searches[@]}" >"$work/searches.jsonl"
printf '%s\n' "${runs[@]}" >"$work/runs.jsonl"
jq -n --arg commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  --arg host "$(hostname)" --arg date "$(date -u +%FT%TZ)" --argjson cpus "$(nproc)" \
  --argjson threads "$threads" \
  --slurpfile searches "$work/searches.jsonl" --slurpfile runs "$work/runs.jsonl" '
  def median: sort | .[(length - 1) / 2 | floor];
  {
    date: $date, host: $host, cpus: $cpus, threads: $threads, commit: $commit,
    search: "ccsim staff scenarios/retail-day.json --volume 1.4 -r 50 (wall time, median of rounds)",
    search_seconds: ($searches | map(.seconds) | median),
    search_evaluations: $searches[0].evaluations,
    search_replications: $searches[0].replications,
    search_contacts: $searches[0].contacts,
    search_contacts_per_s: ($searches | map(.contacts / .seconds) | median),
    plan_cost: $searches[0].cost, targets_met_on_fresh_replications: $searches[0].targets_met,
    plain_run_contacts_per_s: ($runs | map(.contacts / .seconds) | median),
    search_share_of_plain_run_speed: (($searches | map(.contacts / .seconds) | median) /
                                      ($runs | map(.contacts / .seconds) | median)),
    rounds: {searches: $searches, runs: $runs}
  }' >"$record"
cat "$record"
