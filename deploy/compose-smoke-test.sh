#!/usr/bin/env bash
# The compose half of the container smoke test (deploy/smoke-test.sh runs it after its
# own part; run it alone with an image built already). docker-compose 1.29 talks to
# `podman system service` on a private socket, brings deploy/compose.yaml up (kg-stored
# first, the other two once it is healthy), ingests the first report through the
# kg-ingestd container, asks `serves 长三角一体化` through kg-queryd, then stops the three
# with their grace period and checks that each exited 0.
#
# Without systemd podman runs no health-check timers, so compose would wait for ever for
# "healthy": while compose starts the services, this script runs each container's check
# (the image's `kgctl health`) once a second, as the timer would.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CONTAINERS_CONF="${XDG_CONFIG_HOME:-$HOME/.config}/kg/containers.conf"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if ! command -v docker-compose >/dev/null; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends docker-compose
fi

PROJECT=kgsmoke
WORK="$(mktemp -d)"
SOCKET="$WORK/podman.sock"
export DOCKER_HOST="unix://$SOCKET"
podman system service --time=0 "unix://$SOCKET" 2>"$WORK/podman-service.log" &
SERVICE_PID=$!
compose() { docker-compose -p "$PROJECT" -f "$ROOT/deploy/compose.yaml" "$@"; }
cleanup() {
  compose down -v --timeout 20 >/dev/null 2>&1 || true
  kill "$SERVICE_PID" 2>/dev/null || true
  wait "$SERVICE_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 1 50); do [ -S "$SOCKET" ] && break; sleep 0.2; done

container() { echo "${PROJECT}_$1_1"; }
compose up -d --no-build >"$WORK/up.log" 2>&1 &
UP_PID=$!
# Kick the health checks until compose has started everything.
while kill -0 "$UP_PID" 2>/dev/null; do
  for service in kg-stored kg-ingestd kg-queryd; do
    podman healthcheck run "$(container "$service")" >/dev/null 2>&1 || true
  done
  sleep 1
done
if ! wait "$UP_PID"; then cat "$WORK/up.log" >&2; exit 1; fi
for service in kg-stored kg-ingestd kg-queryd; do
  for _ in $(seq 1 30); do
    podman healthcheck run "$(container "$service")" >/dev/null 2>&1 && break
    sleep 1
  done
  podman healthcheck run "$(container "$service")" >/dev/null 2>&1 ||
    { compose logs "$service" >&2; exit 1; }
  echo "compose smoke: $service healthy"
done
# The start order compose kept: kg-stored was up before the two that depend on it.
started() { podman inspect -f '{{.State.StartedAt}}' "$(container "$1")"; }
for service in kg-ingestd kg-queryd; do
  if [[ "$(started kg-stored)" > "$(started "$service")" ]]; then
    echo "compose smoke: $service started before kg-stored" >&2; exit 1
  fi
done

podman exec -i "$(container kg-ingestd)" kgctl ingest - \
  <"$ROOT/tests/data/jinshan-2020.txt" >/dev/null
ANSWER="$(podman exec "$(container kg-queryd)" kgctl serves 长三角一体化 --no-quote)"
for task in 深化产业发展互融 细化公共服务互动 强化交通设施互通; do
  grep -q "$task" <<<"$ANSWER" || { echo "compose smoke: $task missing" >&2; echo "$ANSWER" >&2; exit 1; }
done
echo "compose smoke: serves 长三角一体化 answered through kg-queryd"

compose stop --timeout 20 >/dev/null 2>&1
for service in kg-queryd kg-ingestd kg-stored; do
  code="$(podman inspect -f '{{.State.ExitCode}}' "$(container "$service")")"
  [ "$code" = 0 ] || { echo "compose smoke: $service exited $code on stop" >&2; exit 1; }
done
echo "compose smoke: ok (health-ordered start, ingest, serves, graceful stop)"
