"""Every answer's points at once, folded into a vendors x sections matrix of section scores.

* Each counting answer gets points as in :func:`~scoring.engine.score_answer` (consensus, then
  auto rule, then the evaluators' mean or median); ``r = points / 5``.
* Section score ``S_s = 100 * sum_q w_q r_q / sum_q w_q`` over the questions that count: a
  blank (or missing) answer counts with 0 points, not-applicable and not-yet-scored answers
  leave the numerator and the denominator. A section where nothing counts has no score (nan).
* Per vendor tallies (:class:`~scoring.engine.specs.AnswerCounts`), the failed knockouts with
  their reasons, and whether any answer still waits for a score (the ranking is provisional).

Sums run row by row, never as a matrix product: removing a losing vendor must leave the other
totals exactly as they were.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.engine.columns import _AnswerSource
from scoring.engine.rules import _knockout_met
from scoring.engine.specs import AnswerCounts, Config
from scoring.engine.tables import _Questions
from scoring.engine.values import _EPS, _check_point_array


@dataclass(frozen=True)
class _Grid:
    section_scores: np.ndarray  # vendors x sections, nan = no score (price column empty)
    counts: list[AnswerCounts]
    knockout_reasons: list[list[str]]
    provisional: bool


def _answer_grid(answers: _AnswerSource, n_v: int, qs: _Questions, n_sections: int, config: Config) -> _Grid:
    """Points for every answer, vectorised over answers, folded into section scores.

    Python reads each answer's fields once at most; the rest is numpy. This keeps 200 vendors x
    400 questions x 5 evaluators under 100 ms from objects, and far under from columns.
    """
    n_q = len(qs.ids)
    vi, qi, state = answers.vi, answers.qi, answers.state
    _refuse_duplicates(vi, qi, n_q, answers)

    counting = qs.counts[qi]
    answered = counting & (state == 0)
    blank = counting & (state == 1)
    points, spread, from_evaluators = _answer_points(answers, qi, answered, qs, config)
    scored = answered & ~np.isnan(points)
    disagree = from_evaluators & (spread >= config.disagreement_range - _EPS)

    # Dense vendors x questions grids; an absent answer is blank: it counts, with 0 points.
    counts_grid = np.zeros((n_v, n_q), dtype=bool)
    counts_grid[:, qs.counts] = True
    counts_grid[vi[counting], qi[counting]] = (scored | blank)[counting]
    points_grid = np.zeros((n_v, n_q))
    points_grid[vi[scored], qi[scored]] = points[scored]

    # Row-wise sums rather than a matrix product: BLAS may round a vendor's sum differently
    # depending on how many other vendors there are, and removing a losing vendor must leave
    # the other totals exactly as they were.
    weight = np.where(qs.counts, qs.weight, 0.0)
    weighted_points, weighted_counts = points_grid * weight, counts_grid * weight
    numerator = np.zeros((n_v, n_sections))
    denominator = np.zeros((n_v, n_sections))
    for s in range(n_sections):
        columns = np.flatnonzero(qs.counts & (qs.section == s))
        numerator[:, s] = weighted_points[:, columns].sum(axis=1)
        denominator[:, s] = weighted_counts[:, columns].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        # 100 * sum(w * points / 5) / sum(w)
        section_scores = np.where(denominator > 0, 20.0 * numerator / denominator, np.nan)

    def per_vendor(mask: np.ndarray) -> np.ndarray:
        return np.bincount(vi[mask], minlength=n_v)

    required = qs.required[qi]
    not_yet_scored = per_vendor(answered & np.isnan(points))
    tallies = np.column_stack(
        (
            per_vendor(answered),
            per_vendor(blank) + int(qs.counts.sum()) - per_vendor(counting),
            per_vendor(counting & (state == 2)),
            not_yet_scored,
            per_vendor(disagree),
            per_vendor(required & (state == 1)) + int(qs.required.sum()) - per_vendor(required),
        )
    )
    return _Grid(
        section_scores=section_scores,
        counts=[AnswerCounts(*row) for row in tallies.tolist()],
        knockout_reasons=_knockout_reasons(answers, vi, qi, n_v, qs),
        provisional=bool(not_yet_scored.any()),
    )


def _refuse_duplicates(vi: np.ndarray, qi: np.ndarray, n_q: int, answers: _AnswerSource) -> None:
    keys = vi * n_q + qi
    if keys.size and np.bincount(keys).max() > 1:
        i = int(np.flatnonzero(np.bincount(keys)[keys] > 1)[-1])
        vendor_id, question_id = answers.ids(i)
        raise ValueError(f"Vendor {vendor_id!r} has more than one answer to question {question_id!r}.")


def _answer_points(
    answers: _AnswerSource,
    qi: np.ndarray,
    answered: np.ndarray,
    qs: _Questions,
    config: Config,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per answer: points (nan: none), the evaluators' range, and whether the points are the
    evaluators' aggregate. Precedence: consensus, auto rule, aggregate. Evaluator scores are
    read (and checked) only where they decide the points: that is where the time goes."""
    consensus = answers.consensus()
    auto = _auto_points(answers, qi, answered, qs)
    points = np.where(np.isnan(consensus), auto, consensus)

    need = np.flatnonzero(answered & np.isnan(points))
    flat, lengths = answers.score_runs(need)
    _check_point_array(flat, "An evaluator score")
    aggregate, need_spread = _segment_stats(flat, lengths, config.aggregate)

    points[need] = aggregate
    spread = np.full(len(answers), np.nan)
    spread[need] = need_spread
    from_evaluators = np.zeros(len(answers), dtype=bool)
    from_evaluators[need] = ~np.isnan(aggregate)
    return points, spread, from_evaluators


def _auto_points(answers: _AnswerSource, qi: np.ndarray, answered: np.ndarray, qs: _Questions) -> np.ndarray:
    """Auto-rule points per answer (nan: no rule or unscorable), one numpy pass per question."""
    auto = np.full(len(answers), np.nan)
    chosen = np.flatnonzero(answered & qs.has_rule[qi])
    if chosen.size == 0:
        return auto
    chosen = chosen[np.argsort(qi[chosen], kind="stable")]  # group the answers by question
    values = answers.values(chosen)
    cuts = (np.flatnonzero(np.diff(qi[chosen])) + 1).tolist()
    for start, end in zip([0, *cuts], [*cuts, chosen.size], strict=True):
        rule = qs.rules[int(qi[chosen[start]])]
        auto[chosen[start:end]] = rule.many(values[start:end])
    return auto


def _segment_stats(flat: np.ndarray, lengths: np.ndarray, method: str) -> tuple[np.ndarray, np.ndarray]:
    """Aggregate and range of each answer's run of points in ``flat`` (nan for no points)."""
    aggregate = np.full(lengths.size, np.nan)
    spread = np.full(lengths.size, np.nan)
    has = lengths > 0
    if not has.any():
        return aggregate, spread
    starts_all = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    # reduceat over the starts of non-empty runs: empty runs hold no elements in between.
    starts = starts_all[has]
    spread[has] = np.maximum.reduceat(flat, starts) - np.minimum.reduceat(flat, starts)
    if method == "mean":
        aggregate[has] = np.add.reduceat(flat, starts) / lengths[has]
    else:
        for length in np.unique(lengths[has]).tolist():
            rows = np.flatnonzero(lengths == length)
            block = flat[starts_all[rows][:, None] + np.arange(length)]
            aggregate[rows] = np.median(block, axis=1)
    return aggregate, spread


def _knockout_reasons(
    answers: _AnswerSource, vi: np.ndarray, qi: np.ndarray, n_v: int, qs: _Questions
) -> list[list[str]]:
    reasons: list[list[str]] = [[] for _ in range(n_v)]
    if not qs.knockouts:
        return reasons
    is_knockout = np.zeros(len(qs.ids), dtype=bool)
    is_knockout[[q for q, _, _ in qs.knockouts]] = True
    where = {(int(vi[i]), int(qi[i])): i for i in np.flatnonzero(is_knockout[qi]).tolist()}
    for v in range(n_v):
        for q, condition, reason in qs.knockouts:
            i = where.get((v, q))
            ok = i is not None and _knockout_met(condition, *answers.value_and_state(i))
            if not ok:
                reasons[v].append(reason)
    return reasons
