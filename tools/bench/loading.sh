#!/usr/bin/env bash
# Builds ccsim_bench in Release and measures what loading a scenario costs with and without its
# what-ifs (tools/bench/load_bench.cpp), writing results/benchmarks/<YYYY-MM-DD>-<hostname>-load.json
# with Google Benchmark's raw output beside it (-load.gbench.json). Needs cmake, ninja and jq.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${CCSIM_BENCH_BUILD_DIR:-$root/build-bench}
repetitions=${CCSIM_BENCH_REPETITIONS:-9}
out_dir=$root/results/benchmarks

# shellcheck source=tools/bench/bench-build.sh
source "$root/tools/bench/bench-build.sh"
configure_bench_build "$root" "$build"
cmake --build "$build" --target ccsim_bench
mkdir -p "$out_dir"
record=$out_dir/$(date +%F)-$(hostname)-load.json
raw=${record%.json}.gbench.json

# From the repository's root: the benchmarks read scenarios/retail-day.json.
cd "$root"
"$build/tools/bench/ccsim_bench" --benchmark_filter='^BM_(Load|Parse)' \
  --benchmark_repetitions="$repetitions" --benchmark_enable_random_interleaving=true \
  --benchmark_display_aggregates_only=true --benchmark_out="$raw" --benchmark_out_format=json

jq --arg commit "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)" '
  def median($run): first(.benchmarks[] | select(.run_name == $run and .aggregate_name == "median")).cpu_time;
  {
    date: .context.date, host: .context.host_name, cpus: .context.num_cpus, commit: $commit,
    scenario: "scenarios/retail-day.json (5 what-ifs)", unit: "microseconds of CPU, median",
    load_with_what_ifs: median("BM_LoadScenario/with_what_ifs"),
    load_without_what_ifs: median("BM_LoadScenario/without_what_ifs"),
    parse_with_what_ifs: median("BM_ParseScenario/with_what_ifs"),
    parse_without_what_ifs: median("BM_ParseScenario/without_what_ifs"),
    load_checking_every_what_if: median("BM_LoadCheckingEveryWhatIf")
  }' "$raw" >"$record"
cat "$record"
