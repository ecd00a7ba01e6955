#!/usr/bin/env bash
# The README's second command, and all that CI runs (.ci/run): install what is missing,
# then three stages, stopping at the first that fails:
#   1. build (build/) and run the whole ctest suite;
#   2. the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer
#      (scripts/test-sanitized.sh, gcc, build-asan/);
#   3. every libFuzzer target for a bounded time under the same sanitizers
#      (scripts/fuzz.sh, clang, build-fuzz/).
# Stages 2 and 3 are each another build of the tree: about 50 minutes more from cold on
# 2 cores (docs/testing.md has the figures; CI allows 90 minutes in all).
#
#   KG_TEST_QUICK=1       stage 1 only, for a quick check between changes
#   KG_BUILD_DIR          stage 1's build directory (default build)
#   KG_ASAN_BUILD_DIR     stage 2's (default build-asan)
#   KG_FUZZ_BUILD_DIR     stage 3's (default build-fuzz)
#   KG_FUZZ_SECONDS       seconds per fuzz target (default 60)
#   KG_CMAKE_ARGS         extra CMake arguments for every stage (e.g. a ccache launcher)
set -euo pipefail
cd "$(dirname "$0")/.."

stage_times=()
run_stage() {
  local name="$1"
  shift
  local start
  start=$(date +%s)
  echo "test: stage '$name' starting at $(date -u +%H:%M:%S)"
  local status=0
  "$@" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "test: stage '$name' FAILED (exit $status after $(($(date +%s) - start))s)"
    exit "$status"
  fi
  stage_times+=("$name $(($(date +%s) - start))s")
  echo "test: stage '$name' passed (${stage_times[-1]#"$name "})"
}

# Written with && since set -e does not reach inside a command run_stage tests with ||.
plain_suite() {
  scripts/build.sh &&
    ctest --test-dir "${KG_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)"
}

scripts/setup.sh
run_stage "suite" plain_suite
if [ "${KG_TEST_QUICK:-0}" != "1" ]; then
  run_stage "sanitized suite" env KG_BUILD_DIR="${KG_ASAN_BUILD_DIR:-build-asan}" \
    scripts/test-sanitized.sh
  run_stage "fuzzing" env KG_BUILD_DIR="${KG_FUZZ_BUILD_DIR:-build-fuzz}" scripts/fuzz.sh
fi
echo "test: every stage passed: $(IFS=,; echo "${stage_times[*]}" | sed 's/,/, /g')"
