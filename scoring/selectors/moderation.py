"""Moderation: the human-scored answers with their submitted individual scores, the spread
between them, who flagged them for the panel, and the consensus score where one was set.

:func:`moderation_page` lists them a page at a time (disagreements, flagged or all), grouped by
question so that every evaluator's score and comment on every vendor's answer sit side by side.
It reads the page's answers only: the filters run in the database, so the page's queries and size
do not grow with the number of vendors or questions.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Max, Min, Q

from rfp.models import RFP, Question, SectionKind
from scoring.models import Consensus, Score
from scoring.selectors.bidders import Bidder, bidders
from vendors.models import Answer, AnswerState

PAGE_SIZE = 25
SHOW = ("disagreements", "flagged", "all")
# Evaluators' points this far apart on one answer are a disagreement.
DISAGREEMENT_RANGE = 2


@dataclass
class ModerationRow:
    answer: Answer
    bidder: Bidder
    scores: list[tuple[str, int, str]]
    consensus: Consensus | None
    spread: int | None
    disagreement: bool
    flagged_by: list[str] = field(default_factory=list)

    @property
    def aggregate(self) -> float | None:
        if not self.scores:
            return None
        return sum(points for _n, points, _c in self.scores) / len(self.scores)

    def score_of(self, name: str) -> tuple[int, str] | None:
        return next(((points, comment) for n, points, comment in self.scores if n == name), None)


@dataclass
class QuestionGroup:
    """One question's answers on the page, with the evaluators who scored them as columns."""

    question: Question
    evaluators: list[str]
    rows: list[ModerationRow]

    @property
    def table(self) -> list[tuple[ModerationRow, list[tuple[int, str] | None]]]:
        return [(row, [row.score_of(name) for name in self.evaluators]) for row in self.rows]


@dataclass
class ModerationPage:
    show: str
    groups: list[QuestionGroup]
    page: int
    pages: int
    matching: int


def _moderated(rfp: RFP, response_ids: list[int], section_id: int | None):
    answers = Answer.objects.filter(
        response_id__in=response_ids,
        state=AnswerState.ANSWERED,
        question__scored=True,
        question__is_price=False,
        question__auto_rule__isnull=True,
        question__section__kind=SectionKind.TECHNICAL,
    )
    return answers.filter(question__section_id=section_id) if section_id is not None else answers


def _only(answers, show: str):
    submitted = Q(scores__submitted_at__isnull=False)
    if show == "disagreements":
        return answers.annotate(
            high=Max("scores__points", filter=submitted), low=Min("scores__points", filter=submitted)
        ).filter(high__gte=F("low") + DISAGREEMENT_RANGE)
    if show == "flagged":
        return answers.filter(submitted, scores__flagged=True).distinct()
    return answers


def moderation_page(
    rfp: RFP, *, show: str = "disagreements", section_id: int | None = None, page: int = 1
) -> ModerationPage:
    """One page of answers to moderate, grouped by question."""
    show = show if show in SHOW else "disagreements"
    by_response = {b.response_id: b for b in bidders(rfp)}
    answers = _only(_moderated(rfp, list(by_response), section_id), show)
    matching = answers.count()
    pages = max(1, -(-matching // PAGE_SIZE))
    page = min(max(page, 1), pages)
    ids = list(
        answers.order_by("question__section__order", "question__order", "question_id", "response_id").values_list(
            "id", flat=True
        )[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    )
    rows = _rows(Answer.objects.filter(id__in=ids).select_related("question__section"), by_response)
    groups: dict[int, QuestionGroup] = {}
    for row in rows:
        group = groups.setdefault(row.answer.question_id, QuestionGroup(row.answer.question, [], []))
        group.rows.append(row)
        for name, _points, _comment in row.scores:
            if name not in group.evaluators:
                group.evaluators.append(name)
    for group in groups.values():
        group.evaluators.sort(key=str.casefold)
    return ModerationPage(show, list(groups.values()), page, pages, matching)


def moderation_rows(
    rfp: RFP, *, only_disagreements: bool = False, section_id: int | None = None
) -> list[ModerationRow]:
    """Every human-scored answer (or only the disagreements) with its scores, spread and consensus."""
    by_response = {b.response_id: b for b in bidders(rfp)}
    answers = _moderated(rfp, list(by_response), section_id).select_related("question__section")
    rows = _rows(answers, by_response)
    return [row for row in rows if row.disagreement or not only_disagreements]


def _rows(answers, by_response: dict[int, Bidder]) -> list[ModerationRow]:
    """The answers' rows in three more queries: the answers, their submitted scores, consensus."""
    answers = list(answers.order_by("question__section__order", "question__order", "question_id", "response_id"))
    ids = [a.id for a in answers]
    scores: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    flagged: dict[int, list[str]] = defaultdict(list)
    for aid, first, last, username, points, comment, flag in (
        Score.objects.filter(answer__in=ids, submitted_at__isnull=False)
        .order_by("evaluator__last_name", "evaluator_id")
        .values_list(
            "answer_id",
            "evaluator__first_name",
            "evaluator__last_name",
            "evaluator__username",
            "points",
            "comment",
            "flagged",
        )
    ):
        name = f"{first} {last}".strip() or username
        scores[aid].append((name, points, comment))
        if flag:
            flagged[aid].append(name)
    consensus = {c.answer_id: c for c in Consensus.objects.filter(answer__in=ids).select_related("set_by")}
    rows = []
    for answer in answers:
        given = scores.get(answer.id, [])
        spread = (max(p for _n, p, _c in given) - min(p for _n, p, _c in given)) if given else None
        rows.append(
            ModerationRow(
                answer=answer,
                bidder=by_response[answer.response_id],
                scores=given,
                consensus=consensus.get(answer.id),
                spread=spread,
                disagreement=spread is not None and spread >= DISAGREEMENT_RANGE,
                flagged_by=flagged.get(answer.id, []),
            )
        )
    return rows
