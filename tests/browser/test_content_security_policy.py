"""Under the Content-Security-Policy (no inline script), the pages still work: htmx saves weights,
confirmations still ask, and Chromium reports no refused script or style."""

import pytest
from playwright.sync_api import expect

from rfp.models import Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_builder_works_under_the_policy_with_no_violation(draft_rfp, paula, page, live_server, log_in):
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    log_in(paula)
    page.goto(f"{live_server.url}/rfps/{draft_rfp.reference}/")
    first = draft_rfp.sections.order_by("order", "id").first()
    page.fill(f"#weight-{first.pk}", "30")
    expect(page.get_by_test_id("weight-total")).not_to_have_text("100 / 100")
    # The weight saves as typed and again when it loses focus (change); scaling reads the saved
    # weights, so both saves must be done first.
    expect(page.locator(f"#weight-feedback-{first.pk}")).to_have_text("Saved")
    page.locator(f"#weight-{first.pk}").blur()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Scale to 100").click()
    expect(page.get_by_test_id("weight-total")).to_have_text("100 / 100")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_timeout(300)
    assert asked and "Publish to invited vendors?" in asked[0]
    draft_rfp.refresh_from_db()
    assert draft_rfp.status == Status.DRAFT  # dismissed: nothing happened
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0
    assert not refused
