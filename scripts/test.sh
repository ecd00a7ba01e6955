#!/usr/bin/env bash
# The README's second command, and all that CI runs (.ci/run): install what is missing,
# then run the stages named in KG_TEST_STAGES in order, stopping at the first that fails:
#   suite      build build/ (the optimised build the daemons ship as) and run the whole
#              ctest suite;
#   sanitized  the same whole suite built with gcc under AddressSanitizer +
#              UndefinedBehaviorSanitizer (scripts/test-sanitized.sh, build-asan/);
#   fuzz       every libFuzzer target for a bounded time under the same sanitizers
#              (scripts/fuzz.sh, clang, build-fuzz/).
# The default is "sanitized fuzz": every test, each under the sanitizers, and the
# fuzzers. Each stage is a build of the whole tree (the fuzz stage of a part of it), and
# CI has 90 minutes: all three from cold took 71 minutes on 2 cores, too close, so
# CI leaves out the plain run of the suite, which the sanitized run repeats test for test
# (docs/testing.md has the figures).
#
#   KG_TEST_STAGES        stages to run (default "sanitized fuzz"; all: "suite sanitized fuzz")
#   KG_TEST_QUICK=1       the same as KG_TEST_STAGES=suite: a quick check between changes
#   KG_BUILD_DIR          the suite stage's build directory (default build)
#   KG_ASAN_BUILD_DIR     the sanitized stage's (default build-asan)
#   KG_FUZZ_BUILD_DIR     the fuzz stage's (default build-fuzz)
#   KG_FUZZ_SECONDS       seconds per fuzz target (default 60)
#   KG_CMAKE_ARGS         extra CMake arguments for every stage (e.g. a ccache launcher)
set -euo pipefail
cd "$(dirname "$0")/.."

stages="${KG_TEST_STAGES:-sanitized fuzz}"
if [ "${KG_TEST_QUICK:-0}" = "1" ]; then stages="suite"; fi
for stage in $stages; do
  case "$stage" in
    suite | sanitized | fuzz) ;;
    *)
      echo "test: unknown stage '$stage' in KG_TEST_STAGES (suite, sanitized, fuzz)" >&2
      exit 2
      ;;
  esac
done

stage_times=()
run_stage() {
  local name="$1"
  shift
  local start status=0
  start=$(date +%s)
  echo "test: stage '$name' starting at $(date -u +%H:%M:%S)"
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
for stage in $stages; do
  case "$stage" in
    suite) run_stage suite plain_suite ;;
    sanitized)
      run_stage sanitized env KG_BUILD_DIR="${KG_ASAN_BUILD_DIR:-build-asan}" \
        scripts/test-sanitized.sh
      ;;
    fuzz) run_stage fuzz env KG_BUILD_DIR="${KG_FUZZ_BUILD_DIR:-build-fuzz}" scripts/fuzz.sh ;;
  esac
done
echo "test: every stage passed: $(IFS=,; echo "${stage_times[*]}" | sed 's/,/, /g')"
