#!/usr/bin/env bash
# Builds everything with gcc under AddressSanitizer + UndefinedBehaviorSanitizer into
# build-asan/ (override with KG_BUILD_DIR) and runs the whole ctest suite there.
#
# Any ASan report, any UBSan report (-fno-sanitize-recover=undefined makes UB fatal) or
# any leak fails the test that hit it. Integration tests start the daemons as child
# processes; those are built with the same flags and inherit ASAN_OPTIONS/UBSAN_OPTIONS/
# LSAN_OPTIONS from this environment, so a daemon that trips a sanitizer exits non-zero
# and the test that started it fails.
#
#   KG_BUILD_DIR    build directory (default build-asan)
#   KG_BUILD_TYPE   CMake build type (default RelWithDebInfo: -O2 -g keeps the suite's
#                   timeouts comfortable; Debug also works)
#   KG_CMAKE_ARGS   extra CMake arguments (e.g. -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
#   KG_JOBS         parallel build/test jobs (default nproc)
#   KG_CTEST_ARGS   extra ctest arguments (e.g. "-R fulltext")
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
BUILD_DIR="${KG_BUILD_DIR:-build-asan}"
JOBS="${KG_JOBS:-$(nproc)}"
SAN_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"

start=$(date +%s)
cmake -S . -B "$BUILD_DIR" \
  -DCMAKE_BUILD_TYPE="${KG_BUILD_TYPE:-RelWithDebInfo}" \
  -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ \
  -DCMAKE_CXX_FLAGS="$SAN_FLAGS" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" \
  ${KG_CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD_DIR" -j "$JOBS"
built=$(date +%s)

# halt_on_error/abort_on_error: the first report ends the process with a failure.
# detect_leaks=1 with a suppressions file for third-party leaks (see the file's comments).
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:report_error_type=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$ROOT/tests/sanitizers/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

# Integration tests scale their start-up waits, deadlines and timed runs by this
# (tests/integration/process.h TimeScale): sanitized daemons start and answer several
# times slower, more so with two test processes on two cores.
export KG_TEST_TIME_SCALE="${KG_TEST_TIME_SCALE:-5}"

# Unit tests in parallel; then the integration tests one at a time. Under the sanitizers
# a daemon needs several times the CPU, and two integration tests side by side on two
# cores (the thousand concurrent ingests of the hostile table beside the ops test's
# kgctl calls) starved each other's connections past their deadlines: clocks, not bugs.
status=0
# shellcheck disable=SC2086
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" -LE integration ${KG_CTEST_ARGS:-} || status=$?
# shellcheck disable=SC2086
ctest --test-dir "$BUILD_DIR" --output-on-failure -j 1 -L integration ${KG_CTEST_ARGS:-} || status=$?
end=$(date +%s)
echo "test-sanitized: build $((built - start))s, tests $((end - built))s, total $((end - start))s, ctest exit $status"
exit "$status"
