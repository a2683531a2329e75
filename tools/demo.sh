#!/usr/bin/env bash
# Installs what is missing, builds ccsim (Release) and runs the README's demo scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target ccsim
./build/ccsim run scenarios/retail-day.json "$@"
