#!/usr/bin/env bash
# Installs what is missing, builds ccsim and its tests, and runs the whole test suite.
#   tools/check.sh             Release build in build/
#   tools/check.sh --sanitize  AddressSanitizer + UndefinedBehaviorSanitizer build in build-asan/
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh

jobs=$(nproc)
if [ "${1:-}" = "--sanitize" ]; then
  build=build-asan
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCCSIM_SANITIZE="address;undefined" \
        -DCCSIM_BUILD_BENCHMARKS=OFF -DCCSIM_WERROR=ON >/dev/null
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
  build=build
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCCSIM_WERROR=ON >/dev/null
fi
cmake --build "$build" -j "$jobs"
# The fast, exact tests first; the statistical validation last.
ctest --test-dir "$build" -j "$jobs" --output-on-failure -LE validation
ctest --test-dir "$build" -j "$jobs" --output-on-failure -L validation
