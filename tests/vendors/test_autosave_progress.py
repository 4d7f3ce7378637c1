"""An autosave reads only what it sends back: the answer it saves and the section counts, never
the questionnaire. Its counts are the answer page's counts."""

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rfp.models import QuestionType, Status
from tests.factories import InvitationFactory, MemberFactory, RFPFactory
from tests.vendors.portal_data import big_rfp_questionnaire
from vendors import selectors
from vendors.models import Answer, AnswerState, Attachment, Response


def _bid(paula, northwind, questions: int = 60):
    rfp = RFPFactory(status=Status.OPEN)
    MemberFactory(rfp=rfp, user=paula)
    big_rfp_questionnaire(rfp, questions, sections=3)
    InvitationFactory(rfp=rfp, vendor=northwind)
    return rfp, Response.objects.create(rfp=rfp, vendor=northwind)


def test_the_autosave_counts_are_the_answer_pages_counts(db, paula, northwind):
    rfp, response = _bid(paula, northwind)
    questions = list(rfp.sections.order_by("order").first().questions.order_by("order", "id"))
    states = [AnswerState.ANSWERED, AnswerState.NOT_APPLICABLE, AnswerState.BLANK]
    for i, question in enumerate(questions[:12]):
        answer = Answer.objects.create(response=response, question=question, state=states[i % 3], value="1")
        if question.type == QuestionType.FILE and i % 2:
            attachment = Attachment(answer=answer, original_name="a.pdf", size=9)
            attachment.file.save("x", ContentFile(b"%PDF-1.4\n"), save=False)
            attachment.save()
    sheet, progress = selectors.response_sheet(response), selectors.response_progress(response)
    assert (progress.required, progress.answered_required) == (sheet.required, sheet.answered_required)
    assert [(s.required, s.answered_required) for s in progress.sections] == [
        (s.required, s.answered_required) for s in sheet.sections
    ]


def test_an_autosave_never_reads_the_questionnaire(client, paula, ana, northwind):
    rfp, response = _bid(paula, northwind, questions=200)
    question = rfp.sections.order_by("order").first().questions.filter(type=QuestionType.LONG_TEXT).first()
    client.force_login(ana)
    url = reverse("vendors:save_answer", kwargs={"ref": rfp.reference, "question_id": question.pk})
    with CaptureQueriesContext(connection) as queries:
        reply = client.post(
            url, {f"answer-{question.pk}": "We run it ourselves.", "version": "0"}, HTTP_HX_REQUEST="true"
        )
    assert reply.status_code == 200 and "Saved" in reply.content.decode()
    texts_read = [q["sql"] for q in queries if '"rfp_question"."text"' in q["sql"] and "WHERE" in q["sql"]]
    # The saved question itself is read; no query reads every question's text.
    assert all(f'"rfp_question"."id" = {question.pk}' in sql for sql in texts_read), texts_read
