"""GET /healthz: 200 when the database and the storage answer, 503 naming what failed; SQLite is
set up to serve a web site (WAL, a busy timeout, IMMEDIATE transactions)."""

import sqlite3
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from config import health
from config.database import SQLITE_BUSY_TIMEOUT_SECONDS, database_settings


@pytest.mark.django_db
def test_a_healthy_server_answers_200_without_a_login(client):
    reply = client.get(reverse("healthz"))
    assert reply.status_code == 200
    assert reply.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok", "storage": "ok"}}
    assert "no-cache" in reply["Cache-Control"]


def test_sqlite_is_set_up_for_a_web_site(tmp_path):
    config = database_settings(f"sqlite:///{tmp_path / 'site.sqlite3'}")
    options = config["OPTIONS"]
    assert options["timeout"] == SQLITE_BUSY_TIMEOUT_SECONDS and options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]


def test_with_these_settings_a_reader_reads_while_a_long_write_is_open(tmp_path):
    """What WAL buys: a page can read while a report or an import holds a write transaction."""
    path = tmp_path / "site.sqlite3"
    options = database_settings(f"sqlite:///{path}")["OPTIONS"]
    writer = sqlite3.connect(path, timeout=options["timeout"], isolation_level=None)
    for command in options["init_command"].split(";"):
        writer.execute(command)
    assert writer.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    writer.execute("CREATE TABLE bids (id INTEGER PRIMARY KEY, name TEXT)")
    writer.execute("INSERT INTO bids (name) VALUES ('Harbor')")
    writer.execute("BEGIN EXCLUSIVE")  # in a rollback journal this would lock every reader out
    writer.execute("INSERT INTO bids (name) VALUES ('Meridian')")
    reader = sqlite3.connect(path, timeout=0)
    assert reader.execute("SELECT name FROM bids").fetchall() == [("Harbor",)]
    writer.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM bids").fetchone() == (2,)
    reader.close()
    writer.close()


@pytest.mark.django_db
def test_a_failed_check_answers_503_and_names_the_part_without_its_error(client, monkeypatch):
    def broken() -> None:
        raise OSError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    reply = client.get(reverse("healthz"))
    assert reply.status_code == 503
    assert reply.json() == {"status": "failed", "checks": {"database": "failed", "broker": "ok", "storage": "ok"}}
    assert "refused" not in reply.content.decode()


def test_gunicorn_serves_the_app_with_two_workers_and_the_health_check_passes(tmp_path):
    """The production web server, as the README deploys it, on a database and broker of its own."""
    import json
    import subprocess
    import urllib.request

    from tests.browser.servers import ROOT, free_port, manage, server_env, wait_for

    database = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    env = server_env(database, "memory://", DEBUG="0", SECRET_KEY="a-test-key-" + "x" * 40, ALLOWED_HOSTS="127.0.0.1")
    env |= {"SECURE_SSL_REDIRECT": "0", "MEDIA_ROOT": str(tmp_path / "media")}
    manage(env, "migrate", "--noinput", "-v", "0")
    port = free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen(
        [gunicorn, "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:

        def healthy() -> bool:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as reply:
                    return reply.status == 200
            except OSError:
                return False

        wait_for(healthy, 30, "gunicorn answering /healthz")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as reply:
            assert json.load(reply) == {"status": "ok", "checks": {"database": "ok", "broker": "ok", "storage": "ok"}}
    finally:
        server.terminate()
        server.wait(10)


def test_the_browser_s_favicon_request_finds_the_shortlist_icon(client):
    from django.contrib.staticfiles import finders

    reply = client.get("/favicon.ico")
    assert reply.status_code == 301
    assert reply["Location"].endswith("img/favicon.svg")
    assert finders.find("img/favicon.svg")
