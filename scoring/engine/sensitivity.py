"""How much the winner depends on the weights: the smallest winner-changing weight change, and
the share of random weightings each vendor wins.

Sensitivity: with weights as fractions ``w`` (sum 1), raising ``w_k`` by ``d`` and rescaling the
others by ``(1 - w_k - d) / (1 - w_k)`` turns the gap ``D = T_leader - T_j`` into
``D + d (d_k - D) / (1 - w_k)`` where ``d_k = S_leader,k - S_j,k``. The lead passes to j at
``d* = D (1 - w_k) / (D - d_k)``, feasible when ``0 <= w_k + d* <= 1``. A missing section score
is imputed with the vendor's own total, which leaves every total unchanged.

Robustness: each weight is multiplied by a uniform factor in ``[1 - spread, 1 + spread]`` and
renormalised; totals are ``sum(w S) / sum(w)`` over the sections with a score, as in
:func:`~scoring.engine.rank`; the share of samples each eligible vendor comes first (seeded, so
the same seed gives the same answer).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from scoring.engine.ranking import _weighted_totals
from scoring.engine.values import _EPS


@dataclass(frozen=True)
class WeightChange:
    """The smallest change of one weight that hands first place to ``rival``.

    ``change`` is signed (in the units of the weights given), ``direction`` +1 (raise) or -1
    (lower), ``new_weight`` the threshold ``weight + change``.
    """

    section: Hashable
    weight: float
    change: float
    direction: int
    new_weight: float
    rival: Hashable


@dataclass(frozen=True)
class SensitivityResult:
    """Per section (input order) the smallest winner-changing weight change, or None; the
    ``margin`` is the smallest of them."""

    leader: Hashable
    sections: tuple[WeightChange | None, ...]
    margin: WeightChange | None


def _impute_missing(scores: np.ndarray, fractions: np.ndarray) -> np.ndarray:
    """Fill a missing section score with the vendor's own total at the current weights, which
    leaves every total unchanged and makes the weighted sum linear again."""
    totals = _weighted_totals(scores, fractions)
    filled = np.where(np.isnan(scores), totals[:, None], scores)
    return np.nan_to_num(filled, nan=0.0)


def _matrix_and_fractions(
    scores: Sequence[Sequence[float | None]], weights: Sequence[float]
) -> tuple[np.ndarray, np.ndarray, float]:
    s = np.array([[np.nan if x is None else float(x) for x in row] for row in scores], dtype=float)
    w = np.asarray(weights, dtype=float)
    if s.ndim != 2 or s.shape[1] != w.size:
        raise ValueError("Scores must be a vendors x sections matrix with one weight per section.")
    if (w < 0).any() or w.sum() <= 0:
        raise ValueError("Weights must be non-negative with a positive total.")
    total = float(w.sum())
    return s, w / total, total


def weight_sensitivity(
    scores: Sequence[Sequence[float | None]],
    weights: Sequence[float],
    *,
    eligible: Sequence[bool] | None = None,
    section_ids: Sequence[Hashable] | None = None,
    vendor_ids: Sequence[Hashable] | None = None,
) -> SensitivityResult | None:
    """For each section k, the smallest change of its weight that changes the winner.

    With weights as fractions ``w`` (sum 1), raising ``w_k`` by ``d`` and rescaling the others
    by ``(1 - w_k - d) / (1 - w_k)`` turns the gap ``D = T_leader - T_j`` into
    ``D + d (d_k - D) / (1 - w_k)`` where ``d_k = S_leader,k - S_j,k``. The lead passes to j at
    ``d* = D (1 - w_k) / (D - d_k)``, feasible when ``0 <= w_k + d* <= 1``. Only ``eligible``
    vendors compete; the leader is the first row with the highest total, so pass the rows in
    rank order to settle exact ties as :func:`rank` did. A missing section score is imputed
    with the vendor's own total. Returns None with fewer than two eligible vendors.
    """
    s, f, unit = _matrix_and_fractions(scores, weights)
    n_v, n_s = s.shape
    ok = np.ones(n_v, bool) if eligible is None else np.asarray(eligible, bool)
    if ok.sum() < 2:
        return None
    s = _impute_missing(s, f)
    totals = s @ f
    candidates = np.flatnonzero(ok)
    leader = int(candidates[np.argmax(totals[candidates])])
    rivals = candidates[candidates != leader]
    gap = totals[leader] - totals[rivals]
    sid = list(range(n_s)) if section_ids is None else list(section_ids)
    vid = list(range(n_v)) if vendor_ids is None else list(vendor_ids)

    per_section: list[WeightChange | None] = []
    for k in range(n_s):
        best = _smallest_flip(f[k], gap, s[leader, k] - s[rivals, k])
        if best is None:
            per_section.append(None)
            continue
        d, j = best
        direction = int(np.sign(d)) if d != 0 else -int(np.sign(s[leader, k] - s[rivals[j], k]))
        per_section.append(
            WeightChange(
                sid[k],
                float(f[k] * unit),
                float(d * unit),
                direction,
                float((f[k] + d) * unit),
                vid[int(rivals[j])],
            )
        )
    found = [c for c in per_section if c is not None]
    margin = min(found, key=lambda c: abs(c.change)) if found else None
    return SensitivityResult(vid[leader], tuple(per_section), margin)


def _smallest_flip(w_k: float, gap: np.ndarray, diff: np.ndarray) -> tuple[float, int] | None:
    """Smallest feasible |d*| over rivals, and which rival; None when none is feasible."""
    if w_k >= 1.0:  # nothing left to rescale: the other weights are all zero
        return None
    denom = gap - diff
    usable = np.abs(denom) > 1e-12
    with np.errstate(divide="ignore", invalid="ignore"):
        d = np.where(usable, gap * (1.0 - w_k) / denom, np.nan)
    new = w_k + d
    feasible = usable & (new >= -_EPS) & (new <= 1.0 + _EPS)
    if not feasible.any():
        return None
    j = int(np.argmin(np.where(feasible, np.abs(d), np.inf)))
    return float(d[j]), j


@dataclass(frozen=True)
class RobustnessResult:
    """Share of perturbed-weight samples in which each vendor ranks first (input order)."""

    shares: tuple[float, ...]
    vendor_ids: tuple[Hashable, ...]
    samples: int
    spread: float
    seed: int


def robustness(
    scores: Sequence[Sequence[float | None]],
    weights: Sequence[float],
    *,
    spread: float = 0.20,
    samples: int = 2000,
    seed: int = 0,
    eligible: Sequence[bool] | None = None,
    vendor_ids: Sequence[Hashable] | None = None,
) -> RobustnessResult:
    """Perturb each weight by a uniform factor in ``[1 - spread, 1 + spread]``, renormalise, and
    count how often each eligible vendor comes first (the same seed gives the same answer).

    Totals in each sample are ``sum(w S) / sum(w)`` over the sections with a score, as in
    :func:`rank`. Shares sum to 1 when at least one vendor is eligible.
    """
    if not 0 <= spread < 1:
        raise ValueError(f"spread must be in [0, 1), not {spread!r}.")
    if samples < 1:
        raise ValueError("samples must be at least 1.")
    s, f, _ = _matrix_and_fractions(scores, weights)
    n_v = s.shape[0]
    ok = np.ones(n_v, bool) if eligible is None else np.asarray(eligible, bool)
    rng = np.random.default_rng(seed)
    w = f * rng.uniform(1.0 - spread, 1.0 + spread, size=(samples, f.size))
    w /= w.sum(axis=1, keepdims=True)
    present = ~np.isnan(s)
    numerator = w @ np.where(present, s, 0.0).T
    denominator = w @ present.astype(float).T
    with np.errstate(invalid="ignore", divide="ignore"):
        totals = np.where(denominator > 0, numerator / denominator, -np.inf)
    totals[:, ~ok] = -np.inf
    vid = tuple(range(n_v)) if vendor_ids is None else tuple(vendor_ids)
    if not ok.any():
        return RobustnessResult((0.0,) * n_v, vid, samples, spread, seed)
    wins = np.bincount(np.argmax(totals, axis=1), minlength=n_v)
    return RobustnessResult(tuple(float(x) for x in wins / samples), vid, samples, spread, seed)
