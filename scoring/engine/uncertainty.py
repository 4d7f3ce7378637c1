"""How sure is the lead? The panel's uncertainty, by resampling the evaluators' scores.

A panel of two or three evaluators is a small sample of the opinions the buyer could have
heard. For each of ``B`` resamples, every answer whose points are the evaluators' aggregate (no
consensus, no auto rule) gets as many scores as it has, drawn with replacement from its own
evaluators' scores, and aggregated the same way (mean or median). The leader's and the
runner-up's section scores and totals are then recomputed with the ranking's own formulas:

* ``S_s = 100 * sum_q w_q r_q / sum_q w_q`` with ``r = points / 5`` (the questions that count
  are the same in every resample, so the denominators do not move);
* ``T = sum_s W_s S_s / sum_s W_s`` over the sections with a score.

Prices, knockouts and the pass mark are held as they are: only the panel's judgement varies.
The lead ``T_leader - T_rival`` gets a 95% percentile interval and the share of resamples in
which the leader stays ahead. A bootstrap of this kind follows Efron and Tibshirani, "An
Introduction to the Bootstrap" (1993).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from scoring.engine.columns import AnswerColumns, _AnswerSource, _ColumnAnswers, _ObjectAnswers
from scoring.engine.grid import _answer_points
from scoring.engine.specs import AnswerInput, Config, QuestionSpec, RankingResult, SectionSpec, VendorInput
from scoring.engine.tables import _index, _question_table, _section_table

RESAMPLES = 1000


@dataclass(frozen=True)
class LeadUncertainty:
    """The leader's lead over the runner-up and how far the panel's scores could move it."""

    leader: Hashable
    rival: Hashable
    lead: float
    low: float
    high: float
    leader_ahead: float  # share of resamples in which the leader stays ahead
    resamples: int

    @property
    def within_panel_uncertainty(self) -> bool:
        """The 95% interval of the lead reaches zero: the panel's scores could reverse it."""
        return self.low <= 0.0


def lead_uncertainty(
    sections: Sequence[SectionSpec],
    questions: Sequence[QuestionSpec],
    vendors: Sequence[VendorInput],
    answers: AnswerColumns | Sequence[AnswerInput],
    result: RankingResult,
    config: Config = Config(),  # noqa: B008
    *,
    resamples: int = RESAMPLES,
    seed: int = 0,
) -> LeadUncertainty | None:
    """The lead of the first valid vendor over the second in ``result`` (the engine's ranking
    of these inputs), resampled. None when fewer than two valid vendors have a total."""
    valid = [v for v in result.vendors if not v.excluded and v.total is not None]
    if len(valid) < 2:
        return None
    leader, rival = valid[0], valid[1]
    sec = _section_table(sections)
    qs = _question_table(questions, sec)
    v_index = _index([v.id for v in vendors], "vendor")
    source: _AnswerSource = (
        _ColumnAnswers(answers, vendors, qs)
        if isinstance(answers, AnswerColumns)
        else _ObjectAnswers(answers, v_index, qs)
    )
    rng = np.random.default_rng(seed)
    totals = [
        _resampled_totals(source, qs, sec, config, v_index[vendor.vendor_id], vendor, rng, resamples)
        for vendor in (leader, rival)
    ]
    leads = totals[0] - totals[1]
    lead = float(leader.total - rival.total)
    low, high = (float(x) for x in np.percentile(leads, [2.5, 97.5]))
    return LeadUncertainty(
        leader=leader.vendor_id,
        rival=rival.vendor_id,
        lead=lead,
        low=min(low, lead),
        high=max(high, lead),
        leader_ahead=float((leads > 0).mean()),
        resamples=resamples,
    )


def _resampled_totals(source, qs, sec, config: Config, v: int, vendor, rng, resamples: int) -> np.ndarray:
    """The vendor's total in every resample (B values)."""
    base = np.array([np.nan if vendor.sections.get(sid) is None else vendor.sections[sid] for sid in sec.ids])
    present = ~np.isnan(base)
    weight_total = float((sec.weights * present).sum())
    if weight_total <= 0:
        return np.full(resamples, np.nan)
    mine = np.flatnonzero(source.vi == v)
    qi = source.qi[mine]
    state = source.state[mine]
    counting = qs.counts[qi]
    answered = counting & (state == 0)
    # Points of every answer of the whole source, read for this vendor's answers only.
    subset = _Subset(source, mine)
    points_all, _spread, from_evaluators = _answer_points(subset, qi, answered, qs, config)
    runs = np.flatnonzero(from_evaluators)
    if runs.size == 0:
        return np.full(resamples, float(np.nansum(base * sec.weights) / weight_total))
    flat, lengths = subset.score_runs(runs)
    resampled = _resample_aggregates(flat, lengths, config.aggregate, rng, resamples)  # B x runs
    delta_points = resampled - points_all[runs]
    denominator = _denominators(qi, counting, answered, points_all, state, qs, len(sec.ids))
    section_of_run = qs.section[qi[runs]]
    weighted = delta_points * qs.weight[qi[runs]]
    delta_numerator = np.zeros((resamples, len(sec.ids)))
    for s in np.unique(section_of_run).tolist():
        delta_numerator[:, s] = weighted[:, section_of_run == s].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        delta_scores = np.where(denominator > 0, 20.0 * delta_numerator / denominator, 0.0)
    scores = np.where(present, base, 0.0) + np.where(present, delta_scores, 0.0)
    return (scores * sec.weights).sum(axis=1) / weight_total


def _denominators(qi, counting, answered, points, state, qs, n_sections: int) -> np.ndarray:
    """``sum_q w_q`` per section over the questions that count for this vendor (as the grid)."""
    counts = qs.counts.copy()
    scored = answered & ~np.isnan(points)
    blank = counting & (state == 1)
    counts[qi[counting]] = (scored | blank)[counting]
    weight = np.where(counts, qs.weight, 0.0)
    return np.array([weight[qs.section == s].sum() for s in range(n_sections)])


def _resample_aggregates(flat: np.ndarray, lengths: np.ndarray, method: str, rng, resamples: int) -> np.ndarray:
    """Each run of scores drawn again with replacement (same size), aggregated: B x runs."""
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    size = int(lengths.sum())
    run_start = np.repeat(starts, lengths)
    run_length = np.repeat(lengths, lengths)
    picks = run_start + np.floor(rng.random((resamples, size)) * run_length).astype(np.intp)
    drawn = flat[picks]  # B x size
    if method == "mean":
        return np.add.reduceat(drawn, starts, axis=1) / lengths
    out = np.empty((resamples, lengths.size))
    for length in np.unique(lengths).tolist():
        rows = np.flatnonzero(lengths == length)
        block = drawn[:, (starts[rows][:, None] + np.arange(length))]  # B x rows x length
        out[:, rows] = np.median(block, axis=2)
    return out


class _Subset:
    """Some answers of a source, seen as a source of their own (indices are positions in it)."""

    def __init__(self, source: _AnswerSource, indices: np.ndarray) -> None:
        self.source, self.indices = source, indices

    def __len__(self) -> int:
        return int(self.indices.size)

    def consensus(self) -> np.ndarray:
        return self.source.consensus()[self.indices]

    def values(self, indices: np.ndarray) -> list:
        return self.source.values(self.indices[indices])

    def score_runs(self, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.source.score_runs(self.indices[indices])


def lead_is_near_tie(
    uncertainty: LeadUncertainty | None, robustness_share: float | None, *, share_floor: float
) -> bool:
    """A near tie: the panel's uncertainty reaches a reversal, or the leader wins too few of the
    weight variations."""
    if uncertainty is not None and uncertainty.within_panel_uncertainty:
        return True
    return robustness_share is not None and not math.isnan(robustness_share) and robustness_share < share_floor
