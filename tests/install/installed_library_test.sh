#!/usr/bin/env bash
# The library as another project sees it: installs the build into a temporary prefix, builds the
# README's first ```cpp block with find_package(ccsim) against it (and nothing of the source tree
# but the scenarios), and runs it from the repository's root as the README says.
#
# Usage: installed_library_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/include/ccsim/scenario.h"
test -f "$work/prefix/lib/libccsim_core.a" || test -f "$work/prefix/lib64/libccsim_core.a"
test -x "$work/prefix/bin/ccsim"

# The first ```cpp block of the README, as a reader would copy it.
awk '/^```cpp$/ { inside = 1; next } inside && /^```$/ { exit } inside { print }' \
  "$source/README.md" >"$work/example.cpp"
if [ ! -s "$work/example.cpp" ]; then
  echo "README.md has no \`\`\`cpp block" >&2
  exit 1
fi

cmake -S "$source/tests/install/consumer" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$work/prefix" -DCCSIM_EXAMPLE_SOURCE="$work/example.cpp" >/dev/null
cmake --build "$work/build" >/dev/null
cd "$source"
output=$("$work/build/example")
echo "$output"
# The example prints the service level it read; a line with a percentage proves it ran end to end.
grep -Eq '^service level [0-9.]+% ± [0-9.]+' <<<"$output"
