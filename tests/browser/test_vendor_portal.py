"""A vendor's bid manager answers online in the real browser: autosave with a visible state, a
clear error for a bad number, then review and submit."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import wait_for_htmx
from vendors.models import Answer, ResponseStatus, Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/shots/portal"


def answer_section(page, section_questions):
    wait_for_htmx(page)
    for question in section_questions:
        box = page.locator(f"#answer-{question.pk}")
        if question.auto_rule:
            box.fill("abc")
            expect(page.locator(f"#status-{question.pk}")).to_contain_text("is not a number")
            box.fill("32")
        else:
            box.fill(f"We answer {question.key} with a documented, audited practice.")
        expect(page.locator(f"#status-{question.pk}")).to_contain_text(re.compile(r"Saved \d\d:\d\d"))
        expect(page.locator(f"#q-{question.pk}")).to_have_class(re.compile("is-answered"))


def test_ana_answers_sees_each_answer_saved_and_submits(world, live_server, log_in, ana):
    page = log_in(ana)
    page.goto(f"{live_server.url}/vendor/")
    expect(page.get_by_text(world.rfp.title)).to_be_visible()
    page.get_by_role("link", name="Start answering").click()  # dashboard -> the RFP's overview
    page.get_by_role("link", name="Start answering").click()  # overview -> the first section

    sections = world.sections
    for index, section in enumerate(sections):
        answer_section(page, list(section.questions.order_by("order", "id")))
        if index + 1 < len(sections):
            page.get_by_role("link", name=f"{sections[index + 1].title} ›").click()
    page.screenshot(path=f"{SHOTS}/browser-answers.png", full_page=True)

    page.get_by_role("link", name="Review and submit ›").click()
    expect(page.get_by_text("Every required answer is in")).to_be_visible()
    page.get_by_role("button", name="Submit response").click()
    expect(page.get_by_text("Submitted: version 1")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/browser-submitted.png", full_page=True)

    response = world.responses["vendor"]
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED
    assert Submission.objects.get(response=response).number == 1
    assert Answer.objects.filter(response=response).count() == len(world.questions)
    assert Answer.objects.get(response=response, question=world.questions[0]).value == 32.0
