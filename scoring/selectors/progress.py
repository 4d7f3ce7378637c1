"""Scoring progress per evaluator and section, and whether technical scoring is complete.

:func:`progress` reads in five queries (the assignments with their evaluators and sections, the
bidders, the conflict declarations, the answers that need a person counted per section and
vendor, the scores counted per evaluator, section and vendor); :func:`progress_matrix` reads
what :func:`progress` reads; :func:`scoring_complete` adds a ranking (``ranking_for_rfp``) when
every assignment is submitted.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
)

from rfp.models import RFP, Section, SectionKind
from scoring.models import Assignment, ConflictDeclaration, Score
from scoring.selectors.bidders import bidders
from scoring.selectors.ranking import ranking_for_rfp
from vendors.models import Answer, AnswerState, ResponseStatus


@dataclass
class ProgressRow:
    assignment: Assignment
    to_score: int
    scored: int
    undeclared: int
    conflicts: int

    @property
    def percent(self) -> int:
        return 100 if not self.to_score else round(100 * self.scored / self.to_score)


def progress(rfp: RFP) -> list[ProgressRow]:
    """Per evaluator and section: answers to score (cleared vendors only), scored, submitted."""
    assignments = list(
        Assignment.objects.filter(section__rfp=rfp)
        .select_related("evaluator", "section")
        .order_by("evaluator__last_name", "evaluator__first_name", "section__order", "section_id")
    )
    bidder_vendors = {b.vendor_id for b in bidders(rfp)}
    declarations: dict[int, dict[int, bool]] = defaultdict(dict)
    for evaluator, vendor, conflict in ConflictDeclaration.objects.filter(rfp=rfp).values_list(
        "evaluator_id", "vendor_id", "conflict"
    ):
        declarations[evaluator][vendor] = conflict
    # Answers that need a person, per section and vendor.
    answerable: dict[tuple[int, int], int] = {}
    for sid, vendor, n in (
        Answer.objects.filter(
            response__rfp=rfp,
            response__status=ResponseStatus.SUBMITTED,
            state=AnswerState.ANSWERED,
            question__scored=True,
            question__is_price=False,
            question__auto_rule__isnull=True,
            question__section__kind=SectionKind.TECHNICAL,
        )
        .values_list("question__section_id", "response__vendor_id")
        .annotate(n=Count("id"))
    ):
        answerable[(sid, vendor)] = n
    given: dict[tuple[int, int, int], int] = {}
    for evaluator, sid, vendor, n in (
        Score.objects.filter(answer__response__rfp=rfp, answer__response__status=ResponseStatus.SUBMITTED)
        .values_list("evaluator_id", "answer__question__section_id", "answer__response__vendor_id")
        .annotate(n=Count("id"))
    ):
        given[(evaluator, sid, vendor)] = n
    rows = []
    for a in assignments:
        mine = declarations.get(a.evaluator_id, {})
        cleared = [v for v in bidder_vendors if mine.get(v) is False]
        rows.append(
            ProgressRow(
                assignment=a,
                to_score=sum(answerable.get((a.section_id, v), 0) for v in cleared),
                scored=sum(given.get((a.evaluator_id, a.section_id, v), 0) for v in cleared),
                undeclared=sum(1 for v in bidder_vendors if v not in mine),
                conflicts=sum(1 for v in bidder_vendors if mine.get(v) is True),
            )
        )
    return rows


@dataclass
class EvaluatorProgress:
    evaluator: Any
    to_score: int
    scored: int
    submitted: int
    assigned: int
    undeclared: int
    conflicts: int

    @property
    def percent(self) -> int:
        return 100 if not self.to_score else round(100 * self.scored / self.to_score)


@dataclass
class ProgressMatrix:
    """Sections (rows) x evaluators (columns), each cell the evaluator's progress or None."""

    evaluators: list[EvaluatorProgress]
    rows: list[tuple[Section, list[ProgressRow | None]]]


def progress_matrix(rfp: RFP) -> ProgressMatrix:
    rows = progress(rfp)
    evaluators: dict[int, EvaluatorProgress] = {}
    sections: dict[int, Section] = {}
    cells: dict[tuple[int, int], ProgressRow] = {}
    for row in rows:
        a = row.assignment
        summary = evaluators.setdefault(
            a.evaluator_id, EvaluatorProgress(a.evaluator, 0, 0, 0, 0, row.undeclared, row.conflicts)
        )
        summary.to_score += row.to_score
        summary.scored += row.scored
        summary.assigned += 1
        summary.submitted += a.is_submitted
        sections.setdefault(a.section_id, a.section)
        cells[(a.section_id, a.evaluator_id)] = row
    ordered = sorted(sections.values(), key=lambda s: (s.order, s.id))
    people = list(evaluators.values())
    return ProgressMatrix(
        evaluators=people,
        rows=[(s, [cells.get((s.id, p.evaluator.pk)) for p in people]) for s in ordered],
    )


def scoring_complete(rfp: RFP) -> bool:
    """Technical scoring is complete when every assignment is submitted and no answer that
    needs a person is left without a submitted score or a consensus."""
    rows = progress(rfp)
    if not rows or any(not r.assignment.is_submitted for r in rows):
        return False
    ranking = ranking_for_rfp(rfp)
    return not ranking.error and not ranking.provisional
