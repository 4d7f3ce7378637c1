"""Every free text a person can send has a limit, and every way in refuses the same text the same
way: the web form, the htmx autosave, the Excel workbook, the service itself. The refusal names the
field, its length and the limit, and nothing is saved."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from config.text_rules import (
    COMMENT_MAX,
    LONG_TEXT_MAX,
    NAME_MAX,
    PERSON_NAME_MAX,
    QUESTION_TEXT_MAX,
    REASON_MAX,
    SHORT_ANSWER_MAX,
    TITLE_MAX,
)
from reports.models import Shortlist
from reports.services import shortlist_save
from rfp import services as rfp_services
from rfp.exporters import rfp_document
from rfp.importers import ImportProblems, read_questionnaire_file
from rfp.models import RFP, Clarification, QuestionType
from scoring import services as scoring_services
from scoring.models import ConflictDeclaration, Consensus, Score
from sourcing import services as sourcing_services
from tests.factories import QuestionFactory
from tests.reports.conftest import build_evaluated_rfp
from tests.scoring.access_cases import prepare_evaluation
from tests.sourcing.factories import AssessmentFactory
from tests.vendors.offline_support import add_every_question_type, answers_state, exported, fill, row_of
from tests.vendors.portal_data import answer, pdf
from vendors import offline
from vendors import services as vendor_services
from vendors.models import Answer, Attachment, InvitationStatus, Vendor

HTMX = {"HTTP_HX_REQUEST": "true"}
TEN_MEGABYTES = 10 * 1024 * 1024


def too_long(field: str, length: int, limit: int) -> str:
    return f"{field} is too long: {length:,} characters; the limit is {limit:,}."


def refusal(call) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.messages


# --- answers: the htmx autosave, the service, the workbook --------------------------------------


def test_a_five_million_character_autosave_is_refused_in_the_status_area_and_the_answer_stays(world, login, ana):
    question = world.questions[1]  # long text
    response = world.responses["vendor"]
    answer(response, question, "Weekly governance call with the client's VMO.", ana)
    reply = login(ana).post(
        reverse("vendors:save_answer", kwargs={"ref": world.rfp.reference, "question_id": question.pk}),
        {f"answer-{question.pk}": "x" * 5_000_000, "version": "1"},
        **HTMX,
    )
    assert reply.status_code == 200
    status = reply.content.decode().split(f'id="status-{question.pk}"', 1)[1].split("</div>", 1)[0]
    assert too_long("The answer", 5_000_000, LONG_TEXT_MAX) in status
    assert "Nothing was saved." in status
    stored = Answer.objects.get(response=response, question=question)
    assert (stored.value, stored.version) == ("Weekly governance call with the client's VMO.", 1)


def test_a_short_text_answer_has_its_own_smaller_limit(world, ana):
    question = QuestionFactory(section=world.sections[0], type=QuestionType.SHORT_TEXT, rubric=None)
    messages = refusal(lambda: answer(world.responses["vendor"], question, "n" * (SHORT_ANSWER_MAX + 1), ana))
    assert messages == [too_long("The answer", SHORT_ANSWER_MAX + 1, SHORT_ANSWER_MAX)]
    assert not Answer.objects.filter(question=question).exists()


def test_an_over_long_comment_on_an_answer_is_refused_and_nothing_is_saved(world, ana):
    question = world.questions[1]
    comment = "c" * (COMMENT_MAX + 1)
    messages = refusal(lambda: answer(world.responses["vendor"], question, "A fine answer.", ana, comment=comment))
    assert messages == [too_long("The comment", COMMENT_MAX + 1, COMMENT_MAX)]
    assert not Answer.objects.filter(question=question).exists()


def test_the_workbook_refuses_an_over_long_answer_cell_by_its_row_and_saves_nothing(world):
    add_every_question_type(world.rfp)
    response = world.responses["vendor"]
    workbook = exported(response)
    row = row_of(workbook, "ops-notes")
    before = answers_state(response)
    content = fill(workbook, {"ops-notes": "x" * (LONG_TEXT_MAX + 1), "ops-name": "Northwind"})
    with pytest.raises(offline.WorkbookRefused) as refused:
        offline.apply_workbook(response=response, content=content, by=world.users["vendor"])
    assert refused.value.check.problems == [
        f"Answers, row {row} (ops-notes): {too_long('The answer', LONG_TEXT_MAX + 1, LONG_TEXT_MAX)}"
    ]
    assert answers_state(response) == before, "not even the valid row was saved"


def test_the_workbook_refuses_an_over_long_comment_cell_by_its_row(world):
    add_every_question_type(world.rfp)
    response = world.responses["vendor"]
    workbook = exported(response)
    row = row_of(workbook, "ops-name")
    content = fill(workbook, comments={"ops-name": "c" * (COMMENT_MAX + 1)})
    check = offline.check_workbook(response=response, content=content)
    assert check.problems == [f"Answers, row {row} (ops-name): {too_long('The comment', COMMENT_MAX + 1, COMMENT_MAX)}"]


def test_an_attachment_with_an_over_long_name_is_refused(world, ana):
    question = QuestionFactory(section=world.sections[0], type=QuestionType.FILE, rubric=None)
    name = "n" * (NAME_MAX - 3) + ".pdf"
    messages = refusal(
        lambda: vendor_services.attachment_add(
            response=world.responses["vendor"], question=question, upload=pdf(name), by=ana
        )
    )
    assert messages == [too_long("The file name", NAME_MAX + 1, NAME_MAX)]
    assert not Attachment.objects.exists()


# --- evaluation ---------------------------------------------------------------------------------


def test_a_ten_megabyte_score_comment_reaches_the_service_and_is_refused_and_no_score_is_saved(world, login):
    """A 10 MB form post stays under DATA_UPLOAD_MAX_MEMORY_SIZE, so the evaluator reads our
    message instead of Django's bare 400."""
    prepare_evaluation(world)
    reply = login(world.users["evaluator"]).post(
        reverse("scoring:score", kwargs={"ref": world.rfp.reference, "answer_id": world.extra["answer"].pk}),
        {"points": 3, "comment": "x" * TEN_MEGABYTES},
        **HTMX,
    )
    assert reply.status_code == 200
    assert "The comment is too long: 10,485,760 characters; the limit is 5,000." in reply.content.decode()
    assert not Score.objects.exists()


def test_an_over_long_consensus_reason_is_refused(world, paula):
    prepare_evaluation(world)
    reason = "r" * (COMMENT_MAX + 1)
    messages = refusal(
        lambda: scoring_services.consensus_set(answer=world.extra["answer"], by=paula, points=3, reason=reason)
    )
    assert messages == [too_long("The reason", COMMENT_MAX + 1, COMMENT_MAX)]
    assert not Consensus.objects.exists()


def test_an_over_long_conflict_note_is_refused_and_nothing_is_declared(world, omar):
    prepare_evaluation(world, declare=False)
    declarations = {vendor.pk: (True, "n" * (REASON_MAX + 1)) for vendor in world.vendors.values()}
    messages = refusal(
        lambda: scoring_services.conflicts_declare(rfp=world.rfp, evaluator=omar, declarations=declarations)
    )
    assert messages == [too_long("The note on the conflict", REASON_MAX + 1, REASON_MAX)]
    assert not ConflictDeclaration.objects.exists()


# --- what vendors and buyers write to each other -------------------------------------------------


def test_an_over_long_clarification_question_is_refused(world, ana, northwind):
    text = "Is Saturday cover required? " * 200
    messages = refusal(lambda: vendor_services.clarification_ask(rfp=world.rfp, vendor=northwind, by=ana, text=text))
    assert messages == [too_long("The question", len(text.strip()), QUESTION_TEXT_MAX)]
    assert not Clarification.objects.exists()


def test_an_over_long_clarification_answer_is_refused_and_the_clarification_stays(world, ana, paula, northwind):
    asked = vendor_services.clarification_ask(rfp=world.rfp, vendor=northwind, by=ana, text="Saturday cover?")
    messages = refusal(
        lambda: vendor_services.clarification_answer(
            clarification=asked, text=asked.text, answer="a" * (LONG_TEXT_MAX + 1), publish=True, by=paula
        )
    )
    assert messages == [too_long("The answer", LONG_TEXT_MAX + 1, LONG_TEXT_MAX)]
    asked.refresh_from_db()
    assert (asked.answer, asked.published_at) == ("", None)


def test_an_over_long_addendum_summary_is_refused(world, paula):
    question = world.questions[1]
    summary = "s" * (QUESTION_TEXT_MAX + 1)
    messages = refusal(
        lambda: vendor_services.addendum_edit_question(
            rfp=world.rfp, question=question, by=paula, summary=summary, text="New wording?", guidance=""
        )
    )
    assert messages == [too_long("The summary", QUESTION_TEXT_MAX + 1, QUESTION_TEXT_MAX)]
    assert not world.rfp.addenda.exists()


def test_an_over_long_decline_reason_is_refused_instead_of_cut(world, ana):
    invitation = world.rfp.invitations.get(vendor=world.vendors["vendor"])
    reason = "r" * (REASON_MAX + 1)
    messages = refusal(lambda: vendor_services.invitation_decline(invitation=invitation, reason=reason, by=ana))
    assert messages == [too_long("The reason", REASON_MAX + 1, REASON_MAX)]
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.decline_reason == ""


# --- names and titles ---------------------------------------------------------------------------


def test_an_over_long_vendor_name_is_refused(paula):
    name = "Northwind " * 21
    with pytest.raises(ValidationError) as refused:
        vendor_services.vendor_create(by=paula, name=name)
    assert refused.value.message_dict == {"name": [too_long("The company name", len(name.strip()), NAME_MAX)]}
    assert not Vendor.objects.exists()


def test_the_invite_page_shows_the_name_limit_next_to_the_field(world, login):
    reply = login(world.users["procurement"]).get(reverse("vendors:invite", kwargs={"ref": world.rfp.reference}))
    assert f'maxlength="{NAME_MAX}"' in reply.content.decode()


def test_an_over_long_person_name_is_refused(world, ana):
    messages = refusal(
        lambda: vendor_services.colleague_add(
            company=world.vendors["vendor"],
            email="joao@northwind.example.test",
            first_name="João",
            last_name="R" * (PERSON_NAME_MAX + 1),
            by=ana,
        )
    )
    assert messages == [too_long("The last name", PERSON_NAME_MAX + 1, PERSON_NAME_MAX)]


def test_an_over_long_rfp_title_is_refused_and_no_rfp_is_made(paula):
    title = "Customer service outsourcing " * 7
    with pytest.raises(ValidationError) as refused:
        rfp_services.rfp_create(by=paula, title=title, deadline=timezone.now() + timedelta(days=21))
    assert refused.value.message_dict == {"title": [too_long("The title", len(title), TITLE_MAX)]}
    assert not RFP.objects.exists()


def test_the_builder_refuses_over_long_guidance(draft_rfp, paula):
    question = draft_rfp.sections.first().questions.first()
    messages = refusal(
        lambda: rfp_services.question_save(question=question, by=paula, guidance="g" * (QUESTION_TEXT_MAX + 1))
    )
    assert messages == [too_long("The guidance", QUESTION_TEXT_MAX + 1, QUESTION_TEXT_MAX)]
    question.refresh_from_db()
    assert question.guidance == "Give evidence."


def test_an_imported_questionnaire_with_an_over_long_section_title_is_refused(draft_rfp):
    document = rfp_document(draft_rfp)
    document["sections"][0]["title"] = "T" * (TITLE_MAX + 1)
    with pytest.raises(ImportProblems) as refused:
        read_questionnaire_file("questionnaire.json", json.dumps(document).encode())
    assert refused.value.problems == [
        f"Section 1 ({'T' * 80}…): {too_long('The section title', TITLE_MAX + 1, TITLE_MAX)}"
    ]


def test_an_over_long_assessment_context_is_refused(paula):
    assessment = AssessmentFactory(owner=paula)
    messages = refusal(
        lambda: sourcing_services.assessment_update(assessment=assessment, by=paula, context="c" * (LONG_TEXT_MAX + 1))
    )
    assert messages == [too_long("The context", LONG_TEXT_MAX + 1, LONG_TEXT_MAX)]
    assessment.refresh_from_db()
    assert assessment.context == ""


def test_an_over_long_shortlist_rationale_is_refused(paula, omar, dana):
    rfp, vendors = build_evaluated_rfp(procurement=paula, evaluators=[omar], executive=dana)
    rationale = "r" * (COMMENT_MAX + 1)
    messages = refusal(
        lambda: shortlist_save(
            rfp=rfp, by=paula, vendor_ids=[vendors["Harbor Premium Contact"].pk], rationale=rationale
        )
    )
    assert messages == [too_long("The rationale", COMMENT_MAX + 1, COMMENT_MAX)]
    assert not Shortlist.objects.exists()
