#!/usr/bin/env bash
# Store speed as the graph grows: builds bench/scale_bench (optimised, in build-bench/)
# and runs it: a RocksGraphStore filled with synthetic reports (the bundled reports
# through the real ingest pipeline, copied under other identities) to 10k, 100k and 1M
# nodes; 1-hop and `serves` latency at each size with the 1M/10k ratio (aim <= 1.2);
# PutReport edges/s against raw RocksDB WriteBatches (aim >= 0.5); and the same graph in
# SQLite: 1-hop, 3-hop and shortest path side by side (aim: SQLite/ours >= 1).
#
#   scripts/bench-scale.sh [scale_bench options]     # e.g. --calls 5000 --keep
#   KG_SCALE_SIZES=10000,100000 scripts/bench-scale.sh
#
# Each size is measured at rest (--compact: flushed and compacted first) and without
# the store's read cache (docs/PERFORMANCE.md says why). About 8 minutes on 2 idle cores
# at the default sizes; scratch space (about 2 GB at 1M nodes, SQLite included) under
# $TMPDIR. Figures are recorded in docs/PERFORMANCE.md ("Scale"). Not a
# ctest test: timings flake (ctest runs scale_bench at two tiny sizes only).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${KG_BENCH_BUILD_DIR:-$ROOT/build-bench}"

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKG_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$BUILD" -j"$(nproc)" --target scale_bench >/dev/null
BUILD_TYPE="$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD/CMakeCache.txt")"
case "$BUILD_TYPE" in
  Release|RelWithDebInfo) ;;
  *) echo "bench-scale: warning: $BUILD is a ${BUILD_TYPE:-default} build; figures are not comparable" ;;
esac

echo "build: $BUILD ($BUILD_TYPE)"
echo "machine: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(nproc) CPUs," \
  "$(free -g | awk '/^Mem:/ {print $2 " GB RAM"}'), $(uname -sr)"
echo "sizes: ${KG_SCALE_SIZES:-10000,100000,1000000}"
exec "$BUILD/bin/scale_bench" --source-dir "$ROOT" --compact "$@"
