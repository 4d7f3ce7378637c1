#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL server: starts a private cluster on a Unix
# socket in a temporary folder, exports DATABASE_URL, runs the command, then stops and removes
# the cluster whatever the command's outcome.
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
workdir=$(mktemp -d /tmp/shortlist-pg.XXXXXX)
owner=postgres
id -u "$owner" >/dev/null 2>&1 || owner=$(id -un)
chown "$owner" "$workdir"
as_owner() { if [ "$(id -un)" = "$owner" ]; then "$@"; else runuser -u "$owner" -- "$@"; fi; }

cleanup() {
  as_owner "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT

as_owner "$bindir/initdb" -D "$workdir/data" -U shortlist --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w \
  -o "-k $workdir -c listen_addresses='' -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start >/dev/null
export DATABASE_URL="postgres://shortlist@/shortlist?host=$workdir"
as_owner "$bindir/createdb" -h "$workdir" -U shortlist shortlist
"$@"
