# shellcheck shell=bash
# Sourced by the benchmark scripts: configures their Release build of the tree "$1" in "$2".
# A new folder gets no tests (nothing here needs them); a folder that already holds a build (say
# CCSIM_BENCH_BUILD_DIR=build) keeps its own test setting, so pointing a benchmark at a developer's
# build does not silently drop the test suite from it.
configure_bench_build() {
  local root=$1 build=$2
  local tests=()
  [ -f "$build/CMakeCache.txt" ] || tests=(-DCCSIM_BUILD_TESTS=OFF)
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCCSIM_BUILD_BENCHMARKS=ON \
    "${tests[@]}" >/dev/null
}
