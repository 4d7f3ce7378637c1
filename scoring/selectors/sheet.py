"""The evaluator's scoring sheet: one assigned section with the answers of the vendors the
evaluator is cleared for, their own scores and, once they submitted, the others' scores.

Reads in six queries (seven once the evaluator submitted), whatever the number of vendors,
besides what vendors.bid_view reads to decide the evaluator's rule: the conflict declarations,
the bidders, the questions, the answers, their files and the evaluator's own scores, then the
other evaluators' submitted scores.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from config.text_rules import isolate
from rfp.models import Question
from scoring import engine
from scoring.access import Evaluation, is_human_scored
from scoring.models import Assignment, ConflictDeclaration, Score
from scoring.selectors.bidders import Bidder, bidders, blind_file_name, redact
from vendors.answer_values import shown_value
from vendors.bid_view import bid_rule
from vendors.models import Answer, AnswerState, Attachment


@dataclass
class SheetCell:
    bidder: Bidder
    label: str
    answer_id: int | None
    state: str
    value: str
    vendor_comment: str
    attachments: list[tuple[int, str]]
    own: Score | None = None
    others: list[tuple[str, int, str]] = field(default_factory=list)
    auto: float | None = None


@dataclass
class SheetQuestion:
    question: Question
    human: bool
    auto_points: dict[int, float | None]
    cells: list[SheetCell]

    @property
    def rubric_items(self) -> list[tuple[str, str]]:
        rubric = self.question.rubric or {}
        return [(str(p), rubric[str(p)]) for p in range(5, -1, -1) if str(p) in rubric]


@dataclass
class ScoringSheet:
    questions: list[SheetQuestion]
    to_score: int
    scored: int
    undeclared: int

    @property
    def complete(self) -> bool:
        return self.scored >= self.to_score


def scoring_sheet(evaluation: Evaluation, assignment: Assignment) -> ScoringSheet:
    """Every question of the assigned section with the answers of the vendors the evaluator is
    cleared for, their own scores and, once they submitted, the other evaluators' scores."""
    rfp, evaluator, section = evaluation.rfp, assignment.evaluator, assignment.section
    rule = bid_rule(evaluator, rfp)
    blind = rule.blind
    declared = dict(
        ConflictDeclaration.objects.filter(rfp=rfp, evaluator=evaluator).values_list("vendor_id", "conflict")
    )
    all_bidders = bidders(rfp)
    cleared = [b for b in all_bidders if declared.get(b.vendor_id) is False and rule.may_read_vendor(b.vendor_id)]
    undeclared = sum(1 for b in all_bidders if b.vendor_id not in declared)
    questions = list(section.questions.order_by("order", "id"))
    by_response = {b.response_id: b for b in cleared}
    answers = {
        (a.response_id, a.question_id): a
        for a in Answer.objects.filter(question__section=section, response_id__in=list(by_response))
    }
    files: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for aid, att_id, name in (
        Attachment.objects.filter(answer__in=[a.id for a in answers.values()])
        .order_by("uploaded_at", "id")
        .values_list("answer_id", "id", "original_name")
    ):
        files[aid].append((att_id, name))
    own = {s.answer_id: s for s in Score.objects.filter(evaluator=evaluator, answer__question__section=section)}
    others: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    if assignment.is_submitted:  # nobody sees the others' marks before committing to their own
        for aid, first, last, username, points, comment in (
            Score.objects.filter(answer__question__section=section, submitted_at__isnull=False)
            .exclude(evaluator=evaluator)
            .values_list(
                "answer_id", "evaluator__first_name", "evaluator__last_name", "evaluator__username", "points", "comment"
            )
        ):
            others[aid].append((f"{first} {last}".strip() or username, points, comment))

    sheet_questions, to_score, scored = [], 0, 0
    for question in questions:
        question.section = section  # spares a query per question in is_human_scored
        human = is_human_scored(question)
        cells = []
        auto: dict[int, float | None] = {}
        for bidder in cleared:
            hide_value = not rule.may_read_answer(
                vendor_id=bidder.vendor_id, response_id=bidder.response_id, question=question
            )
            answer = answers.get((bidder.response_id, question.id))
            state = answer.state if answer else AnswerState.BLANK
            text = "" if answer is None or hide_value else shown_value(question.type, answer.value)
            comment = "" if answer is None or hide_value else isolate(answer.comment)
            attachments = files.get(answer.id, []) if answer and not hide_value else []
            if blind:
                text, comment = redact(text, bidder), redact(comment, bidder)
                attachments = [(att_id, blind_file_name(i, name)) for i, (att_id, name) in enumerate(attachments, 1)]
            cell = SheetCell(
                bidder=bidder,
                label=bidder.label(blind),
                answer_id=answer.id if answer else None,
                state=state,
                value=text if not hide_value else _("Sealed until the price envelope is opened."),
                vendor_comment=comment,
                attachments=attachments,
                own=own.get(answer.id) if answer else None,
                others=others.get(answer.id, []) if answer else [],
            )
            if question.auto_rule and answer and state == AnswerState.ANSWERED and not hide_value:
                cell.auto = auto[bidder.vendor_id] = _safe_auto_points(question, answer.value)
            if human and answer and state == AnswerState.ANSWERED:
                to_score += 1
                scored += cell.own is not None
            cells.append(cell)
        sheet_questions.append(SheetQuestion(question=question, human=human, auto_points=auto, cells=cells))
    return ScoringSheet(questions=sheet_questions, to_score=to_score, scored=scored, undeclared=undeclared)


def _safe_auto_points(question: Question, value: Any) -> float | None:
    try:
        return engine.auto_points(question.auto_rule, question.choices, value)
    except ValueError:
        return None
