"""How far the panel agrees, per section and per question, and who scores apart from the rest.

Krippendorff's alpha (ordinal, 0-5 points) with a bootstrap 95% interval, computed over the
submitted scores (:mod:`scoring.engine.alpha`), and each evaluator's mean offset from the other
evaluators on the answers they share. The moderation page and the executive report read it from
here; :func:`panel_agreement` reads the submitted scores in one query.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from rfp.models import RFP, SectionKind
from scoring.engine.reliability import AlphaEstimate, EvaluatorBias, alpha_with_interval, panel_bias
from scoring.models import Score
from vendors.models import ResponseStatus

# Krippendorff's own reading (2004): alpha >= 0.800 is reliable, 0.667 the lowest bound for
# tentative conclusions.
RELIABLE = 0.8
TENTATIVE = 0.667


@dataclass(frozen=True)
class Mark:
    answer: Hashable
    question: Hashable
    section: Hashable
    evaluator: Hashable
    points: int


@dataclass(frozen=True)
class SectionAgreement:
    section: Hashable
    title: str
    estimate: AlphaEstimate

    @property
    def words(self) -> str:
        return alpha_words(self.estimate.alpha)


@dataclass(frozen=True)
class ApartEvaluator:
    name: str
    bias: EvaluatorBias

    @property
    def sentence(self) -> str:
        values = {
            "name": self.name,
            "offset": number_format(round(abs(self.bias.mean_offset), 2), decimal_pos=2),
            "n": self.bias.answers,
        }
        if self.bias.mean_offset < 0:
            text = _("%(name)s scores %(offset)s points below the rest of the panel on average (%(n)s shared answers).")
        else:
            text = _("%(name)s scores %(offset)s points above the rest of the panel on average (%(n)s shared answers).")
        return text % values


@dataclass(frozen=True)
class PanelAgreement:
    overall: AlphaEstimate
    sections: list[SectionAgreement]
    questions: dict[Hashable, AlphaEstimate]
    apart: list[ApartEvaluator]

    @property
    def words(self) -> str:
        return alpha_words(self.overall.alpha)


def alpha_words(alpha: float | None) -> str:
    if alpha is None:
        return _("Not measurable: fewer than two evaluators scored the same answers, or every score is the same.")
    if alpha >= RELIABLE:
        return _("Reliable: the evaluators score the same answers alike.")
    if alpha >= TENTATIVE:
        return _("Tentative: the evaluators mostly agree; read the disagreements before relying on close totals.")
    return _("Unreliable: the evaluators score the same answers differently; moderate before deciding.")


def _units(marks: Iterable[Mark]) -> list[list[int]]:
    by_answer: dict[Hashable, list[int]] = defaultdict(list)
    for mark in marks:
        by_answer[mark.answer].append(mark.points)
    return list(by_answer.values())


def agreement_of(
    marks: list[Mark], titles: dict[Hashable, str], names: dict[Hashable, str], *, questions=None
) -> PanelAgreement:
    """Alpha overall, per section (in the order of ``titles``) and for the ``questions`` asked
    (all when None), and the evaluators who score apart, from the marks given."""
    by_section: dict[Hashable, list[Mark]] = defaultdict(list)
    by_question: dict[Hashable, list[Mark]] = defaultdict(list)
    for mark in marks:
        by_section[mark.section].append(mark)
        by_question[mark.question].append(mark)
    wanted = by_question if questions is None else {q: by_question.get(q, []) for q in questions}
    biases = panel_bias((m.answer, m.evaluator, m.points) for m in marks)
    return PanelAgreement(
        overall=alpha_with_interval(_units(marks)),
        sections=[
            SectionAgreement(sid, title, alpha_with_interval(_units(by_section[sid])))
            for sid, title in titles.items()
            if by_section.get(sid)
        ],
        questions={q: alpha_with_interval(_units(given)) for q, given in wanted.items()},
        apart=[ApartEvaluator(names.get(b.evaluator, str(b.evaluator)), b) for b in biases if b.flagged],
    )


def panel_agreement(rfp: RFP, *, questions=None) -> PanelAgreement:
    """The RFP's submitted scores in one query, read into :func:`agreement_of`."""
    rows = Score.objects.filter(
        answer__response__rfp=rfp,
        answer__response__status=ResponseStatus.SUBMITTED,
        answer__question__section__kind=SectionKind.TECHNICAL,
        submitted_at__isnull=False,
    ).values_list(
        "answer_id",
        "answer__question_id",
        "answer__question__section_id",
        "evaluator_id",
        "evaluator__first_name",
        "evaluator__last_name",
        "evaluator__username",
        "points",
    )
    marks, names = [], {}
    for answer, question, section, evaluator, first, last, username, points in rows:
        marks.append(Mark(answer, question, section, evaluator, points))
        names[evaluator] = f"{first} {last}".strip() or username
    titles = dict(rfp.sections.filter(kind=SectionKind.TECHNICAL).order_by("order", "id").values_list("id", "title"))
    return agreement_of(marks, titles, names, questions=questions)
