"""A best-and-final round in the real Chromium: Paula opens it for the two leading vendors, Vistula
lowers its price and rewrites its retention answer, Omar scores that answer again (and only that
one), and the ranking shows Vistula overtaking Harbor with the reasons, in points of the total."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from negotiation.models import Round
from rfp.models import Question
from scoring import services as scoring_services
from scoring.access import get_evaluation
from scoring.models import Assignment
from tests.browser.support import wait_for_htmx
from tests.factories import UserFactory
from tests.negotiation.scenario import evaluated_tender
from vendors import services as vendor_services
from vendors.models import Response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/shots/bafo"
HARBOR, VISTULA = "Harbor Premium Contact", "Vistula Nearshore CX"


def test_a_best_and_final_round_moves_the_ranking_and_says_why(page, live_server, log_in, paula, omar, dana):
    lena = UserFactory(username="lena", first_name="Lena", last_name="Berg", role=Role.EVALUATOR)
    rfp = evaluated_tender(procurement=paula, evaluators=[omar, lena], executive=dana)
    ref = rfp.reference
    zofia = UserFactory(
        username="zofia", first_name="Zofia", last_name="Wrona", role=Role.VENDOR, company=rfp.vendors_by_name[VISTULA]
    )
    hugo = UserFactory(
        username="hugo", first_name="Hugo", last_name="Brandt", role=Role.VENDOR, company=rfp.vendors_by_name[HARBOR]
    )
    price = Question.objects.get(section__rfp=rfp, key="pricing-01")
    retention = Question.objects.get(section__rfp=rfp, key="turnover-03")

    # Paula opens round 2 for the two leaders; they are ticked already.
    log_in(paula)
    page.goto(f"{live_server.url}/evaluation/{ref}/ranking/")
    page.get_by_role("link", name="Best and final offers").click()
    expect(page.get_by_label(re.compile(f"^{HARBOR}"))).to_be_checked()
    expect(page.get_by_label(re.compile(f"^{VISTULA}"))).to_be_checked()
    page.get_by_label("Agent attrition and workforce").check()
    page.get_by_label("Note to the vendors").fill("Please sharpen your price and your retention plan.")
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_text("Round 2 is open.")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/round-open.png", full_page=True)

    # Zofia revises Vistula's price and retention answer, then submits the revision.
    page.context.clear_cookies()
    log_in(zofia)
    page.goto(f"{live_server.url}/vendor/rfps/{ref}/sections/{price.section_id}/")
    wait_for_htmx(page)
    expect(page.locator("#bafo-banner")).to_contain_text("Best and final offer, round 2")
    page.locator(f"#answer-{price.pk}").fill("1500000")
    expect(page.locator(f"#status-{price.pk}")).to_contain_text(re.compile(r"Saved \d\d:\d\d"))
    page.goto(f"{live_server.url}/vendor/rfps/{ref}/sections/{retention.section_id}/")
    wait_for_htmx(page)
    page.locator(f"#answer-{retention.pk}").fill("Career paths for every agent, a 12% retention bonus at month 9.")
    expect(page.locator(f"#status-{retention.pk}")).to_contain_text(re.compile(r"Saved \d\d:\d\d"))
    page.screenshot(path=f"{SHOTS}/vendor-revises.png", full_page=True)
    # A section the round does not open is shown, not editable.
    security = Question.objects.get(section__rfp=rfp, key="security-02")
    page.goto(f"{live_server.url}/vendor/rfps/{ref}/sections/{security.section_id}/")
    expect(page.get_by_text("This section is not open to revision in this round")).to_be_visible()
    expect(page.locator(f"#answer-{security.pk}")).to_have_count(0)
    page.goto(f"{live_server.url}/vendor/rfps/{ref}/review/")
    page.get_by_role("button", name="Submit best and final offer (round 2)").click()
    expect(page.get_by_role("alert").filter(has_text="Submitted: version")).to_be_visible()
    # Harbor confirms its offer unchanged.
    vendor_services.response_submit(response=Response.objects.get(rfp=rfp, vendor__name=HARBOR), by=hugo)

    # Paula closes the round: both vendors submitted, so it need not wait for the deadline.
    page.context.clear_cookies()
    log_in(paula)
    page.goto(f"{live_server.url}/evaluation/{ref}/rounds/2/")
    expect(page.locator("#round-status")).to_contain_text("Submitted")
    page.get_by_role("button", name="Close the round").click()
    expect(page.get_by_text("Round 2 is closed: 2 answers changed.")).to_be_visible()

    # Omar scores the revised answer again; the unchanged ones carry over.
    page.context.clear_cookies()
    log_in(omar)
    page.goto(f"{live_server.url}/evaluation/{ref}/sections/{retention.section_id}/")
    wait_for_htmx(page)
    revised = page.locator(".sl-answer-row", has_text="Career paths for every agent")
    expect(revised.locator(".sl-round-mark")).to_contain_text("Revised in round 2: score it again")
    expect(page.locator(".sl-round-mark", has_text="carries over")).to_have_count(3)  # the other bids' answers
    expect(page.locator("form.sl-score-form")).to_have_count(1)
    revised.locator("textarea").fill("Concrete now: career paths and a retention bonus.")
    revised.locator("label.sl-point-5").click()
    expect(revised.locator(".sl-saved")).to_contain_text("Saved: 5")
    page.screenshot(path=f"{SHOTS}/evaluator-rescores.png", full_page=True)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit section").click()
    expect(page.get_by_text("Section submitted: your scores are locked.")).to_be_visible()
    # Lena, the other evaluator, does the same.
    answer = Response.objects.get(rfp=rfp, vendor__name=VISTULA).answers.get(question=retention)
    assignment = Assignment.objects.get(section_id=retention.section_id, evaluator=lena)
    scoring_services.score_save(answer=answer, evaluator=lena, assignment=assignment, points=5, comment="Now concrete.")
    scoring_services.section_submit(assignment=assignment, evaluation=get_evaluation(lena, ref), by=lena)

    # The ranking shows the move and explains it.
    page.context.clear_cookies()
    log_in(paula)
    page.goto(f"{live_server.url}/evaluation/{ref}/ranking/")
    card = page.locator("#round-comparison")
    expect(card.locator("#round-winner")).to_have_text(
        f"The lead changed: {VISTULA} now ranks first, ahead of {HARBOR}."
    )
    row = card.locator("tr.sl-round-move", has_text=VISTULA)
    expect(row).to_contain_text("Moves from rank 2 to rank 1")
    # The explanation isolates titles and figures (FSI ... PDI) so that they keep their shape in RTL.
    assert re.search(
        r"Moves from rank 2 to rank 1 with \+\d+\.\d\d points: Pricing \+\d+\.\d\d \(price 3,420,000 → 1,500,000\)",
        re.sub("[\u2066-\u2069]", "", row.inner_text()),
    )
    expect(row).to_contain_text("Agent attrition and workforce")
    expect(row).to_contain_text("(1 answer revised)")
    expect(card.locator("tr.sl-round-move", has_text=HARBOR)).to_contain_text("another bid's price")
    expect(card.locator(".sl-round-changes").first).to_contain_text("1,500,000")
    page.screenshot(path=f"{SHOTS}/ranking-after-round.png", full_page=True)
    assert Round.objects.get(rfp=rfp).closed_at is not None
