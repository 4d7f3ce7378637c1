"""Rank the vendors: the weighted sum over sections, exclusions and the order.

1. Section scores ``S_s`` from the answers (:mod:`scoring.engine.grid`).
2. Technical score: ``sum(W_s S_s) / sum(W_s)`` over the technical sections.
3. Vendors below ``Config.technical_pass_mark`` are excluded and their price is not opened.
4. Price score from the valid prices of the vendors still in the running
   (:func:`~scoring.engine.score_prices`).
5. Total ``T = sum_s W_s S_s / 100`` with the section weights ``W`` totalling 100. A section
   with no score (everything not applicable, not yet scored, or the price envelope not opened)
   leaves the denominator: ``T = sum W_s S_s / sum W_s`` over the sections that have a score.
6. Order: valid vendors first, then excluded ones (knocked out, below the pass mark or with an
   invalid price); within each, total (equal within TIE_TOLERANCE = 0.005 points of the best of
   their group), technical score (the same), earlier submission, name.

Technical scores use fixed scales, never min-max over the bidders. Only the relative price
formula depends on the other bids; under the linear method and price per quality point, removing
any vendor never reorders two others more than a tie apart (see :mod:`.price`).
:func:`rank_from_section_scores` re-ranks from a ready vendors x sections matrix (what-if
sliders) with the same totals and tie-breaks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from scoring.engine.columns import AnswerColumns, _AnswerSource, _ColumnAnswers, _ObjectAnswers
from scoring.engine.grid import _answer_grid
from scoring.engine.price import score_prices, value_index
from scoring.engine.specs import (
    FLAG_ABNORMALLY_LOW,
    FLAG_BELOW_PASS_MARK,
    FLAG_BLANK,
    FLAG_DISAGREEMENT,
    FLAG_INVALID_PRICE,
    FLAG_NOT_YET_SCORED,
    PRICE_PER_QUALITY_POINT,
    AnswerInput,
    Config,
    QuestionSpec,
    RankingResult,
    SectionSpec,
    VendorInput,
    VendorResult,
)
from scoring.engine.tables import _index, _question_table, _Questions, _section_table, _Sections
from scoring.engine.values import _EPS, _WEIGHT_TOTAL_TOLERANCE

# Two totals this close are equal: a gap this small is below what the scores can tell apart.
TIE_TOLERANCE = 0.005


def rank(
    sections: Sequence[SectionSpec],
    questions: Sequence[QuestionSpec],
    vendors: Sequence[VendorInput],
    answers: Sequence[AnswerInput],
    config: Config = Config(),  # noqa: B008
) -> RankingResult:
    """Score and rank every vendor.

    1. Each counting answer gets points as in :func:`score_answer`; section score
       ``S = 100 * sum(w_q * points_q / 5) / sum(w_q)`` over the questions that count.
    2. Technical score: ``sum(W_s S_s) / sum(W_s)`` over the technical sections.
    3. Vendors below ``config.technical_pass_mark`` are excluded and their price is not opened.
    4. Price score from the valid prices of the vendors still in the running
       (:func:`score_prices`).
    5. Total ``T = sum(W_s S_s) / sum(W_s)`` over the sections with a score (= ``/ 100``
       when every section has one).
    6. Order: valid vendors first, then excluded ones; within each, total (equal within 0.005
       points), technical score, earlier submission, name.

    Inputs are never mutated. Raises ValueError for inconsistent inputs.
    """
    sec = _section_table(sections)
    qs = _question_table(questions, sec)
    v_index = _index([v.id for v in vendors], "vendor")
    return _rank_answers(sec, qs, vendors, _ObjectAnswers(answers, v_index, qs), config)


def rank_columns(
    sections: Sequence[SectionSpec],
    questions: Sequence[QuestionSpec],
    vendors: Sequence[VendorInput],
    answers: AnswerColumns,
    config: Config = Config(),  # noqa: B008
) -> RankingResult:
    """:func:`rank` for answers given as columns (:class:`AnswerColumns`): the same result,
    without one Python object per answer and per score. This is the path of the application,
    which reads the columns straight from the database."""
    sec = _section_table(sections)
    qs = _question_table(questions, sec)
    _index([v.id for v in vendors], "vendor")
    return _rank_answers(sec, qs, vendors, _ColumnAnswers(answers, vendors, qs), config)


def _rank_answers(
    sec: _Sections, qs: _Questions, vendors: Sequence[VendorInput], answers: _AnswerSource, config: Config
) -> RankingResult:
    grid = _answer_grid(answers, len(vendors), qs, len(sec.ids), config)

    technical = _weighted_totals(grid.section_scores, np.where(sec.technical, sec.weights, 0.0))
    knocked_out = [bool(reasons) for reasons in grid.knockout_reasons]
    below = _below_pass_mark(technical, config.technical_pass_mark)
    prices = score_prices(
        [v.price for v in vendors],
        eligible=[not k for k in knocked_out],
        opened=[not b for b in below],
        direction=config.price_direction,
        abnormal_low_ratio=config.abnormal_low_ratio,
        required=sec.price_col is not None,
        method=config.price_method,
        ceiling=config.price_ceiling,
        floor=config.price_floor,
    )
    matrix = grid.section_scores.copy()
    if sec.price_col is not None:
        matrix[:, sec.price_col] = [np.nan if p is None else p for p in prices.scores]
    # An invalid price is an invalid bid: below the valid ones, like a knockout, never shortlisted.
    excluded = [k or b or bad for k, b, bad in zip(knocked_out, below, prices.invalid, strict=True)]
    if config.price_method == PRICE_PER_QUALITY_POINT and sec.price_col is not None:
        index = value_index(
            [_opt(t) for t in technical.tolist()],
            [None if b else v.price for v, b in zip(vendors, below, strict=True)],  # unopened prices stay so
            [not e for e in excluded],
            config.price_direction,
        )
        totals = np.array([np.nan if x is None else x for x in index], dtype=float)
    else:
        totals = _weighted_totals(matrix, sec.weights)
    order = _order(totals, technical, excluded, vendors)
    # Plain lists from here: reading numpy scalars one at a time is slow.
    rows, total_list, technical_list = matrix.tolist(), totals.tolist(), technical.tolist()
    results = []
    for position, i in enumerate(order):
        counts = grid.counts[i]
        flags = [
            flag
            for flag, raised in (
                (FLAG_BELOW_PASS_MARK, below[i]),
                (FLAG_INVALID_PRICE, prices.invalid[i]),
                (FLAG_ABNORMALLY_LOW, prices.abnormally_low[i]),
                (FLAG_BLANK, counts.blank or counts.blank_required),
                (FLAG_NOT_YET_SCORED, counts.not_yet_scored),
                (FLAG_DISAGREEMENT, counts.disagreements),
            )
            if raised
        ]
        results.append(
            VendorResult(
                vendor_id=vendors[i].id,
                name=vendors[i].name,
                rank=position + 1,
                total=_opt(total_list[i]),
                technical=_opt(technical_list[i]),
                price_score=prices.scores[i],
                sections={sid: _opt(x) for sid, x in zip(sec.ids, rows[i], strict=True)},
                knocked_out=knocked_out[i],
                knockout_reasons=tuple(grid.knockout_reasons[i]),
                flags=tuple(flags),
                counts=counts,
            )
        )
    return RankingResult(tuple(results), grid.provisional)


def _below_pass_mark(technical: np.ndarray, mark: float | None) -> list[bool]:
    """Without a technical score a vendor cannot show it reaches the pass mark."""
    if mark is None:
        return [False] * len(technical)
    return [math.isnan(t) or t < mark - _EPS for t in technical.tolist()]


def _opt(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def _weighted_totals(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``sum(W_s S_s) / sum(W_s)`` per row over the sections with a score (nan: none)."""
    present = ~np.isnan(scores)
    numerator = (np.where(present, scores, 0.0) * weights).sum(axis=1)  # row-wise: see grid._answer_grid
    denominator = (present * weights).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / denominator, np.nan)


def _tolerant_groups(indices: list[int], values: list[float]) -> list[list[int]]:
    """Runs of ``indices`` (sorted best first by ``values``) that tie: a value joins the run when
    it is within TIE_TOLERANCE of the run's first (best) value. nan values tie with each other."""
    groups: list[list[int]] = []
    for i in indices:
        if groups:
            head = values[groups[-1][0]]
            both_nan = math.isnan(head) and math.isnan(values[i])
            if both_nan or (not math.isnan(head) and head - values[i] <= TIE_TOLERANCE + _EPS):
                groups[-1].append(i)
                continue
        groups.append([i])
    return groups


def _descending(values: list[float]):
    return lambda i: (1, 0.0) if math.isnan(values[i]) else (0, -values[i])


def _order(
    totals: np.ndarray,
    technical: np.ndarray,
    excluded: Sequence[bool],
    vendors: Sequence[VendorInput],
) -> list[int]:
    """Row indices best first: valid before excluded, then total; totals within TIE_TOLERANCE
    (0.005 points) of the best of their group tie, and ties are broken by the technical score
    (with the same tolerance), then earlier submission, name, id."""
    total_list, technical_list = totals.tolist(), technical.tolist()

    def submission(i: int) -> tuple:
        v = vendors[i]
        late = v.submitted_at is None
        return (late, 0 if late else v.submitted_at, v.name.casefold(), v.name, str(v.id))

    order: list[int] = []
    for is_excluded in (False, True):
        rows = sorted((i for i in range(len(vendors)) if bool(excluded[i]) == is_excluded), key=_descending(total_list))
        for tied in _tolerant_groups(rows, total_list):
            by_technical = sorted(tied, key=_descending(technical_list))
            for still_tied in _tolerant_groups(by_technical, technical_list):
                order.extend(sorted(still_tied, key=submission))
    return order


@dataclass(frozen=True)
class WeightedRanking:
    """Totals, technical scores and ranks per input row, plus the row order best first."""

    totals: tuple[float | None, ...]
    technical: tuple[float | None, ...]
    ranks: tuple[int, ...]
    order: tuple[int, ...]


def rank_from_section_scores(
    scores: Sequence[Sequence[float | None]],
    weights: Sequence[float],
    *,
    technical: Sequence[bool] | None = None,
    excluded: Sequence[bool] | None = None,
    names: Sequence[str] | None = None,
    submitted_at: Sequence[Any] | None = None,
) -> WeightedRanking:
    """Re-rank from a precomputed vendors x sections matrix (what-if sliders).

    ``scores`` are section scores on 0-100 (None: no score), ``weights`` per section total 100,
    ``technical`` marks the technical columns (default: all), ``excluded`` the vendors ranked
    below the rest. Exclusions and price scores are held as given: moving weights does not
    reopen envelopes. Same totals and tie-breaks as :func:`rank`.
    """
    matrix = np.array([[np.nan if x is None else float(x) for x in row] for row in scores], dtype=float).reshape(
        len(scores), len(weights)
    )
    w = np.asarray(weights, dtype=float)
    if (w < 0).any() or abs(w.sum() - 100.0) > _WEIGHT_TOTAL_TOLERANCE:
        raise ValueError(f"Section weights must be >= 0 and total 100; they total {w.sum():g}.")
    n = matrix.shape[0]
    tech_mask = np.ones(w.size, bool) if technical is None else np.asarray(technical, bool)
    totals = _weighted_totals(matrix, w)
    tech = _weighted_totals(matrix, np.where(tech_mask, w, 0.0))
    names = [str(i) for i in range(n)] if names is None else list(names)
    subs = [None] * n if submitted_at is None else list(submitted_at)
    rows = [VendorInput(i, names[i], None, subs[i]) for i in range(n)]
    order = _order(totals, tech, [False] * n if excluded is None else list(excluded), rows)
    ranks = [0] * n
    for position, i in enumerate(order):
        ranks[i] = position + 1
    return WeightedRanking(tuple(map(_opt, totals)), tuple(map(_opt, tech)), tuple(ranks), tuple(order))
