"""Submitting: only complete responses, only before the deadline (checked on the server), locked
once submitted, reopened and resubmitted as numbered versions with a snapshot of every answer."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rfp.models import AuditEntry, Status
from tests.vendors.portal_data import answer
from vendors.models import Answer, ResponseStatus, Submission

HTMX = {"HTTP_HX_REQUEST": "true"}


def fill_everything(world, user, key="vendor", text="Our answer."):
    response = world.responses[key]
    for question in world.questions:
        answer(response, question, "30" if question.auto_rule else text, user)
    return response


def post(client, world, name):
    return client.post(reverse(f"vendors:{name}", kwargs={"ref": world.rfp.reference}), follow=True)


def test_a_response_with_missing_required_answers_cannot_be_submitted(world, login, ana):
    answer(world.responses["vendor"], world.questions[1], "Only one answer.", ana)
    reply = post(login(ana), world, "submit")
    assert "answers still need attention" in reply.content.decode()
    assert not Submission.objects.exists()
    world.responses["vendor"].refresh_from_db()
    assert world.responses["vendor"].status == ResponseStatus.IN_PROGRESS


def test_the_review_page_lists_the_missing_answers_with_links(world, login, ana):
    page = login(ana).get(reverse("vendors:review", kwargs={"ref": world.rfp.reference})).content.decode()
    missing = world.questions[3]
    assert f"sections/{missing.section_id}/#q-{missing.pk}" in page
    assert "10 answers still need attention" in page


def test_submitting_freezes_a_numbered_snapshot_and_locks_the_answers(world, login, ana):
    response = fill_everything(world, ana)
    client = login(ana)
    reply = post(client, world, "submit")
    assert "Submitted: version 1" in reply.content.decode()
    submission = Submission.objects.get()
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED and response.submitted_at == submission.submitted_at
    snapshot = submission.snapshot["answers"]
    assert len(snapshot) == len(world.questions)
    assert snapshot[str(world.questions[1].pk)]["value"] == "Our answer."
    assert AuditEntry.objects.filter(action="response.submitted", rfp=world.rfp).exists()
    assert mail.outbox[-1].to == [ana.email] and "version 1" in mail.outbox[-1].subject

    question = world.questions[1]
    save = reverse("vendors:save_answer", kwargs={"ref": world.rfp.reference, "question_id": question.pk})
    locked = client.post(save, {f"answer-{question.pk}": "Changed after submitting", "version": "1"}, **HTMX)
    assert "answers are locked" in locked.content.decode()
    assert Answer.objects.get(response=response, question=question).value == "Our answer."


def test_reopening_and_resubmitting_makes_version_two_and_keeps_version_one(world, login, ana):
    response = fill_everything(world, ana)
    client = login(ana)
    post(client, world, "submit")
    post(client, world, "reopen")
    response.refresh_from_db()
    assert response.status == ResponseStatus.IN_PROGRESS
    answer(response, world.questions[1], "A better answer.", ana)
    post(client, world, "submit")
    first, second = Submission.objects.order_by("number")
    assert (first.number, second.number) == (1, 2)
    key = str(world.questions[1].pk)
    assert first.snapshot["answers"][key]["value"] == "Our answer."
    assert second.snapshot["answers"][key]["value"] == "A better answer."
    response.refresh_from_db()
    assert response.submitted_at == second.submitted_at


def test_a_submission_one_second_before_the_deadline_is_accepted(world, login, ana):
    fill_everything(world, ana)
    with time_machine.travel(world.rfp.deadline - timedelta(seconds=1)):
        post(login(ana), world, "submit")
    assert Submission.objects.count() == 1


def test_a_submission_at_the_deadline_is_refused_with_the_deadline_in_the_users_time_zone(world, login, ana):
    fill_everything(world, ana)
    ana.timezone = "Europe/Lisbon"
    ana.save()
    with time_machine.travel(world.rfp.deadline):
        reply = post(login(ana), world, "submit")
    page = reply.content.decode()
    assert "The deadline passed at" in page and "no changes are accepted" in page and "Europe/Lisbon" in page
    assert not Submission.objects.exists()


@pytest.mark.parametrize("action", ["reopen", "save"])
def test_after_the_deadline_nothing_changes(world, login, ana, action):
    world.rfp.deadline = timezone.now() + timedelta(hours=1)  # within the session's lifetime
    world.rfp.save()
    response = fill_everything(world, ana)
    client = login(ana)
    post(client, world, "submit")
    question = world.questions[1]
    with time_machine.travel(world.rfp.deadline + timedelta(minutes=5)):
        if action == "reopen":
            reply = post(client, world, "reopen")
        else:
            url = reverse("vendors:save_answer", kwargs={"ref": world.rfp.reference, "question_id": question.pk})
            reply = client.post(url, {f"answer-{question.pk}": "Late edit", "version": "1"}, **HTMX)
    assert "The deadline passed at" in reply.content.decode()
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED
    assert Answer.objects.get(response=response, question=question).value == "Our answer."


def test_a_closed_rfp_refuses_changes_even_before_its_deadline(world, login, ana):
    world.rfp.status = Status.CLOSED
    world.rfp.save()
    question = world.questions[1]
    url = reverse("vendors:save_answer", kwargs={"ref": world.rfp.reference, "question_id": question.pk})
    reply = login(ana).post(url, {f"answer-{question.pk}": "x", "version": "0"}, **HTMX)
    assert "no changes are accepted" in reply.content.decode()
    assert not Answer.objects.exists()


def test_after_the_deadline_the_answer_page_is_read_only(world, login, ana):
    fill_everything(world, ana)
    with time_machine.travel(world.rfp.deadline + timedelta(hours=1)):
        page = login(ana).get(
            reverse("vendors:section", kwargs={"ref": world.rfp.reference, "section_id": world.sections[0].pk})
        )
    html = page.content.decode()
    assert "The deadline passed at" in html and "hx-post" not in html and "Our answer." in html
