#!/usr/bin/env bash
# Installs what is missing, builds ccsim and its tests, and runs the whole test suite.
#   tools/check.sh             Release build in build/
#   tools/check.sh --sanitize  AddressSanitizer + UndefinedBehaviorSanitizer build in build-asan/
#   tools/check.sh --tsan      ThreadSanitizer build in build-tsan/ of the tests labelled `parallel`
#                              (those that run replications on several oneTBB threads), against a
#                              oneTBB built with ThreadSanitizer from Debian's source (tools/tsan-tbb.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh

jobs=$(nproc)
# Sanitizer builds keep line tables only (enough for the sanitizers' stack traces, far cheaper to
# compile than full debug information) at -O1, as the sanitizers' documentation suggests: their
# compile time is most of CI's, and -O1 compiles faster than -O2 for tests that run in minutes.
line_tables="-O1 -g1 -DNDEBUG"
if [ "${1:-}" = "--tsan" ]; then
  tools/tsan-tbb.sh
  build=build-tsan/ccsim
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCCSIM_SANITIZE=thread \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$line_tables" \
        -DCCSIM_BUILD_BENCHMARKS=OFF -DCCSIM_WITH_MPI=OFF -DCCSIM_WERROR=ON \
        -DTBB_DIR="$PWD/build-tsan/tbb/lib/cmake/TBB" >/dev/null
  # Only the executables that hold `parallel` tests: the library and these two.
  cmake --build "$build" -j "$jobs" --target determinism_tests unit_tests
  export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
  ctest --test-dir "$build" -j "$jobs" --output-on-failure -L parallel
  exit 0
elif [ "${1:-}" = "--sanitize" ]; then
  build=build-asan
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCCSIM_SANITIZE="address;undefined" \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$line_tables" \
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
