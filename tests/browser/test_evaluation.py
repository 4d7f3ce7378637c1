"""The evaluation in the real Chromium: Omar declares no conflict, scores his section and
submits; Paula moderates the answer the panel split on; the ranking moves accordingly."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Role
from rfp.models import MemberRole
from scoring.models import Assignment, Consensus, Score
from tests.browser.support import wait_for_htmx
from tests.factories import MemberFactory, UserFactory
from tests.scoring.access_cases import prepare_evaluation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _lena_scored_everything(world):
    """A second evaluator who already submitted 4 on every answer of the first section."""
    lena = UserFactory(username="lena", first_name="Lena", last_name="Berg", role=Role.EVALUATOR)
    MemberFactory(rfp=world.rfp, user=lena, role=MemberRole.EVALUATOR)
    section = world.extra["section"]
    Assignment.objects.create(section=section, evaluator=lena, submitted_at=timezone.now())
    for answer in world.extra["answers"].values():
        if answer.question.section_id == section.pk and not answer.question.auto_rule:
            Score.objects.create(answer=answer, evaluator=lena, points=4, comment="Solid.", submitted_at=timezone.now())


def _northwind_total(page, live_server, world) -> float:
    page.goto(f"{live_server.url}/evaluation/{world.rfp.reference}/ranking/")
    cell = page.locator("table.sl-rank-table tr", has_text="Northwind Contact").locator("td.sl-total")
    return float(cell.inner_text())


def test_an_evaluator_scores_and_submits_and_moderation_moves_the_ranking(world, page, live_server, log_in):
    prepare_evaluation(world, declare=False)
    Assignment.objects.filter(section=world.sections[1]).delete()  # Omar scores one section
    _lena_scored_everything(world)
    omar, paula = world.users["evaluator"], world.users["procurement"]
    ref = world.rfp.reference

    log_in(omar)
    page.goto(f"{live_server.url}/evaluation/{ref}/")
    page.get_by_role("link", name="Declare conflicts of interest").click()
    for vendor in world.vendors.values():
        page.locator(f"#none_{vendor.pk}").check()
    page.get_by_role("button", name="Record my declarations").click()
    expect(page.get_by_text("Your declarations are recorded.")).to_be_visible()

    page.get_by_role("link", name="Score").click()
    wait_for_htmx(page)
    scoring = page.url.split("?")[0]
    scored, gave_low = 0, False
    for position in (1, 2):  # one vendor at a time
        page.goto(f"{scoring}?by=vendor&at={position}")
        wait_for_htmx(page)
        vendor = page.locator("h2.h5").inner_text()
        forms = page.locator("form.sl-score-form")
        for i in range(forms.count()):
            form = forms.nth(i)
            low = not gave_low and "Northwind" in vendor
            gave_low = gave_low or low
            if low:
                form.locator("textarea").fill("Restates the question; no evidence.")
            form.locator(f"label.sl-point-{1 if low else 4}").click()
            expect(form.locator(".sl-saved")).to_contain_text(f"Saved: {1 if low else 4}")
            scored += 1
    assert scored == 8  # four human-scored questions x two vendors
    # The others' scores stay hidden until Omar submits.
    expect(page.locator(".sl-others")).to_have_count(0)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit section").click()
    expect(page.get_by_text("Section submitted: your scores are locked.")).to_be_visible()
    expect(page.locator("form.sl-score-form")).to_have_count(0)
    expect(page.locator(".sl-others").first).to_contain_text("Lena Berg")
    assert Score.objects.filter(evaluator=omar, submitted_at__isnull=False).count() == 8

    page.context.clear_cookies()
    log_in(paula)
    before = _northwind_total(page, live_server, world)
    page.goto(f"{live_server.url}/evaluation/{ref}/moderation/")
    card = page.locator(".sl-mod-card.is-disagreement")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Northwind Contact")
    expect(card).to_contain_text("range 3")
    card.locator("select[name=points]").select_option("5")
    card.locator("textarea[name=reason]").fill("Reference call confirmed a documented programme.")
    card.get_by_role("button", name="Set consensus").click()
    expect(page.get_by_text("Consensus score saved; the individual scores are unchanged.")).to_be_visible()
    assert Consensus.objects.get().points == 5
    assert sorted(Score.objects.filter(answer=Consensus.objects.get().answer).values_list("points", flat=True)) == [
        1,
        4,
    ]

    after = _northwind_total(page, live_server, world)
    assert after > before
    expect(page.locator(".sl-heatmap-frame")).to_be_visible()


def test_the_what_if_sliders_recompute_the_ranking_without_saving(world, page, live_server, log_in):
    prepare_evaluation(world)
    now = timezone.now()
    for (key, _qid), answer in world.extra["answers"].items():
        if not answer.question.auto_rule:
            points = 5 if (key == "vendor") == (answer.question.section_id == world.sections[0].pk) else 1
            Score.objects.create(
                answer=answer, evaluator=world.users["evaluator"], points=points, comment="x", submitted_at=now
            )
    log_in(world.users["executive"])
    page.goto(f"{live_server.url}/evaluation/{world.rfp.reference}/ranking/")
    result = page.locator("#whatif-result")
    first_before = result.locator("tbody tr").first.inner_text()
    second = world.sections[1]
    slider = page.locator(f"#w{second.pk}")
    slider.fill("50")
    page.locator(f"#w{world.sections[0].pk}").fill("0")
    expect(result).to_contain_text("Effective weights")
    expect(result.locator("tbody tr").first).not_to_have_text(re.compile(re.escape(first_before.split()[1])))
    assert [float(s.weight) for s in world.rfp.sections.order_by("order", "id")] == [50.0, 50.0]
