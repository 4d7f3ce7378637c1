#!/usr/bin/env bash
# `make run`'s servers: a Celery worker (reports and other long work) in the background and the
# web server in the foreground, both on the broker that scripts/with_redis.sh started. Stopping
# the web server (Ctrl-C) stops the worker too.
set -euo pipefail
.venv/bin/celery -A config.celery worker -Q default,reports,imports,mail --concurrency 2 --loglevel WARNING &
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null || true' EXIT
.venv/bin/python manage.py runserver 127.0.0.1:8000
