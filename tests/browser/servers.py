"""Real servers for the end-to-end tests of background work, each a process of its own: a Redis
server, a database of their own (a SQLite file, or a new database on the PostgreSQL server the
suite runs on), the web server and a Celery worker. Everything is stopped and removed after."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
CELERY = str(Path(sys.executable).with_name("celery"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {timeout:.0f} s")


@contextmanager
def redis_server(folder: Path):
    """A private Redis on a Unix socket; yields the broker URL."""
    redis = shutil.which("redis-server")
    assert redis, "redis-server is not installed (make test installs it)"
    sock = folder / "redis.sock"
    process = subprocess.Popen(
        [
            redis,
            "--port",
            "0",
            "--unixsocket",
            str(sock),
            "--unixsocketperm",
            "700",
            "--save",
            "",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(sock.exists, 10, "Redis starting")
        yield f"redis+socket://{sock}"
    finally:
        process.terminate()
        process.wait(10)


@contextmanager
def own_database(folder: Path):
    """A database for the servers under test: a new PostgreSQL database when the suite runs on
    PostgreSQL (DATABASE_URL), else a SQLite file. Yields its URL."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        yield f"sqlite:///{folder / 'e2e.sqlite3'}"
        return
    import psycopg

    name = f"shortlist_e2e_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(base)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(database_url: str, broker_url: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_", "TEST_"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
    }
    return env | extra


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


@contextmanager
def web_server(env: dict, folder: Path):
    port = free_port()
    log = open(folder / "web.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    try:
        wait_for(lambda: _answers(port), 30, "The web server starting")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)
        log.close()


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Worker:
    """A Celery worker process with one child that runs the jobs."""

    def __init__(self, env: dict, folder: Path, queues: str = "default,reports,imports,mail") -> None:
        self.log = open(folder / f"worker-{uuid.uuid4().hex[:6]}.log", "wb")  # noqa: SIM115 - closed in stop
        self.process = subprocess.Popen(
            [CELERY, "-A", "config.celery", "worker", "-Q", queues, "-c", "1", "--loglevel", "INFO"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,  # its own process group: a kill reaches the child too
        )

    def kill(self) -> None:
        """SIGKILL to the worker and its child, as an out-of-memory killer or a lost machine would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()
