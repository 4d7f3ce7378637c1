"""How reliable the panel's scores are: Krippendorff's alpha for ordinal points, with a bootstrap
interval, and each evaluator's systematic offset from the rest of the panel.

Alpha (Krippendorff, "Content Analysis", 2004; "Computing Krippendorff's Alpha-Reliability", 2011):

* A unit is one answer; its values are the points (0-5) the evaluators gave it. Units with fewer
  than two values cannot be paired and are left out.
* Coincidences: each unit with ``m`` values adds ``1 / (m - 1)`` to ``o[c, k]`` for every ordered
  pair of its values ``(c, k)`` taken from two different evaluators.
* ``n_c = sum_k o[c, k]`` and ``n = sum_c n_c`` (the pairable values).
* Ordinal distance: ``delta2[c, k] = (sum_{g=c..k} n_g - (n_c + n_k) / 2) ** 2``, so that a
  step between two common scores counts more than a step over a score nobody gives.
* ``alpha = 1 - (n - 1) * sum o[c, k] delta2[c, k] / sum n_c n_k delta2[c, k]``: 1 is perfect
  agreement, 0 agreement no better than chance; undefined when nothing varies.

The 95% interval resamples the units with replacement (a percentile bootstrap, as in Hayes and
Krippendorff, 2007). Units with the same scores are one pattern drawn with its frequency, and a
hundred resamples are one matrix product, so 1,000 resamples of 80,000 answers take milliseconds.

Panel bias: an evaluator's offset on an answer is their points minus the mean of the other
evaluators' points on it; their mean offset says whether they score systematically harsher
(negative) or more leniently (positive) than the rest of the panel (see :func:`panel_bias`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

LEVELS = 6  # points 0 to 5
RESAMPLES = 1000
CHUNK = 100  # resamples per matrix product: keeps memory flat at any number of answers


@dataclass(frozen=True)
class AlphaEstimate:
    """Alpha with its bootstrap 95% interval (None when undefined), the units and values used."""

    alpha: float | None
    low: float | None
    high: float | None
    units: int
    values: int


@dataclass(frozen=True)
class EvaluatorBias:
    evaluator: Hashable
    answers: int
    mean_offset: float
    flagged: bool


def _patterns(units: Sequence[Sequence[int]], levels: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct score patterns of the pairable units, as flattened coincidence contributions,
    and how many units have each: ``sum(frequency[:, None] * patterns)`` is the coincidence matrix."""
    lengths = np.fromiter(map(len, units), np.intp, len(units))
    flat = np.fromiter(chain.from_iterable(units), np.intp, int(lengths.sum()))
    if flat.size and (flat.min() < 0 or flat.max() >= levels):
        raise ValueError(f"Points must be whole numbers from 0 to {levels - 1}.")
    unit = np.repeat(np.arange(len(units)), lengths)
    counts = np.bincount(unit * levels + flat, minlength=len(units) * levels).reshape(len(units), levels)
    counts = counts[lengths >= 2]
    if counts.shape[0] == 0:
        return np.zeros((0, levels * levels)), np.zeros(0, dtype=np.intp)
    # One integer per pattern (the counts as digits), so that finding the distinct ones is a sort.
    base = int(lengths.max()) + 1
    keys = counts @ (base ** np.arange(levels, dtype=np.int64))
    _keys, first, frequency = np.unique(keys, return_index=True, return_counts=True)
    distinct = counts[first].astype(float)
    sizes = distinct.sum(axis=1)
    outer = distinct[:, :, None] * distinct[:, None, :] - np.einsum("pi,ij->pij", distinct, np.eye(levels))
    return (outer / (sizes - 1)[:, None, None]).reshape(-1, levels * levels), frequency


def _alpha_from(coincidences: np.ndarray, levels: int) -> np.ndarray:
    """Alpha for each row of flattened coincidence matrices (nan where undefined)."""
    o = coincidences.reshape(-1, levels, levels)
    n_c = o.sum(axis=2)
    n = n_c.sum(axis=1)
    cumulative = np.cumsum(n_c, axis=1)
    c, k = np.meshgrid(np.arange(levels), np.arange(levels), indexing="ij")
    low, high = np.minimum(c, k), np.maximum(c, k)
    # sum_{g=low..high} n_g, minus half of the two ends
    between = cumulative[:, high] - cumulative[:, low] + n_c[:, low]
    delta2 = (between - (n_c[:, c] + n_c[:, k]) / 2.0) ** 2
    observed = (o * delta2).sum(axis=(1, 2))
    expected = (n_c[:, :, None] * n_c[:, None, :] * delta2).sum(axis=(1, 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where((expected > 0) & (n > 1), 1.0 - (n - 1) * observed / expected, np.nan)


def ordinal_alpha(units: Sequence[Sequence[int]], levels: int = LEVELS) -> float | None:
    """Krippendorff's alpha for ordinal points; None when undefined."""
    patterns, frequency = _patterns(units, levels)
    if frequency.size == 0:
        return None
    value = float(_alpha_from((frequency @ patterns)[None, :], levels)[0])
    return None if np.isnan(value) else value


def alpha_with_interval(
    units: Sequence[Sequence[int]], levels: int = LEVELS, resamples: int = RESAMPLES, seed: int = 0
) -> AlphaEstimate:
    """Alpha and its percentile bootstrap 95% interval over resampled units."""
    patterns, frequency = _patterns(units, levels)
    count = int(frequency.sum())
    values = int(round(frequency @ patterns.sum(axis=1))) if count else 0
    alpha = ordinal_alpha(units, levels) if count else None
    if alpha is None or count < 2:
        return AlphaEstimate(alpha, None, None, count, values)
    # Answers with the same scores contribute the same coincidences: resampling answers is then
    # resampling these few patterns with their frequencies (the same distribution, far fewer draws).
    rng = np.random.default_rng(seed)
    draws = []
    for start in range(0, resamples, CHUNK):
        size = min(CHUNK, resamples - start)
        weights = rng.multinomial(count, frequency / count, size=size).astype(float)
        draws.append(_alpha_from(weights @ patterns, levels))
    sample = np.concatenate(draws)
    sample = sample[~np.isnan(sample)]
    if sample.size == 0:
        return AlphaEstimate(alpha, None, None, count, values)
    low, high = np.percentile(sample, [2.5, 97.5])
    return AlphaEstimate(alpha, float(min(low, alpha)), float(max(high, alpha)), count, values)


def _offsets(by_answer, leave_out: set) -> dict[Hashable, list[float]]:
    """Each evaluator's offsets from the others, on answers where at least two others scored."""
    offsets: dict[Hashable, list[float]] = defaultdict(list)
    for given in by_answer.values():
        kept = [(e, p) for e, p in given if e not in leave_out]
        if len(kept) < 3:
            continue
        total = sum(p for _e, p in kept)
        for evaluator, points in kept:
            offsets[evaluator].append(points - (total - points) / (len(kept) - 1))
    return offsets


def panel_bias(
    scores: Iterable[tuple[Hashable, Hashable, int]], threshold: float = 1.0, minimum: int = 5
) -> list[EvaluatorBias]:
    """Who scores systematically apart from the rest of the panel (``scores`` are ``(answer,
    evaluator, points)``), in the order the evaluators first appear.

    An evaluator's offset on an answer is their points minus the mean of the others' points; only
    answers with at least two other evaluators count, since with two people nobody can say which
    one is apart. The evaluator with the largest mean offset is flagged when it reaches
    ``threshold`` over at least ``minimum`` answers; they are then left out and the rest of the
    panel is checked again. Leaving the outlier out first keeps the others, whose offsets the
    outlier alone inflates, from being flagged with them."""
    by_answer: dict[Hashable, list[tuple[Hashable, float]]] = defaultdict(list)
    order: dict[Hashable, None] = {}
    for answer, evaluator, points in scores:
        by_answer[answer].append((evaluator, float(points)))
        order.setdefault(evaluator)
    apart: dict[Hashable, EvaluatorBias] = {}
    while True:
        offsets = _offsets(by_answer, set(apart))
        candidates = [
            (abs(sum(values) / len(values)), -list(order).index(e), e)
            for e, values in offsets.items()
            if len(values) >= minimum and abs(sum(values) / len(values)) >= threshold
        ]
        if not candidates:
            break
        evaluator = max(candidates)[2]
        values = offsets[evaluator]
        apart[evaluator] = EvaluatorBias(evaluator, len(values), sum(values) / len(values), True)
    result = []
    for evaluator in order:
        if evaluator in apart:
            result.append(apart[evaluator])
            continue
        values = offsets.get(evaluator, [])
        result.append(EvaluatorBias(evaluator, len(values), sum(values) / len(values) if values else 0.0, False))
    return result
