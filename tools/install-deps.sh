#!/usr/bin/env bash
# Installs the Debian 12 packages ccsim builds with, if any are missing. Idempotent and
# non-interactive; runs apt-get as root, or through sudo otherwise.
#   tools/install-deps.sh        what the build and the tests need
#   tools/install-deps.sh fuzz   that, and clang with libFuzzer for tools/fuzz.sh
set -euo pipefail

packages=(
  build-essential cmake ninja-build  # compiler and build
  libboost-dev                       # Boost.Random distributions, Boost.Math (Student t, gamma)
  librandom123-dev                   # Philox counter-based engine: disjoint random streams
  libtbb-dev                         # oneTBB: replications as parallel tasks
  nlohmann-json3-dev                 # scenario files and JSON output
  libcli11-dev                       # the command line
  libfmt-dev                         # formatting of tables and messages
  coinor-libcbc-dev pkg-config       # COIN-OR CBC: the integer program of `ccsim schedule`
  libgtest-dev libgmock-dev          # the test suites
  libbenchmark-dev jq                # the benchmarks in tools/bench and their records
  time                               # /usr/bin/time -v: peak memory of ccsim runs (tools/bench)
  libopenmpi-dev openmpi-bin         # replications spread over machines with mpirun
  openssh-client                     # mpirun starts its daemons through ssh, even on one machine
  pybind11-dev python3-dev           # the Python module (python/)
  python3-pytest python3-pandas      # its tests, and its results as DataFrames
  python3-matplotlib                 # the README's Python example draws a chart
  chromium fonts-dejavu-core         # a real browser, headless, tests the HTML report
)
if [ "${1:-}" = "fuzz" ]; then
  # g++ has no -fsanitize=fuzzer; clang 14's libFuzzer and sanitizer runtimes are in libclang-rt.
  packages+=(clang-14 libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: every package is installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
