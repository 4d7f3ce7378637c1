"""`make bench`'s load run: many vendors autosaving at once against gunicorn with two workers.

Bounded (at most 60 s, loopback only): builds an open RFP with VENDORS bids on a database of its
own (SQLite, or PostgreSQL with `--postgres`, which starts a throw-away server), starts gunicorn with
2 workers, and gives every vendor a client thread that saves answers one after the other, as the
answer page's autosave does (htmx POST with the answer's version). Prints saves per second, p50
and p99 latency, and the lost writes: saves the server acknowledged whose value is not the one
in the database at the end.

Two phases on the same server: the offered load (150 saves a second spread evenly over the
vendors, as people type and pause), then every vendor saving back to back (the most it sustains;
there latency is the queue of clients, by Little's law vendors / rate).
Target: the offered 150 saves a second served with p99 under 150 ms; 0 lost over both phases.
Run alone: `python -m bench.load [--seconds 30] [--vendors 40] [--rate 150] [--postgres]`.
"""

import argparse
import http.cookiejar
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION = re.compile(r'name="version" id="version-(\d+)" value="(\d+)"')
PASSWORD = "load-test-password-1"


def _env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return env | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        # As in production (DEBUG keeps every query in memory), over plain http on the loopback.
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": "memory://",
        "LOGIN_FAILURE_LIMIT": "100000",
    }


def _prepare(env: dict, vendors: int) -> None:
    """Migrate and build the RFP and its vendors in a process of its own (the database is new)."""
    code = f"""
import django; django.setup()
from bench.load_data import build
build({vendors}, {PASSWORD!r})
"""
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "-m", "bench.autosave"], cwd=ROOT, env=env, check=True)


class Vendor(threading.Thread):
    """One bid manager's browser. With `interval`, a save starts every `interval` seconds (as people
    type and pause: the offered load is fixed, so latency measures the server, not a queue of
    clients); without, saves follow each other at once (the most the server sustains)."""

    def __init__(self, base: str, username: str, seconds: float, ready: threading.Barrier, interval: float = 0) -> None:
        super().__init__(daemon=True)
        self.base, self.username, self.seconds, self.ready = base, username, seconds, ready
        self.interval = interval
        self.latencies: list[float] = []
        self.acknowledged: dict[int, str] = {}  # question id -> last value the server said it saved
        self.errors = 0
        self.failure = ""
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.jar = jar

    def _csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def _log_in(self) -> None:
        self.opener.open(f"{self.base}/accounts/login/").read()
        data = urllib.parse.urlencode(
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": self._csrf()}
        ).encode()
        request = urllib.request.Request(f"{self.base}/accounts/login/", data=data, headers={"Referer": self.base})
        self.opener.open(request).read()

    def run(self) -> None:
        try:
            self._work()
        except Exception as error:  # reported with the figures: a thread that stops counts as refused
            self.failure = f"{type(error).__name__}: {error}"

    def _work(self) -> None:
        self._log_in()
        page = self.opener.open(f"{self.base}/vendor/rfps/LOAD-1/").read().decode()
        section = re.search(r"/vendor/rfps/LOAD-1/sections/(\d+)/", page).group(1)
        page = self.opener.open(f"{self.base}/vendor/rfps/LOAD-1/sections/{section}/").read().decode()
        questions = [int(q) for q in re.findall(r'id="answer-(\d+)"', page)]
        versions = {int(q): int(v) for q, v in re.findall(r'name="version" id="version-(\d+)" value="(\d+)"', page)}
        # Logging in and opening the page are not timed: every vendor starts saving at once.
        self.ready.wait()
        started = time.monotonic()
        deadline = started + self.seconds
        # Vendors start spread over one interval, so the saves arrive evenly, not in waves.
        next_start = started + self.interval * (int(self.username[-3:]) % 97) / 97
        n = 0
        while time.monotonic() < deadline:
            if self.interval:
                time.sleep(max(0.0, next_start - time.monotonic()))
                next_start += self.interval
            question = questions[n % len(questions)]
            value = f"{self.username} answer {n}: we staff the account from two sites."
            data = urllib.parse.urlencode(
                {f"answer-{question}": value, "version": versions.get(question, 0), "comment": ""}
            ).encode()
            request = urllib.request.Request(
                f"{self.base}/vendor/rfps/LOAD-1/answers/{question}/",
                data=data,
                headers={"HX-Request": "true", "X-CSRFToken": self._csrf(), "Referer": self.base},
            )
            start = time.perf_counter()
            try:
                body = self.opener.open(request, timeout=10).read().decode()
            except OSError:
                self.errors += 1
                continue
            self.latencies.append(time.perf_counter() - start)
            found = VERSION.search(body)
            if found and "Saved" in body:
                versions[question] = int(found.group(2))
                self.acknowledged[question] = value
            else:
                self.errors += 1
            n += 1


def _lost(env: dict, *phases: list[Vendor]) -> int:
    """Acknowledged saves whose value is not the one in the database, read by a process of its own:
    for each answer, the last value acknowledged (a later phase's over an earlier one's)."""
    expected = {(v.username, q): value for vendors in phases for v in vendors for q, value in v.acknowledged.items()}
    code = """
import django, json, sys; django.setup()
from vendors.models import Answer
rows = Answer.objects.filter(response__rfp__reference="LOAD-1").values_list(
    "response__vendor__slug", "question_id", "value")
print(json.dumps([[slug, q, value] for slug, q, value in rows]))
"""
    import json

    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    stored = {(slug, q): value for slug, q, value in json.loads(out.stdout.strip().splitlines()[-1])}
    return sum(1 for key, value in expected.items() if stored.get(key) != value)


def run(database_url: str, *, seconds: int, vendors: int, label: str, rate: float = 150, out=print) -> None:
    """The offered load (`rate` saves a second spread over the vendors) for `seconds`, then every
    vendor saving back to back for a third of that: the most the server sustains."""
    seconds = min(seconds, 45)
    env = _env(database_url)
    _prepare(env, vendors)
    port = 18000 + secrets.randbelow(2000)
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen(
        [gunicorn, "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        paced = _phase(base, vendors, seconds, interval=vendors / rate)
        flat_out = _phase(base, vendors, max(seconds // 3, 5), interval=0)
    finally:
        server.terminate()
        server.wait(10)
    lost = _lost(env, paced[0], flat_out[0])
    _report(out, f"{label}, {rate:.0f}/s offered", *paced, vendors, lost=None, target=rate)
    _report(out, f"{label}, flat out", *flat_out, vendors, lost=lost, target=None)


def _phase(base: str, vendors: int, seconds: float, interval: float) -> tuple[list, float]:
    ready = threading.Barrier(vendors + 1, timeout=120)
    threads = [Vendor(base, f"load-{i + 1:03d}", seconds, ready, interval) for i in range(vendors)]
    for thread in threads:
        thread.start()
    ready.wait()
    started = time.monotonic()
    for thread in threads:
        thread.join(seconds + 30)
    return threads, time.monotonic() - started


def _report(out, label: str, threads: list, elapsed: float, vendors: int, lost: int | None, target) -> None:
    latencies = sorted(x for t in threads for x in t.latencies)
    saves = len(latencies)
    p50 = statistics.median(latencies) * 1000 if latencies else float("nan")
    p99 = latencies[int(0.99 * (saves - 1))] * 1000 if latencies else float("nan")
    failures = {t.failure for t in threads if t.failure}
    if failures:
        out(f"load, {label}: {len(failures)} kinds of client failure, e.g. {sorted(failures)[0]}")
    errors = sum(t.errors for t in threads)
    rate = saves / elapsed
    figures = f"{rate:6.1f} saves/s, p50 {p50:5.1f} ms, p99 {p99:6.1f} ms, {errors} refused"
    if lost is not None:
        figures += f", {lost} lost (of every value acknowledged in both runs)"
    if target:
        verdict = "ok" if rate >= 0.98 * target and p99 < 150 and errors == 0 else "MISSED"
        figures += f"   target {target:.0f}/s with p99 < 150 ms: {verdict}"
    elif lost is not None:
        figures += f"   target 0 lost: {'ok' if lost == 0 else 'MISSED'}"
    out(
        f"load, {label:<24}: {figures} ({vendors} vendors, {elapsed:.0f} s, gunicorn 2 workers, "
        f"load average {os.getloadavg()[0]:.2f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--vendors", type=int, default=40)
    parser.add_argument("--rate", type=float, default=150, help="saves a second offered in the first phase")
    parser.add_argument("--postgres", action="store_true", help="on PostgreSQL (DATABASE_URL) instead of SQLite")
    args = parser.parse_args()
    if args.postgres:
        run(os.environ["DATABASE_URL"], seconds=args.seconds, vendors=args.vendors, label="PostgreSQL", rate=args.rate)
    else:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/load.sqlite3"
            run(url, seconds=args.seconds, vendors=args.vendors, label="SQLite", rate=args.rate)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
