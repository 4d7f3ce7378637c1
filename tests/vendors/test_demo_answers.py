"""Demo answers: complete, valid, consistent with the vendor's profile and different between vendors."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rfp import services as rfp_services
from rfp.demo import VENDORS
from rfp.models import QuestionType, Status
from tests.factories import InvitationFactory, VendorFactory
from vendors import selectors
from vendors.answer_values import clean_answer
from vendors.demo import record_demo_submission, seed_demo_answers, tiny_pdf
from vendors.models import AnswerState, Attachment, Response, ResponseStatus


@pytest.fixture
def bank_rfp(paula):
    rfp_services.bank_load()
    rfp = rfp_services.rfp_create_from_bank(
        by=paula, title="Customer service outsourcing 2027", deadline=timezone.now() + timedelta(days=20)
    )
    rfp.status = Status.OPEN
    rfp.save()
    return rfp


def response_for(rfp, spec):
    vendor = VendorFactory(
        name=spec["name"],
        country=spec["country"],
        sites=spec["sites"],
        languages=spec["languages"],
        seats=spec["seats"],
    )
    InvitationFactory(rfp=rfp, vendor=vendor)
    return Response.objects.create(rfp=rfp, vendor=vendor)


def by_key(response):
    return {a.question.key: a for a in response.answers.select_related("question")}


def test_a_complete_demo_response_answers_every_question_validly(bank_rfp, paula):
    spec = VENDORS[0]
    response = response_for(bank_rfp, spec)
    count = seed_demo_answers(response, spec["answers"], paula)
    questions = list(bank_rfp.sections.all().values_list("questions", flat=True))
    assert count == len(questions)
    assert selectors.response_sheet(response).problems == []
    for answer in response.answers.select_related("question"):
        if answer.question.type != QuestionType.FILE:
            assert clean_answer(answer.question, answer.value) == (answer.state, answer.value)
    assert (
        Attachment.objects.filter(answer__response=response).count()
        == bank_rfp.sections.filter(questions__type=QuestionType.FILE).count()
    )


def test_profile_figures_and_knockouts_come_through(bank_rfp, paula):
    coral, atlas = VENDORS[2], VENDORS[3]
    low_cost = response_for(bank_rfp, coral)
    seed_demo_answers(low_cost, coral["answers"], paula)
    answers = by_key(low_cost)
    assert answers["turnover-01"].value == 55
    assert answers["oversight-01"].value == 25
    assert answers["pricing-01"].value == 1_590_000
    assert answers["security-01"].value == "Yes"
    assert answers["location-02"].value == "Offshore"
    no_pci = response_for(bank_rfp, atlas)
    seed_demo_answers(no_pci, atlas["answers"], paula)
    assert by_key(no_pci)["security-04"].value == "No"


def test_better_vendors_give_answers_worth_more_points(bank_rfp, paula):
    strong, weak = VENDORS[0], VENDORS[2]
    responses = {}
    for spec in (strong, weak):
        responses[spec["name"]] = response_for(bank_rfp, spec)
        seed_demo_answers(responses[spec["name"]], spec["answers"], paula)

    def points(response):
        total = 0.0
        for answer in response.answers.select_related("question"):
            question = answer.question
            if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.YES_NO) and question.auto_rule:
                total += next(c["points"] or 0 for c in question.choices if c["label"] == answer.value)
        return total

    assert points(responses[strong["name"]]) > points(responses[weak["name"]])


def test_two_vendors_never_write_the_same_long_answers(bank_rfp, paula):
    first, second = VENDORS[1], VENDORS[4]
    a, b = response_for(bank_rfp, first), response_for(bank_rfp, second)
    seed_demo_answers(a, first["answers"], paula)
    seed_demo_answers(b, second["answers"], paula)
    texts_a, texts_b = by_key(a), by_key(b)
    long_keys = [k for k, v in texts_a.items() if v.question.type == QuestionType.LONG_TEXT]
    assert long_keys
    same = [k for k in long_keys if texts_a[k].value == texts_b[k].value]
    assert not same
    assert all("lorem" not in str(v.value).lower() and "{" not in str(v.value) for v in texts_a.values())


def test_an_in_progress_demo_response_leaves_about_forty_percent_blank(bank_rfp, paula):
    spec = VENDORS[4]
    response = response_for(bank_rfp, spec)
    answered = seed_demo_answers(response, spec["answers"], paula, complete=False)
    total = bank_rfp.sections.filter(questions__isnull=False).count()
    assert 0.45 * total <= answered <= 0.75 * total
    assert response.answers.filter(state=AnswerState.ANSWERED).count() == answered


def test_a_demo_submission_freezes_the_answers(bank_rfp, paula):
    spec = VENDORS[0]
    response = response_for(bank_rfp, spec)
    seed_demo_answers(response, spec["answers"], paula)
    submission = record_demo_submission(response, paula)
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED and submission.number == 1
    assert len(submission.snapshot["answers"]) == response.answers.count()


def test_the_demo_pdf_is_a_real_pdf():
    content = tiny_pdf("Organisation chart", ["Line one", "Line (two)"])
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
