#!/usr/bin/env bash
# Query latency and throughput against one kgd: builds bench/query_bench and kgd
# (Release-like, in build-bench/), starts kgd on a free port over a fresh data directory,
# ingests the first report, and prints p50/p99 latency of serves, 1-hop neighbors, a 3-hop
# path and a search next to a null RPC (grpc.health.v1.Health/Check on the same server),
# as ratios, plus 1-hop against null throughput with N client threads. Aims (issue 4):
# serves and 1-hop <= 1.3x null at p50 and <= 1.5x at p99; 1-hop throughput >= 0.7x null.
#
#   scripts/bench-query.sh [query_bench options]   # e.g. --calls 5000 --threads 16
#   scripts/bench-query.sh --addr HOST:PORT         # a running server instead
#
# Figures are recorded in docs/PERFORMANCE.md. This is not a ctest test: timings flake
# (ctest runs query_bench --smoke only, to keep it building and running).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${KG_BENCH_BUILD_DIR:-$ROOT/build-bench}"

# An existing build directory (KG_BENCH_BUILD_DIR) is reused as configured; a new one is
# configured optimised, without the tests.
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKG_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$BUILD" -j"$(nproc)" --target query_bench kgd >/dev/null
BUILD_TYPE="$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD/CMakeCache.txt")"
case "$BUILD_TYPE" in
  Release|RelWithDebInfo) ;;
  *) echo "bench-query: warning: $BUILD is a ${BUILD_TYPE:-default} build; figures are not comparable" ;;
esac

echo "build: $BUILD ($BUILD_TYPE)"
echo "machine: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(nproc) CPUs," \
  "$(uname -sr)"
exec "$BUILD/bin/query_bench" --source-dir "$ROOT" --check "$@"
