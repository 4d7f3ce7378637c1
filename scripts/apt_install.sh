#!/usr/bin/env bash
# Installs Debian packages, waiting for another apt-get or dpkg that holds the package locks
# (an unattended upgrade, or a second `make test`) instead of failing at once.
# apt-get's own DPkg::Lock::Timeout covers the install; `apt-get update` does not wait for the
# package-list lock, so it is retried here for up to ten minutes.
set -euo pipefail
for attempt in $(seq 1 60); do
  if apt-get -o DPkg::Lock::Timeout=600 update -qq 2>/tmp/apt-update-$$.err; then
    break
  fi
  if ! grep -q "Could not get lock" /tmp/apt-update-$$.err || [ "$attempt" = 60 ]; then
    cat /tmp/apt-update-$$.err >&2
    rm -f /tmp/apt-update-$$.err
    exit 1
  fi
  [ "$attempt" = 1 ] && echo "Another apt-get holds the package lists; waiting for it..."
  sleep 10
done
rm -f /tmp/apt-update-$$.err
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >/dev/null
