"""TOPSIS, the cross-check of the weighted sum on the ranking page.

``r_ij = x_ij / sqrt(sum_i x_ij^2)``, ``v_ij = w_j r_ij`` (weights scaled to sum 1); ideal
``v+_j`` = max (benefit) or min (cost) of column j, anti-ideal the other extreme; ``S+_i``,
``S-_i`` Euclidean distances to them; closeness ``C_i = S-_i / (S+_i + S-_i)``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


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
    s_plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    s_minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    both = s_plus + s_minus
    closeness = np.divide(s_minus, both, out=np.ones_like(both), where=both > 0)
    return tuple(float(c) for c in closeness)
