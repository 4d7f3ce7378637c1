"""Auto-scoring rules and knockouts: what an objective answer is worth, and whether it passes.

Auto-scoring (points 0-5, or None when the value cannot be scored):

* ``{"kind": "choice_points"}``: the points of the chosen label; for a list of labels (multiple
  choice) the sum of their points, capped at 5.
* ``{"kind": "bands", "bands": [{"min", "max", "points"}]}``: the first band with
  ``min <= v < max`` (None is open).
* ``{"kind": "linear", "worst": w, "best": b}``: ``5 * clamp((v - w) / (b - w), 0, 1)``;
  ``b < w`` means lower is better.

:func:`compile_rule` validates a rule once; the compiled rule scores one value or, in bulk, a
whole column of them (the path of :func:`~scoring.engine.rank`).

Knockouts ``{"op": ..., "value": ...}`` (:data:`KNOCKOUT_OPS`): ``equals``, ``min``
(``v >= value``), ``max`` (``v <= value``), ``includes`` and ``answered``. A blank or
not-applicable answer fails every knockout. A failed knockout keeps the vendor in the ranking,
below the valid bids, with the reason.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from scoring.engine.specs import ANSWERED, Choices, Rule
from scoring.engine.values import (
    _EPS,
    MAX_POINTS,
    _as_number,
    _check_points,
    _is_collection,
    _is_empty,
    _label_key,
)


def auto_points(rule: Rule, choices: Choices = (), value: Any = None) -> float | None:
    """Points (0-5) for an objective answer, or None when the value cannot be scored.

    * ``{"kind": "choice_points"}``: the points of the chosen label; for a list of labels
      (multiple choice) the sum of their points, capped at 5. A label without points, or an
      unknown label, cannot be scored automatically.
    * ``{"kind": "bands", "bands": [{"min", "max", "points"}]}``: the first band with
      ``min <= v < max`` (None is open).
    * ``{"kind": "linear", "worst": w, "best": b}``: ``5 * clamp((v - w) / (b - w), 0, 1)``;
      ``b < w`` means lower is better.

    Raises ValueError for a malformed rule.
    """
    return compile_rule(rule, choices)(value)


RULE_KINDS = ("choice_points", "bands", "linear")


def compile_rule(rule: Rule, choices: Choices = ()) -> CompiledRule:
    """Validate a rule once; the result scores one value (call it) or many (``.many``)."""
    kind = rule.get("kind") if isinstance(rule, Mapping) else None
    if kind == "choice_points":
        return _ChoiceRule(choices)
    if kind == "bands":
        return _BandRule(rule.get("bands"))
    if kind == "linear":
        return _LinearRule(rule.get("worst"), rule.get("best"))
    raise ValueError(f"Unknown auto-scoring rule {rule!r}: kind must be one of {', '.join(RULE_KINDS)}.")


class CompiledRule:
    """A validated auto-scoring rule. ``rule(value)`` gives points or None; ``rule.many(values)``
    gives an array with nan for the values that cannot be scored (the bulk path of rank)."""

    def __call__(self, value: Any) -> float | None:
        raise NotImplementedError

    def many(self, values: Sequence[Any]) -> np.ndarray:
        return np.array([np.nan if p is None else p for p in map(self, values)], dtype=float)


class _ChoiceRule(CompiledRule):
    def __init__(self, choices: Choices) -> None:
        self.table: dict[str, float | None] = {}
        # Exact labels first: answers nearly always carry the label exactly as offered.
        self.exact: dict[str, float] = {}
        for choice in choices:
            label = choice.get("label") if isinstance(choice, Mapping) else None
            if label is None:
                raise ValueError(f"Choice {choice!r} needs a label.")
            raw = choice.get("points")
            points = None if raw is None else _check_points(raw, repr(label))
            self.table[_label_key(label)] = points
            if points is not None and isinstance(label, str):
                self.exact[label] = points

    def __call__(self, value: Any) -> float | None:
        if value is None:
            return None
        if not _is_collection(value):
            return self.table.get(_label_key(value))
        total = 0.0
        for key in dict.fromkeys(map(_label_key, value)):  # a label chosen twice counts once
            points = self.table.get(key)
            if points is None:
                return None
            total += points
        return min(total, MAX_POINTS)

    def many(self, values: Sequence[Any]) -> np.ndarray:
        try:
            found = list(map(self.exact.get, values))
        except TypeError:  # a list of labels (multiple choice) is not hashable
            return super().many(values)
        if None not in found:
            return np.array(found, dtype=float)
        return np.array(
            [self._nan(v) if p is None else p for v, p in zip(values, found, strict=True)],
            dtype=float,
        )

    def _nan(self, value: Any) -> float:
        points = self(value)
        return np.nan if points is None else points


def _numbers(values: Sequence[Any]) -> np.ndarray:
    """Values as floats, nan where :func:`_as_number` gives None (fast when all are numbers)."""
    if set(map(type, values)) <= {float, int}:
        try:
            x = np.array(values, dtype=float)
        except OverflowError:  # an int too large for a float: take the careful path
            pass
        else:
            x[~np.isfinite(x)] = np.nan
            return x
    return np.array([np.nan if v is None else v for v in map(_as_number, values)], dtype=float)


class _BandRule(CompiledRule):
    def __init__(self, bands: Any) -> None:
        if not bands or not _is_collection(bands):
            raise ValueError("A bands rule needs a non-empty list of bands.")
        self.bands: list[tuple[float, float, float]] = []
        for band in bands:
            low, high = band.get("min"), band.get("max")
            low_f = -math.inf if low is None else _as_number(low)
            high_f = math.inf if high is None else _as_number(high)
            if low_f is None or high_f is None or low_f >= high_f:
                raise ValueError(f"Band {band!r}: min and max must be numbers with min < max.")
            points = _check_points(band.get("points"), f"band {band!r}")
            self.bands.append((low_f, high_f, points))

    def __call__(self, value: Any) -> float | None:
        v = _as_number(value)
        if v is None:
            return None
        for low, high, points in self.bands:
            if low <= v < high:
                return points
        return None

    def many(self, values: Sequence[Any]) -> np.ndarray:
        x = _numbers(values)
        out = np.full(x.size, np.nan)
        open_ = ~np.isnan(x)
        for low, high, points in self.bands:  # the first matching band wins
            hit = open_ & (x >= low) & (x < high)
            out[hit] = points
            open_ &= ~hit
        return out


class _LinearRule(CompiledRule):
    def __init__(self, worst: Any, best: Any) -> None:
        w, b = _as_number(worst), _as_number(best)
        if w is None or b is None or w == b:
            raise ValueError(f"A linear rule needs two different numbers worst and best, not {worst!r} and {best!r}.")
        self.worst, self.span = w, b - w

    def __call__(self, value: Any) -> float | None:
        v = _as_number(value)
        if v is None:
            return None
        return MAX_POINTS * min(max((v - self.worst) / self.span, 0.0), 1.0)

    def many(self, values: Sequence[Any]) -> np.ndarray:
        return MAX_POINTS * np.clip((_numbers(values) - self.worst) / self.span, 0.0, 1.0)


KNOCKOUT_OPS = ("equals", "min", "max", "includes", "answered")


def check_knockout(condition: Mapping[str, Any]) -> None:
    """Raise ValueError unless ``condition`` is a well-formed knockout condition."""
    op = condition.get("op") if isinstance(condition, Mapping) else None
    if op not in KNOCKOUT_OPS:
        raise ValueError(f"Unknown knockout condition {condition!r}: op must be one of {', '.join(KNOCKOUT_OPS)}.")
    if op in ("min", "max") and _as_number(condition.get("value")) is None:
        raise ValueError(f"Knockout {op!r} needs a numeric value, not {condition.get('value')!r}.")
    if op in ("equals", "includes") and _is_empty(condition.get("value")):
        raise ValueError(f"Knockout {op!r} needs a value to compare with.")


def knockout_passes(condition: Mapping[str, Any], value: Any, state: str = ANSWERED) -> bool:
    """Whether an answer meets a knockout condition ``{"op": ..., "value": ...}``.

    ``equals``: same number or same label (case-insensitive; a list must hold the same labels);
    ``min``/``max``: ``v >= value`` / ``v <= value``; ``includes``: the answer's labels contain
    the value (or every label of a list value); ``answered``: any non-empty answer.
    A blank or not-applicable answer fails every knockout: a mandatory requirement cannot be
    waived by not answering it.
    """
    check_knockout(condition)
    return _knockout_met(condition, value, state)


def _label_set(x: Any) -> set[str]:
    return set(map(_label_key, x if _is_collection(x) else [x]))


def _knockout_met(condition: Mapping[str, Any], value: Any, state: str) -> bool:
    """:func:`knockout_passes` for a condition already checked (rank checks each one once)."""
    if state != ANSWERED or _is_empty(value):
        return False
    op, target = condition["op"], condition.get("value")
    if op == "answered":
        return True
    if op in ("min", "max"):
        v, t = _as_number(value), float(target)
        if v is None:
            return False
        return v >= t - _EPS if op == "min" else v <= t + _EPS
    if op == "includes":
        return _label_set(target) <= _label_set(value)
    # equals
    if _is_collection(value) or _is_collection(target):
        return _label_set(value) == _label_set(target)
    v, t = _as_number(value), _as_number(target)
    if v is not None and t is not None:
        return abs(v - t) <= _EPS * max(1.0, abs(t))
    return _label_key(value) == _label_key(target)
