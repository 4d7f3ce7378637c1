"""The points scale, tolerances, and how the engine reads a value somebody typed.

Every scored answer gets points on a fixed 0-5 scale (:data:`MAX_POINTS`); ``r = points / 5``.
Numbers may arrive as int, float, Decimal or numeric text: :func:`_as_number` turns each into a
finite float or None. Labels compare case- and space-insensitively, and True/False stand for the
yes/no labels. Pure Python and NumPy: nothing here knows about Django.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

MAX_POINTS = 5.0

# Float tolerance for comparisons against thresholds a user typed (pass marks, ranges, 100%).
_EPS = 1e-9
# Section weights are typed by people; allow for 33.33 + 33.33 + 33.34 style sums.
_WEIGHT_TOTAL_TOLERANCE = 1e-6


def _is_weight(x: Any) -> bool:
    number = _as_number(x)
    return number is not None and number >= 0


def _as_number(value: Any) -> float | None:
    """A finite float from an int, float, Decimal or numeric string; None otherwise."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _label_key(value: Any) -> str:
    """Labels compare case- and space-insensitively; True/False stand for the yes/no labels."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip().casefold()


def _is_collection(value: Any) -> bool:
    return isinstance(value, list | tuple | set | frozenset)


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return _is_collection(value) and len(value) == 0


def _check_points(points: Any, what: str) -> float:
    number = _as_number(points)
    if number is None or not 0 <= number <= MAX_POINTS:
        raise ValueError(f"{what}: points must be a number from 0 to 5, not {points!r}.")
    return number


def _check_point_array(points: np.ndarray, what: str) -> None:
    ok = np.isfinite(points) & (points >= 0) & (points <= MAX_POINTS)
    if not ok.all():
        raise ValueError(f"{what} of {points[~ok][0]:g} is outside the 0-5 scale.")
