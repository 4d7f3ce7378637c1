"""Agreement between evaluators: the spread of the points on each answer, and Kendall's W.

* Spread of one answer: range ``max - min`` and population standard deviation (ddof = 0).
* ``W = 12 S / (m^2 (n^3 - n) - m sum_j T_j)`` for m raters ranking n objects, with ``S`` the
  sum of squared deviations of the objects' rank sums from their mean and
  ``T_j = sum(t^3 - t)`` over rater j's ties (ties share the average rank). 1 is full agreement,
  0 none.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from scoring.engine.specs import AnswerInput


@dataclass(frozen=True)
class Spread:
    """Evaluators' points on one answer: how many, range (max - min) and population SD."""

    n: int
    range: float
    sd: float


def answer_spread(points: Sequence[float]) -> Spread | None:
    """Range and standard deviation (population, ddof = 0) of one answer's points."""
    if not points:
        return None
    values = np.asarray(points, dtype=float)
    return Spread(int(values.size), float(values.max() - values.min()), float(values.std()))


def _average_ranks(row: np.ndarray) -> tuple[np.ndarray, float]:
    """Ranks 1..n (ties share their average rank) and the tie term sum(t^3 - t)."""
    _, inverse, counts = np.unique(row, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    group_rank = ends - (counts - 1) / 2.0  # average of the ranks the group occupies
    return group_rank[inverse], float((counts**3 - counts).sum())


def kendalls_w(ratings: Sequence[Sequence[float]]) -> float | None:
    """Kendall's coefficient of concordance W for m raters (rows) ranking n objects (columns).

    Each row is turned into ranks (ties share the average rank; the direction does not matter).
    ``W = 12 S / (m^2 (n^3 - n) - m sum_j T_j)``, with ``S`` the sum of squared deviations of
    the objects' rank sums from their mean and ``T_j = sum(t^3 - t)`` over rater j's ties.
    1 is full agreement, 0 none. None when undefined (fewer than 2 raters or objects, or
    every rater ties everything).
    """
    x = np.asarray(ratings, dtype=float)
    if x.ndim != 2 or x.shape[0] < 2 or x.shape[1] < 2 or not np.isfinite(x).all():
        return None
    m, n = x.shape
    ranked = [_average_ranks(row) for row in x]
    rank_sums = np.sum([r for r, _ in ranked], axis=0)
    s = float(((rank_sums - rank_sums.mean()) ** 2).sum())
    ties = sum(t for _, t in ranked)
    denominator = m**2 * (n**3 - n) - m * ties
    return 12.0 * s / denominator if denominator > 0 else None


@dataclass(frozen=True)
class Agreement:
    """Per answer spreads, and Kendall's W over the evaluators' rankings of the vendors."""

    per_answer: Mapping[tuple[Hashable, Hashable], Spread]
    kendalls_w: float | None
    evaluators: tuple[Hashable, ...]
    vendors: tuple[Hashable, ...]


def evaluator_agreement(
    answers: Sequence[AnswerInput], question_weights: Mapping[Hashable, float] | None = None
) -> Agreement:
    """Spread of the points on every answer, and Kendall's W between evaluators.

    Each evaluator's score for a vendor is the weighted mean of their points over the questions
    they scored for *every* vendor, so all evaluators rank the same vendors on a like-for-like
    basis; evaluators with no such question are left out of W.
    """
    per_answer: dict[tuple[Hashable, Hashable], Spread] = {}
    by_evaluator: dict[Hashable, dict[tuple[Hashable, Hashable], float]] = {}
    vendors: dict[Hashable, None] = {}
    for a in answers:
        vendors.setdefault(a.vendor_id)
        spread = answer_spread([p for _, p in a.scores])
        if spread is not None:
            per_answer[(a.vendor_id, a.question_id)] = spread
        for evaluator, points in a.scores:
            by_evaluator.setdefault(evaluator, {})[(a.vendor_id, a.question_id)] = float(points)

    vendor_ids = tuple(vendors)
    rows, kept = [], []
    for evaluator, given in by_evaluator.items():
        row = _evaluator_row(given, vendor_ids, question_weights)
        if row is not None:
            rows.append(row)
            kept.append(evaluator)
    w = kendalls_w(rows) if len(rows) >= 2 else None
    return Agreement(per_answer, w, tuple(kept), vendor_ids)


def _evaluator_row(
    given: Mapping[tuple[Hashable, Hashable], float],
    vendor_ids: Sequence[Hashable],
    question_weights: Mapping[Hashable, float] | None,
) -> list[float] | None:
    questions = {q for _, q in given}
    common = [q for q in questions if all((v, q) in given for v in vendor_ids)]
    weight = {q: 1.0 if question_weights is None else float(question_weights.get(q, 1.0)) for q in common}
    total = sum(weight.values())
    if not common or total <= 0:
        return None
    return [sum(weight[q] * given[(v, q)] for q in common) / total for v in vendor_ids]
