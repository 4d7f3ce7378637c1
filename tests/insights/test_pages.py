"""Answer checks where people read them: beside each answer on the evaluator's page (quoting only
what the evaluator may read), as counts per vendor on the ranking, and quoted in the executive
report; run in a worker when evaluation starts and, after a best-and-final round, only for what
changed."""

import pytest
from django.urls import reverse

from insights.models import Finding
from insights.services import analyse_rfp
from jobs.models import Job, JobStatus
from rfp.models import Status
from scoring.models import Assignment
from tests.scoring.access_cases import prepare_evaluation
from vendors.models import Answer

pytestmark = pytest.mark.django_db

PARAGRAPH = (
    "Our quality team listens to five recorded contacts per agent every week, scores them against a form agreed "
    "with the client, and coaches every agent for thirty minutes on the two weakest behaviours found."
)


def _human(world, section):
    return [q for q in section.questions.order_by("order", "id") if not q.auto_rule]


def _set(world, key, question, text):
    Answer.objects.filter(response=world.responses[key], question=question).update(value=text)


def test_the_evaluator_reads_the_hint_beside_the_answer_with_what_it_may_read_quoted(world, login):
    prepare_evaluation(world, assign=False)
    first, second = world.sections
    Assignment.objects.create(section=first, evaluator=world.users["evaluator"])
    shared_question, reused_elsewhere = _human(world, first)[0], _human(world, second)[0]
    _set(world, "vendor", shared_question, PARAGRAPH)
    _set(world, "rival", shared_question, PARAGRAPH)
    _set(world, "vendor", reused_elsewhere, PARAGRAPH)
    analyse_rfp(rfp=world.rfp)
    assert Finding.objects.filter(rfp=world.rfp, code="shared_across_vendors").exists()

    page = login(world.users["evaluator"]).get(
        reverse("scoring:section", kwargs={"ref": world.rfp.reference, "section_id": first.pk}) + "?by=question&at=2"
    )
    html = page.content.decode()
    assert "Answer checks: hints for the panel, never part of a score" in html
    assert "the same passage appears in the answers of 2 vendors" in html
    assert "the same passage is reused in answers to 2 questions" in html
    assert "Our quality team listens to five recorded contacts" in html
    # The copy in the second section, which Omar does not score, is counted, not quoted.
    assert "and 1 passage in an answer you do not score" in html


def test_the_ranking_counts_the_checks_on_each_bid(world, login):
    prepare_evaluation(world)
    question = _human(world, world.sections[0])[0]
    _set(world, "vendor", question, PARAGRAPH)
    _set(world, "rival", question, PARAGRAPH)
    analyse_rfp(rfp=world.rfp)
    html = (
        login(world.users["procurement"])
        .get(reverse("scoring:ranking", kwargs={"ref": world.rfp.reference}))
        .content.decode()
    )
    assert html.count("Answer checks: 1 boilerplate, 0 evasive, 0 contradictions") == 2


def test_starting_the_evaluation_analyses_the_answers_in_a_worker(world, django_capture_on_commit_callbacks):
    from scoring import services

    prepare_evaluation(world, status=Status.CLOSED)
    question = _human(world, world.sections[0])[0]
    _set(world, "vendor", question, PARAGRAPH)
    _set(world, "rival", question, PARAGRAPH)
    with django_capture_on_commit_callbacks(execute=True):
        services.evaluation_start(rfp=world.rfp, by=world.users["procurement"])
    job = Job.objects.get(kind="insights.analyse", rfp=world.rfp)
    assert job.status == JobStatus.DONE and job.message == "1 finding."
    assert Finding.objects.filter(rfp=world.rfp, code="shared_across_vendors").count() == 1


def test_the_executive_report_quotes_the_checks_of_the_leading_bids(paula, omar, dana):
    from reports.pdf import ReportRenderer
    from tests.reports.conftest import build_evaluated_rfp
    from tests.reports.pdf_text import pdf_pages

    rfp, vendors = build_evaluated_rfp(procurement=paula, evaluators=[omar], executive=dana)
    leaders = [vendors["Harbor Premium Contact"], vendors["Vistula Nearshore CX"]]
    Answer.objects.filter(response__vendor__in=leaders, question__key="turnover-03").update(value=PARAGRAPH)
    analyse_rfp(rfp=rfp)
    _name, _type, pdf = ReportRenderer(rfp).generate()
    text = " ".join(" ".join(pdf_pages(pdf, layout=False)).split())
    assert "Answer checks" in text and "the same passage appears in the answers of 2 vendors" in text
    assert "“Our quality team listens to five recorded contacts" in text
    assert "never part of a score" in text


def test_the_quoted_passage_is_marked_inside_the_answer_and_the_vendors_markup_stays_text(world, login):
    prepare_evaluation(world)
    question = _human(world, world.sections[0])[0]
    _set(world, "vendor", question, "<b>Bold claim.</b> " + PARAGRAPH)
    _set(world, "rival", question, PARAGRAPH)
    analyse_rfp(rfp=world.rfp)
    html = (
        login(world.users["evaluator"])
        .get(
            reverse("scoring:section", kwargs={"ref": world.rfp.reference, "section_id": world.sections[0].pk})
            + "?by=question&at=2"
        )
        .content.decode()
    )
    assert "<mark>Our quality team listens to five recorded contacts" in html
    assert "&lt;b&gt;Bold claim.&lt;/b&gt;" in html and "<b>Bold claim.</b>" not in html
