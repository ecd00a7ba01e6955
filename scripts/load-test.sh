#!/usr/bin/env bash
# The load test alone, with its figures: builds the three daemons and
# tests/integration/load_test.cc into build/ (override with KG_BUILD_DIR), then runs
# `ctest -L load -V`: two reports stored, 16 client threads over 4 channels asking
# serves/show/neighbors/search/mentions through kg-queryd for about 62 s while another
# client re-ingests the reports through kg-ingestd. It prints p50/p99 latency per
# method, error and changed-answer counts (asserted zero) and the resident memory of
# kg-queryd and kg-stored once a second (asserted steady after a 15 s warm-up). The
# figures go to docs/PERFORMANCE.md ("Load").
#
#   scripts/load-test.sh                   # about 70 s plus the build
#   KG_LOAD_SECONDS=300 scripts/load-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${KG_BUILD_DIR:-build}"
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="${KG_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
fi
cmake --build "$BUILD_DIR" -j "$(nproc)" --target integration_load_test
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
ctest --test-dir "$BUILD_DIR" -L load -V
