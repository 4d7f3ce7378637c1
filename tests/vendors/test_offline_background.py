"""A large offline workbook is saved by a worker on the "imports" queue: the vendor confirms the
preview, lands on the import's page and sees it saved, or refused with the reason and nothing
saved. (The suite runs the task in process as a worker would; tests/browser runs real workers.)"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jobs.models import Job, JobStatus
from tests.factories import AnswerFactory
from tests.vendors.offline_support import add_every_question_type, answers_state, exported, fill
from vendors import offline
from vendors.models import Answer
from vendors.tasks import KIND_IMPORT

CHANGES = {"ops-seats": 520, "ops-name": "Northwind Contact", "ops-fcr": 92}


@pytest.fixture
def response(world, settings):
    settings.OFFLINE_BACKGROUND_CHANGES = 3  # a "large" workbook, made small for the test
    questions = add_every_question_type(world.rfp)
    response = world.responses["vendor"]
    AnswerFactory(response=response, question=questions["ops-seats"], value=400, version=1)
    return response


def url(name: str, world, **kwargs) -> str:
    return reverse(f"vendors:{name}", kwargs={"ref": world.rfp.reference, **kwargs})


def preview(client, world, response) -> str:
    content = fill(exported(response), CHANGES)
    page = client.post(url("offline_upload", world), {"workbook": SimpleUploadedFile("answers.xlsx", content)})
    assert "Save 3 answers" in page.content.decode()
    return page.context["token"]


def confirm(client, world, token, capture):
    with capture(execute=True):
        return client.post(url("offline_confirm", world), {"token": token})


def test_a_large_workbook_is_saved_in_the_background_and_its_page_says_so(
    world, login, response, django_capture_on_commit_callbacks
):
    ana = login(world.users["vendor"])
    token = preview(ana, world, response)
    reply = confirm(ana, world, token, django_capture_on_commit_callbacks)
    job = Job.objects.get(kind=KIND_IMPORT)
    assert reply.status_code == 302 and reply["Location"] == url("offline_job", world, job_id=job.pk)
    assert job.status == JobStatus.DONE and job.requested_by == world.users["vendor"], job.message
    page = ana.get(reply["Location"]).content.decode()
    assert "Saved 3 answers from your workbook." in page
    assert url("review", world) in page
    seats = Answer.objects.get(response=response, question__key="ops-seats")
    assert (seats.value, seats.version, seats.updated_by) == (520, 2, world.users["vendor"])
    assert offline.read_stash(token) is None  # the worker removed the upload once saved
    assert "hx-get" not in page  # a finished job's page stops refreshing


def test_while_it_waits_the_page_refreshes_itself_and_shows_no_result(world, login, response):
    ana = login(world.users["vendor"])
    token = preview(ana, world, response)
    before = answers_state(response)
    reply = ana.post(url("offline_confirm", world), {"token": token})  # committed, not yet handed over
    page = ana.get(reply["Location"]).content.decode()
    assert "Waiting for a worker" in page and "hx-get" in page
    assert answers_state(response) == before
    partial = ana.get(reply["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<div id="job-status"')


def test_a_workbook_refused_by_the_worker_saves_nothing_and_says_why(
    world, login, response, django_capture_on_commit_callbacks
):
    ana = login(world.users["vendor"])
    token = preview(ana, world, response)
    before = answers_state(response)
    world.rfp.deadline = timezone.now() - datetime.timedelta(minutes=1)  # the deadline passes meanwhile
    world.rfp.save()
    reply = confirm(ana, world, token, django_capture_on_commit_callbacks)
    page = ana.get(reply["Location"]).content.decode()
    assert "Nothing was saved" in page and "Upload the workbook again" in page
    assert Job.objects.get(kind=KIND_IMPORT).status == JobStatus.FAILED
    assert answers_state(response) == before


def test_a_rival_or_the_buyer_cannot_see_the_import(world, login, response, django_capture_on_commit_callbacks):
    token = preview(login(world.users["vendor"]), world, response)
    reply = confirm(login(world.users["vendor"]), world, token, django_capture_on_commit_callbacks)
    for persona in ("rival", "procurement", "outsider"):
        assert login(world.users[persona]).get(reply["Location"]).status_code == 404


def test_a_small_workbook_is_still_saved_in_the_request(world, login, response, settings):
    settings.OFFLINE_BACKGROUND_CHANGES = 4
    ana = login(world.users["vendor"])
    token = preview(ana, world, response)
    page = ana.post(url("offline_confirm", world), {"token": token}, follow=True).content.decode()
    assert "Saved 3 answers from your workbook." in page
    assert not Job.objects.exists()
