#!/usr/bin/env bash
# Builds ccsim_bench in Release, runs the engine benchmarks (the reference model against its bare
# loop, replications on 1 and 2 threads, the multi-skill centre against its single-queue twin) and
# the 100-million-contact memory run, and writes one record to
# results/benchmarks/<YYYY-MM-DD>-<hostname>[-TAG].json, with Google Benchmark's raw JSON beside it
# (<YYYY-MM-DD>-<hostname>[-TAG].gbench.json). See results/benchmarks/README.md for the fields. A
# rerun on the same day, host and tag replaces both. fixed-cost.sh and memory.sh measure the rest.
#
# Usage: tools/bench/run-benchmarks.sh [extra Google Benchmark flags]
# Environment: CCSIM_BENCH_BUILD_DIR (default build-bench), CCSIM_BENCH_REPETITIONS (default 5),
#              CCSIM_BENCH_PEAK_CONTACTS (default 100000000), CCSIM_BENCH_TAG (a suffix of the
#              records' names, e.g. baseline).
# Needs cmake, ninja and jq.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${CCSIM_BENCH_BUILD_DIR:-$root/build-bench}
repetitions=${CCSIM_BENCH_REPETITIONS:-5}
peak_contacts=${CCSIM_BENCH_PEAK_CONTACTS:-100000000}
tag=${CCSIM_BENCH_TAG:-}
out_dir=$root/results/benchmarks

# shellcheck source=tools/bench/bench-build.sh
source "$root/tools/bench/bench-build.sh"
configure_bench_build "$root" "$build"
# Only the benchmark program: nothing else needs to link for it.
cmake --build "$build" --target ccsim_bench
bench=$build/tools/bench/ccsim_bench

host=$(hostname)
date=$(date +%F)
mkdir -p "$out_dir"
record=$out_dir/$date-$host${tag:+-$tag}.json
raw=$out_dir/$date-$host${tag:+-$tag}.gbench.json
peak=$(mktemp)
trap 'rm -f "$peak"' EXIT

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# Repetitions in random order, so that a burst of load elsewhere hits every benchmark alike; the
# console shows only the aggregates, the raw file keeps every repetition.
"$bench" --benchmark_repetitions="$repetitions" --benchmark_enable_random_interleaving=true \
  --benchmark_display_aggregates_only=true \
  --benchmark_out="$raw" --benchmark_out_format=json "$@"

# Its own process, so that nothing else run before it raises the high-water mark.
echo "peak memory: one replication of $peak_contacts contacts ..."
"$bench" --peak-memory="$peak_contacts" >"$peak"

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cpu_model=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)

# The record: medians over the repetitions (Google Benchmark's "median" aggregates), their
# coefficients of variation as a noise indicator, and the memory run.
read -r -d '' make_record <<'JQ' || true
($raw[0]) as $g | ($peak[0]) as $p
| def agg($run; $name):
    first($g.benchmarks[] | select(.run_name == $run and .aggregate_name == $name));
  def median($run): agg($run; "median");
  def cv($run): agg($run; "cv");
  "BM_Replications/threads:1/process_time/real_time" as $r1
| "BM_Replications/threads:2/process_time/real_time" as $r2
| {
    date: $date,
    host: $host,
    cpu_model: $cpu_model,
    cpus: $g.context.num_cpus,
    compiler: $g.context.compiler,
    boost: $g.context.boost,
    build_type: "Release",
    commit: $commit,
    load_average_before: $load_before,
    load_average_after: $load_after,
    repetitions: $repetitions,
    reference_model: {
      agents: 100, load: 0.95, arrival_rate_per_s: (0.95 * 100 / 240),
      handle_time: "exponential, mean 240 s", patience: "exponential, mean 300 s",
      intervals: 1, warmup_s: 0
    },
    yardstick_check: $g.context.yardstick_check,
    bare_loop: {
      contacts_per_s: median("BM_BareLoop").contacts_per_s,
      events_per_s: median("BM_BareLoop").events_per_s,
      cv: cv("BM_BareLoop").cpu_time
    },
    engine: {
      contacts_per_s: median("BM_Engine").contacts_per_s,
      events_per_s: median("BM_Engine").events_per_s,
      cv: cv("BM_Engine").cpu_time
    },
    engine_to_bare_ratio:
      (median("BM_Engine").contacts_per_s / median("BM_BareLoop").contacts_per_s),
    replications: {
      replications: median($r1).replications,
      contacts_per_replication:
        (median($r1).items_per_second * median($r1).real_time / 1000
         / median($r1).replications | round),
      wall_s_1_thread: (median($r1).real_time / 1000),
      wall_s_2_threads: (median($r2).real_time / 1000),
      cpu_s_1_thread: (median($r1).cpu_time / 1000),
      cpu_s_2_threads: (median($r2).cpu_time / 1000),
      speedup: (median($r1).real_time / median($r2).real_time),
      cv_1_thread: cv($r1).real_time,
      cv_2_threads: cv($r2).real_time
    },
    multi_skill_centre: {
      model: $g.context.multi_skill_centre,
      contacts_per_s: median("BM_MultiSkillCentre").contacts_per_s,
      events_per_s: median("BM_MultiSkillCentre").events_per_s,
      events_per_contact: median("BM_MultiSkillCentre").events_per_contact,
      abandoned_pct: median("BM_MultiSkillCentre").abandoned_pct,
      cv: cv("BM_MultiSkillCentre").cpu_time
    },
    single_queue_twin: {
      contacts_per_s: median("BM_SingleQueueTwin").contacts_per_s,
      events_per_s: median("BM_SingleQueueTwin").events_per_s,
      events_per_contact: median("BM_SingleQueueTwin").events_per_contact,
      abandoned_pct: median("BM_SingleQueueTwin").abandoned_pct,
      cv: cv("BM_SingleQueueTwin").cpu_time
    },
    multi_skill_ratio:
      (median("BM_MultiSkillCentre").events_per_s / median("BM_SingleQueueTwin").events_per_s),
    multi_skill_contacts_ratio:
      (median("BM_MultiSkillCentre").contacts_per_s / median("BM_SingleQueueTwin").contacts_per_s),
    multi_skill_half_hours_contacts_ratio:
      (median("BM_MultiSkillCentreHalfHours").contacts_per_s
       / median("BM_SingleQueueTwinHalfHours").contacts_per_s),
    peak_memory: {
      contacts: $p.arrivals,
      events: $p.events,
      peak_rss_mb: ($p.vm_hwm_kb / 1024),
      ru_maxrss_mb: ($p.ru_maxrss_kb / 1024),
      rss_before_run_mb: ($p.rss_before_run_kb / 1024),
      contacts_per_s: $p.contacts_per_s,
      events_per_s: $p.events_per_s,
      cpu_s: $p.cpu_s,
      wall_s: $p.wall_s
    },
    raw: $raw_file
  }
JQ

jq -n --slurpfile raw "$raw" --slurpfile peak "$peak" \
  --arg date "$date" --arg host "$host" --arg cpu_model "$cpu_model" --arg commit "$commit" \
  --arg load_before "$load_before" --arg load_after "$load_after" \
  --arg raw_file "$(basename "$raw")" --argjson repetitions "$repetitions" \
  "$make_record" >"$record"

read -r -d '' summary <<'JQ' || true
def m: . / 1e6 | . * 100 | round / 100;
def pct: . * 1000 | round / 10;
"  bare loop    \(.bare_loop.contacts_per_s | m) M contacts/s (cv \(.bare_loop.cv | pct) %)",
"  engine       \(.engine.contacts_per_s | m) M contacts/s, \(.engine.events_per_s | m) M events/s"
  + " (cv \(.engine.cv | pct) %)",
"  engine/bare  \(.engine_to_bare_ratio * 100 | round / 100) (target >= 0.8)",
"  \(.replications.replications) replications of \(.replications.contacts_per_replication)"
  + " contacts: \(.replications.wall_s_1_thread * 100 | round / 100) s on 1 thread,"
  + " \(.replications.wall_s_2_threads * 100 | round / 100) s on 2,"
  + " speed-up \(.replications.speedup * 100 | round / 100)x (target >= 1.8)"
  + " (cv \(.replications.cv_1_thread | pct) %, \(.replications.cv_2_threads | pct) %)",
"  multi-skill  \(.multi_skill_centre.events_per_s | m) M events/s,"
  + " \(.multi_skill_centre.contacts_per_s | m) M contacts/s"
  + " (cv \(.multi_skill_centre.cv | pct) %)",
"  twin         \(.single_queue_twin.events_per_s | m) M events/s,"
  + " \(.single_queue_twin.contacts_per_s | m) M contacts/s (cv \(.single_queue_twin.cv | pct) %)",
"  multi/twin   \(.multi_skill_ratio * 100 | round / 100) in events/s,"
  + " \(.multi_skill_contacts_ratio * 100 | round / 100) in contacts/s;"
  + " over 48 half hours \(.multi_skill_half_hours_contacts_ratio * 100 | round / 100) in contacts/s"
  + " (target >= 0.5)",
"  \(.peak_memory.contacts) contacts in one replication: peak RSS"
  + " \(.peak_memory.peak_rss_mb * 10 | round / 10) MB (target < 64),"
  + " \(.peak_memory.contacts_per_s | m) M contacts/s",
"  load average before \(.load_average_before), after \(.load_average_after)",
"  yardstick check: \(.yardstick_check | split(" (")[0])"
JQ

echo
echo "record: $record"
jq -r "$summary" "$record"
