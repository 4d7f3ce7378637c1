"""Engine helpers only the tests use: they were in scoring/engine.py, which production never
called them from.

* :func:`check_section_weights` checks sections as :func:`scoring.engine.rank` does.
* :func:`answer_columns` turns AnswerInput objects into the columns of
  :func:`scoring.engine.rank_columns`, to compare the columnar path with the object path.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np

from scoring.engine import AnswerColumns, AnswerInput, QuestionSpec, SectionSpec, VendorInput
from scoring.engine.columns import (
    _codes,
    _consensus_of,
    _points_of,
    _question_of,
    _scores_of,
    _state_of,
    _value_of,
    _vendor_of,
)
from scoring.engine.specs import _STATE_CODES
from scoring.engine.tables import _index, _section_table


def check_section_weights(sections: Sequence[SectionSpec]) -> None:
    """Raise ValueError unless the sections are well formed and their weights total 100."""
    _section_table(sections)


def answer_columns(
    answers: Sequence[AnswerInput], vendors: Sequence[VendorInput], questions: Sequence[QuestionSpec]
) -> AnswerColumns:
    """The columns of :func:`rank_columns` from :class:`AnswerInput` objects (evaluator ids are
    dropped: the ranking never reads them). Raises ValueError for an unknown vendor, question or
    state, or a score or consensus that is not a number."""
    n = len(answers)
    vendor = _codes(map(_vendor_of, answers), _index([v.id for v in vendors], "vendor"), n, "vendor")
    question = _codes(map(_question_of, answers), _index([q.id for q in questions], "question"), n, "question")
    state = _codes(map(_state_of, answers), _STATE_CODES, n, "answer state")
    score_lists = list(map(_scores_of, answers))
    lengths = np.fromiter(map(len, score_lists), np.intp, n)
    try:
        points = np.fromiter(map(_points_of, chain.from_iterable(score_lists)), float, int(lengths.sum()))
        consensus = np.array([np.nan if c is None else float(c) for c in map(_consensus_of, answers)], dtype=float)
    except (TypeError, ValueError):
        raise ValueError("A score or consensus is not a number on the 0-5 scale.") from None
    return AnswerColumns(
        vendor=vendor,
        question=question,
        state=state,
        values=list(map(_value_of, answers)),
        score_points=points,
        score_offsets=np.concatenate(([0], np.cumsum(lengths))).astype(np.intp),
        consensus=consensus.reshape(n),
    )
