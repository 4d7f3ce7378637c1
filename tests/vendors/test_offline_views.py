"""The offline workbook pages: download, upload with a preview, confirm."""

import datetime
import io

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rfp.models import AuditEntry
from tests.factories import AnswerFactory, QuestionFactory
from tests.vendors.offline_support import add_every_question_type, answers_state, exported, fill, save
from vendors import offline
from vendors.models import Answer, ResponseStatus


@pytest.fixture
def questions(world):
    return add_every_question_type(world.rfp)


@pytest.fixture
def response(world, questions):
    response = world.responses["vendor"]
    AnswerFactory(response=response, question=questions["ops-seats"], value=400, version=1)
    return response


@pytest.fixture
def ana_client(world, login):
    return login(world.users["vendor"])


@pytest.fixture
def deadline_in_an_hour(world):
    """Sessions last two weeks, so the deadline is brought close rather than travelling weeks ahead."""
    world.rfp.deadline = timezone.now() + datetime.timedelta(hours=1)
    world.rfp.save()
    return world.rfp.deadline


def url(name: str, world) -> str:
    return reverse(f"vendors:{name}", kwargs={"ref": world.rfp.reference})


def upload(client, world, content: bytes, name: str = "answers.xlsx"):
    return client.post(url("offline_upload", world), {"workbook": SimpleUploadedFile(name, content)})


def stashed_files(settings) -> list:
    folder = settings.MEDIA_ROOT / offline.STASH_DIR
    return list(folder.iterdir()) if folder.exists() else []


# --- the page and the download ---------------------------------------------------------------------


def test_the_offline_page_offers_the_download_and_the_upload_form(ana_client, world, response):
    page = ana_client.get(url("offline_upload", world))
    assert page.status_code == 200
    html = page.content.decode()
    assert url("offline_download", world) in html
    assert 'type="file"' in html
    assert "Nothing is saved" in html or "before anything is saved" in html


def test_the_download_is_an_xlsx_named_for_the_rfp_and_the_vendor(ana_client, world, response):
    download = ana_client.get(url("offline_download", world))
    assert download["Content-Type"] == offline.XLSX_CONTENT_TYPE
    assert f'filename="{world.rfp.reference}-northwind-contact-answers.xlsx"' in download["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(download.content))
    assert workbook["_key"]["B4"].value == "northwind-contact"


def test_ravis_download_contains_only_bluepeaks_answers(world, login, questions):
    AnswerFactory(response=world.responses["vendor"], question=questions["ops-name"], value="Northwind secret plan")
    AnswerFactory(response=world.responses["rival"], question=questions["ops-name"], value="Bluepeak plan")
    download = login(world.users["rival"]).get(url("offline_download", world))
    workbook = openpyxl.load_workbook(io.BytesIO(download.content))
    values = {cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row}
    assert "Bluepeak plan" in values
    assert "Northwind secret plan" not in values
    assert workbook["_key"]["B4"].value == "bluepeak-bpo"


def test_the_workbook_shows_the_deadline_in_the_users_own_zone(world, login, response):
    ana = world.users["vendor"]
    ana.timezone = "Europe/Lisbon"
    ana.save()
    download = login(ana).get(url("offline_download", world))
    workbook = openpyxl.load_workbook(io.BytesIO(download.content))
    labels = [row[0].value for row in workbook["Instructions"].iter_rows()]
    assert "Deadline (Europe/Lisbon)" in labels


# --- upload, preview, confirm ----------------------------------------------------------------------


def test_an_upload_shows_a_preview_and_saves_nothing_yet(ana_client, world, response, settings):
    before = answers_state(response)
    page = upload(ana_client, world, fill(exported(response), {"ops-seats": 520, "ops-name": "Northwind Contact"}))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Check your workbook before saving" in html
    assert "Question ops-seats?" in html
    assert "400" in html and "520" in html
    assert "Save 2 answers" in html
    assert answers_state(response) == before
    assert len(stashed_files(settings)) == 1


def test_confirming_the_preview_saves_every_change_in_one_go(ana_client, world, response, settings):
    page = upload(ana_client, world, fill(exported(response), {"ops-seats": 520, "ops-name": "Northwind Contact"}))
    token = page.context["token"]
    confirmed = ana_client.post(url("offline_confirm", world), {"token": token}, follow=True)
    assert "Saved 2 answers from your workbook." in confirmed.content.decode()
    seats = Answer.objects.get(response=response, question__key="ops-seats")
    assert (seats.value, seats.version, seats.updated_by) == (520, 2, world.users["vendor"])
    assert AuditEntry.objects.filter(action="response.offline_import", actor=world.users["vendor"]).count() == 1
    assert stashed_files(settings) == []


def test_a_preview_cannot_be_confirmed_twice(ana_client, world, response):
    token = upload(ana_client, world, fill(exported(response), {"ops-seats": 520})).context["token"]
    ana_client.post(url("offline_confirm", world), {"token": token})
    again = ana_client.post(url("offline_confirm", world), {"token": token}, follow=True)
    assert "This preview has expired or was already saved" in again.content.decode()
    assert Answer.objects.get(response=response, question__key="ops-seats").version == 2


def test_a_token_from_another_session_is_refused(ana_client, world, response, client):
    token = upload(ana_client, world, fill(exported(response), {"ops-seats": 520})).context["token"]
    client.logout()
    client.force_login(world.users["vendor"])  # a fresh session without the pending upload
    refused = client.post(url("offline_confirm", world), {"token": token}, follow=True)
    assert "This preview has expired" in refused.content.decode()
    assert Answer.objects.get(response=response, question__key="ops-seats").value == 400


def test_an_unchanged_workbook_says_no_changes_and_offers_nothing_to_save(ana_client, world, response):
    page = upload(ana_client, world, save(exported(response)))
    html = page.content.decode()
    assert "No changes:" in html
    assert page.context["token"] is None
    assert 'name="token"' not in html


def test_problems_are_listed_per_row_and_nothing_can_be_confirmed(ana_client, world, response):
    before = answers_state(response)
    page = upload(ana_client, world, fill(exported(response), {"ops-seats": "abc", "ops-name": "Northwind"}))
    html = page.content.decode()
    assert "(ops-seats): &#x27;abc&#x27; is not a number." in html
    assert "Nothing was saved. Fix these in the workbook" in html
    assert page.context["token"] is None
    assert answers_state(response) == before


def test_a_file_that_is_not_a_workbook_gets_a_clear_message(ana_client, world, response):
    page = upload(ana_client, world, b"Key,Answer\nops-seats,450\n", name="answers.csv")
    assert "This is not an Excel workbook (.xlsx)." in page.content.decode()


def test_an_empty_file_gets_a_clear_message(ana_client, world, response):
    page = upload(ana_client, world, b"")
    assert page.status_code == 200
    assert "The submitted file is empty." in page.content.decode()


def test_an_oversized_upload_is_refused_by_the_form(ana_client, world, response, settings):
    settings.MAX_UPLOAD_BYTES = 2048
    page = upload(ana_client, world, save(exported(response)))
    assert "the limit is" in page.content.decode()
    assert stashed_files(settings) == []


def test_uploads_after_the_deadline_are_refused_with_a_message(ana_client, world, response, deadline_in_an_hour):
    content = fill(exported(response), {"ops-seats": 520})
    with time_machine.travel(deadline_in_an_hour + datetime.timedelta(minutes=1)):
        page = upload(ana_client, world, content)
        assert page.status_code == 302
        shown = ana_client.get(page.url).content.decode()
    assert "The deadline passed" in shown
    assert Answer.objects.get(response=response, question__key="ops-seats").value == 400


def test_a_confirm_after_the_deadline_is_refused(ana_client, world, response, deadline_in_an_hour):
    token = upload(ana_client, world, fill(exported(response), {"ops-seats": 520})).context["token"]
    with time_machine.travel(deadline_in_an_hour + datetime.timedelta(minutes=5)):
        page = ana_client.post(url("offline_confirm", world), {"token": token})
    assert "Nothing was saved" in page.content.decode()
    assert Answer.objects.get(response=response, question__key="ops-seats").value == 400


def test_a_submitted_response_must_be_reopened_first(ana_client, world, response):
    response.status = ResponseStatus.SUBMITTED
    response.save()
    page = ana_client.get(url("offline_upload", world))
    html = page.content.decode()
    assert "Reopen it to make changes" in html
    assert 'type="file"' not in html
    posted = upload(ana_client, world, fill(exported(response), {"ops-seats": 520}))
    assert posted.status_code == 302
    assert Answer.objects.get(response=response, question__key="ops-seats").value == 400


def test_getting_the_confirm_url_just_returns_to_the_upload_page(ana_client, world, response):
    page = ana_client.get(url("offline_confirm", world))
    assert page.status_code == 302
    assert page.url == url("offline_upload", world)


# --- queries do not grow with the questionnaire ----------------------------------------------------


def _grow_questionnaire(world, count: int) -> None:
    section = world.sections[0]
    for n in range(count):
        question = QuestionFactory(section=section, key=f"extra-{n}", order=100 + n)
        AnswerFactory(response=world.responses["vendor"], question=question, value=f"answer {n}")


def _queries(client, method: str, path: str, **kwargs) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(path, **kwargs)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["offline_upload", "offline_download"])
def test_the_pages_use_as_many_queries_for_a_large_questionnaire_as_for_a_small_one(ana_client, world, response, page):
    small = _queries(ana_client, "get", url(page, world))
    _grow_questionnaire(world, 60)
    assert _queries(ana_client, "get", url(page, world)) == small


def test_the_preview_uses_as_many_queries_for_a_large_questionnaire_as_for_a_small_one(ana_client, world, response):
    def preview_queries() -> int:
        content = fill(exported(response), {"ops-seats": 999})
        return _queries(
            ana_client, "post", url("offline_upload", world), data={"workbook": SimpleUploadedFile("a.xlsx", content)}
        )

    small = preview_queries()
    _grow_questionnaire(world, 60)
    assert preview_queries() == small
