#!/usr/bin/env bash
# Fuzzes the scenario reader (tests/fuzz/scenario_fuzz.cpp) with libFuzzer for a number of seconds
# and fails if it finds anything.
#   tools/fuzz.sh          90 s, as CI runs it
#   tools/fuzz.sh 3600     an hour, before a release
# Installs clang if missing and builds build-fuzz/ with clang 14 (libFuzzer, ASan, UBSan). Inputs
# that reach new code are kept in build-fuzz/corpus/, so a later run starts where this one stopped;
# tests/fuzz/corpus/ seeds it and is never written.
#
# A finding is a crash, a sanitizer report, an exception other than ccsim's InputError, an input
# that takes more than 10 s, or more than 2 GiB of memory. libFuzzer then stops, the input is left
# in build-fuzz/findings/ (crash-*, timeout-*, oom-*, leak-*) and this script exits with 1. Replay
# one with: build-fuzz/tests/fuzz/scenario_fuzz build-fuzz/findings/crash-<hash>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-90}
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: tools/fuzz.sh [SECONDS]   (default 90)" >&2
  exit 2
fi
tools/install-deps.sh fuzz

build=build-fuzz
# -O1 with line tables: as libFuzzer's documentation suggests, with file:line in stacks and some
# compile time saved over -O2 -g. Tests, benchmarks and MPI are left out: only the library and
# the target are built.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
      -DCCSIM_FUZZ=ON -DCCSIM_BUILD_TESTS=OFF -DCCSIM_BUILD_BENCHMARKS=OFF -DCCSIM_WITH_MPI=OFF \
      >/dev/null
cmake --build "$build" -j "$(nproc)" --target scenario_fuzz

mkdir -p "$build/corpus" "$build/findings"
# Findings of an earlier run are moved aside, so that what is left after this one is its own.
if compgen -G "$build/findings/*" >/dev/null; then
  old="$build/findings-$(date +%Y%m%d-%H%M%S)"
  mv "$build/findings" "$old"
  mkdir "$build/findings"
  echo "fuzz: earlier findings moved to $old"
fi

export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
# stdin from /dev/null: an input naming /dev/stdin as an empirical CSV must not wait for a terminal.
"$build/tests/fuzz/scenario_fuzz" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
  -dict=tests/fuzz/scenario.dict -artifact_prefix="$build/findings/" -print_final_stats=1 \
  "$build/corpus" tests/fuzz/corpus </dev/null || status=$?

if [ "$status" -ne 0 ] || compgen -G "$build/findings/*" >/dev/null; then
  echo "fuzz: FAILED (libFuzzer exit status $status); the input is in $build/findings/:" >&2
  ls -l "$build/findings" >&2
  exit 1
fi
echo "fuzz: no findings in ${seconds} s"
