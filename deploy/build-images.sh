#!/usr/bin/env bash
# Builds the kg image (deploy/Containerfile) with podman on a machine like ours: installs
# podman, runc and debootstrap if missing, makes the debian:bookworm-slim base image
# locally with debootstrap when no registry has it, and builds localhost/kg:latest.
# See docs/deploy.md for why each setting is here.
#
#   deploy/build-images.sh            # builds localhost/kg:latest
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need=()
for p in podman runc debootstrap; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# runc instead of crun (crun fails on this kernel's cgroup layout) and explicit ulimits.
CONF_DIR="${XDG_CONFIG_HOME:-$HOME/.config}/kg"
mkdir -p "$CONF_DIR"
cat >"$CONF_DIR/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]
[engine]
runtime = "runc"
CONF
export CONTAINERS_CONF="$CONF_DIR/containers.conf"

# The gazetteer goes into the image from the build context.
"$ROOT/scripts/fetch-gazetteer.sh" >/dev/null

if ! podman image exists debian:bookworm-slim; then
  BASE="$(mktemp -d)"
  trap '$SUDO rm -rf "$BASE"' EXIT
  echo "build-images: making debian:bookworm-slim with debootstrap"
  $SUDO debootstrap --variant=minbase bookworm "$BASE" http://deb.debian.org/debian >/dev/null
  $SUDO tar -C "$BASE" -c . | podman import - debian:bookworm-slim >/dev/null
fi

podman build --format docker --network host -f "$ROOT/deploy/Containerfile" \
  -t localhost/kg:latest "$ROOT"
echo "build-images: built localhost/kg:latest"
