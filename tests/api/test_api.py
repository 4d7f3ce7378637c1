"""The REST API with personal tokens: a vendor's token saves an answer that the web page then
shows, and is refused after the deadline with nothing changed; an evaluator's token reaches only
its assigned sections; read-only, revoked and expired tokens are refused; tokens are kept hashed."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken, TokenScope
from api.tokens import token_create
from rfp.models import AuditEntry
from tests.scoring.access_cases import prepare_evaluation
from vendors.models import Answer


def bearer(user, scope=TokenScope.WRITE, days=30) -> Client:
    """A client that sends a fresh token of `user` and has no session: the API alone."""
    _token, plain = token_create(user=user, name="Answer library", scope=scope, days=days)
    return Client(HTTP_AUTHORIZATION=f"Bearer {plain}")


def put(client, world, question, **body):
    url = reverse("api:vendor_answer_save", kwargs={"ref": world.rfp.reference, "question_id": question.pk})
    return client.put(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def question(world):
    return world.questions[1]  # a long text question


def test_a_vendor_token_saves_an_answer_that_the_answer_page_shows(world, question, login):
    ana = world.users["vendor"]
    reply = put(bearer(ana), world, question, value="We staff the account from Lisbon and Porto.", version=0)
    assert reply.status_code == 200, reply.content
    assert reply.json()["version"] == 1 and reply.json()["state"] == "answered"
    answer = Answer.objects.get(response=world.responses["vendor"], question=question)
    assert (answer.value, answer.updated_by) == ("We staff the account from Lisbon and Porto.", ana)
    page = login(ana).get(
        reverse("vendors:section", kwargs={"ref": world.rfp.reference, "section_id": question.section_id})
    )
    assert "We staff the account from Lisbon and Porto." in page.content.decode()
    listed = bearer(ana).get(reverse("api:vendor_answers", kwargs={"ref": world.rfp.reference})).json()
    assert next(a for a in listed if a["question_id"] == question.pk)["version"] == 1


def test_a_stale_version_is_a_conflict_that_changes_nothing(world, question):
    client = bearer(world.users["vendor"])
    put(client, world, question, value="First", version=0)
    reply = put(client, world, question, value="Second", version=0)
    assert reply.status_code == 409 and reply.json()["version"] == 1
    assert Answer.objects.get(question=question, response=world.responses["vendor"]).value == "First"


def test_after_the_deadline_the_same_call_is_refused_with_a_clear_error(world, question):
    client = bearer(world.users["vendor"])
    put(client, world, question, value="Before the deadline", version=0)
    world.rfp.deadline = timezone.now() - timedelta(minutes=1)
    world.rfp.save()
    reply = put(client, world, question, value="After the deadline", version=1)
    assert reply.status_code == 409
    assert "The deadline passed" in reply.json()["detail"]
    assert Answer.objects.get(question=question, response=world.responses["vendor"]).value == "Before the deadline"


def test_a_value_the_question_refuses_is_a_400_and_changes_nothing(world):
    percentage = world.questions[0]
    reply = put(bearer(world.users["vendor"]), world, percentage, value="most of them", version=0)
    assert reply.status_code == 400 and reply.json()["detail"]
    assert not Answer.objects.filter(question=percentage).exists()


def test_a_read_only_token_reads_but_cannot_write(world, question):
    client = bearer(world.users["vendor"], scope=TokenScope.READ)
    assert client.get(reverse("api:vendor_answers", kwargs={"ref": world.rfp.reference})).status_code == 200
    reply = put(client, world, question, value="Sneaky", version=0)
    assert reply.status_code == 403 and "read-only" in reply.json()["detail"]
    assert not Answer.objects.filter(question=question).exists()


def test_a_rival_token_never_reaches_another_companys_answers(world, question):
    put(bearer(world.users["vendor"]), world, question, value="Northwind's plan", version=0)
    ravi = bearer(world.users["rival"])
    listed = ravi.get(reverse("api:vendor_answers", kwargs={"ref": world.rfp.reference})).json()
    assert all(a["value"] != "Northwind's plan" for a in listed)  # Bluepeak's own, empty response


def test_an_evaluator_token_reads_its_assigned_section_and_nothing_else(world):
    prepare_evaluation(world, assign=False)
    from scoring.models import Assignment

    assigned, other = world.sections[0], world.sections[1]
    Assignment.objects.create(
        section=assigned, evaluator=world.users["evaluator"], assigned_by=world.users["procurement"]
    )
    client = bearer(world.users["evaluator"], scope=TokenScope.READ)

    def answers(section):
        kwargs = {"ref": world.rfp.reference, "section_id": section.pk}
        return client.get(reverse("api:evaluation_answers", kwargs=kwargs))

    reply = answers(assigned)
    assert reply.status_code == 200
    assert {a["vendor"] for a in reply.json()["answers"]} == {v.name for v in world.vendors.values()}
    assert answers(other).status_code == 404  # exactly as the web page answers
    web = Client()
    web.force_login(world.users["evaluator"])
    assert (
        web.get(reverse("scoring:section", kwargs={"ref": world.rfp.reference, "section_id": other.pk})).status_code
        == 404
    )


def test_revoked_and_expired_tokens_are_refused(world):
    paula = world.users["procurement"]
    token, plain = token_create(user=paula, name="ERP", scope=TokenScope.READ, days=30)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
    url = reverse("api:rfp_detail", kwargs={"ref": world.rfp.reference})
    assert client.get(url).json()["reference"] == world.rfp.reference
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(url).status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + timedelta(days=1))
    web = Client()
    web.force_login(paula)
    web.post(reverse("api:token_revoke", kwargs={"token_id": token.pk}))
    reply = client.get(url)
    assert reply.status_code == 401 and "revoked" in reply.json()["detail"]


def test_the_tokens_page_shows_a_new_token_once_and_keeps_only_its_hash(world, login):
    paula = world.users["procurement"]
    page = login(paula).post(reverse("api:tokens"), {"name": "Contract system", "scope": "read", "days": "90"})
    html = page.content.decode()
    plain = html.split('id="new-token"')[1].split("<code")[1].split(">")[1].split("<")[0]
    assert plain.startswith("slk_") and len(plain) > 40
    token = ApiToken.objects.get(user=paula)
    assert token.digest != plain and plain not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert plain not in login(paula).get(reverse("api:tokens")).content.decode()  # shown once
    assert AuditEntry.objects.filter(action="api_token.created", actor=paula).count() == 1


def test_the_schema_and_its_docs_page_are_served_by_the_app(client):
    schema = client.get(reverse("api:schema"))
    assert schema.status_code == 200 and b"openapi: 3.0.3" in schema.content
    docs = client.get(reverse("api:docs")).content.decode()
    assert "swagger-ui" in docs and "/static/drf_spectacular_sidecar/" in docs
    assert "<script>" not in docs  # no inline script: the site's CSP forbids it


def test_an_evaluator_token_scores_an_answer_as_the_scoring_page_does(world):
    prepare_evaluation(world)
    omar = world.users["evaluator"]
    answer = world.extra["answer"]
    client = bearer(omar)
    url = reverse("api:score_save", kwargs={"ref": world.rfp.reference, "answer_id": answer.pk})

    def score(**body):
        return client.put(url, json.dumps(body), content_type="application/json")

    refused = score(points=5, comment="", version=0)
    assert refused.status_code == 400 and "needs a comment" in refused.json()["detail"]
    saved = score(points=4, comment="Named team leaders per shift.", version=0)
    assert saved.status_code == 200 and saved.json()["version"] == 1
    stale = score(points=2, comment="Changed my mind.", version=0)
    assert stale.status_code == 409 and stale.json()["version"] == 1
    from scoring.models import Score

    assert Score.objects.get(answer=answer, evaluator=omar).points == 4
    assert AuditEntry.objects.filter(action="score.saved", actor=omar).count() == 1


def test_the_invitations_endpoint_tells_who_submitted_but_never_what(world):
    prepare_evaluation(world)
    rows = bearer(world.users["procurement"], TokenScope.READ).get(
        reverse("api:invitations", kwargs={"ref": world.rfp.reference})
    )
    assert rows.status_code == 200
    assert {(r["vendor"], r["submitted"]) for r in rows.json()} == {(v.name, True) for v in world.vendors.values()}
    assert all(
        set(r)
        == {
            "vendor",
            "email",
            "status",
            "decline_reason",
            "invited_at",
            "reminded_at",
            "submitted",
            "submission_number",
        }
        for r in rows.json()
    )


def test_a_vendor_sees_its_own_invitations_only(world):
    mine = bearer(world.users["vendor"], TokenScope.READ).get(reverse("api:vendor_invitations")).json()
    assert [row["rfp"] for row in mine] == [world.rfp.reference]
    assert bearer(world.users["procurement"], TokenScope.READ).get(reverse("api:vendor_invitations")).json() == []


def test_an_executive_token_asks_for_the_pdf_follows_the_job_and_downloads_the_file(world, settings):
    prepare_evaluation(world)
    from reports.tasks import render_report_pdf

    client = bearer(world.users["executive"], TokenScope.READ)
    asked = client.post(
        reverse("api:report_request", kwargs={"ref": world.rfp.reference}),
        json.dumps({"kind": "pdf", "language": "pl"}),
        content_type="application/json",
    )
    assert asked.status_code == 403  # asking for a file makes one: a read-only token may not
    client = bearer(world.users["executive"])
    asked = client.post(
        reverse("api:report_request", kwargs={"ref": world.rfp.reference}),
        json.dumps({"kind": "pdf", "language": "pl"}),
        content_type="application/json",
    )
    assert asked.status_code == 202 and asked.json()["status"] == "queued" and asked.json()["file"] is None
    job_id = asked.json()["id"]
    file_url = reverse("api:report_job_file", kwargs={"ref": world.rfp.reference, "job_id": job_id})
    assert client.get(file_url).status_code == 404  # nothing before the job is done
    render_report_pdf(job_id, "en")  # as a worker would
    job = client.get(reverse("api:report_job", kwargs={"ref": world.rfp.reference, "job_id": job_id})).json()
    assert job["status"] == "done" and job["file"] == file_url and len(job["sha256"]) == 64
    download = client.get(file_url)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")
    again = client.post(
        reverse("api:report_request", kwargs={"ref": world.rfp.reference}),
        json.dumps({"kind": "pdf", "language": "pl"}),
        content_type="application/json",
    )
    assert again.json()["id"] == job_id and again.json()["status"] == "done"  # nothing changed: reused


def test_a_report_request_in_an_unknown_language_is_refused(world):
    prepare_evaluation(world)
    reply = bearer(world.users["procurement"]).post(
        reverse("api:report_request", kwargs={"ref": world.rfp.reference}),
        json.dumps({"kind": "pdf", "language": "xx"}),
        content_type="application/json",
    )
    assert reply.status_code == 400 and "language" in reply.json()["errors"]


def test_a_vendor_token_attaches_a_file_that_the_answer_page_lists(world, question, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    ana = world.users["vendor"]
    url = reverse("api:vendor_file_upload", kwargs={"ref": world.rfp.reference, "question_id": question.pk})
    pdf = SimpleUploadedFile("iso-27001-certificate.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    reply = bearer(ana).post(url, {"file": pdf})
    assert reply.status_code == 201 and reply.json()["name"] == "iso-27001-certificate.pdf"
    page = login(ana).get(
        reverse("vendors:section", kwargs={"ref": world.rfp.reference, "section_id": question.section_id})
    )
    assert "iso-27001-certificate.pdf" in page.content.decode()
    fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    refused = bearer(ana).post(url, {"file": fake})
    assert refused.status_code == 400 and refused.json()["detail"]


def test_the_audit_log_endpoint_pages_the_entries_for_procurement(world):
    token_create(user=world.users["procurement"], name="Audit export", scope=TokenScope.READ, days=30)
    from rfp.audit import audit_log

    for n in range(55):
        audit_log(action="rfp.updated", actor=world.users["procurement"], rfp=world.rfp, after={"n": n})
    client = bearer(world.users["procurement"], TokenScope.READ)
    url = reverse("api:audit", kwargs={"ref": world.rfp.reference})
    first = client.get(url).json()
    assert (first["page"], first["pages"], first["count"]) == (1, 2, 55)
    assert first["entries"][0]["after"] == {"n": 54} and first["entries"][0]["actor"] == "paula"
    assert len(client.get(url + "?page=2").json()["entries"]) == 5
    assert bearer(world.users["executive"], TokenScope.READ).get(url).status_code == 404


def test_the_questionnaire_endpoint_lists_sections_weights_and_questions(world):
    reply = bearer(world.users["evaluator"], scope=TokenScope.READ).get(
        reverse("api:questionnaire", kwargs={"ref": world.rfp.reference})
    )
    assert reply.status_code == 200
    body = reply.json()
    assert [s["title"] for s in body["sections"]] == [s.title for s in world.sections]
    assert [q["key"] for s in body["sections"] for q in s["questions"]] == [q.key for q in world.questions]
    assert body["version"] == world.rfp.questionnaire_version


def test_a_bid_reads_as_the_bid_rule_allows_each_token(world):
    """Procurement reads every section; the evaluator only the section assigned; with two envelopes
    nobody reads the price until the envelope opens, and reading it then is written in the log."""
    from scoring.models import Assignment
    from tests.factories import QuestionFactory
    from vendors.models import AnswerState

    world.rfp.two_envelope = True
    world.rfp.save(update_fields=["two_envelope"])
    price = QuestionFactory(section=world.sections[0], key="pricing-01", type="number", is_price=True, scored=False)
    prepare_evaluation(world, assign=False)
    Answer.objects.filter(response=world.responses["vendor"], question=price).update(
        state=AnswerState.ANSWERED, value=99.0
    )
    Assignment.objects.create(section=world.sections[0], evaluator=world.users["evaluator"])
    url = reverse("api:bid", kwargs={"ref": world.rfp.reference, "response_id": world.responses["vendor"].pk})

    mine = bearer(world.users["procurement"], scope=TokenScope.READ).get(url).json()
    assert [s["title"] for s in mine["sections"]] == [s.title for s in world.sections]
    sealed = next(a for s in mine["sections"] for a in s["answers"] if a["key"] == "pricing-01")
    assert sealed["sealed"] and sealed["value"] is None
    panel = bearer(world.users["evaluator"], scope=TokenScope.READ).get(url).json()
    assert [s["id"] for s in panel["sections"]] == [world.sections[0].pk] and panel["hidden_sections"] == 1
    assert not AuditEntry.objects.filter(action="bid.prices_read").exists()

    from scoring.models import EvaluationSettings

    EvaluationSettings.objects.update_or_create(
        rfp=world.rfp, defaults={"price_opened": True, "price_opened_for": [world.responses["vendor"].pk]}
    )
    opened = bearer(world.users["procurement"], scope=TokenScope.READ).get(url).json()
    assert next(a for s in opened["sections"] for a in s["answers"] if a["key"] == "pricing-01")["value"] == 99.0
    entry = AuditEntry.objects.filter(after__where="API").get()
    assert entry.after["vendors"] == [world.vendors["vendor"].name]


def test_a_vendor_token_removes_its_file_until_the_response_is_submitted(world, question):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from vendors.models import Attachment
    from vendors.services import response_submit

    client = bearer(world.users["vendor"])
    upload_url = reverse("api:vendor_file_upload", kwargs={"ref": world.rfp.reference, "question_id": question.pk})
    first = client.post(upload_url, {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")})
    second = client.post(upload_url, {"file": SimpleUploadedFile("b.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")})

    def delete(attachment_id):
        kwargs = {"ref": world.rfp.reference, "attachment_id": attachment_id}
        return client.delete(reverse("api:vendor_file_delete", kwargs=kwargs))

    assert delete(first.json()["id"]).status_code == 204
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["b.pdf"]
    assert (
        bearer(world.users["rival"])
        .delete(
            reverse("api:vendor_file_delete", kwargs={"ref": world.rfp.reference, "attachment_id": second.json()["id"]})
        )
        .status_code
        == 404
    )
    for q in world.questions:
        put(client, world, q, value="32" if q.auto_rule else "An answer with evidence.", version=0)
    response_submit(response=world.responses["vendor"], by=world.users["vendor"])
    refused = delete(second.json()["id"])
    assert refused.status_code == 400 and "submitted" in refused.json()["detail"]
    assert Attachment.objects.filter(pk=second.json()["id"]).exists()
