"""How far the evaluators agree: Kendall's W over their rankings of the vendors, in words, and the
answers on which their marks are furthest apart."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from reports.selectors.detail import Detail, EvaluatorMark
from scoring import engine
from scoring.selectors import PanelAgreement, Ranking, agreement_of
from scoring.selectors.panel import Mark


@dataclass
class Disagreement:
    vendor: str
    section: str
    question: str
    marks: list[EvaluatorMark]
    spread: float
    consensus: tuple[int, str] | None


@dataclass
class Agreement:
    kendalls_w: float | None
    words: str
    evaluators: list[str]
    scored_answers: int
    mean_range: float | None
    disagreements: list[Disagreement]  # the widest, up to a limit
    disagreement_count: int
    resolved: int
    panel: PanelAgreement | None = None  # Krippendorff's alpha, per section, who scores apart


def agreement_words(w: float | None) -> str:
    if w is None:
        return _("Not enough evaluators scored the same questions for every vendor to measure agreement.")
    if w >= 0.7:
        return _("Strong agreement: the evaluators rank the vendors in much the same order.")
    if w >= 0.5:
        return _("Moderate agreement: the evaluators broadly agree on the order of the vendors.")
    if w >= 0.3:
        return _("Fair agreement: the evaluators differ on the order of some vendors.")
    return _("Weak agreement: the evaluators order the vendors differently; read the disagreements below.")


def agreement(ranking: Ranking, detail: Detail, limit: int = 12) -> Agreement:
    """Kendall's W over the evaluators' rankings of the vendors, and the answers they disagree on."""
    names = {row.result.vendor_id: row.label for row in ranking.rows}
    titles = {s.id: s.title for s in ranking.sections}
    human = [a for a in detail.answers.values() if a.marks]
    inputs = [
        engine.AnswerInput(
            a.vendor_id, a.question.id, a.state, None, tuple((m.evaluator_id, m.points) for m in a.marks)
        )
        for a in human
    ]
    outcome = engine.evaluator_agreement(inputs, {q.id: q.weight for q in detail.questions}) if inputs else None
    w = outcome.kendalls_w if outcome else None
    ranges = [max(m.points for m in a.marks) - min(m.points for m in a.marks) for a in human if len(a.marks) > 1]
    split = [
        a for a in human if len(a.marks) > 1 and max(m.points for m in a.marks) - min(m.points for m in a.marks) >= 2
    ]
    split.sort(key=lambda a: (-(max(m.points for m in a.marks) - min(m.points for m in a.marks)), names[a.vendor_id]))
    return Agreement(
        kendalls_w=w,
        words=agreement_words(w),
        evaluators=sorted(detail.evaluators.values()),
        scored_answers=len(human),
        mean_range=sum(ranges) / len(ranges) if ranges else None,
        disagreements=[
            Disagreement(
                vendor=names[a.vendor_id],
                section=titles.get(a.question.section_id, ""),
                question=a.question.text,
                marks=a.marks,
                spread=float(max(m.points for m in a.marks) - min(m.points for m in a.marks)),
                consensus=a.consensus,
            )
            for a in split[:limit]
        ],
        disagreement_count=len(split),
        resolved=sum(1 for a in split if a.consensus is not None),
        panel=_panel(ranking, human) if human else None,
    )


def _panel(ranking: Ranking, human: list) -> PanelAgreement:
    """Alpha and the evaluators who score apart, from the marks the report already read."""
    marks = [
        Mark((a.vendor_id, a.question.id), a.question.id, a.question.section_id, m.evaluator_id, m.points)
        for a in human
        for m in a.marks
    ]
    names = {m.evaluator_id: m.name for a in human for m in a.marks}
    titles = {s.id: s.title for s in ranking.sections if not s.is_price}
    return agreement_of(marks, titles, names, questions=[])
