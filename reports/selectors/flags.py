"""Risk flags: the answers an executive should worry about (failed knockouts, auto-scored answers
that break their benchmark), each quoting the vendor's own answer, worst first."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from reports.selectors.detail import AnswerDetail, Detail
from scoring import engine
from scoring.selectors import RankedVendor, Ranking

LOW_POINTS = 2.0  # an auto-scored answer at or below this (of 5) breaks its benchmark


FLAGS_ON_A_VENDOR_PAGE = 8  # the worst flags; the appendix and the score matrix hold every answer
FLAGS_FOR_OTHER_VENDORS = 5


@dataclass(frozen=True)
class RiskFlag:
    """One reason for an executive to worry, quoting the vendor's own answer."""

    kind: str  # "knockout" or "benchmark"
    section: str
    question: str
    answer: str
    benchmark: str
    points: float | None

    @property
    def is_knockout(self) -> bool:
        return self.kind == "knockout"


def flag_sections(ranking: Ranking, detail: Detail) -> dict[int, tuple[str, float, float]]:
    """Per section: its title, its weight and the total weight of its scored questions, which
    together say how much one answer weighs in the total."""
    question_weights: dict[int, float] = defaultdict(float)
    for q in detail.questions:
        if q.scored and not q.is_price:
            question_weights[q.section_id] += q.weight
    return {s.id: (s.title, s.weight, question_weights[s.id]) for s in ranking.sections}


def risk_flags(answers: list[AnswerDetail], sections: dict[int, tuple[str, float, float]]) -> list[RiskFlag]:
    """Failed knockouts, then auto-scored answers at or below 2 of 5: an answer that the
    question's own rule scores that low breaks the benchmark the question states. They come in the
    order of the points they cost the total (the answer's share of the total x the points it
    missed), so that a low score on a heavy question outranks a zero on a light one."""
    knockouts, low = [], []
    for a in answers:
        q = a.question
        title, section_weight, question_total = sections.get(q.section_id, ("", 0.0, 0.0))
        if a.knockout_failed:
            knockouts.append(RiskFlag("knockout", title, q.text, a.display, q.spec(set()).knockout_reason, None))
            continue
        outcome = a.outcome
        if q.auto_rule and outcome is not None and outcome.source == "auto" and outcome.points <= LOW_POINTS:
            benchmark = q.benchmark or _("The question's scoring rule gives this answer %(points)s of 5.") % {
                "points": _points(outcome.points)
            }
            share = section_weight * q.weight / question_total if question_total else 0.0
            cost = share * (engine.MAX_POINTS - outcome.points) / engine.MAX_POINTS
            low.append(
                (-cost, outcome.points, RiskFlag("benchmark", title, q.text, a.display, benchmark, outcome.points))
            )
    low.sort(key=lambda item: item[:2])
    return knockouts + [flag for _cost, _points_, flag in low]


def _points(value: float | None) -> str:
    if value is None:
        return ""
    return number_format(round(value, 1), decimal_pos=1 if value % 1 else 0)


@dataclass
class VendorFlags:
    """A vendor's risk flags; the report prints the first `limit` and counts the rest."""

    row: RankedVendor
    flags: list[RiskFlag]
    limit: int = FLAGS_ON_A_VENDOR_PAGE

    @property
    def shown(self) -> list[RiskFlag]:
        knockouts = [f for f in self.flags if f.is_knockout]
        return knockouts + [f for f in self.flags if not f.is_knockout][: max(self.limit - len(knockouts), 0)]

    @property
    def more(self) -> int:
        return len(self.flags) - len(self.shown)
