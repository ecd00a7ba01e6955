#!/usr/bin/env bash
# Configures and builds kg into build/ (override with KG_BUILD_DIR). Binaries land in
# build/bin: kgd, kg-stored, kg-ingestd, kg-queryd, kgctl.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${KG_BUILD_DIR:-build}"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="${KG_BUILD_TYPE:-RelWithDebInfo}" ${KG_CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD_DIR" -j "$(nproc)"
