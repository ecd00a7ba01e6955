#!/usr/bin/env bash
# The README's first command: install what is missing, build, start kgd on
# 127.0.0.1:50051 with its data under var/kg-data, ingest the bundled first report,
# print the answer to `kgctl serves 长三角一体化`, and keep serving until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p var
echo "demo: building (log in var/build.log) ..."
if ! scripts/build.sh > var/build.log 2>&1; then
  tail -n 30 var/build.log
  echo "demo: build failed; see var/build.log" >&2
  exit 1
fi

BIN="${KG_BUILD_DIR:-build}/bin"
ADDR="${KG_ADDR:-127.0.0.1:50051}"
DATA_DIR="${KG_DATA_DIR:-var/kg-data}"
REPORT="${1:-tests/data/jinshan-2020.txt}"
# A store written by an older kg (format 1: no `shares` column family in RocksDB's
# OPTIONS file) cannot be opened by this one; the demo's data is the bundled report,
# ingested again below, so the old store is moved aside (nothing is deleted).
if [ -f "$DATA_DIR/CURRENT" ] && ! grep -qs 'ColumnFamilyOptions "shares"' "$DATA_DIR"/OPTIONS-*; then
  OLD="$DATA_DIR.format1.$(date +%Y%m%d%H%M%S)"
  mv "$DATA_DIR" "$OLD"
  echo "demo: $DATA_DIR held a store of an older format; moved to $OLD"
fi
mkdir -p "$DATA_DIR"

"$BIN/kgd" --listen "$ADDR" --data-dir "$DATA_DIR" &
KGD_PID=$!
trap 'kill -TERM $KGD_PID 2>/dev/null; wait $KGD_PID 2>/dev/null' EXIT
trap 'exit 0' INT TERM

for _ in $(seq 1 100); do
  "$BIN/kgctl" --addr "$ADDR" reports >/dev/null 2>&1 && break
  kill -0 $KGD_PID 2>/dev/null || { echo "demo: kgd did not start" >&2; exit 1; }
  sleep 0.1
done

"$BIN/kgctl" --addr "$ADDR" ingest "$REPORT"
echo
echo "\$ kgctl serves 长三角一体化"
"$BIN/kgctl" --addr "$ADDR" serves 长三角一体化
echo
echo "kgd is serving on $ADDR (data in $DATA_DIR). Try, from another terminal:"
echo "  $BIN/kgctl show 田园五镇"
echo "Press Ctrl-C to stop."
wait $KGD_PID
