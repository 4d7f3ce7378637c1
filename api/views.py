"""The API's endpoints: thin views over the same access helpers, selectors and services as the
web pages, so that a token reaches exactly what its user reaches on the pages (404 otherwise),
and a write goes through the same validation, limits and conflict detection as the autosave."""

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response as ApiResponse

from api import serializers
from config.params import id_from
from rfp.access import get_rfp_for_user
from rfp.models import RFP, Question
from rfp.selectors import rfps_for_user
from scoring import selectors as scoring
from scoring.access import RESULT_READERS, RESULT_STATUSES, get_assignment, get_evaluation
from vendors import services as vendor_services
from vendors.access import get_response_for_user
from vendors.models import Answer, AnswerState


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
            {"id": s.pk, "title": s.title, "weight": s.weight, "kind": s.kind, "questions": s.n}
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
                }
                for cell in sheet.cells
            ],
        }
    )


def _answer_data(question: Question, answer: Answer | None) -> dict:
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
    form.is_valid(raise_exception=True)
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
