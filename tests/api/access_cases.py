"""Access-matrix cases for the API: the same people reach the same things as on the web pages,
everyone else gets 404 (401 without a login or token)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.access.matrix import BUYER_TEAM, EVERYONE, Case, rfp_ref
from tests.scoring.access_cases import EVALUATOR, PROCUREMENT, RESULT_READERS, prepare_evaluation

VENDORS = frozenset({"vendor", "rival"})


def _section(world) -> dict:
    return {"ref": world.rfp.reference, "section_id": world.extra["section"].pk}


def _human_answer(world) -> dict:
    return {"ref": world.rfp.reference, "answer_id": world.extra["answer"].pk}


def _finished_report(world) -> None:
    """The world in evaluation with a finished score matrix (a file, as a worker leaves it)."""
    from jobs.models import Job
    from jobs.services import job_finish, job_start

    prepare_evaluation(world)
    if "job" not in world.extra:
        job = Job.objects.create(kind="report.xlsx", rfp=world.rfp, params={"language": "en"})
        job_finish(job_start(job.pk), name="scores.xlsx", content_type="application/vnd.ms-excel", content=b"PK")
        world.extra["job"] = job


def _job(world) -> dict:
    return {"ref": world.rfp.reference, "job_id": world.extra["job"].pk}


def _vendor_bid(world) -> dict:
    return {"ref": world.rfp.reference, "response_id": world.responses["vendor"].pk}


def _vendor_file(world) -> dict:
    """A file on the vendor's (Northwind's) answer while the RFP is open."""
    from django.core.files.base import ContentFile

    from vendors.models import Answer, Attachment

    if "file" not in world.extra:
        answer, _created = Answer.objects.get_or_create(response=world.responses["vendor"], question=world.questions[1])
        attachment = Attachment(answer=answer, original_name="plan.pdf", size=15, content_type="application/pdf")
        attachment.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
        world.extra["file"] = attachment
    return {"ref": world.rfp.reference, "attachment_id": world.extra["file"].pk}


def _long_text_question(world) -> dict:
    return {"ref": world.rfp.reference, "question_id": world.questions[1].pk}


CASES = [
    Case("api:schema", public=True),
    Case("api:docs", public=True),
    Case("api:tokens", allowed=EVERYONE, methods=("get", "post"), expect={"post": 200}),
    # Nobody's token 999999: refused with a message on the page, for everyone alike.
    Case("api:token_revoke", kwargs=lambda w: {"token_id": 999999}, allowed=EVERYONE, methods=("post",)),
    Case("api:rfp_list", allowed=EVERYONE, api=True),  # each sees their own list (vendors: none)
    Case("api:rfp_detail", rfp_ref, allowed=BUYER_TEAM, api=True),
    Case("api:questionnaire", rfp_ref, allowed=BUYER_TEAM, api=True),
    # The bid rule: procurement and the evaluator assigned and cleared; executives read results only.
    Case("api:bid", _vendor_bid, allowed=PROCUREMENT | EVALUATOR, api=True, prepare=prepare_evaluation),
    Case("api:ranking", rfp_ref, allowed=RESULT_READERS, api=True, prepare=prepare_evaluation),
    Case("api:evaluation_answers", _section, allowed=EVALUATOR, api=True, prepare=prepare_evaluation),
    Case("api:invitations", rfp_ref, allowed=BUYER_TEAM, api=True),
    Case("api:audit", rfp_ref, allowed=frozenset({"procurement"}), api=True),
    # Not decided in the matrix world: the readers get the "no decision yet" 404, like everyone else.
    Case("api:ocds", rfp_ref, allowed=RESULT_READERS, api=True, prepare=prepare_evaluation, expect={"get": 404}),
    Case(
        "api:report_request",
        rfp_ref,
        allowed=RESULT_READERS,
        api=True,
        methods=("post",),
        prepare=prepare_evaluation,
        data=lambda w: {"kind": "xlsx"},
        expect={"post": 202},
    ),
    Case("api:report_job", _job, allowed=RESULT_READERS, api=True, prepare=_finished_report),
    Case("api:report_job_file", _job, allowed=RESULT_READERS, api=True, prepare=_finished_report),
    Case(
        "api:score_save",
        _human_answer,
        allowed=EVALUATOR,
        api=True,
        methods=("put",),
        prepare=prepare_evaluation,
        data=lambda w: {"points": 3, "comment": "Clear plan.", "version": 0},
        expect={"put": 200},
    ),
    Case("api:vendor_invitations", allowed=EVERYONE, api=True),  # a buyer's list is empty
    Case("api:vendor_answers", rfp_ref, allowed=VENDORS, api=True),
    Case(
        "api:vendor_answer_save",
        _long_text_question,
        allowed=VENDORS,
        api=True,
        methods=("put",),
        data=lambda w: {"value": "Two sites, one team.", "version": 0},
        expect={"put": 200},
    ),
    Case(
        "api:vendor_file_upload",
        _long_text_question,
        allowed=VENDORS,
        api=True,
        methods=("post",),
        data=lambda w: {"file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
        expect={"post": 201},
    ),
    # Only the vendor's own company removes its file; the rival and every buyer get 404.
    Case(
        "api:vendor_file_delete",
        _vendor_file,
        allowed=frozenset({"vendor"}),
        api=True,
        methods=("delete",),
        expect={"delete": 204},
    ),
]
