"""Keyboard alone: a vendor answers and submits, an evaluator scores and submits a section, procurement
publishes an RFP, with Tab, arrows, Space and Enter only, and every control shows where the focus is."""

import re

import pytest
from playwright.sync_api import expect

from rfp.models import Status
from scoring.models import Score
from tests.browser.support import wait_for_htmx
from tests.scoring.access_cases import prepare_evaluation
from vendors.models import ResponseStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 250
# The focus ring a sighted keyboard user follows: an outline or a box shadow on the focused control.
FOCUS_SHOWN = """() => {
  const element = document.activeElement;
  if (element === document.body) return true;  // Tab went past the last control, to the browser
  const target = element.matches('.btn-check') ? element.nextElementSibling : element;
  const style = getComputedStyle(target);
  return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
}"""


def tab_to(page, selector: str) -> None:
    """Press Tab until the focus is on `selector`, checking on the way that every stop shows focus."""
    hidden = []
    target = page.locator(selector).first
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if not page.evaluate(FOCUS_SHOWN):
            hidden.append(page.evaluate("document.activeElement.outerHTML.slice(0, 120)"))
        if target.evaluate("element => element === document.activeElement"):
            assert not hidden, f"focus not shown on: {hidden}"
            return
    raise AssertionError(f"Tab never reached {selector}")


def log_in_by_keyboard(page, live_server, user) -> None:
    from tests.factories import PASSWORD

    page.goto(f"{live_server.url}/accounts/login/")
    tab_to(page, "input[name=username]")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def accept_confirmations(page) -> None:
    page.on("dialog", lambda dialog: dialog.accept())


def test_a_vendor_answers_and_submits_with_the_keyboard(world, page, live_server, ana):
    log_in_by_keyboard(page, live_server, ana)
    response = world.responses["vendor"]
    questions = world.questions
    for section in world.sections:
        page.goto(f"{live_server.url}/vendor/rfps/{world.rfp.reference}/sections/{section.pk}/")
        wait_for_htmx(page)
        for question in section.questions.order_by("order", "id"):
            tab_to(page, f"#answer-{question.pk}")
            page.keyboard.type("32" if question.auto_rule else "We run a documented, audited practice.")
            expect(page.locator(f"#status-{question.pk}")).to_contain_text(re.compile(r"Saved \d\d:\d\d"))
    page.goto(f"{live_server.url}/vendor/rfps/{world.rfp.reference}/review/")
    accept_confirmations(page)
    tab_to(page, "button:has-text('Submit response')")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Submitted: version 1")).to_be_visible()
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED
    assert response.answers.count() == len(questions)


def test_an_evaluator_scores_question_by_question_with_the_keyboard(world, page, live_server):
    """Unscored filter, J to the next answer, 3 to score it (saved at once, and said so), N to the
    next question, then Submit: the keys the page lists."""
    prepare_evaluation(world)
    omar = world.users["evaluator"]
    section = world.sections[0]
    to_score = [
        a for a in world.extra["answers"].values() if a.question.section_id == section.pk and not a.question.auto_rule
    ]
    log_in_by_keyboard(page, live_server, omar)
    page.goto(f"{live_server.url}/evaluation/{world.rfp.reference}/sections/{section.pk}/?by=question&at=1")
    wait_for_htmx(page)
    tab_to(page, "a.sl-filter:has-text('Unscored')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("show=unscored"))
    for _question in range(section.questions.count()):
        wait_for_htmx(page)
        rows = page.locator("[data-answer-row]")
        for index in range(rows.count()):
            page.keyboard.press("j")
            page.keyboard.press("3")
            expect(rows.nth(index).locator(".sl-saved")).to_contain_text("Saved: 3")
        if page.locator("a[data-key=n]").count() == 0:
            break
        with page.expect_navigation():
            page.keyboard.press("n")
    expect(page.locator("#sheet-progress")).to_contain_text(f"{len(to_score)} / {len(to_score)}")
    accept_confirmations(page)
    tab_to(page, "button:has-text('Submit section')")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Section submitted: your scores are locked.")).to_be_visible()
    scores = Score.objects.filter(evaluator=omar, submitted_at__isnull=False)
    assert scores.count() == len(to_score)
    assert set(scores.values_list("points", flat=True)) == {3}


def test_procurement_publishes_with_the_keyboard(draft_rfp, paula, page, live_server):
    log_in_by_keyboard(page, live_server, paula)
    page.goto(f"{live_server.url}/rfps/{draft_rfp.reference}/")
    accept_confirmations(page)
    tab_to(page, "form.sl-publish button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"{draft_rfp.reference} is published and open for responses.")).to_be_visible()
    draft_rfp.refresh_from_db()
    assert draft_rfp.status == Status.OPEN
