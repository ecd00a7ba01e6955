#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang under AddressSanitizer and
# UndefinedBehaviorSanitizer into build-fuzz/ and runs each for a bounded time on a
# temporary copy of its seed corpus (tests/fuzz/corpus/<target>/; the committed seeds are
# never modified). Fails if any target crashes, leaks, times out, runs out of memory or
# breaks an invariant; the input that did it is kept in build-fuzz/fuzz/artifacts/<target>/.
# Reproduce one with:  build-fuzz/fuzz/fuzz_<target> <artifact file>
#
#   KG_FUZZ_SECONDS   seconds per target (default 60)
#   KG_FUZZ_TARGETS   space-separated targets to run (default: all, from targets.txt)
#   KG_BUILD_DIR      build directory (default build-fuzz)
#   KG_CMAKE_ARGS     extra CMake arguments (e.g. -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
#   KG_JOBS           parallel build jobs (default nproc)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
BUILD_DIR="${KG_BUILD_DIR:-build-fuzz}"
SECONDS_PER_TARGET="${KG_FUZZ_SECONDS:-60}"
JOBS="${KG_JOBS:-$(nproc)}"
SAN_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"

start=$(date +%s)
cmake -S . -B "$BUILD_DIR" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DKG_FUZZ=ON \
  -DCMAKE_CXX_FLAGS="$SAN_FLAGS" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  ${KG_CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD_DIR" -j "$JOBS" --target kg_fuzz_targets
built=$(date +%s)
echo "fuzz: built in $((built - start))s"

# Errors end the run; leaks in long-lived third-party state are suppressed as in the
# sanitized test suite (tests/sanitizers/lsan.supp says which and why).
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$ROOT/tests/sanitizers/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

work="$(mktemp -d "${TMPDIR:-/tmp}/kg-fuzz-XXXXXX")"
trap 'rm -rf "$work"' EXIT

failed=0
summary=()
while read -r name corpus; do
  [ -n "$name" ] || continue
  if [ -n "${KG_FUZZ_TARGETS:-}" ] && [[ " $KG_FUZZ_TARGETS " != *" $name "* ]]; then continue; fi
  binary="$BUILD_DIR/fuzz/fuzz_$name"
  artifacts="$BUILD_DIR/fuzz/artifacts/$name"
  mkdir -p "$work/$name" "$artifacts"
  cp -r "$corpus/." "$work/$name/"
  log="$BUILD_DIR/fuzz/$name.log"
  echo "fuzz: running $name for ${SECONDS_PER_TARGET}s (log $log)"
  status=0
  # -timeout: one input taking this long is a hang; -rss_limit_mb: the gazetteer and the
  # store make a few hundred MB under ASan, so more is a leak or a blow-up.
  "$binary" -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=3072 -timeout=30 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$work/$name" >"$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -1 || true)
  if [ "$status" -eq 0 ]; then
    result="ok"
  else
    result="FAILED (exit $status; see $log and $artifacts/)"
    failed=1
    grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|invariant broken' \
      "$log" || true
  fi
  summary+=("fuzz $name: $result, ${execs:-?} execs (${rate:-?}/s), ${cov:-no coverage line}, peak rss ${rss:-?} MB")
done <"$BUILD_DIR/fuzz/targets.txt"

end=$(date +%s)
printf '%s\n' "${summary[@]}"
echo "fuzz: total $((end - start))s (build $((built - start))s, runs $((end - built))s)"
exit "$failed"
