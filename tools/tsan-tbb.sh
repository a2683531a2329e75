#!/usr/bin/env bash
# Builds oneTBB with ThreadSanitizer into build-tsan/tbb/, from the Debian source package of the
# libtbb-dev installed here (same version, same Debian patches), for tools/check.sh --tsan.
#
# Why not the installed libtbb: its scheduler is not instrumented, so ThreadSanitizer never sees
# the synchronisation between spawning a task, running it on a worker and parallel_for returning,
# and reports every task's writes as races with the thread that reads them afterwards. Those
# reports have ccsim's code at the top and libtbb somewhere below, as a real race between two
# replications would: no suppression can drop the false ones and keep the real ones.
#
# The source comes through apt-get with a private sources list and state folder under
# build-tsan/tbb-src/, so the system's apt configuration is neither needed nor touched; it needs
# Debian's archive (deb.debian.org), as installing the packages does. Skipped when build-tsan/tbb
# already holds this version. Takes about 35 s of CPU.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(dpkg-query -W -f='${source:Version}' libtbb-dev)
source_package=$(dpkg-query -W -f='${source:Package}' libtbb-dev)
prefix=build-tsan/tbb
if [ -f "$prefix/version" ] && [ "$(cat "$prefix/version")" = "$version" ]; then
  echo "tsan-tbb: oneTBB $version with ThreadSanitizer is in $prefix"
  exit 0
fi

work="$PWD/build-tsan/tbb-src"
rm -rf "$work" "$prefix" build-tsan/tbb-build
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
# The suites the installed version can come from: the release, its point updates, security.
cat >"$work/sources.list" <<'EOF'
deb-src http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian bookworm-updates main
deb-src http://deb.debian.org/debian-security bookworm-security main
EOF
apt_options=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=/nonexistent"
             -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o Debug::NoLocking=1)
echo "tsan-tbb: fetching the source of $source_package $version"
if ! apt-get "${apt_options[@]}" -qq update >/dev/null; then
  echo "tsan-tbb: cannot read the source index of deb.debian.org" >&2
  exit 1
fi
# An installed version the archive no longer carries falls back to the archive's: the ccsim build
# then takes the headers and the library from build-tsan/tbb, which agree with each other.
if ! (cd "$work" && apt-get "${apt_options[@]}" -qq source "$source_package=$version" >/dev/null 2>&1); then
  echo "tsan-tbb: $source_package $version is no longer in the archive; taking its current version"
  if ! (cd "$work" && apt-get "${apt_options[@]}" -qq source "$source_package" >/dev/null 2>&1); then
    echo "tsan-tbb: cannot fetch $source_package from deb.debian.org" >&2
    exit 1
  fi
fi
source_dir=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name "${source_package}-*" | head -n 1)

# Only the tbb library: no tests, no tbbmalloc (ccsim does not use it), no hwloc binding.
echo "tsan-tbb: building it with -fsanitize=thread"
cmake -S "$source_dir" -B build-tsan/tbb-build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DTBB_SANITIZE=thread -DTBB_TEST=OFF -DTBB_STRICT=OFF -DTBBMALLOC_BUILD=OFF \
      -DTBB_DISABLE_HWLOC_AUTOMATIC_SEARCH=ON -DCMAKE_INSTALL_PREFIX="$PWD/$prefix" >/dev/null
cmake --build build-tsan/tbb-build -j "$(nproc)" >/dev/null
cmake --install build-tsan/tbb-build >/dev/null
echo "$version" >"$prefix/version"
echo "tsan-tbb: oneTBB $version with ThreadSanitizer is in $prefix"
