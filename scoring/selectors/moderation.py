"""Moderation: the human-scored answers with their submitted individual scores, the spread
between them, and the consensus score where one was set.

Reads in four queries: the bidders, the answers (with their questions and sections), the
submitted scores with the evaluators' names, and the consensus scores.
"""

from collections import defaultdict
from dataclasses import dataclass

from rfp.models import RFP, SectionKind
from scoring.models import Consensus, Score
from scoring.selectors.bidders import Bidder, bidders
from vendors.models import Answer, AnswerState


@dataclass
class ModerationRow:
    answer: Answer
    bidder: Bidder
    scores: list[tuple[str, int, str]]
    consensus: Consensus | None
    spread: int | None
    disagreement: bool

    @property
    def aggregate(self) -> float | None:
        if not self.scores:
            return None
        return sum(points for _n, points, _c in self.scores) / len(self.scores)


def moderation_rows(
    rfp: RFP, *, only_disagreements: bool = False, section_id: int | None = None
) -> list[ModerationRow]:
    """Human-scored answers with their submitted individual scores, spread and consensus."""
    by_response = {b.response_id: b for b in bidders(rfp)}
    answers = (
        Answer.objects.filter(
            response_id__in=list(by_response),
            state=AnswerState.ANSWERED,
            question__scored=True,
            question__is_price=False,
            question__auto_rule__isnull=True,
            question__section__kind=SectionKind.TECHNICAL,
        )
        .select_related("question__section")
        .order_by("question__section__order", "question__order", "question_id", "response_id")
    )
    if section_id is not None:
        answers = answers.filter(question__section_id=section_id)
    answers = list(answers)
    scores: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    for aid, first, last, username, points, comment in (
        Score.objects.filter(answer__in=[a.id for a in answers], submitted_at__isnull=False)
        .order_by("evaluator__last_name", "evaluator_id")
        .values_list(
            "answer_id", "evaluator__first_name", "evaluator__last_name", "evaluator__username", "points", "comment"
        )
    ):
        scores[aid].append((f"{first} {last}".strip() or username, points, comment))
    consensus = {c.answer_id: c for c in Consensus.objects.filter(answer__in=[a.id for a in answers])}
    rows = []
    for answer in answers:
        given = scores.get(answer.id, [])
        spread = (max(p for _n, p, _c in given) - min(p for _n, p, _c in given)) if given else None
        row = ModerationRow(
            answer=answer,
            bidder=by_response[answer.response_id],
            scores=given,
            consensus=consensus.get(answer.id),
            spread=spread,
            disagreement=spread is not None and spread >= 2,
        )
        if not only_disagreements or row.disagreement:
            rows.append(row)
    return rows
