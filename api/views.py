"""The API's endpoints: thin views over the same access helpers, selectors and services as the
web pages, so that a token reaches exactly what its user reaches on the pages (404 otherwise),
and a write goes through the same validation, limits and conflict detection as the autosave."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response as ApiResponse

from api import serializers
from config.params import id_from
from jobs.models import JobStatus
from negotiation.selectors import revisions_by_question
from reports import ocds
from reports import services as report_services
from reports.access import get_report_job, get_report_rfp
from reports.tasks import KIND_PDF, KIND_XLSX
from reports.views import job_file_response
from rfp import selectors as rfp_selectors
from rfp.access import get_rfp_for_user
from rfp.audit import log_bid_prices_read
from rfp.models import RFP, Question, Status
from rfp.selectors import rfps_for_user
from scoring import selectors as scoring
from scoring import services as scoring_services
from scoring.access import RESULT_READERS, RESULT_STATUSES, get_answer_to_score, get_assignment, get_evaluation
from vendors import selectors as vendor_selectors
from vendors import services as vendor_services
from vendors.access import get_attachment_for_user, get_bid_for_user, get_response_for_user
from vendors.bid_view import bid_rule
from vendors.forms import UploadForm
from vendors.models import Answer, AnswerState, Invitation


def _rfp_data(rfp: RFP, with_sections: bool = False) -> dict:
    data = {
        name: getattr(rfp, name)
        for name in ("reference", "kind", "title", "buyer", "status", "language", "deadline", "currency")
    }
    data |= {
        "sealed": rfp.sealed,
        "two_envelope": rfp.two_envelope,
        "price_method": rfp.price_method,
        "price_formula": rfp.price_formula,
    }
    if with_sections:
        data["sections"] = [
            {"id": s.pk, "title": s.title, "weight": float(s.weight), "kind": s.kind, "questions": s.n}
            for s in rfp.sections.annotate(n=Count("questions")).order_by("order", "id")
        ]
    return data


@extend_schema(responses=serializers.RfpSerializer(many=True), summary="The RFIs and RFPs you are a member of")
@api_view(["GET"])
def rfp_list(request: Request) -> ApiResponse:
    return ApiResponse([_rfp_data(rfp) for rfp in rfps_for_user(request.user)])


@extend_schema(responses=serializers.RfpSerializer, summary="One RFI or RFP with its sections and weights")
@api_view(["GET"])
def rfp_detail(request: Request, ref: str) -> ApiResponse:
    rfp, _can_write = get_rfp_for_user(request.user, ref)
    return ApiResponse(_rfp_data(rfp, with_sections=True))


@extend_schema(
    responses=OpenApiTypes.OBJECT,
    summary="The ranking, as the ranking page shows it",
    description="The shape `manage.py rank --format json` prints: every vendor's rank, total, "
    "technical and price scores, section scores, knockouts and flags.",
)
@api_view(["GET"])
def ranking(request: Request, ref: str) -> ApiResponse:
    evaluation = get_evaluation(request.user, ref, roles=RESULT_READERS, statuses=RESULT_STATUSES)
    result = scoring.ranking_for_rfp(evaluation.rfp, settings=evaluation.settings)
    return ApiResponse(result.as_json() | {"error": result.error})


@extend_schema(
    parameters=[
        OpenApiParameter("question", int, description="The question's position in the section, from 1."),
        OpenApiParameter("page", int, description="The page of vendors, from 1 (25 a page)."),
    ],
    responses=serializers.EvaluationPageSerializer,
    summary="An assigned section's answers, one question across the vendors",
    description="Each answer as the scoring page shows it, with the answer checks beside it (`hints`): "
    "quotes only from passages you may read, hints that never change a score.",
)
@api_view(["GET"])
def evaluation_answers(request: Request, ref: str, section_id: int) -> ApiResponse:
    evaluation, assignment = get_assignment(request.user, ref, section_id)
    sheet = scoring.scoring_page(
        evaluation,
        assignment,
        mode="question",
        position=id_from(request.query_params.get("question")),
        filter_name="all",
        page=id_from(request.query_params.get("page")) or 1,
    )
    return ApiResponse(
        {
            "section_id": section_id,
            "question": sheet.position,
            "questions": sheet.positions,
            "page": sheet.page,
            "pages": sheet.pages,
            "answers": [
                {
                    "answer_id": cell.answer_id,
                    "vendor": cell.label,
                    "question_id": cell.question.pk,
                    "question_key": cell.question.key,
                    "state": cell.state,
                    "value": cell.value,
                    "human_scored": cell.human,
                    "own_points": cell.own.points if cell.own else None,
                    "hints": [_hint_data(hint) for hint in cell.hints],
                }
                for cell in sheet.cells
            ],
        }
    )


def _hint_data(hint) -> dict:
    """A hint as the scoring page shows it beside the answer (templates/insights/_hints.html)."""
    return {
        "kind": hint.kind,
        "label": hint.kind_label,
        "reason": hint.reason,
        "quotes": [{"text": quote.text, "own": quote.own} for quote in hint.shown_quotes],
        "repeated": hint.more,
        "not_quoted": hint.hidden_quotes,
        "not_quoted_blind": hint.other_vendor_quotes,
    }


def _answer_data(question: Question, answer) -> dict:
    return {
        "question_id": question.pk,
        "key": question.key,
        "text": question.text,
        "type": question.type,
        "required": question.required,
        "state": answer.state if answer else AnswerState.BLANK,
        "value": answer.value if answer else None,
        "comment": answer.comment if answer else "",
        "version": answer.version if answer else 0,
    }


@extend_schema(responses=serializers.AnswerSerializer(many=True), summary="Your company's answers to an RFP")
@api_view(["GET"])
def vendor_answers(request: Request, ref: str) -> ApiResponse:
    response, _can_write = get_response_for_user(request.user, ref)
    answers = {a.question_id: a for a in Answer.objects.filter(response=response)}
    entry = vendor_services.open_entry(response)
    if entry is not None:  # in a best-and-final round the company reads its own revisions
        answers |= revisions_by_question(entry)
    questions = Question.objects.filter(section__rfp_id=response.rfp_id).order_by("section__order", "order", "id")
    return ApiResponse([_answer_data(q, answers.get(q.pk)) for q in questions])


def _raw(question: Question, data: dict):
    """The value as the answer form would post it."""
    if data["not_applicable"]:
        return "n/a"
    value = data.get("value")
    if value is None:
        return [] if question.type == "multi_choice" else ""
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value)


@extend_schema(
    request=serializers.AnswerWriteSerializer,
    responses={
        200: serializers.AnswerSerializer,
        400: serializers.ProblemSerializer,
        409: serializers.ProblemSerializer,
    },
    summary="Save one answer, as the answer page's autosave does",
    description="Refused with 409 when the response is submitted, the deadline has passed, or the "
    "answer changed since the version you send (the reply carries the current version); 400 for a "
    "value the question does not accept. Nothing is saved when refused.",
)
@api_view(["PUT"])
def vendor_answer_save(request: Request, ref: str, question_id: int) -> ApiResponse:
    response, _can_write = get_response_for_user(request.user, ref, write=True)
    question = get_object_or_404(Question, pk=question_id, section__rfp_id=response.rfp_id)
    form = serializers.AnswerWriteSerializer(data=request.data)
    if not form.is_valid():
        return _form_problem(form)
    try:
        answer = vendor_services.answer_save(
            response=response,
            question=question,
            raw=_raw(question, form.validated_data),
            comment=form.validated_data["comment"],
            version=form.validated_data["version"],
            by=request.user,
        )
    except vendor_services.AnswerConflict as conflict:
        return ApiResponse({"detail": str(conflict), "version": conflict.answer.version}, status.HTTP_409_CONFLICT)
    except (vendor_services.ResponseClosed, vendor_services.ResponseLocked) as closed:
        return ApiResponse({"detail": " ".join(closed.messages)}, status.HTTP_409_CONFLICT)
    except ValidationError as error:
        return ApiResponse({"detail": " ".join(error.messages)}, status.HTTP_400_BAD_REQUEST)
    return ApiResponse(_answer_data(question, answer))


def _problem(message: str, code: int, **extra) -> ApiResponse:
    return ApiResponse({"detail": message, **extra}, code)


def _form_problem(form) -> ApiResponse:
    problems = "; ".join(f"{field}: {' '.join(map(str, errors))}" for field, errors in form.errors.items())
    return _problem(problems, status.HTTP_400_BAD_REQUEST, errors=form.errors)


@extend_schema(
    request=serializers.ScoreWriteSerializer,
    responses={
        200: serializers.ScoreSerializer,
        400: serializers.ProblemSerializer,
        409: serializers.ProblemSerializer,
    },
    summary="Save your score on an answer of an assigned section",
    description="The scoring page's rules: 0-5 points, a comment for 0, 1 and 5, until you submit the "
    "section; 409 when your score changed since the version you send (the reply carries the current one).",
)
@api_view(["PUT"])
def evaluation_score_save(request: Request, ref: str, answer_id: int) -> ApiResponse:
    _evaluation, answer, assignment = get_answer_to_score(request.user, ref, answer_id)
    form = serializers.ScoreWriteSerializer(data=request.data)
    if not form.is_valid():
        return _form_problem(form)
    data = form.validated_data
    try:
        score = scoring_services.score_save(
            answer=answer,
            evaluator=request.user,
            assignment=assignment,
            points=data["points"],
            comment=data["comment"],
            flagged=data["flagged"],
            version=data["version"],
        )
    except scoring_services.ScoreConflict as conflict:
        return _problem(str(conflict), status.HTTP_409_CONFLICT, version=conflict.score.version)
    except ValidationError as error:
        return _problem(" ".join(error.messages), status.HTTP_400_BAD_REQUEST)
    return ApiResponse(
        {
            "answer_id": answer.pk,
            "points": score.points,
            "comment": score.comment,
            "flagged": score.flagged,
            "version": score.version,
        }
    )


@extend_schema(
    responses=serializers.InvitationSerializer(many=True),
    summary="Who was invited, who declined and why, who submitted and when (never what, while sealed)",
)
@api_view(["GET"])
def invitations(request: Request, ref: str) -> ApiResponse:
    rfp, _can_write = get_rfp_for_user(request.user, ref)
    if bid_rule(request.user, rfp).blind:
        raise Http404("No such page.")  # the list names the vendors that a blind panel must not know
    return ApiResponse(
        [
            {
                "vendor": row.invitation.vendor.name,
                "email": row.invitation.email,
                "status": row.invitation.status,
                "decline_reason": row.invitation.decline_reason,
                "invited_at": row.invitation.invited_at,
                "reminded_at": row.invitation.reminded_at,
                "submitted": row.is_submitted,
                "submission_number": row.submission_number,
            }
            for row in vendor_selectors.invitation_rows(rfp)
        ]
    )


def _question_data(question: Question) -> dict:
    return {
        "id": question.pk,
        "key": question.key,
        "text": question.text,
        "type": question.type,
        "guidance": question.guidance,
        "required": question.required,
        "scored": question.scored,
        "weight": float(question.weight),
        "unit": question.unit,
        "word_limit": question.word_limit,
        "choices": question.choice_labels,
        "is_price": question.is_price,
        "knockout": bool(question.knockout),
    }


@extend_schema(
    responses=serializers.QuestionnaireSerializer,
    summary="The questionnaire: sections, weights and questions, as vendors answer it",
)
@api_view(["GET"])
def questionnaire(request: Request, ref: str) -> ApiResponse:
    rfp, _can_write = get_rfp_for_user(request.user, ref)
    questions: dict[int, list] = {}
    for question in Question.objects.filter(section__rfp=rfp).order_by("order", "id"):
        questions.setdefault(question.section_id, []).append(_question_data(question))
    sections = [
        {
            "id": s.pk,
            "key": s.key,
            "title": s.title,
            "description": s.description,
            "kind": s.kind,
            "weight": float(s.weight),
            "questions": questions.get(s.pk, []),
        }
        for s in rfp.sections.order_by("order", "id")
    ]
    return ApiResponse({"reference": rfp.reference, "version": rfp.questionnaire_version, "sections": sections})


def _bid_answer(item) -> dict:
    return {
        "question_id": item.question.pk,
        "key": item.question.key,
        "state": item.state,
        "value": None if item.sealed else item.value,
        "comment": "" if item.sealed else item.stored_comment,
        "sealed": item.sealed,
        "files": [{"id": a.pk, "name": a.shown_name, "size": a.size} for a in item.attachments],
    }


@extend_schema(
    responses=serializers.BidSerializer,
    summary="One vendor's response, cut down to what you may read of it",
    description="The web's bid rule decides: nothing while sealed; an evaluator reads only the sections "
    "assigned, only of vendors cleared of conflict, under aliases in a blind evaluation; prices only once "
    "the envelope is open for that bid. Reading an unsealed price is written in the audit log. 404 for a "
    "response you may not read at all.",
)
@api_view(["GET"])
def bid(request: Request, ref: str, response_id: int) -> ApiResponse:
    response, rule = get_bid_for_user(request.user, ref, response_id)
    sheet = vendor_selectors.bid_sheet(response, rule)
    log_bid_prices_read(
        actor=request.user,
        rfp=response.rfp,
        vendors=[response.vendor.name] if sheet.prices_shown else [],
        where="API",
    )
    return ApiResponse(
        {
            "response_id": response.pk,
            "vendor": sheet.label,
            "status": response.status,
            "submitted_at": response.submitted_at,
            "hidden_sections": sheet.hidden_sections,
            "sections": [
                {"id": s.section.pk, "title": s.section.title, "answers": [_bid_answer(item) for item in s.items]}
                for s in sheet.sections
            ],
        }
    )


@extend_schema(responses=serializers.VendorInvitationSerializer(many=True), summary="Your company's invitations")
@api_view(["GET"])
def vendor_invitations(request: Request) -> ApiResponse:
    user = request.user
    if not user.is_vendor or user.company_id is None:
        return ApiResponse([])
    found = (
        Invitation.objects.filter(vendor_id=user.company_id)
        .exclude(rfp__status=Status.DRAFT)
        .select_related("rfp")
        .order_by("-rfp__deadline")
    )
    return ApiResponse(
        [
            {
                "rfp": i.rfp.reference,
                "title": i.rfp.title,
                "buyer": i.rfp.buyer,
                "deadline": i.rfp.deadline,
                "status": i.status,
            }
            for i in found
        ]
    )


def _job_data(rfp, job) -> dict:
    done = job.status == JobStatus.DONE and bool(job.file)
    file_url = reverse("api:report_job_file", kwargs={"ref": rfp.reference, "job_id": job.pk}) if done else None
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "step": job.step,
        "steps": job.steps,
        "label": job.step_label,
        "message": job.message,
        "file_name": job.file_name,
        "size": job.size,
        "sha256": job.checksum,
        "file": file_url,
    }


@extend_schema(
    request=serializers.ReportRequestSerializer,
    responses={202: serializers.JobSerializer, 400: serializers.ProblemSerializer},
    summary="Ask for the executive PDF or the Excel score matrix",
    description="Made by a background worker; the reply is the job, to be read again until it is done. "
    "A file already made from the same scores, answers and settings is reused at once.",
)
@api_view(["POST"])
def report_request(request: Request, ref: str) -> ApiResponse:
    rfp, _can_write = get_report_rfp(request.user, ref)
    form = serializers.ReportRequestSerializer(data=request.data)
    if not form.is_valid():
        return _form_problem(form)
    data = form.validated_data
    kind = KIND_PDF if data["kind"] == "pdf" else KIND_XLSX
    params = {"language": data["language"]}
    if kind == KIND_PDF:
        params["appendix"] = data["appendix"]
    job = report_services.report_job_request(
        rfp=rfp, by=request.user, kind=kind, params=params, interface_language=get_language() or "en"
    )
    return ApiResponse(_job_data(rfp, job), status.HTTP_202_ACCEPTED)


@extend_schema(responses=serializers.JobSerializer, summary="Where a report job is")
@api_view(["GET"])
def report_job(request: Request, ref: str, job_id: int) -> ApiResponse:
    rfp, job = get_report_job(request.user, ref, job_id)
    return ApiResponse(_job_data(rfp, job))


@extend_schema(
    responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    summary="A finished report's file (404 until it is done)",
)
@api_view(["GET"])
def report_job_file(request: Request, ref: str, job_id: int):
    rfp, job = get_report_job(request.user, ref, job_id)
    return job_file_response(request, rfp, job, channel="API")


AUDIT_PAGE = 50


@extend_schema(
    parameters=[
        OpenApiParameter("page", int, description="From 1, newest first, 50 a page."),
        OpenApiParameter("bid_reads", bool, description="Only who opened a price or a bid's file, and when."),
    ],
    responses=serializers.AuditPageSerializer,
    summary="The RFP's audit log (procurement)",
)
@api_view(["GET"])
def audit_log_page(request: Request, ref: str) -> ApiResponse:
    rfp, _can_write = get_rfp_for_user(request.user, ref, write=True)
    bid_reads = request.query_params.get("bid_reads", "").lower() in ("1", "true", "yes")
    page = Paginator(rfp_selectors.audit_entries(rfp, bid_reads_only=bid_reads), AUDIT_PAGE).get_page(
        id_from(request.query_params.get("page")) or 1
    )
    return ApiResponse(
        {
            "page": page.number,
            "pages": page.paginator.num_pages,
            "count": page.paginator.count,
            "entries": [
                {
                    "at": entry.at,
                    "actor": entry.actor.get_username() if entry.actor else "",
                    "action": entry.action,
                    "object_type": entry.object_type,
                    "object_id": entry.object_id,
                    "before": entry.before,
                    "after": entry.after,
                    "message": entry.message,
                }
                for entry in page.object_list
            ],
        }
    )


@extend_schema(
    request={"multipart/form-data": serializers.UploadSerializer},
    responses={201: serializers.AttachmentSerializer, 400: serializers.ProblemSerializer},
    summary="Attach a file to one of your answers",
    description="The web upload's checks: size limit, allowed types, content matching its extension, "
    "and the response still open for changes.",
)
@api_view(["POST"])
@parser_classes([MultiPartParser])
def vendor_file_upload(request: Request, ref: str, question_id: int) -> ApiResponse:
    response, _can_write = get_response_for_user(request.user, ref, write=True)
    question = get_object_or_404(Question, pk=question_id, section__rfp_id=response.rfp_id)
    form = UploadForm(request.data, request.FILES)
    if not form.is_valid():
        return _problem(" ".join(form.errors.get("file", [])) or str(_("Choose a file to upload.")), 400)
    try:
        attachment = vendor_services.attachment_add(
            response=response, question=question, upload=form.cleaned_data["file"], by=request.user
        )
    except ValidationError as problem:
        return _problem(" ".join(problem.messages), status.HTTP_400_BAD_REQUEST)
    return ApiResponse(
        {
            "id": attachment.pk,
            "name": attachment.original_name,
            "size": attachment.size,
            "content_type": attachment.content_type,
        },
        status.HTTP_201_CREATED,
    )


@extend_schema(
    responses=OpenApiTypes.OBJECT,
    summary="The Open Contracting (OCDS 1.1) release package of the decision",
    description="Tender with its award criteria (section weights, price formula, pass mark), every "
    "bidder, the bids with their section scores and totals as the decision was taken, and the published "
    "shortlist as the award. 404 until the RFP is decided and its shortlist published.",
)
@api_view(["GET"])
def ocds_release(request: Request, ref: str) -> ApiResponse:
    rfp, _can_write = get_report_rfp(request.user, ref)
    try:
        return ApiResponse(ocds.release_package(rfp, uri=request.build_absolute_uri()))
    except ocds.NotPublishable as refused:
        return _problem(str(refused), status.HTTP_404_NOT_FOUND)


@extend_schema(
    responses={204: None, 400: serializers.ProblemSerializer},
    summary="Remove a file from one of your answers",
    description="Refused (400) once the response is submitted or the deadline has passed, as on the web.",
)
@api_view(["DELETE"])
def vendor_file_delete(request: Request, ref: str, attachment_id: int) -> ApiResponse:
    attachment = get_attachment_for_user(request.user, ref, attachment_id, write=True)
    try:
        vendor_services.attachment_delete(attachment=attachment, by=request.user)
    except ValidationError as problem:
        return _problem(" ".join(problem.messages), status.HTTP_400_BAD_REQUEST)
    return ApiResponse(status=status.HTTP_204_NO_CONTENT)
