"""The htmx-heavy pages under the Content-Security-Policy, in Chromium: a vendor's answer saves
itself, the builder's weight total follows the weights, the what-if recomputes the ranking, and
the browser refuses nothing on the way. A first test shows the watcher does see a refusal."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from scoring.models import Score
from tests.scoring.access_cases import prepare_evaluation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_watcher_sees_an_inline_script_refused(page, live_server, policy_violations):
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "document.title = 'ran'";
        document.body.append(script);
    }""")
    expect(page).not_to_have_title("ran")
    page.wait_for_timeout(200)  # the report arrives from the browser after the refusal
    assert any("script-src" in line for line in policy_violations)


def test_a_vendor_answer_saves_itself_with_nothing_refused(world, live_server, log_in, ana, policy_violations):
    page = log_in(ana)
    page.goto(f"{live_server.url}/vendor/")
    page.get_by_role("link", name="Start answering").click()  # dashboard -> the RFP's overview
    page.get_by_role("link", name="Start answering").click()  # overview -> the first section
    # Typing before htmx has started (it is deferred) would send nothing: wait for the page to load.
    page.wait_for_url(re.compile(r"/sections/\d+/$"), wait_until="load")
    question = next(q for q in world.sections[0].questions.order_by("order", "id") if not q.auto_rule)
    page.locator(f"#answer-{question.pk}").fill("We answer with a documented, audited practice.")
    expect(page.locator(f"#status-{question.pk}")).to_contain_text(re.compile(r"Saved \d\d:\d\d"))
    assert policy_violations == []


def test_the_builder_weight_total_follows_the_weights_with_nothing_refused(
    draft_rfp, paula, page, live_server, log_in, policy_violations
):
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
    assert policy_violations == []


def test_the_what_if_recomputes_the_ranking_with_nothing_refused(world, page, live_server, log_in, policy_violations):
    prepare_evaluation(world)
    for answer in world.extra["answers"].values():
        if not answer.question.auto_rule:
            Score.objects.create(
                answer=answer, evaluator=world.users["evaluator"], points=3, comment="x", submitted_at=timezone.now()
            )
    log_in(world.users["executive"])
    page.goto(f"{live_server.url}/evaluation/{world.rfp.reference}/ranking/")
    page.locator(f"#w{world.sections[0].pk}").fill("0")
    expect(page.locator("#whatif-result")).to_contain_text("Effective weights")
    assert policy_violations == []
