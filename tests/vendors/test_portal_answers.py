"""Answering online: autosave, the visible saved state, clear errors, and conflicts between colleagues."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from rfp.models import QuestionType, Status
from tests.factories import InvitationFactory, MemberFactory, QuestionFactory, RFPFactory, UserFactory
from tests.vendors.portal_data import answer, big_rfp_questionnaire
from vendors.models import Answer, AnswerState, Response

HTMX = {"HTTP_HX_REQUEST": "true"}


def save_url(world, question):
    return reverse("vendors:save_answer", kwargs={"ref": world.rfp.reference, "question_id": question.pk})


def field(question):
    return f"answer-{question.pk}"


@pytest.fixture
def text_question(world):
    return world.questions[1]


@pytest.fixture
def percent_question(world):
    return world.questions[0]


def test_an_autosave_stores_the_answer_and_shows_the_time_it_was_saved(world, login, ana, text_question):
    client = login(ana)
    reply = client.post(
        save_url(world, text_question), {field(text_question): "Weekly governance call.", "version": "0"}, **HTMX
    )
    assert reply.status_code == 200
    saved = Answer.objects.get(response=world.responses["vendor"], question=text_question)
    assert saved.value == "Weekly governance call."
    assert saved.state == AnswerState.ANSWERED
    assert saved.version == 1 and saved.updated_by == ana
    page = reply.content.decode()
    assert "Saved" in page and f'id="version-{text_question.pk}"' in page and 'value="1"' in page


def test_saving_the_same_content_again_does_not_churn_the_version(world, login, ana, text_question):
    client = login(ana)
    client.post(save_url(world, text_question), {field(text_question): "Same.", "version": "0"}, **HTMX)
    client.post(save_url(world, text_question), {field(text_question): "Same.", "version": "1"}, **HTMX)
    assert Answer.objects.get(question=text_question, response=world.responses["vendor"]).version == 1


def test_a_value_that_is_not_a_number_gets_a_clear_message_and_saves_nothing(world, login, ana, percent_question):
    client = login(ana)
    reply = client.post(save_url(world, percent_question), {field(percent_question): "abc", "version": "0"}, **HTMX)
    assert (
        "&#x27;abc&#x27; is not a number" in reply.content.decode() or "'abc' is not a number" in reply.content.decode()
    )
    assert "Nothing was saved" in reply.content.decode()
    assert not Answer.objects.filter(question=percent_question).exists()


def test_a_bad_value_leaves_the_previous_answer_untouched(world, login, ana, percent_question):
    answer(world.responses["vendor"], percent_question, "35", ana)
    client = login(ana)
    reply = client.post(save_url(world, percent_question), {field(percent_question): "140", "version": "1"}, **HTMX)
    assert "between 0 and 100" in reply.content.decode()
    stored = Answer.objects.get(question=percent_question, response=world.responses["vendor"])
    assert stored.value == 35.0 and stored.version == 1


def test_a_save_with_a_stale_version_names_the_colleague_and_overwrites_nothing(world, login, ana, text_question):
    colleague = UserFactory(
        username="joao", first_name="João", last_name="Reis", role=Role.VENDOR, company=world.vendors["vendor"]
    )
    answer(world.responses["vendor"], text_question, "Ana's first draft.", ana)
    answer(world.responses["vendor"], text_question, "João's better draft.", colleague)
    client = login(ana)
    reply = client.post(
        save_url(world, text_question), {field(text_question): "Ana overwrites?", "version": "1"}, **HTMX
    )
    page = reply.content.decode()
    assert "A colleague (João Reis) changed this answer at" in page
    assert "reload to see their version" in page
    stored = Answer.objects.get(question=text_question, response=world.responses["vendor"])
    assert stored.value == "João's better draft." and stored.version == 2


def test_without_javascript_a_save_redirects_back_to_the_question_with_a_message(world, login, ana, text_question):
    client = login(ana)
    reply = client.post(save_url(world, text_question), {field(text_question): "Plain form post.", "version": "0"})
    assert reply.status_code == 302 and reply.url.endswith(f"#q-{text_question.pk}")


def test_multiple_choice_and_not_applicable_are_saved_as_typed_values(world, login, ana):
    section = world.sections[0]
    multi = QuestionFactory(
        section=section,
        type=QuestionType.MULTI_CHOICE,
        rubric=None,
        choices=[{"label": "Voice", "points": 1}, {"label": "Chat", "points": 1}, {"label": "E-mail", "points": 1}],
    )
    optional = QuestionFactory(section=section, required=False)
    client = login(ana)
    client.post(save_url(world, multi), {field(multi): ["Chat", "Voice"], "version": "0"}, **HTMX)
    client.post(save_url(world, optional), {field(optional): "", "not_applicable": "1", "version": "0"}, **HTMX)
    response = world.responses["vendor"]
    assert Answer.objects.get(response=response, question=multi).value == ["Voice", "Chat"]
    assert Answer.objects.get(response=response, question=optional).state == AnswerState.NOT_APPLICABLE


def test_a_vendor_saves_into_its_own_response_never_the_rivals(world, login, ravi, text_question):
    login(ravi).post(
        save_url(world, text_question), {field(text_question): "Bluepeak's answer", "version": "0"}, **HTMX
    )
    assert Answer.objects.get(question=text_question).response == world.responses["rival"]
    assert not world.responses["vendor"].answers.exists()


def test_the_answer_page_shows_guidance_and_mandatory_requirements_but_no_scoring(world, login, ana):
    question = world.questions[1]
    question.knockout = {"op": "equals", "value": "Yes"}
    question.knockout_reason = "Secret knockout reason"
    question.rubric = {"5": "Secret rubric anchor"}
    question.save()
    page = login(ana).get(
        reverse("vendors:section", kwargs={"ref": world.rfp.reference, "section_id": question.section_id})
    )
    html = page.content.decode()
    assert question.guidance in html and "Mandatory requirement" in html
    for hidden in ("Secret knockout reason", "Secret rubric anchor", "linear", "weight"):
        assert hidden not in html


def test_the_section_progress_counts_required_answers(world, login, ana, text_question, percent_question):
    answer(world.responses["vendor"], text_question, "Done.", ana)
    answer(world.responses["vendor"], percent_question, "30", ana)
    page = login(ana).get(
        reverse("vendors:section", kwargs={"ref": world.rfp.reference, "section_id": world.sections[0].pk})
    )
    assert "2 of 5 required answered" in page.content.decode()


def _queries_for_answer_page(client, paula, ana, northwind, questions: int) -> int:
    rfp = RFPFactory(status=Status.OPEN)
    MemberFactory(rfp=rfp, user=paula)
    big_rfp_questionnaire(rfp, questions, sections=2)
    InvitationFactory(rfp=rfp, vendor=northwind)
    response = Response.objects.create(rfp=rfp, vendor=northwind)
    for question in rfp.sections.first().questions.exclude(type=QuestionType.FILE)[: questions // 3]:
        Answer.objects.create(response=response, question=question, state=AnswerState.ANSWERED, value="1", version=1)
    client.force_login(ana)
    url = reverse("vendors:section", kwargs={"ref": rfp.reference, "section_id": rfp.sections.first().pk})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_answer_page_of_a_200_question_rfp_uses_as_many_queries_as_a_10_question_one(client, paula, ana, northwind):
    small = _queries_for_answer_page(client, paula, ana, northwind, 10)
    large = _queries_for_answer_page(client, paula, ana, northwind, 200)
    assert small == large
