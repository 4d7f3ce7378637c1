"""The evaluator's scoring pages: one assigned section, read a page at a time.

Two ways through a section, as panels work:

* **by question**: one question and the answers of every vendor the evaluator is cleared for,
  side by side (how a panel compares answers);
* **by vendor**: one vendor's answers to the section's questions.

Either way about 25 answers a page, filtered to what is unscored, flagged or (once the
evaluator submitted and sees the others' scores) in disagreement. Only the page's answers are
read in full: the rest of the section is read as ids, and the evaluator's progress is counted by
the database, so the page's size, time and queries do not grow with the number of vendors or
questions.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Count, Max, Min
from django.utils.translation import gettext as _

from config.text_rules import isolate
from insights.selectors import marked
from negotiation.selectors import round_marks
from rfp.models import Question, QuestionType, SectionKind
from scoring import engine
from scoring.access import Evaluation
from scoring.models import Assignment, ConflictDeclaration, Score
from scoring.selectors.bidders import Bidder, bidders, blind_file_name, redact
from vendors.answer_values import shown_value
from vendors.bid_view import BidRule, bid_rule
from vendors.models import Answer, AnswerState, Attachment

PAGE_SIZE = 25
MODES = ("question", "vendor")
FILTERS = ("all", "unscored", "flagged", "disagreement")
# Evaluators' points this far apart on one answer are a disagreement (as on the moderation page).
DISAGREEMENT_RANGE = 2
# Longer answers are folded: the evaluator sees the start and opens the rest.
FOLD_CHARS = 600
MISSING_PREVIEW = 5
ISOLATE_MARKS = re.compile("[\u2066-\u2069]")


@dataclass
class SheetCell:
    """One answer on the page, with the evaluator's own score (and, once they submitted, the
    panel's)."""

    bidder: Bidder
    label: str
    question: Question
    human: bool
    answer_id: int | None
    state: str
    value: str
    vendor_comment: str
    attachments: list[tuple[int, str, bool]]
    own: Score | None = None
    others: list[tuple[str, int, str]] = field(default_factory=list)
    auto: float | None = None
    # Answer intelligence (insights): hints beside the answer, never part of its score, and the
    # answer with the passages they quote marked (HTML, the vendor's text escaped).
    hints: list = field(default_factory=list)
    marked_value: str = ""
    # After a best-and-final round: "changed" (score again) or "carried" (the score stands).
    round_mark: str = ""

    @property
    def to_score(self) -> bool:
        return self.human and self.state == AnswerState.ANSWERED and self.answer_id is not None

    @property
    def folded(self) -> bool:
        return len(self.value) > FOLD_CHARS

    @property
    def word_count(self) -> int:
        """Words of the answer as the vendor wrote them (the isolating marks around it are not words)."""
        return len(ISOLATE_MARKS.sub("", self.value).split())

    @property
    def unit(self) -> str:
        return self.question.unit if self.question.type == QuestionType.NUMBER and self.value else ""

    @property
    def rubric_items(self) -> list[tuple[str, str]]:
        rubric = self.question.rubric or {}
        return [(str(p), rubric[str(p)]) for p in range(5, -1, -1) if str(p) in rubric]


@dataclass(frozen=True)
class MissingAnswer:
    question_id: int
    question_number: int
    label: str


@dataclass(frozen=True)
class Progress:
    """How far the evaluator is in one assigned section."""

    to_score: int
    scored: int
    undeclared: int
    missing: tuple[MissingAnswer, ...] = ()

    @property
    def complete(self) -> bool:
        return self.scored >= self.to_score

    @property
    def can_submit(self) -> bool:
        return self.complete and not self.undeclared

    @property
    def left(self) -> int:
        return max(self.to_score - self.scored, 0)


@dataclass
class ScoringPage:
    mode: str
    filter: str
    cells: list[SheetCell]
    progress: Progress
    # The question or vendor the page is about (by question / by vendor), its position and count.
    position: int
    positions: int
    focus_question: Question | None
    focus_bidder: Bidder | None
    focus_label: str
    page: int
    pages: int
    matching: int
    disagreement_available: bool
    filter_counts: dict[str, int]
    round_number: int = 0  # the last closed best-and-final round, 0 when there was none

    @property
    def previous_page(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next_page(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None

    @property
    def previous_position(self) -> int | None:
        return self.position - 1 if self.position > 1 else None

    @property
    def next_position(self) -> int | None:
        return self.position + 1 if self.position < self.positions else None


@dataclass(frozen=True)
class _Scope:
    """What the evaluator may score in the section: cleared bidders and the section's questions
    (as light rows: no texts), with the human-scored ones."""

    rule: BidRule
    cleared: list[Bidder]
    undeclared: int
    questions: list[Question]
    human_ids: frozenset[int]


def _is_human(question: Question, section_kind: str) -> bool:
    return question.scored and not question.is_auto_scored and section_kind == SectionKind.TECHNICAL


def _scope(evaluation: Evaluation, assignment: Assignment) -> _Scope:
    rfp, evaluator, section = evaluation.rfp, assignment.evaluator, assignment.section
    rule = bid_rule(evaluator, rfp)
    declared = dict(
        ConflictDeclaration.objects.filter(rfp=rfp, evaluator=evaluator).values_list("vendor_id", "conflict")
    )
    all_bidders = bidders(rfp)
    cleared = [b for b in all_bidders if declared.get(b.vendor_id) is False and rule.may_read_vendor(b.vendor_id)]
    questions = list(section.questions.only("id", "order", "section_id", "scored", "auto_rule", "is_price"))
    human = frozenset(q.id for q in questions if _is_human(q, section.kind))
    undeclared = sum(1 for b in all_bidders if b.vendor_id not in declared)
    return _Scope(rule, cleared, undeclared, questions, human)


def _to_score(scope: _Scope):
    """The answers the evaluator must score: answered, human-scored, of cleared vendors."""
    return Answer.objects.filter(
        question_id__in=scope.human_ids,
        response_id__in=[b.response_id for b in scope.cleared],
        state=AnswerState.ANSWERED,
    )


def _progress(scope: _Scope, assignment: Assignment, *, preview: bool = True) -> Progress:
    answers = _to_score(scope)
    own = Score.objects.filter(evaluator_id=assignment.evaluator_id, answer__in=answers)
    to_score, scored = answers.count(), own.count()
    missing: tuple[MissingAnswer, ...] = ()
    if preview and scored < to_score:
        number = {q.id: n for n, q in enumerate(scope.questions, 1)}
        by_response = {b.response_id: b for b in scope.cleared}
        blind = scope.rule.blind
        rows = (
            answers.exclude(scores__evaluator_id=assignment.evaluator_id)
            .order_by("question__order", "question_id", "response_id")
            .values_list("question_id", "response_id")[:MISSING_PREVIEW]
        )
        missing = tuple(MissingAnswer(q, number[q], by_response[r].label(blind)) for q, r in rows)
    return Progress(to_score, scored, scope.undeclared, missing)


def assignment_progress(evaluation: Evaluation, assignment: Assignment, *, preview: bool = False) -> Progress:
    """Counted by the database: what the evaluator has scored of what they must score (with the
    first few answers still missing, when ``preview``)."""
    return _progress(_scope(evaluation, assignment), assignment, preview=preview)


def _where_work_is(scope: _Scope, progress: Progress) -> int:
    if progress.missing:
        return progress.missing[0].question_number
    return next((n for n, q in enumerate(scope.questions, 1) if q.id in scope.human_ids), 1)


def _disagreeing_answer_ids(answer_ids: list[int]) -> set[int]:
    """Answers whose submitted scores are DISAGREEMENT_RANGE or more apart."""
    rows = (
        Score.objects.filter(answer_id__in=answer_ids, submitted_at__isnull=False)
        .values("answer_id")
        .annotate(high=Max("points"), low=Min("points"), n=Count("id"))
        .filter(n__gte=2)
    )
    return {r["answer_id"] for r in rows if r["high"] - r["low"] >= DISAGREEMENT_RANGE}


def _matches(filter_name: str, answer_id: int | None, human: bool, state: str, own: dict, disagree: set) -> bool:
    if filter_name == "all":
        return True
    if answer_id is None or not human or state != AnswerState.ANSWERED:
        return False
    if filter_name == "unscored":
        return answer_id not in own
    if filter_name == "flagged":
        return own.get(answer_id, False)
    return answer_id in disagree


def scoring_page(
    evaluation: Evaluation,
    assignment: Assignment,
    *,
    mode: str = "question",
    position: int | None = None,
    filter_name: str = "all",
    page: int = 1,
) -> ScoringPage:
    """One page of the section: the answers to one question across vendors, or one vendor's
    answers, filtered and paged. Positions and pages out of range fall back to the nearest;
    without a position, the page opens where there is work: the first question with an answer
    the evaluator has not scored (else the first they score), or the first vendor."""
    scope = _scope(evaluation, assignment)
    progress = _progress(scope, assignment)
    if position is None:
        position = _where_work_is(scope, progress) if mode == "question" else 1
    mode = mode if mode in MODES else "question"
    filter_name = filter_name if filter_name in FILTERS else "all"
    submitted = assignment.is_submitted
    if filter_name == "disagreement" and not submitted:
        filter_name = "all"  # the others' scores stay hidden until the evaluator commits to theirs

    # The page's focus (one question, or one vendor) and the (question, bidder) pairs it lists.
    if mode == "question":
        positions = len(scope.questions)
        position = min(max(position, 1), max(positions, 1))
        focus_question = scope.questions[position - 1] if positions else None
        pairs = [(focus_question, b) for b in scope.cleared] if focus_question else []
        focus_bidder = None
    else:
        positions = len(scope.cleared)
        position = min(max(position, 1), max(positions, 1))
        focus_bidder = scope.cleared[position - 1] if positions else None
        pairs = [(q, focus_bidder) for q in scope.questions] if focus_bidder else []
        focus_question = None

    # Ids only, for the whole focus: which answers exist, which the evaluator scored or flagged.
    question_ids = {q.id for q, _b in pairs}
    response_ids = {b.response_id for _q, b in pairs}
    rows = Answer.objects.filter(question_id__in=question_ids, response_id__in=response_ids).values_list(
        "id", "question_id", "response_id", "state"
    )
    found = {(q, r): (aid, state) for aid, q, r, state in rows}
    own_flags = dict(
        Score.objects.filter(
            evaluator_id=assignment.evaluator_id, answer_id__in=[aid for aid, _s in found.values()]
        ).values_list("answer_id", "flagged")
    )
    disagree = _disagreeing_answer_ids([aid for aid, _s in found.values()]) if submitted else set()

    listed, counts = [], dict.fromkeys(FILTERS, 0)
    for question, bidder in pairs:
        aid, state = found.get((question.id, bidder.response_id), (None, AnswerState.BLANK))
        human = question.id in scope.human_ids
        for name in FILTERS:
            if _matches(name, aid, human, state, own_flags, disagree):
                counts[name] += 1
        if _matches(filter_name, aid, human, state, own_flags, disagree):
            listed.append((question, bidder, aid, state))

    pages = max(1, -(-len(listed) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = listed[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    cells = _cells(evaluation, assignment, scope, shown)
    numbers = {q.id: n for n, q in enumerate(scope.questions, 1)}
    marks = round_marks(evaluation.rfp)
    for cell in cells:
        cell.question.number = numbers[cell.question.id]
        cell.round_mark = marks.mark(cell.answer_id)
    if focus_question is not None:
        focus_question = next((c.question for c in cells), None) or Question.objects.get(pk=focus_question.pk)
        focus_question.number = position
    focus_label = focus_bidder.label(scope.rule.blind) if focus_bidder else ""
    return ScoringPage(
        mode=mode,
        filter=filter_name,
        cells=cells,
        progress=progress,
        position=position,
        positions=positions,
        focus_question=focus_question,
        focus_bidder=focus_bidder,
        focus_label=focus_label,
        page=page,
        pages=pages,
        matching=len(listed),
        disagreement_available=submitted,
        filter_counts=counts,
        round_number=marks.number,
    )


def _cells(evaluation: Evaluation, assignment: Assignment, scope: _Scope, shown: list) -> list[SheetCell]:
    """The page's answers in full: texts, files, the evaluator's scores, the panel's once submitted."""
    question_ids = {q.id for q, _b, _a, _s in shown}
    questions = {q.id: q for q in Question.objects.filter(id__in=question_ids)}
    for question in questions.values():
        question.section = assignment.section  # spares a query per question in the bid rule
    answer_ids = [aid for _q, _b, aid, _s in shown if aid is not None]
    answers = {a.id: a for a in Answer.objects.filter(id__in=answer_ids)}
    files: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for aid, att_id, name in (
        Attachment.objects.filter(answer_id__in=answer_ids)
        .order_by("uploaded_at", "id")
        .values_list("answer_id", "id", "original_name")
    ):
        files[aid].append((att_id, name))
    own = {s.answer_id: s for s in Score.objects.filter(evaluator_id=assignment.evaluator_id, answer_id__in=answer_ids)}
    others = _others(assignment, answer_ids) if assignment.is_submitted else {}
    rule, blind = scope.rule, scope.rule.blind
    hints = _hints(rule, answer_ids, {aid: bidder for _q, bidder, aid, _s in shown if aid})
    cells = []
    for light, bidder, aid, state in shown:
        question = questions[light.id]
        answer = answers.get(aid) if aid else None
        hidden = not rule.may_read_answer(vendor_id=bidder.vendor_id, response_id=bidder.response_id, question=question)
        text = "" if answer is None or hidden else shown_value(question.type, answer.value)
        comment = "" if answer is None or hidden else isolate(answer.comment)
        attached = files.get(aid, []) if answer and not hidden else []
        if blind:
            text, comment = redact(text, bidder), redact(comment, bidder)
            attached = [(att_id, blind_file_name(i, name)) for i, (att_id, name) in enumerate(attached, 1)]
        cell = SheetCell(
            bidder=bidder,
            label=bidder.label(blind),
            question=question,
            human=light.id in scope.human_ids,
            answer_id=aid,
            state=state,
            value=text if not hidden else _("Sealed until the price envelope is opened."),
            vendor_comment=comment,
            attachments=[(att_id, name, name.lower().endswith(".pdf")) for att_id, name in attached],
            own=own.get(aid) if aid else None,
            others=others.get(aid, []) if aid else [],
            hints=hints.get(aid, []) if aid and not hidden else [],
        )
        if cell.hints and question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
            cell.marked_value = marked(text, [q.text for h in cell.hints for q in h.quotes if q.own and q.shown])
        if question.auto_rule and answer and state == AnswerState.ANSWERED and not hidden:
            cell.auto = _safe_auto_points(question, answer.value)
        cells.append(cell)
    return cells


def _hints(rule: BidRule, answer_ids: list[int], bidder_of: dict) -> dict:
    """The analysis's hints on the page's answers. Another answer is quoted only where the bid rule
    lets this evaluator read it; in a blind evaluation, only the same vendor's, redacted (another
    vendor's passage is counted, not quoted, even when its answer is on the page)."""
    from insights.selectors import hints_for

    def may_read(other) -> bool:
        return rule.may_read_answer(
            vendor_id=other.response.vendor_id, response_id=other.response_id, question=other.question
        )

    bids = {aid: bidder.response_id for aid, bidder in bidder_of.items()} if rule.blind else None
    found = hints_for(answer_ids, may_read=may_read, bids=bids)
    if rule.blind:
        found = {
            aid: [
                replace(h, quotes=tuple(replace(q, text=redact(q.text, bidder_of[aid])) for q in h.quotes))
                for h in found_here
            ]
            for aid, found_here in found.items()
        }
    return found


def _others(assignment: Assignment, answer_ids: list[int]) -> dict[int, list[tuple[str, int, str]]]:
    """The other evaluators' submitted scores: shown only once the evaluator submitted theirs."""
    others: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    for aid, first, last, username, points, comment in (
        Score.objects.filter(answer_id__in=answer_ids, submitted_at__isnull=False)
        .exclude(evaluator_id=assignment.evaluator_id)
        .order_by("evaluator__last_name", "evaluator_id")
        .values_list(
            "answer_id", "evaluator__first_name", "evaluator__last_name", "evaluator__username", "points", "comment"
        )
    ):
        others[aid].append((f"{first} {last}".strip() or username, points, comment))
    return others


def _safe_auto_points(question: Question, value: Any) -> float | None:
    try:
        return engine.auto_points(question.auto_rule, question.choices, value)
    except ValueError:
        return None
