"""The decision in the real Chromium: Paula publishes the shortlist, Dana reads the dashboard in
Hebrew, right to left, and downloads the executive report."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from rfp.models import Status
from tests.factories import UserFactory
from tests.reports.conftest import build_evaluated_rfp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def evaluated(paula, omar, dana):
    lena = UserFactory(username="lena", first_name="Lena", last_name="Berg", role=Role.EVALUATOR)
    rfp, _vendors = build_evaluated_rfp(procurement=paula, evaluators=[omar, lena], executive=dana)
    return rfp


def test_procurement_publishes_the_shortlist_and_the_executive_downloads_the_report(
    evaluated, paula, dana, page, live_server, log_in
):
    ref = evaluated.reference
    log_in(paula)
    page.goto(f"{live_server.url}/reports/{ref}/shortlist/")
    expect(page.locator("input[name=vendors]:checked")).to_have_count(3)
    page.fill("#suggest-top", "2")
    page.locator("#suggest-top").press("Enter")
    expect(page.locator("input[name=vendors]:checked")).to_have_count(2)
    page.fill("#id_rationale", "Harbor and Vistula lead on attrition and security.")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Save and publish").click()
    expect(page.get_by_text("Shortlist published")).to_be_visible()
    expect(page.locator(".sl-rep-rationale")).to_contain_text("Harbor and Vistula lead")
    evaluated.refresh_from_db()
    assert evaluated.status == Status.DECIDED
    page.screenshot(path="/tmp/shots/reports/browser-dashboard-decided.png", full_page=True)

    page.context.clear_cookies()
    log_in(dana)
    page.context.add_cookies([{"name": "django_language", "value": "he", "url": live_server.url}])
    page.goto(f"{live_server.url}/reports/{ref}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", name="לוח בקרה למנהלים")).to_be_visible()
    page.screenshot(path="/tmp/shots/reports/browser-dashboard-he.png", full_page=True)
    page.get_by_role("button", name="הורדת PDF").click()
    page.wait_for_url(re.compile(r"/jobs/\d+/$"))
    # The worker's part, done here by the test: tests/browser/test_background_reports.py runs a
    # real worker process; this test follows the pages around it.
    from jobs.models import Job
    from reports.tasks import render_report_pdf

    job = Job.objects.get(rfp=evaluated)
    # No broker in this test: the job stays waiting (or says the queue was unreachable); the
    # test takes the worker's place.
    Job.objects.filter(pk=job.pk).update(status="queued", message="", finished_at=None)
    render_report_pdf.run(job.pk, "he")
    page.reload()  # a page that showed the job failed no longer refreshes itself
    with page.expect_download() as download_info:
        page.locator("#job-download").click()
    download = download_info.value
    assert download.suggested_filename == f"{ref}-executive-report-he.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
