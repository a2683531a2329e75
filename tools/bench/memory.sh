#!/usr/bin/env bash
# Peak resident memory of long horizons, where what the engine keeps per interval (tallies,
# histograms) rather than per contact in the system decides the footprint:
#
#  daily       the reference model (M/M/100+M at load 0.95) in 1,440-minute intervals over as many
#              days as 100 million contacts need (about 2,900), one replication, in a process of its
#              own: `ccsim_bench --peak-memory-daily=N`, VmHWM of that process;
#  daily_cli   the same model as a scenario file, `ccsim run FILE -r 1 -t 1` with `--json FILE`
#              and without: what the summary and the outputs add (peak RSS from /usr/bin/time -v);
#  retail_year scenarios/retail-day.json with 365 days in its horizon (its per-interval arrays
#              repeat every day), `ccsim run COPY -r 2 --json FILE` with the default table on
#              stdout and the default threads; peak RSS of the process from /usr/bin/time -v, and
#              the sizes of the JSON summary and of the table.
#
# Writes results/benchmarks/<YYYY-MM-DD>-<hostname>[-TAG]-memory.json and prints a summary.
#
# Usage: tools/bench/memory.sh
# Environment: CCSIM_BENCH_BUILD_DIR (default build-bench), CCSIM_BENCH_TAG (a suffix of the
#              record's name, e.g. baseline), CCSIM_BENCH_DAILY_CONTACTS (default 100000000),
#              CCSIM_BENCH_YEAR_DAYS (default 365).
# Needs cmake, ninja, jq and /usr/bin/time (Debian package `time`).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${CCSIM_BENCH_BUILD_DIR:-$root/build-bench}
tag=${CCSIM_BENCH_TAG:-}
daily_contacts=${CCSIM_BENCH_DAILY_CONTACTS:-100000000}
year_days=${CCSIM_BENCH_YEAR_DAYS:-365}
out_dir=$root/results/benchmarks

# shellcheck source=tools/bench/bench-build.sh
source "$root/tools/bench/bench-build.sh"
configure_bench_build "$root" "$build"
cmake --build "$build" --target ccsim_bench ccsim
bench=$build/tools/bench/ccsim_bench
ccsim=$build/ccsim

host=$(hostname)
date=$(date +%F)
mkdir -p "$out_dir"
record=$out_dir/$date-$host${tag:+-$tag}-memory.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

echo "daily intervals: one replication of $daily_contacts contacts ..."
"$bench" --peak-memory-daily="$daily_contacts" >"$work/daily.json"

# `ccsim run` under /usr/bin/time -v: measured NAME SCENARIO [ccsim run options] writes
# $work/NAME.json with the process's peak RSS, times, contacts and events (from the line ccsim
# prints on standard error), and the sizes of its table and of its --json summary, if any.
measured() {
  local name=$1 scenario=$2
  shift 2
  rm -f "$work/summary.json"
  /usr/bin/time -v -o "$work/time.txt" "$ccsim" run "$scenario" "$@" >"$work/table.txt" \
    2>"$work/stderr"
  local arrivals events
  read -r arrivals events < <(sed -n 's/.*, \([0-9]*\) contacts, \([0-9]*\) events in .*/\1 \2/p' \
    "$work/stderr")
  field() { grep -F "$1" "$work/time.txt" | sed 's/.*: //'; }
  jq -n --argjson max_rss_kb "$(field 'Maximum resident set size')" \
    --arg wall "$(field 'Elapsed (wall clock) time')" \
    --argjson user_s "$(field 'User time (seconds)')" \
    --argjson sys_s "$(field 'System time (seconds)')" \
    --argjson json_bytes "$(stat -c %s "$work/summary.json" 2>/dev/null || echo null)" \
    --argjson table_bytes "$(stat -c %s "$work/table.txt")" \
    --argjson intervals "$(jq '.horizon.intervals * (.horizon.days // 1)' "$scenario")" \
    --argjson arrivals "$arrivals" --argjson events "$events" \
    '{intervals: $intervals, contacts: $arrivals, events: $events,
      peak_rss_mb: ($max_rss_kb / 1024),
      json_mb: (if $json_bytes == null then null else $json_bytes / 1048576 end),
      table_mb: ($table_bytes / 1048576),
      wall_s: ($wall | split(":") | map(tonumber) | reverse
               | .[0] + (.[1] // 0) * 60 + (.[2] // 0) * 3600),
      cpu_s: ((($user_s + $sys_s) * 100 | round) / 100)}' >"$work/$name.json"
}

# The same daily model as a scenario file, run by the command: what the summary and its outputs
# add to the engine's footprint, with the JSON summary and with the table alone. 1425 calls an
# hour is 0.95 x 100 / 240 a second: the same contacts as the engine-alone run.
days=$(jq .intervals "$work/daily.json")
jq -n --argjson days "$days" '{
  name: "reference-daily",
  horizon: {start: "00:00", intervals: 1, interval_min: 1440, days: $days},
  run: {replications: 1, seed: 20240601},
  contact_types: [{id: "calls", arrivals: {rate_per_hour: 1425},
                   handle_time: {dist: "exponential", mean_s: 240},
                   patience: {dist: "exponential", mean_s: 300}}],
  agent_groups: [{id: "agents", skills: ["calls"], staffing: 100}]
}' >"$work/daily-scenario.json"
echo "daily intervals, ccsim run -r 1 --json ..."
measured daily_cli_json "$work/daily-scenario.json" -r 1 -t 1 --json "$work/summary.json"
echo "daily intervals, ccsim run -r 1 (table only) ..."
measured daily_cli_table "$work/daily-scenario.json" -r 1 -t 1

echo "retail-day over $year_days days: ccsim run -r 2 --json ..."
awk -f "$root/tools/bench/strip-json-comments.awk" "$root/scenarios/retail-day.json" |
  jq --argjson days "$year_days" '.horizon.days = $days' >"$work/retail-year.json"
measured retail_year "$work/retail-year.json" -r 2 --json "$work/summary.json"

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cpu_model=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)

read -r -d '' make_record <<'JQ' || true
($daily[0]) as $d
| {
    date: $date,
    host: $host,
    cpu_model: $cpu_model,
    cpus: $cpus,
    build_type: "Release",
    commit: $commit,
    load_average_before: $load_before,
    load_average_after: $load_after,
    daily: {
      what: "reference model (M/M/100+M, load 0.95) in 1,440-minute intervals, one replication",
      command: "ccsim_bench --peak-memory-daily=\($daily_contacts)",
      intervals: $d.intervals,
      contacts: $d.arrivals,
      events: $d.events,
      peak_rss_mb: ($d.vm_hwm_kb / 1024),
      ru_maxrss_mb: ($d.ru_maxrss_kb / 1024),
      rss_before_run_mb: ($d.rss_before_run_kb / 1024),
      contacts_per_s: $d.contacts_per_s,
      cpu_s: $d.cpu_s,
      wall_s: $d.wall_s,
      target: "peak_rss_mb < 64"
    },
    daily_cli: {
      what: "the same model as a scenario file, run by ccsim run, peak RSS of the process",
      with_json: ($daily_cli_json[0] + {command: "ccsim run FILE -r 1 -t 1 --json FILE"}),
      table_only: ($daily_cli_table[0] + {command: "ccsim run FILE -r 1 -t 1"}),
      target: "with_json.peak_rss_mb < 64"
    },
    retail_year: ($retail_year[0] + {
      what: "scenarios/retail-day.json with \($year_days) days in its horizon",
      command: "ccsim run COPY -r 2 --json FILE (table on stdout, default threads)",
      threads: $cpus,
      days: $year_days,
      target: "peak_rss_mb < 256"
    })
  }
JQ

jq -n --slurpfile daily "$work/daily.json" --slurpfile daily_cli_json "$work/daily_cli_json.json" \
  --slurpfile daily_cli_table "$work/daily_cli_table.json" \
  --slurpfile retail_year "$work/retail_year.json" \
  --arg date "$date" --arg host "$host" --arg cpu_model "$cpu_model" --argjson cpus "$(nproc)" \
  --arg commit "$commit" --arg load_before "$load_before" --arg load_after "$load_after" \
  --argjson daily_contacts "$daily_contacts" --argjson year_days "$year_days" \
  "$make_record" >"$record"

echo
echo "record: $record"
jq -r 'def mb: . * 10 | round / 10;
  "  daily intervals: \(.daily.contacts) contacts over \(.daily.intervals) days: peak RSS"
  + " \(.daily.peak_rss_mb | mb) MB (target < 64) in the engine alone;"
  + " ccsim run \(.daily_cli.with_json.peak_rss_mb | mb) MB with --json,"
  + " \(.daily_cli.table_only.peak_rss_mb | mb) MB without",
  "  retail-day over \(.retail_year.days) days, -r 2: peak RSS \(.retail_year.peak_rss_mb | mb) MB"
  + " (target < 256), JSON \(.retail_year.json_mb | mb) MB, table \(.retail_year.table_mb | mb) MB",
  "  load average before \(.load_average_before), after \(.load_average_after)"' "$record"
