"""Attachments: only allowed types whose content matches their name, within the size limit, stored
under a name that never reuses the vendor's, and served only through the access-checked view."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.vendors.portal_data import PDF_BYTES, PNG_BYTES, add_file_question, office, pdf
from vendors import services
from vendors.models import AnswerState, Attachment

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def file_question(world):
    return add_file_question(world.rfp)


def upload(client, world, question, file, **extra):
    url = reverse("vendors:upload", kwargs={"ref": world.rfp.reference, "question_id": question.pk})
    return client.post(url, {"file": file}, **extra)


def test_a_pdf_upload_is_stored_under_a_neutral_name_and_answers_the_file_question(world, login, ana, file_question):
    reply = upload(login(ana), world, file_question, pdf("Northwind financials 2026.pdf"), **HTMX)
    assert reply.status_code == 200 and "Northwind financials 2026.pdf" in reply.content.decode()
    attachment = Attachment.objects.get()
    assert attachment.original_name == "Northwind financials 2026.pdf"
    assert "Northwind" not in attachment.file.name and attachment.file.name.startswith("attachments/")
    assert attachment.content_type == "application/pdf"
    assert attachment.answer.state == AnswerState.ANSWERED


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("setup.exe", b"MZ\x90\x00binary", "not accepted"),
        ("script.html", b"<script>alert(1)</script>", "not accepted"),
        ("report.pdf", b"<html>not a pdf</html>", "does not look like a .pdf file"),
        ("chart.png", PDF_BYTES, "does not look like a .png file"),
        ("notes.txt", b"MZ\x90\x00\x00binary", "does not look like a .txt file"),
        ("deck.docx", PDF_BYTES, "does not look like a .docx file"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_nothing_is_stored(
    world, login, ana, file_question, name, content, message
):
    reply = upload(login(ana), world, file_question, SimpleUploadedFile(name, content), **HTMX)
    assert reply.status_code == 200
    assert message in reply.content.decode()
    assert not Attachment.objects.exists()


def test_an_xlsx_in_a_docx_name_is_refused_but_a_real_docx_is_accepted(world, login, ana, file_question):
    client = login(ana)
    upload(client, world, file_question, office("plan.docx", "xl/"), **HTMX)
    assert not Attachment.objects.exists()
    upload(client, world, file_question, office("plan.docx", "word/"), **HTMX)
    assert Attachment.objects.get().original_name == "plan.docx"


def test_a_file_over_the_size_limit_is_refused(world, login, ana, file_question, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    reply = upload(login(ana), world, file_question, pdf(content=PDF_BYTES + b"0" * 2000), **HTMX)
    assert "the limit is" in reply.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("name", ["../../etc/passwd.pdf", "C:\\evil\\x.pdf", "bad\x07name.pdf", "..pdf", ".hidden.pdf"])
def test_a_file_name_with_a_path_or_control_characters_is_refused(world, ana, file_question, name):
    with pytest.raises(ValidationError, match="path or control characters"):
        services.attachment_add(
            response=world.responses["vendor"],
            question=file_question,
            upload=SimpleUploadedFile("x.pdf", PDF_BYTES),
            name=name,  # the raw name another channel (e.g. an archive) would pass on
            by=ana,
        )
    assert not Attachment.objects.exists()


def test_a_path_smuggled_into_a_web_upload_never_reaches_the_disk_or_the_stored_name(world, client, ana, file_question):
    boundary = "----shortlist"
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="file"; filename="../../../etc/cron.d/evil.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + PDF_BYTES
        + f"\r\n--{boundary}--\r\n".encode()
    )
    client.force_login(ana)
    url = reverse("vendors:upload", kwargs={"ref": world.rfp.reference, "question_id": file_question.pk})
    client.post(url, body, content_type=f"multipart/form-data; boundary={boundary}")
    attachment = Attachment.objects.get()
    assert "/" not in attachment.original_name and ".." not in attachment.original_name
    assert "evil" not in attachment.file.name and "etc" not in attachment.file.name


def test_a_supporting_file_on_an_ordinary_question_leaves_its_answer_as_it_was(world, login, ana):
    question = world.questions[1]
    upload(login(ana), world, question, SimpleUploadedFile("chart.png", PNG_BYTES), **HTMX)
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png"
    assert attachment.answer.state == AnswerState.BLANK


def test_removing_the_last_file_blanks_the_file_question(world, login, ana, file_question):
    client = login(ana)
    upload(client, world, file_question, pdf(), **HTMX)
    attachment = Attachment.objects.get()
    url = reverse("vendors:delete_attachment", kwargs={"ref": world.rfp.reference, "attachment_id": attachment.pk})
    client.post(url, **HTMX)
    assert not Attachment.objects.exists()
    assert file_question.answers.get().state == AnswerState.BLANK


def _download(client, world, attachment):
    return client.get(
        reverse("vendors:attachment", kwargs={"ref": world.rfp.reference, "attachment_id": attachment.pk})
    )


def test_the_vendor_downloads_its_own_file_as_an_attachment_that_browsers_will_not_sniff(
    world, login, ana, file_question
):
    client = login(ana)
    upload(client, world, file_question, pdf("plan.pdf"))
    reply = _download(client, world, Attachment.objects.get())
    assert reply.status_code == 200
    assert reply["Content-Disposition"].startswith("attachment;") and "plan.pdf" in reply["Content-Disposition"]
    assert reply["X-Content-Type-Options"] == "nosniff"
    assert reply["Content-Type"] == "application/pdf"
    assert b"".join(reply.streaming_content) == PDF_BYTES


def test_the_rival_and_sealed_buyers_cannot_download_but_procurement_can_after_the_deadline(
    world, login, ana, ravi, paula, omar, piotr, file_question
):
    upload(login(ana), world, file_question, pdf())
    attachment = Attachment.objects.get()
    assert _download(login(ravi), world, attachment).status_code == 404
    assert _download(login(paula), world, attachment).status_code == 404  # sealed until the deadline
    with time_machine.travel(world.rfp.deadline + timedelta(minutes=1)):
        assert _download(login(paula), world, attachment).status_code == 200
        assert _download(login(omar), world, attachment).status_code == 404  # the panel waits for the evaluation
        assert _download(login(piotr), world, attachment).status_code == 404  # not on this RFP
        assert _download(login(ravi), world, attachment).status_code == 404


def test_buyers_can_download_before_the_deadline_when_the_rfp_is_unsealed(world, login, ana, paula, file_question):
    upload(login(ana), world, file_question, pdf())
    world.rfp.sealed = False
    world.rfp.save()
    assert _download(login(paula), world, Attachment.objects.get()).status_code == 200


def test_an_upload_after_the_deadline_is_refused_with_the_deadline(world, login, ana, file_question):
    with time_machine.travel(world.rfp.deadline + timedelta(seconds=1)):
        reply = upload(login(ana), world, file_question, pdf(), **HTMX)
    assert "The deadline passed at" in reply.content.decode()
    assert not Attachment.objects.exists()
