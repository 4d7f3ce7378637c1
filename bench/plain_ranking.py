"""The plain read that `make bench` sets against the fast path of the ranking.

`ranking_for_rfp` reads the answers through `scoring.selectors.fast_path`: one row per answer,
its submitted scores folded by the database into a histogram packed in one integer, built with
the garbage collector paused. This module is the obvious alternative it has to beat: one query
reading every answer joined to its submitted scores (one row per score, a row with no score for
an answer without any), grouped by answer in Python, then the conflicts of interest and the
consensus scores in one small query each. It hands the engine the same columns, so the ranking
is identical (the benchmark checks it before timing).

    with plain_read():
        ranking_for_rfp(rfp)  # ranked from the plain read
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import numpy as np
from django.db.models import Case, F, FilteredRelation, JSONField, Q, Value, When

from rfp.models import RFP
from scoring import engine
from scoring.models import ConflictDeclaration, Consensus
from scoring.selectors import ranking
from scoring.selectors.bidders import Bidder
from scoring.selectors.questions import _QuestionTable, _submitted_answers
from scoring.selectors.reads import _json_list, fetch_rows
from vendors.models import ResponseStatus


def plain_rows(rfp: RFP, table: _QuestionTable):
    """The one big query: every submitted answer LEFT JOIN its submitted scores."""
    wanted_value = (
        Case(When(question_id__in=table.value_questions, then=F("value")), default=None, output_field=JSONField())
        if table.value_questions
        else Value(None, output_field=JSONField())
    )
    return (
        _submitted_answers(rfp)
        .annotate(
            submitted=FilteredRelation("scores", condition=Q(scores__submitted_at__isnull=False)),
            wanted_value=wanted_value,
        )
        .values_list(
            "id",
            "response_id",
            "response__vendor_id",
            "question_id",
            "state",
            "wanted_value",
            "submitted__evaluator_id",
            "submitted__points",
        )
    )


def plain_answers(
    rfp: RFP, bidder_list: list[Bidder], table: _QuestionTable
) -> tuple[engine.AnswerColumns, dict[int, Any]] | None:
    """Answer columns and prices per vendor from the plain query, as `fast_path._fast_answers`
    gives them (None when only the exact path can report the data as the engine would)."""
    conflicts = set(ConflictDeclaration.objects.filter(rfp=rfp, conflict=True).values_list("evaluator_id", "vendor_id"))
    consensus_of = dict(
        Consensus.objects.filter(
            answer__response__rfp=rfp, answer__response__status=ResponseStatus.SUBMITTED
        ).values_list("answer_id", "points")
    )
    vendor_of = {b.response_id: i for i, b in enumerate(bidder_list)}
    question_of = {q.id: i for i, q in enumerate(table.specs)}
    answers: dict[int, list] = {}  # answer id: [vendor, question, state, JSON text, points]
    for answer_id, response, vendor_id, question_id, state, text, evaluator, points in fetch_rows(
        plain_rows(rfp, table)
    ):
        answer = answers.get(answer_id)
        if answer is None:
            v, q, code = vendor_of.get(response), question_of.get(question_id), engine.STATE_CODES.get(state)
            if v is None or q is None or code is None:
                return None
            answer = answers[answer_id] = [v, q, code, text, []]
        if points is not None and (evaluator, vendor_id) not in conflicts:
            answer[4].append(points)  # the engine checks the 0-5 scale, as on the other paths

    rows = list(answers.values())
    ids = list(answers)
    texts = [row[3] for row in rows]
    given = [i for i, text in enumerate(texts) if text is not None]
    values: list[Any] = [None] * len(rows)
    for i, value in zip(given, _json_list([texts[i] for i in given]), strict=True):
        values[i] = value
    lengths = [len(row[4]) for row in rows]
    columns = engine.AnswerColumns(
        vendor=np.array([row[0] for row in rows], dtype=np.intp),
        question=np.array([row[1] for row in rows], dtype=np.intp),
        state=np.array([row[2] for row in rows], dtype=np.intp),
        values=values,
        score_points=np.array([p for row in rows for p in row[4]], dtype=float),
        score_offsets=np.concatenate(([0], np.cumsum(lengths))).astype(np.intp),
        consensus=np.array([consensus_of.get(a, np.nan) for a in ids], dtype=float),
    )
    prices = {}
    if table.price_question is not None:
        price_q = question_of[table.price_question]
        answered = engine.STATE_CODES[engine.ANSWERED]
        for i, row in enumerate(rows):
            if row[1] == price_q and row[2] == answered:
                prices[bidder_list[row[0]].vendor_id] = values[i]
    return columns, prices


@contextmanager
def plain_read() -> Iterator[None]:
    """Within the block, `ranking_for_rfp` reads the answers with :func:`plain_answers` (it
    needs no count of users: nothing can overflow)."""
    with (
        mock.patch.object(ranking, "_fast_answers", plain_answers),
        mock.patch.object(ranking, "_histograms_fit", lambda: True),
    ):
        yield
