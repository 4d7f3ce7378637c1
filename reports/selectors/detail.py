"""Every answer of the submitted bids in detail (`answer_detail`): the vendor's answer, its
evaluators' marks and comments, the consensus, and the score the engine's own `score_answer` gives
it, read in a fixed number of queries whatever the number of vendors, questions or evaluators."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from rfp.models import Question, QuestionType
from scoring import engine
from scoring.models import ConflictDeclaration, Consensus, Score
from scoring.selectors import Ranking
from scoring.selectors.questions import question_spec
from vendors.answer_values import shown_value
from vendors.bid_view import results_rule
from vendors.models import Answer, AnswerState, ResponseStatus


@dataclass(frozen=True)
class QuestionInfo:
    id: int
    key: str
    text: str
    section_id: int
    type: str
    unit: str
    weight: float
    scored: bool
    required: bool
    is_price: bool
    auto_rule: dict | None
    choices: list
    knockout: dict | None
    knockout_reason: str
    benchmark: str

    def spec(self, price_section_ids: set[int]) -> engine.QuestionSpec:
        """The engine's view of the question, from the one builder the ranking uses too."""
        return question_spec(
            id=self.id,
            section_id=self.section_id,
            weight=self.weight,
            scored=self.scored,
            required=self.required,
            is_price=self.is_price,
            auto_rule=self.auto_rule,
            choices=self.choices,
            knockout=self.knockout,
            knockout_reason=self.knockout_reason,
            text=self.text,
            price_section_ids=price_section_ids,
        )


@dataclass(frozen=True)
class EvaluatorMark:
    evaluator_id: int
    name: str
    points: int
    comment: str


@dataclass
class AnswerDetail:
    question: QuestionInfo
    vendor_id: int
    state: str
    value: Any
    vendor_comment: str
    marks: list[EvaluatorMark]
    consensus: tuple[int, str] | None
    outcome: engine.AnswerScore | None
    counts: bool  # in the section score's denominator
    knockout_failed: bool = False

    @property
    def display(self) -> str:
        return answer_display(self.question, self.state, self.value)


def answer_display(question: QuestionInfo, state: str, value: Any, *, escape=None) -> str:
    """The vendor's own answer as a person quotes it: 55%, 25 agents, Yes; a text isolated, so that a
    direction control in it cannot reorder the report or the score matrix around it."""
    if state == AnswerState.NOT_APPLICABLE:
        return _("Not applicable")
    if state != AnswerState.ANSWERED or value in (None, "", []):
        return _("No answer")
    text = shown_value(question.type, value, escape=escape)
    if question.type == QuestionType.PERCENTAGE:
        return f"{text}%"
    if question.unit and question.type == QuestionType.NUMBER:
        return f"{text} {question.unit}"
    return text


@dataclass
class Detail:
    """Every answer of the submitted bids, keyed by (vendor id, question id)."""

    questions: list[QuestionInfo]
    answers: dict[tuple[int, int], AnswerDetail]
    evaluators: dict[int, str]  # id -> name, of everyone with a counted score
    conflicts: set[tuple[int, int]]  # (evaluator, vendor) pairs that do not count

    def for_vendor(self, vendor_id: int) -> list[AnswerDetail]:
        return [self.answers[(vendor_id, q.id)] for q in self.questions if (vendor_id, q.id) in self.answers]


def _person(first: str, last: str, username: str) -> str:
    return f"{first} {last}".strip() or username


def answer_detail(ranking: Ranking) -> Detail:
    """Five queries whatever the number of vendors, questions or evaluators."""
    rfp = ranking.rfp
    settings = ranking.settings
    config = engine.Config(aggregate=settings.aggregate) if settings else engine.Config()
    price_section_ids = {s.id for s in ranking.sections if s.is_price}
    questions = [
        QuestionInfo(
            id=row[0],
            key=row[1],
            text=row[2],
            section_id=row[3],
            type=row[4],
            unit=row[5],
            weight=float(row[6]),
            scored=row[7],
            required=row[8],
            is_price=row[9],
            auto_rule=row[10] or None,
            choices=row[11] or [],
            knockout=row[12] or None,
            knockout_reason=row[13],
            benchmark=row[14],
        )
        for row in Question.objects.filter(section__rfp=rfp)
        .order_by("section__order", "section_id", "order", "id")
        .values_list(
            "id",
            "key",
            "text",
            "section_id",
            "type",
            "unit",
            "weight",
            "scored",
            "required",
            "is_price",
            "auto_rule",
            "choices",
            "knockout",
            "knockout_reason",
            "benchmark",
        )
    ]
    by_id = {q.id: q for q in questions}
    vendor_ids = {row.result.vendor_id for row in ranking.rows}
    conflicts = set(ConflictDeclaration.objects.filter(rfp=rfp, conflict=True).values_list("evaluator_id", "vendor_id"))
    marks: dict[int, list[EvaluatorMark]] = defaultdict(list)
    evaluators: dict[int, str] = {}
    for aid, evaluator_id, first, last, username, points, comment, vendor_id in (
        Score.objects.filter(
            answer__response__rfp=rfp, answer__response__status=ResponseStatus.SUBMITTED, submitted_at__isnull=False
        )
        .order_by("evaluator__last_name", "evaluator__first_name", "evaluator_id")
        .values_list(
            "answer_id",
            "evaluator_id",
            "evaluator__first_name",
            "evaluator__last_name",
            "evaluator__username",
            "points",
            "comment",
            "answer__response__vendor_id",
        )
    ):
        if (evaluator_id, vendor_id) in conflicts:
            continue  # a declared conflict removes the evaluator's marks from that vendor
        name = _person(first, last, username)
        evaluators[evaluator_id] = name
        marks[aid].append(EvaluatorMark(evaluator_id, name, points, comment))
    consensus = {
        aid: (points, reason)
        for aid, points, reason in Consensus.objects.filter(answer__response__rfp=rfp).values_list(
            "answer_id", "points", "reason"
        )
    }
    # Results quote answers, but a price the envelope keeps sealed stays out of every report.
    rule = results_rule(rfp)
    response_of = {row.result.vendor_id: row.bidder.response_id for row in ranking.rows}
    answers: dict[tuple[int, int], AnswerDetail] = {}
    rows = Answer.objects.filter(
        response__rfp=rfp, response__status=ResponseStatus.SUBMITTED, response__vendor_id__in=vendor_ids
    ).values_list("id", "response__vendor_id", "question_id", "state", "value", "comment")
    for aid, vendor_id, qid, state, value, comment in rows:
        question = by_id.get(qid)
        if question is None or (rule.is_price_content(question) and not rule.price_visible(response_of[vendor_id])):
            continue
        given = marks.get(aid, [])
        agreed = consensus.get(aid)
        answers[(vendor_id, qid)] = _detail(
            question, vendor_id, state, value, comment, given, agreed, price_section_ids, config
        )
    # A question a vendor never touched is a blank answer: it counts 0, as in the engine.
    for vendor_id in vendor_ids:
        for question in questions:
            if (vendor_id, question.id) not in answers:
                answers[(vendor_id, question.id)] = _detail(
                    question, vendor_id, AnswerState.BLANK, None, "", [], None, price_section_ids, config
                )
    return Detail(questions=questions, answers=answers, evaluators=evaluators, conflicts=conflicts)


def _detail(question, vendor_id, state, value, comment, marks, consensus, price_section_ids, config) -> AnswerDetail:
    spec = question.spec(price_section_ids)
    answer = engine.AnswerInput(
        vendor_id,
        question.id,
        state,
        value,
        tuple((m.evaluator_id, m.points) for m in marks),
        consensus[0] if consensus else None,
    )
    try:
        outcome = engine.score_answer(spec, answer, config)
    except ValueError:
        outcome = None
    counts = bool(spec.scored) and outcome is not None and outcome.points is not None
    failed = False
    if question.knockout:
        try:
            failed = not engine.knockout_passes(question.knockout, value, state)
        except ValueError:
            failed = False
    return AnswerDetail(
        question=question,
        vendor_id=vendor_id,
        state=state,
        value=value,
        vendor_comment=comment,
        marks=list(marks),
        consensus=consensus,
        outcome=outcome,
        counts=counts,
        knockout_failed=failed,
    )
