"""Background work end to end, on real servers: Redis, a Celery worker process, the web server and
its own database (SQLite, or PostgreSQL when the suite runs on it). An executive asks for the
report on the page, watches its progress and downloads it; asking again reuses it. A worker killed
with SIGKILL half-way never leaves the job "in progress" and no half-made file is ever served.
Reminders that procurement sends are delivered by the worker, not by the web server."""

import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from tests.browser.servers import Worker, manage, own_database, redis_server, server_env, wait_for, web_server

pytestmark = [pytest.mark.browser]

DEMO_PASSWORD = "shortlist-demo"
RFI = "RFI-2027-001"
OPEN_RFP = "RFP-2027-002"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    folder = tmp_path_factory.mktemp("background")
    with redis_server(folder) as broker, own_database(folder) as database:
        # A job silent for 10 s has lost its worker (a healthy one reports every page it lays out).
        env = server_env(database, broker, JOB_STALE_SECONDS="10")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "seed_demo")
        with web_server(env, folder) as url:
            yield SimpleNamespace(env=env, url=url, folder=folder)


def _log_in(page, stack, username: str) -> None:
    page.goto(f"{stack.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _states_until_finished(page, timeout_s: float = 90) -> list[str]:
    """The job page's status text, read as the page refreshes itself, until the job is finished."""
    seen: list[str] = []
    for _ in range(int(timeout_s * 10)):
        text = " ".join(page.locator("#job-status").inner_text().split())
        if not seen or seen[-1] != text:
            seen.append(text)
        if text.startswith(("Ready", "Failed")):
            return seen
        page.wait_for_timeout(100)
    raise AssertionError(f"the job did not finish: {seen}")


def test_an_executive_asks_for_the_report_watches_its_progress_and_downloads_it(stack, page):
    worker = Worker(stack.env, stack.folder)
    try:
        health = page.request.get(f"{stack.url}/healthz").json()
        assert health == {"status": "ok", "checks": {"database": "ok", "broker": "ok", "storage": "ok"}}
        _log_in(page, stack, "dana")
        page.goto(f"{stack.url}/reports/{RFI}/")
        page.locator("input[name=appendix]").check()
        page.get_by_role("button", name="Download PDF").click()
        page.wait_for_url(re.compile(r"/jobs/\d+/$"))
        job_page = page.url
        states = _states_until_finished(page)
        assert states[-1].startswith("Ready"), states
        assert any(s.startswith("In progress") for s in states), states  # progress was shown
        assert any(re.search(r"Laying out page \d+|Writing \d+ pages", s) for s in states), states
        with page.expect_download() as download:
            page.locator("#job-download").click()
        with open(download.value.path(), "rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
        assert download.value.suggested_filename == f"{RFI}-executive-report.pdf"

        page.goto(f"{stack.url}/reports/{RFI}/")  # nothing changed: the same file, at once
        page.locator("input[name=appendix]").check()
        page.get_by_role("button", name="Download PDF").click()
        page.wait_for_url(re.compile(r"/jobs/\d+/$"))
        assert page.url == job_page
        expect(page.locator("#job-download")).to_be_visible()
    finally:
        worker.stop()


def test_a_worker_killed_half_way_leaves_a_failed_job_and_no_file_then_asking_again_works(stack, page):
    worker = Worker(stack.env, stack.folder)
    _log_in(page, stack, "paula")
    page.goto(f"{stack.url}/reports/{RFI}/report.pdf?lang=pl&appendix=on")
    page.wait_for_url(re.compile(r"/jobs/\d+/$"))
    file_url = page.url + "file"
    expect(page.locator("#job-status")).to_contain_text("In progress", timeout=60_000)
    worker.kill()
    assert page.request.get(file_url).status == 404  # never a half-made file
    expect(page.locator("#job-status")).to_contain_text("The worker stopped while preparing this file", timeout=60_000)
    assert page.request.get(file_url).status == 404

    replacement = Worker(stack.env, stack.folder)
    try:
        page.get_by_role("link", name="Ask again").click()
        page.wait_for_url(re.compile(r"/jobs/\d+/$"))
        assert page.url + "file" != file_url
        assert _states_until_finished(page)[-1].startswith("Ready")
        assert page.request.get(page.url + "file").status == 200
    finally:
        replacement.stop()


def test_reminders_are_handed_to_the_mail_queue_and_the_worker_delivers_them(stack, page):
    outbox = stack.folder / "outbox"
    _log_in(page, stack, "paula")
    page.goto(f"{stack.url}/vendor/rfps/{OPEN_RFP}/invitations/")
    page.get_by_role("button", name="Send reminders").click()
    expect(page.locator(".alert-success")).to_contain_text("A reminder is on its way to")
    assert not outbox.exists()  # the web server sent nothing itself

    # The worker's mail backend writes each message to a file, so the test reads what it sent.
    worker = Worker(
        stack.env
        | {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": str(outbox)},
        stack.folder,
        queues="mail",
    )
    try:
        wait_for(lambda: outbox.exists() and any(outbox.iterdir()), 60, "The worker delivering the reminders")
        wait_for(lambda: sum(f.read_text().count("Subject: Reminder") for f in outbox.iterdir()) >= 2, 30, "both")
        text = "".join(f.read_text() for f in outbox.iterdir())
        assert f"Reminder: your response to {OPEN_RFP} is not submitted yet" in text
    finally:
        worker.stop()
