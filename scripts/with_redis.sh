#!/usr/bin/env bash
# Runs a command beside a throw-away Redis server (the Celery broker): starts a private server on
# a Unix socket in a temporary folder, exports CELERY_BROKER_URL, runs the command, then stops the
# server and removes the folder whatever the command's outcome. Installs Debian's redis-server
# when it is missing.
set -euo pipefail
command -v redis-server >/dev/null || "$(dirname "$0")/apt_install.sh" redis-server
workdir=$(mktemp -d /tmp/shortlist-redis.XXXXXX)
cleanup() {
  redis-cli -s "$workdir/redis.sock" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT
redis-server --port 0 --unixsocket "$workdir/redis.sock" --unixsocketperm 700 --save "" --appendonly no \
  --dir "$workdir" --logfile "$workdir/redis.log" --pidfile "$workdir/redis.pid" --daemonize yes
for _ in $(seq 1 50); do
  redis-cli -s "$workdir/redis.sock" ping >/dev/null 2>&1 && break
  sleep 0.1
done
export CELERY_BROKER_URL="redis+socket://$workdir/redis.sock"
"$@"
