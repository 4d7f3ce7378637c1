"""The fast path of the ranking: one row per answer, its scores folded into a histogram by the
database.

Each submitted score adds 1 to its answer's histogram: a 9-bit counter per points value 0-5 and
a seventh for anything outside 0-5, packed in one 63-bit integer (a SQL SUM of ``1 << 9 p``).
The database still reads every score row; Python gets one integer per answer instead of one row
per score, which is most of the cost of a ranking. The rows are built with the cyclic garbage
collector paused (:func:`~scoring.selectors.reads.gc_paused`, by
:func:`~scoring.selectors.ranking_for_rfp`).

Reads, in four or five queries whatever the size of the RFP: the number of users (so that no
counter can overflow), the answers with their histograms (one query), the conflicts of interest
(one; one more to take back the scores of conflicted evaluators when there are any) and the
consensus scores (one). When the data holds something only the exact path
(:mod:`scoring.selectors.exact_path`) reports as the engine would (an unknown state, points
outside 0-5), :func:`_fast_answers` returns None and the ranking takes that path.

Why it is kept, measured with `make bench` (bench/plain_ranking.py holds the contestant) on 2
cores (Intel Xeon), SQLite 3.40, Python 3.11, at 200 vendors x 400 questions x 5 evaluators
(80,000 answers, 293,065 score rows), best of 7, ``ranking_for_rfp`` end to end:

* this path: 174 ms (199 ms without pausing the garbage collector);
* the plain read, one query joining every answer to its submitted scores (one row per score)
  grouped in Python: 473 ms (578 ms without the pause); its SQL alone takes 362 ms to run and
  fetch, against 118 ms for this path's query;
* the exact path (:mod:`scoring.selectors.exact_path`, five queries, one object per answer):
  406 ms.

2.7x faster than the plain read (2.3x than the exact path), above the 1.5x that would justify
the histograms; the results are identical (tests/scoring/test_engine_columns.py, and the bench
checks it before timing).
"""

from itertools import compress, repeat
from operator import is_not, itemgetter
from typing import Any

import numpy as np
from django.contrib.auth import get_user_model
from django.db.models import (
    BigIntegerField,
    Case,
    ExpressionWrapper,
    F,
    Func,
    JSONField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from rfp.models import RFP
from scoring import engine
from scoring.models import ConflictDeclaration, Consensus, Score
from scoring.selectors.bidders import Bidder
from scoring.selectors.questions import _QuestionTable, _submitted_answers
from scoring.selectors.reads import _json_list, fetch_rows
from vendors.models import ResponseStatus

# Each submitted score adds 1 to its answer's histogram: a 9-bit counter per points value 0-5
# and a seventh for anything outside 0-5, packed in one 63-bit integer. The database still
# reads every score row; Python gets one integer per answer instead of one row per score, which
# is most of the cost of a ranking. No answer can have more scores than there are users (one
# score per evaluator and answer), so with at most 511 users no counter can overflow.
HISTOGRAM_BITS = 9
HISTOGRAM_MAX_USERS = (1 << HISTOGRAM_BITS) - 1
_OUT_OF_SCALE = 6  # the counter of points outside 0-5: the exact path reports them


def _histograms_fit() -> bool:
    return get_user_model().objects.count() <= HISTOGRAM_MAX_USERS


def _score_histogram() -> Coalesce:
    counter = Case(
        *[When(points=p, then=Value(1 << (HISTOGRAM_BITS * p))) for p in range(_OUT_OF_SCALE)],
        default=Value(1 << (HISTOGRAM_BITS * _OUT_OF_SCALE)),
        output_field=BigIntegerField(),
    )
    # SUM as a plain function rather than Sum(): one sum over the answer's rows without the
    # GROUP BY that Sum() would add, which SQLite runs some 7% faster.
    per_answer = (
        Score.objects.filter(answer=OuterRef("pk"), submitted_at__isnull=False)
        .order_by()
        .annotate(histogram=Cast(Func(counter, function="SUM"), BigIntegerField()))
        .values("histogram")
    )
    return Coalesce(Subquery(per_answer), Value(0), output_field=BigIntegerField())


def _histogram_counts(histograms: np.ndarray) -> np.ndarray:
    """answers x 7 counters (points 0 to 5, then out of scale) from the packed integers."""
    shifts = HISTOGRAM_BITS * np.arange(_OUT_OF_SCALE + 1, dtype=np.int64)
    return (histograms[:, None] >> shifts) & HISTOGRAM_MAX_USERS


def _fast_answers(
    rfp: RFP, bidder_list: list[Bidder], table: _QuestionTable
) -> tuple[engine.AnswerColumns, dict[int, Any]] | None:
    """Answer columns (and prices per vendor) filled straight from one row per answer, or None
    when only the exact path can give the same result: a state or question the engine would
    refuse, or points outside 0-5 (the engine's message names them).

    Every column a row carries costs Python an object per answer, so a row holds only four: the
    response, the question and state together (question id x 4 + state code), the histogram of
    its scores and, for the questions whose value is read, the JSON value."""
    rows = fetch_rows(answer_rows(rfp, table))
    n = len(rows)
    responses, question_states, histograms, texts = zip(*rows, strict=True) if rows else ((),) * 4
    question_state = np.fromiter(question_states, np.int64, n)
    state = question_state & 3
    response_ids, question_ids = [b.response_id for b in bidder_list], [q.id for q in table.specs]
    vendor = _positions(np.fromiter(responses, np.int64, n), response_ids)
    question = _positions(question_state >> 2, question_ids)
    if vendor is None or question is None or (state == _UNKNOWN_STATE).any():
        return None
    row_of = _RowFinder(vendor, question, response_ids, question_ids)
    counts = _histogram_counts(np.fromiter(histograms, np.int64, n))
    _drop_conflicted_scores(rfp, counts, row_of)
    if counts[:, _OUT_OF_SCALE].any():
        return None
    counts = counts[:, :_OUT_OF_SCALE]
    # The histogram back to points: answer i's run holds counts[i, p] times the value p.
    points = np.repeat(np.tile(np.arange(_OUT_OF_SCALE, dtype=float), n), counts.reshape(-1))
    offsets = np.concatenate(([0], np.cumsum(counts.sum(axis=1)))).astype(np.intp)
    consensus = np.full(n, np.nan)
    for response, question_id, given in Consensus.objects.filter(
        answer__response__rfp=rfp, answer__response__status=ResponseStatus.SUBMITTED
    ).values_list("answer__response_id", "answer__question_id", "points"):
        row = row_of(response, question_id)
        if row is not None:
            consensus[row] = given
    values = _parsed_values(texts)
    columns = engine.AnswerColumns(
        vendor=vendor,
        question=question,
        state=state,
        values=values,
        score_points=points,
        score_offsets=offsets,
        consensus=consensus,
    )
    prices = {}
    if table.price_question is not None:
        price_q = question_ids.index(table.price_question)
        answered = engine.STATE_CODES[engine.ANSWERED]
        for row in np.flatnonzero((question == price_q) & (state == answered)).tolist():
            prices[bidder_list[vendor[row]].vendor_id] = values[row]
    return columns, prices


_UNKNOWN_STATE = 3


def answer_rows(rfp: RFP, table: _QuestionTable):
    """The fast path's one query: per submitted answer, the response, question id x 4 + state
    code, the histogram of its submitted scores and the JSON value where a question reads it."""
    state_code = Case(
        *[When(state=state, then=Value(code)) for state, code in engine.STATE_CODES.items()],
        default=Value(_UNKNOWN_STATE),
        output_field=BigIntegerField(),
    )
    wanted_value = (
        Case(When(question_id__in=table.value_questions, then=F("value")), default=None, output_field=JSONField())
        if table.value_questions
        else Value(None, output_field=JSONField())
    )
    return (
        _submitted_answers(rfp)
        .annotate(
            question_state=ExpressionWrapper(F("question_id") * 4 + state_code, output_field=BigIntegerField()),
            histogram=_score_histogram(),
            wanted_value=wanted_value,
        )
        .values_list("response_id", "question_state", "histogram", "wanted_value")
    )


def _positions(keys: np.ndarray, ids: list[int]) -> np.ndarray | None:
    """Each key's position in ``ids``, or None when a key is not there."""
    if not ids:
        return None if keys.size else np.zeros(0, dtype=np.intp)
    ids_array = np.array(ids, dtype=np.int64)
    order = np.argsort(ids_array, kind="stable")
    found = np.minimum(np.searchsorted(ids_array[order], keys), len(ids) - 1)
    if keys.size and (ids_array[order][found] != keys).any():
        return None
    return order[found].astype(np.intp)


class _RowFinder:
    """The row of a (response id, question id) pair among the answer rows, or None."""

    def __init__(self, vendor: np.ndarray, question: np.ndarray, response_ids: list[int], question_ids: list[int]):
        self.grid = np.full((len(response_ids), len(question_ids)), -1, dtype=np.intp)
        self.grid[vendor, question] = np.arange(vendor.size)
        self.vendor = {response: i for i, response in enumerate(response_ids)}
        self.question = {question_id: i for i, question_id in enumerate(question_ids)}

    def __call__(self, response_id: int, question_id: int) -> int | None:
        v, q = self.vendor.get(response_id), self.question.get(question_id)
        if v is None or q is None:
            return None
        row = int(self.grid[v, q])
        return row if row >= 0 else None


def _drop_conflicted_scores(rfp: RFP, counts: np.ndarray, row_of: _RowFinder) -> None:
    """A score given before the evaluator declared a conflict with the vendor stops counting (the
    row stays, for the audit): take it back out of its answer's histogram."""
    conflicts = list(
        ConflictDeclaration.objects.filter(rfp=rfp, conflict=True).values_list("evaluator_id", "vendor_id")
    )
    if not conflicts:
        return
    conflicted = Q()
    for evaluator, vendor in conflicts:
        conflicted |= Q(evaluator_id=evaluator, answer__response__vendor_id=vendor)
    rows = Score.objects.filter(
        conflicted,
        answer__response__rfp=rfp,
        answer__response__status=ResponseStatus.SUBMITTED,
        submitted_at__isnull=False,
    ).values_list("answer__response_id", "answer__question_id", "points")
    for response, question_id, points in rows:
        row = row_of(response, question_id)
        if row is not None:
            counts[row, points if 0 <= points < _OUT_OF_SCALE else _OUT_OF_SCALE] -= 1


def _parsed_values(texts: tuple) -> list[Any]:
    """Per row, the JSON value the query returned (None where it returned none), parsed in one
    call rather than one per row."""
    values: list[Any] = [None] * len(texts)
    given = list(compress(range(len(texts)), map(is_not, texts, repeat(None))))
    for i, value in zip(given, _json_list(_pick(texts, given)), strict=True):
        values[i] = value
    return values


def _pick(items: tuple | list, indices: list[int]) -> list:
    if not indices:
        return []
    picked = itemgetter(*indices)(items)
    return [picked] if len(indices) == 1 else list(picked)
