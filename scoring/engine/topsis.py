"""TOPSIS, the cross-check of the weighted sum on the ranking page.

``r_ij = x_ij / sqrt(sum_i x_ij^2)``, ``v_ij = w_j r_ij`` (weights scaled to sum 1); ideal
``v+_j`` = max (benefit) or min (cost) of column j, anti-ideal the other extreme; ``S+_i``,
``S-_i`` Euclidean distances to them; closeness ``C_i = S-_i / (S+_i + S-_i)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class TopsisDetail:
    """Why TOPSIS ranks as it does: per alternative, the closeness, the distance to the ideal
    (``S+``) and to the anti-ideal (``S-``), and per criterion the share of ``S+^2`` that the
    criterion makes (``(v+_j - v_ij)^2 / S+^2``; all zero on the ideal): the criteria where the
    alternative is furthest from the best."""

    closeness: tuple[float, ...]
    to_ideal: tuple[float, ...]
    to_anti_ideal: tuple[float, ...]
    gap_shares: tuple[tuple[float, ...], ...]


def topsis(
    matrix: Sequence[Sequence[float]],
    weights: Sequence[float],
    benefit: Sequence[bool] | None = None,
) -> tuple[float, ...]:
    """Closeness to the ideal per alternative (rows), classic TOPSIS with vector normalisation.

    ``r_ij = x_ij / sqrt(sum_i x_ij^2)``, ``v_ij = w_j r_ij`` (weights scaled to sum 1);
    ideal ``v+_j`` = max (benefit) or min (cost) of column j, anti-ideal the other extreme;
    ``S+_i``, ``S-_i`` Euclidean distances to them; ``C_i = S-_i / (S+_i + S-_i)``.
    A column of zeros carries no information (r = 0). When an alternative sits on both the
    ideal and the anti-ideal (all alternatives equal) it is on the ideal: C = 1.
    """
    return topsis_detail(matrix, weights, benefit).closeness


def topsis_detail(
    matrix: Sequence[Sequence[float]],
    weights: Sequence[float],
    benefit: Sequence[bool] | None = None,
) -> TopsisDetail:
    """:func:`topsis` with its distances and each criterion's share of the distance to the ideal."""
    x = np.asarray(matrix, dtype=float)
    w = np.asarray(weights, dtype=float)
    if x.ndim != 2 or w.ndim != 1 or x.shape[1] != w.size:
        raise ValueError("TOPSIS needs an alternatives x criteria matrix and one weight each.")
    if not (np.isfinite(x).all() and np.isfinite(w).all()) or (w < 0).any() or w.sum() <= 0:
        raise ValueError("TOPSIS needs finite values and non-negative weights with a positive sum.")
    is_benefit = np.ones(w.size, bool) if benefit is None else np.asarray(benefit, bool)
    norms = np.sqrt((x**2).sum(axis=0))
    r = np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)
    v = r * (w / w.sum())
    ideal = np.where(is_benefit, v.max(axis=0), v.min(axis=0))
    anti = np.where(is_benefit, v.min(axis=0), v.max(axis=0))
    gaps = (v - ideal) ** 2
    s_plus = np.sqrt(gaps.sum(axis=1))
    s_minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    both = s_plus + s_minus
    closeness = np.divide(s_minus, both, out=np.ones_like(both), where=both > 0)
    squared = (s_plus**2)[:, None]
    shares = np.divide(gaps, squared, out=np.zeros_like(gaps), where=squared > 0)
    return TopsisDetail(
        closeness=tuple(float(c) for c in closeness),
        to_ideal=tuple(float(d) for d in s_plus),
        to_anti_ideal=tuple(float(d) for d in s_minus),
        gap_shares=tuple(tuple(float(g) for g in row) for row in shares),
    )
