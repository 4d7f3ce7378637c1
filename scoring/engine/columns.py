"""The answers as the bulk scoring reads them: AnswerInput objects or numpy columns.

:class:`AnswerColumns` is the columnar form the application hands to
:func:`~scoring.engine.rank_columns` (it reads the columns straight from the database): row
``i`` of every column is one vendor's answer to one question, and each answer's evaluator points
are one run of a flat array. :class:`_ObjectAnswers` and :class:`_ColumnAnswers` present either
form to :mod:`scoring.engine.grid` in the same way, reading each field only where it decides
something, and checking what they read (unknown vendor, question or state; points outside 0-5).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any

import numpy as np

from scoring.engine.specs import _STATE_CODES, _STATE_NAMES, AnswerInput, VendorInput
from scoring.engine.values import _check_point_array

if TYPE_CHECKING:
    from scoring.engine.tables import _Questions

_vendor_of = attrgetter("vendor_id")
_question_of = attrgetter("question_id")
_state_of = attrgetter("state")
_value_of = attrgetter("value")
_scores_of = attrgetter("scores")
_consensus_of = attrgetter("consensus")
_points_of = itemgetter(1)


def _codes(keys: Any, table: Mapping[Hashable, int], count: int, what: str) -> np.ndarray:
    try:
        return np.fromiter(map(table.__getitem__, keys), np.intp, count)
    except KeyError as exc:
        raise ValueError(f"An answer refers to unknown {what} {exc.args[0]!r}.") from None


def _pick(items: Sequence[Any], indices: np.ndarray) -> list[Any]:
    """``[items[i] for i in indices]`` at C speed."""
    if indices.size == 0:
        return []
    if indices.size == 1:
        return [items[int(indices[0])]]
    return list(itemgetter(*indices.tolist())(items))


@dataclass(frozen=True)
class AnswerColumns:
    """The answers for :func:`rank_columns`, one numpy column per field; row ``i`` of every
    column is one vendor's answer to one question.

    * ``vendor``, ``question``: indices into the ``vendors`` and ``questions`` given to
      :func:`rank_columns`.
    * ``state``: the codes of :data:`STATE_CODES` (answered 0, blank 1, not applicable 2).
    * ``values``: each answer's value. Only the answers to questions with an auto-scoring rule or
      a knockout are read; the others may hold None.
    * ``score_points``: the evaluators' points (0-5) of every answer, one run after another;
      answer ``i``'s run is ``score_points[score_offsets[i]:score_offsets[i + 1]]``, so
      ``score_offsets`` starts at 0 and has one entry more than there are answers. The order of
      the points within a run does not matter.
    * ``consensus``: the moderated score, nan where there is none.
    """

    vendor: np.ndarray
    question: np.ndarray
    state: np.ndarray
    values: Sequence[Any]
    score_points: np.ndarray
    score_offsets: np.ndarray
    consensus: np.ndarray

    def __len__(self) -> int:
        return len(self.vendor)


class _AnswerSource:
    """What the bulk scoring reads from the answers, whether they come as AnswerInput objects
    or as columns: index columns up front, the rest only where it decides something."""

    vi: np.ndarray  # vendor index per answer
    qi: np.ndarray  # question index per answer
    state: np.ndarray  # state code per answer

    def __len__(self) -> int:
        return len(self.vi)

    def ids(self, i: int) -> tuple[Hashable, Hashable]:
        """(vendor id, question id) of answer ``i``, for messages."""
        raise NotImplementedError

    def consensus(self) -> np.ndarray:
        """Consensus per answer, nan where there is none (checked on the 0-5 scale)."""
        raise NotImplementedError

    def values(self, indices: np.ndarray) -> list[Any]:
        raise NotImplementedError

    def score_runs(self, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The evaluators' points of these answers, run after run, and each run's length."""
        raise NotImplementedError

    def value_and_state(self, i: int) -> tuple[Any, str]:
        raise NotImplementedError


class _ObjectAnswers(_AnswerSource):
    def __init__(self, answers: Sequence[AnswerInput], v_index: Mapping[Hashable, int], qs: _Questions) -> None:
        n_a = len(answers)
        self.answers = answers
        self.vi = _codes(map(_vendor_of, answers), v_index, n_a, "vendor")
        self.qi = _codes(map(_question_of, answers), qs.index, n_a, "question")
        self.state = _codes(map(_state_of, answers), _STATE_CODES, n_a, "answer state")

    def ids(self, i: int) -> tuple[Hashable, Hashable]:
        return self.answers[i].vendor_id, self.answers[i].question_id

    def consensus(self) -> np.ndarray:
        answers = self.answers
        values = np.fromiter(map(_consensus_of, answers), object, len(answers))
        given = np.not_equal(values, None)
        consensus = np.full(len(answers), np.nan)
        if given.any():
            try:
                consensus[given] = values[given].astype(float)
            except (TypeError, ValueError):
                raise ValueError("A consensus score is not a number on the 0-5 scale.") from None
            _check_point_array(consensus[given], "A consensus score")
        return consensus

    def values(self, indices: np.ndarray) -> list[Any]:
        return list(map(_value_of, _pick(self.answers, indices)))

    def score_runs(self, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        score_lists = list(map(_scores_of, _pick(self.answers, indices)))
        lengths = np.fromiter(map(len, score_lists), np.intp, indices.size)
        try:
            flat = np.fromiter(map(_points_of, chain.from_iterable(score_lists)), float, int(lengths.sum()))
        except (TypeError, ValueError):
            raise ValueError("An evaluator score is not a number on the 0-5 scale.") from None
        return flat, lengths

    def value_and_state(self, i: int) -> tuple[Any, str]:
        return self.answers[i].value, self.answers[i].state


class _ColumnAnswers(_AnswerSource):
    def __init__(self, columns: AnswerColumns, vendors: Sequence[VendorInput], qs: _Questions) -> None:
        n_a = len(columns.vendor)
        self.columns, self.vendors, self.qs = columns, vendors, qs
        self.vi = _index_column(columns.vendor, n_a, len(vendors), "vendor")
        self.qi = _index_column(columns.question, n_a, len(qs.ids), "question")
        self.state = _index_column(columns.state, n_a, len(_STATE_CODES), "answer state")
        self.offsets = _index_column(columns.score_offsets, n_a + 1, None, "score offset")
        self.points = np.asarray(columns.score_points, dtype=float).reshape(-1)
        if self.offsets[0] != 0 or self.offsets[-1] != self.points.size or (n_a and (np.diff(self.offsets) < 0).any()):
            raise ValueError("score_offsets must rise from 0 to the number of score points.")
        self.consensus_column = np.asarray(columns.consensus, dtype=float).reshape(-1)
        if len(columns.values) != n_a or self.consensus_column.size != n_a:
            raise ValueError("Every answer column must have one entry per answer.")

    def ids(self, i: int) -> tuple[Hashable, Hashable]:
        return self.vendors[int(self.vi[i])].id, self.qs.ids[int(self.qi[i])]

    def consensus(self) -> np.ndarray:
        consensus = self.consensus_column.copy()
        given = ~np.isnan(consensus)
        if given.any():
            _check_point_array(consensus[given], "A consensus score")
        return consensus

    def values(self, indices: np.ndarray) -> list[Any]:
        return _pick(self.columns.values, indices)

    def score_runs(self, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        starts = self.offsets[indices]
        lengths = self.offsets[indices + 1] - starts
        if lengths.sum() == self.points.size:  # every run: no need to gather
            return self.points, lengths
        # Element k of the gathered runs sits at its run's start plus its place in the run.
        begins = np.cumsum(lengths) - lengths
        return self.points[np.repeat(starts - begins, lengths) + np.arange(int(lengths.sum()))], lengths

    def value_and_state(self, i: int) -> tuple[Any, str]:
        return self.columns.values[i], _STATE_NAMES[int(self.state[i])]


def _index_column(column: Any, size: int, bound: int | None, what: str) -> np.ndarray:
    """An integer column as intp, checked: ``size`` entries, each in ``range(bound)``."""
    array = np.asarray(column)
    if array.shape != (size,):
        raise ValueError(f"The {what} column needs {size} entries, not {array.size}.")
    if size and not np.issubdtype(array.dtype, np.integer):
        raise ValueError(f"The {what} column must hold integers.")
    array = array.astype(np.intp, copy=False)
    if bound is not None and size and (array.min() < 0 or array.max() >= bound):
        bad = array[(array < 0) | (array >= bound)][0]
        raise ValueError(f"An answer refers to unknown {what} {int(bad)!r}.")
    return array
