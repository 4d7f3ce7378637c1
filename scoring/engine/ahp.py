"""Section weights derived by AHP (Saaty): priorities from pairwise judgements.

``A w = lambda_max w`` (principal eigenvector, ``w`` normalised to sum 1);
``CI = (lambda_max - n) / (n - 1)``, ``CR = CI / RI(n)`` with Saaty's 1980 random-index table;
consistent when ``CR <= 0.10`` (above it the weights need an explicit override). Judgements are
on Saaty's scale, 1/9 to 9, and the matrix is reciprocal (``a_ij * a_ji = 1``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from scoring.engine.values import _as_number

#: Saaty (1980) random consistency index by matrix size n.
SAATY_1980_RANDOM_INDEX: Mapping[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
}
AHP_CR_LIMIT = 0.10
_RECIPROCAL_TOLERANCE = 1e-3  # people type 0.333 for 1/3


@dataclass(frozen=True)
class AhpResult:
    """AHP priorities (summing to 1) with the consistency figures and the RI table used.

    ``CI = (lambda_max - n) / (n - 1)``, ``CR = CI / RI(n)``; consistent when ``CR <= 0.10``.
    """

    priorities: tuple[float, ...]
    lambda_max: float
    ci: float
    cr: float
    ri: float
    consistent: bool
    random_index_table: Mapping[int, float]
    random_index_source: str = "Saaty 1980"


def ahp_matrix_from_upper(values: Sequence[float]) -> list[list[float]]:
    """The full reciprocal matrix from its upper triangle read row by row.

    For n items, ``values`` holds n(n-1)/2 judgements ``a_12, a_13, ..., a_1n, a_23, ...``;
    the diagonal is 1 and ``a_ji = 1 / a_ij``.
    """
    m = len(values)
    n = int(round((1 + math.sqrt(1 + 8 * m)) / 2))
    if n * (n - 1) // 2 != m:
        raise ValueError(f"{m} judgements do not fill the upper triangle of a square matrix.")
    matrix = [[1.0] * n for _ in range(n)]
    it = iter(values)
    for i in range(n):
        for j in range(i + 1, n):
            a = _as_number(next(it))
            if a is None or a <= 0:
                raise ValueError(f"Judgement ({i + 1}, {j + 1}) must be a positive number.")
            matrix[i][j], matrix[j][i] = a, 1.0 / a
    return matrix


def ahp_weights(matrix: Sequence[Sequence[float]]) -> AhpResult:
    """Priorities from a pairwise comparison matrix by the principal eigenvector.

    ``A w = lambda_max w``, ``w`` normalised to sum 1. The matrix must be square, positive,
    reciprocal (``a_ij * a_ji = 1``), have a unit diagonal and stay on Saaty's scale
    (1/9 to 9). Uses Saaty's 1980 random index, so n is at most 10.
    """
    a = _check_ahp_matrix(matrix)
    n = a.shape[0]
    eigenvalues, eigenvectors = np.linalg.eig(a)
    k = int(np.argmax(eigenvalues.real))
    vector = np.abs(eigenvectors[:, k].real)  # Perron vector: one sign, made positive
    priorities = vector / vector.sum()
    lambda_max = float(eigenvalues[k].real)
    ri = SAATY_1980_RANDOM_INDEX[n]
    # n <= 2 reciprocal matrices are always consistent; RI is 0 there.
    ci = max((lambda_max - n) / (n - 1), 0.0) if n > 2 else 0.0
    cr = ci / ri if ri > 0 else 0.0
    return AhpResult(
        tuple(float(p) for p in priorities),
        lambda_max,
        ci,
        cr,
        ri,
        cr <= AHP_CR_LIMIT,
        dict(SAATY_1980_RANDOM_INDEX),
    )


def _check_ahp_matrix(matrix: Sequence[Sequence[float]]) -> np.ndarray:
    try:
        a = np.array(matrix, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("The comparison matrix must be a square table of numbers.") from None
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise ValueError(f"The comparison matrix must be square, not of shape {a.shape}.")
    n = a.shape[0]
    if n > max(SAATY_1980_RANDOM_INDEX):
        raise ValueError(f"AHP compares at most {max(SAATY_1980_RANDOM_INDEX)} items, not {n}.")
    if not np.isfinite(a).all() or (a <= 0).any():
        raise ValueError("Every pairwise judgement must be a positive number.")
    if not np.allclose(np.diag(a), 1.0):
        raise ValueError("The diagonal of a comparison matrix must be 1.")
    if (a < 1 / 9 - _RECIPROCAL_TOLERANCE).any() or (a > 9 + _RECIPROCAL_TOLERANCE).any():
        raise ValueError("Judgements must be on Saaty's scale, from 1/9 to 9.")
    product = a * a.T
    if (np.abs(product - 1.0) > _RECIPROCAL_TOLERANCE).any():
        i, j = np.argwhere(np.abs(product - 1.0) > _RECIPROCAL_TOLERANCE)[0]
        raise ValueError(
            f"The matrix is not reciprocal: a[{i + 1}][{j + 1}] = {a[i, j]:g} but "
            f"a[{j + 1}][{i + 1}] = {a[j, i]:g} (should be {1 / a[i, j]:g})."
        )
    return a
