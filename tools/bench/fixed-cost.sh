#!/usr/bin/env bash
# The fixed cost of a replication in each example scenario: what a replication costs when (almost)
# nothing arrives, against what a full one costs. A replication pays for its setup, its staffing
# changes, its tallies and its summary whether contacts arrive or not; on short scenarios with
# many replications that share is what keeps a run from being as fast as its contacts allow.
#
# For each example, a copy with every contact type's arrivals scaled by 0 (arrivals.scale; the
# staffing, the horizon and everything else as in the example) and the example itself are run
# with `ccsim run FILE -r 400 -t 1`, alternately, three times each (the order flipped every round),
# and the user + system CPU time of each process is measured (bash's `time`, to the millisecond:
# /usr/bin/time rounds to 10 ms, too coarse for an empty run of a second or less). The fixed share
# of an example is empty / full, the median over the rounds; the wall-time share is kept beside it.
# Writes results/benchmarks/<YYYY-MM-DD>-<hostname>[-TAG]-fixed-cost.json and prints a summary.
#
# Usage: tools/bench/fixed-cost.sh [example ...]
#        (examples by name in scenarios/; default: retail-day tiered-support omnichannel-ai)
# Environment: CCSIM_BENCH_BUILD_DIR (default build-bench), CCSIM_BENCH_TAG (a suffix of the
#              record's name, e.g. baseline), CCSIM_FIXED_COST_REPLICATIONS (default 400),
#              CCSIM_FIXED_COST_ROUNDS (default 3).
# Needs cmake, ninja and jq.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${CCSIM_BENCH_BUILD_DIR:-$root/build-bench}
tag=${CCSIM_BENCH_TAG:-}
replications=${CCSIM_FIXED_COST_REPLICATIONS:-400}
rounds=${CCSIM_FIXED_COST_ROUNDS:-3}
out_dir=$root/results/benchmarks
if [ $# -gt 0 ]; then examples=("$@"); else examples=(retail-day tiered-support omnichannel-ai); fi

# shellcheck source=tools/bench/bench-build.sh
source "$root/tools/bench/bench-build.sh"
configure_bench_build "$root" "$build"
cmake --build "$build" --target ccsim
ccsim=$build/ccsim

host=$(hostname)
date=$(date +%F)
mkdir -p "$out_dir"
record=$out_dir/$date-$host${tag:+-$tag}-fixed-cost.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One run; appends {"example", "variant", "round", "wall_s", "cpu_s", "arrivals", "events"} to
# $work/runs.jsonl. The contacts and events simulated, from the line ccsim prints on standard
# error, show that the empty copy is empty.
measure() {
  local example=$1 variant=$2 round=$3 file=$4
  local TIMEFORMAT='%3R %3U %3S'
  { time "$ccsim" run "$file" -r "$replications" -t 1 >/dev/null 2>"$work/stderr"; } 2>"$work/time"
  read -r wall user sys <"$work/time"
  read -r arrivals events < <(sed -n 's/.*, \([0-9]*\) contacts, \([0-9]*\) events in .*/\1 \2/p' \
    "$work/stderr")
  jq -nc --arg example "$example" --arg variant "$variant" --argjson round "$round" \
    --argjson wall "$wall" --argjson user "$user" --argjson sys "$sys" \
    --argjson arrivals "$arrivals" --argjson events "$events" \
    '{example: $example, variant: $variant, round: $round, wall_s: $wall,
      cpu_s: ((($user + $sys) * 1000 | round) / 1000), arrivals: $arrivals, events: $events}' \
    >>"$work/runs.jsonl"
}

for example in "${examples[@]}"; do
  full=$root/scenarios/$example.json
  awk -f "$root/tools/bench/strip-json-comments.awk" "$full" |
    jq '.contact_types |= map(.arrivals.scale = 0)' >"$work/$example-empty.json"
done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$rounds"); do
  for example in "${examples[@]}"; do
    echo "round $round/$rounds: $example ..."
    if [ $((round % 2)) -eq 1 ]; then
      measure "$example" empty "$round" "$work/$example-empty.json"
      measure "$example" full "$round" "$root/scenarios/$example.json"
    else
      measure "$example" full "$round" "$root/scenarios/$example.json"
      measure "$example" empty "$round" "$work/$example-empty.json"
    fi
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cpu_model=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)

read -r -d '' make_record <<'JQ' || true
def median: sort | if length % 2 == 1 then .[length / 2 | floor]
                   else (.[length / 2 - 1] + .[length / 2]) / 2 end;
def of($example; $variant): [$runs[] | select(.example == $example and .variant == $variant)]
                            | sort_by(.round);
{
  date: $date,
  host: $host,
  cpu_model: $cpu_model,
  cpus: $cpus,
  build_type: "Release",
  commit: $commit,
  load_average_before: $load_before,
  load_average_after: $load_after,
  command: "ccsim run FILE -r \($replications) -t 1",
  replications: $replications,
  rounds: $rounds,
  measure: "user + system CPU seconds of the ccsim process (bash time); wall seconds beside",
  empty_copy: "the example with every contact type's arrivals.scale set to 0; staffing as it is",
  target: "fixed_share <= 0.05",
  examples: (reduce ($examples | split(" "))[] as $e ({};
    . + {($e): (of($e; "empty") as $empty | of($e; "full") as $full
      | [range(0; $full | length) | $empty[.].cpu_s / $full[.].cpu_s] as $shares
      | [range(0; $full | length) | $empty[.].wall_s / $full[.].wall_s] as $wall_shares
      | {
          fixed_share: ($shares | median),
          fixed_share_min: ($shares | min),
          fixed_share_max: ($shares | max),
          fixed_share_wall: ($wall_shares | median),
          empty_cpu_s: [$empty[].cpu_s],
          full_cpu_s: [$full[].cpu_s],
          empty_wall_s: [$empty[].wall_s],
          full_wall_s: [$full[].wall_s],
          empty_ms_per_replication: (($empty | map(.cpu_s) | median) * 1000 / $replications),
          full_ms_per_replication: (($full | map(.cpu_s) | median) * 1000 / $replications),
          empty_arrivals: $empty[0].arrivals,
          full_arrivals: $full[0].arrivals,
          empty_events: $empty[0].events,
          full_events: $full[0].events
        })}))
}
JQ

jq -n --slurpfile runs "$work/runs.jsonl" --arg examples "${examples[*]}" \
  --arg date "$date" --arg host "$host" --arg cpu_model "$cpu_model" --argjson cpus "$(nproc)" \
  --arg commit "$commit" --arg load_before "$load_before" --arg load_after "$load_after" \
  --argjson replications "$replications" --argjson rounds "$rounds" \
  "$make_record" >"$record"

echo
echo "record: $record"
jq -r 'def pct: . * 1000 | round / 10;
  .examples | to_entries[] | .value as $v
  | "  \(.key | . + " " * (15 - length)) fixed share \($v.fixed_share | pct) %"
    + " (rounds \($v.fixed_share_min | pct)-\($v.fixed_share_max | pct) %,"
    + " wall \($v.fixed_share_wall * 1000 | round / 10) %; target <= 5 %):"
    + " \($v.empty_ms_per_replication * 100 | round / 100) ms of"
    + " \($v.full_ms_per_replication * 100 | round / 100) ms per replication,"
    + " \($v.empty_arrivals) contacts when empty"' "$record"
echo "  load average before $load_before, after $load_after"
