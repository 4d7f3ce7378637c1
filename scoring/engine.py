"""The scoring engine of Shortlist: pure maths over plain data.

Nothing here touches the database or Django. Views, commands and reports turn model rows into the
frozen dataclasses below, call :func:`rank` (or one of the analysis functions) and render the
result. Keeping the maths pure is what lets it be tested against independent implementations.

The model, in one place:

* Every scored answer gets points on a fixed 0-5 scale; ``r = points / 5``. Fixed scales, never
  min-max over the bidders, so removing a losing vendor cannot reorder the others (only the
  price formula is relative, to the best valid bid).
* Points come from the question's auto-scoring rule, otherwise from the evaluators (mean or
  median of their individual scores). A moderated consensus score overrides both, without
  touching the individual scores.
* Answer states: ``answered``; ``blank`` (counts 0 and is flagged); ``na`` (left out of the
  numerator and the denominator); and *not yet scored* (answered, human-scored, no score yet:
  left out like ``na`` and the ranking is marked provisional). A missing answer is blank.
* Section score ``S_s = 100 * sum_q w_q r_q / sum_q w_q`` over the questions that count.
* Total ``T = sum_s W_s S_s / 100`` with the section weights ``W`` totalling 100. A section with
  no score (everything not applicable, not yet scored, or the price envelope not opened) leaves
  the denominator: ``T = sum W_s S_s / sum W_s`` over the sections that have a score.
* Price: ``lowest valid price / this price * 100`` (or ``this / highest`` when higher is
  better); the price score is the score of the section whose kind is ``price``.
* Knocked-out vendors, and vendors below the technical pass mark, are ranked below all valid
  vendors.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Any

import numpy as np

MAX_POINTS = 5.0

ANSWERED = "answered"
BLANK = "blank"
NA = "na"
_STATE_CODES = {ANSWERED: 0, BLANK: 1, NA: 2}

TECHNICAL = "technical"
PRICE = "price"

LOWER_IS_BETTER = "lower_is_better"
HIGHER_IS_BETTER = "higher_is_better"

FLAG_BELOW_PASS_MARK = "below_technical_pass_mark"
FLAG_INVALID_PRICE = "invalid_price"
FLAG_ABNORMALLY_LOW = "abnormally_low_price"
FLAG_BLANK = "blank_answers"
FLAG_NOT_YET_SCORED = "not_yet_scored"
FLAG_DISAGREEMENT = "disagreement"

# Float tolerance for comparisons against thresholds a user typed (pass marks, ranges, 100%).
_EPS = 1e-9
# Section weights are typed by people; allow for 33.33 + 33.33 + 33.34 style sums.
_WEIGHT_TOTAL_TOLERANCE = 1e-6

Rule = Mapping[str, Any]
Choices = Sequence[Mapping[str, Any]]


# --------------------------------------------------------------------------------------------
# Inputs and outputs
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """A section of the questionnaire. ``weight`` is a share of 100; ``kind`` is
    ``"technical"`` (scored from its questions) or ``"price"`` (scored by the price formula)."""

    id: Hashable
    title: str
    weight: float
    kind: str = TECHNICAL


@dataclass(frozen=True, slots=True)
class QuestionSpec:
    """A question. ``weight`` is relative within its section. ``scored=False`` marks an
    informational question (it can still be a knockout). ``auto_rule`` is a rule for
    :func:`auto_points`; ``knockout`` a condition for :func:`knockout_passes`."""

    id: Hashable
    section_id: Hashable
    weight: float = 1.0
    scored: bool = True
    required: bool = False
    auto_rule: Rule | None = None
    choices: Choices = ()
    knockout: Mapping[str, Any] | None = None
    knockout_reason: str = ""


@dataclass(frozen=True, slots=True)
class AnswerInput:
    """One vendor's answer to one question. ``state`` is ``"answered"``, ``"blank"`` or
    ``"na"``; ``scores`` holds ``(evaluator_id, points)`` pairs on 0-5; ``consensus`` is the
    moderated score that overrides the aggregate (the pairs are left as they are)."""

    vendor_id: Hashable
    question_id: Hashable
    state: str = ANSWERED
    value: Any = None
    scores: Sequence[tuple[Hashable, float]] = ()
    consensus: float | None = None


@dataclass(frozen=True, slots=True)
class VendorInput:
    """A bidding vendor. ``submitted_at`` is anything sortable (datetime, timestamp)."""

    id: Hashable
    name: str
    price: float | None = None
    submitted_at: Any = None


@dataclass(frozen=True)
class Config:
    """Scoring options for one RFP.

    ``aggregate``: ``"mean"`` or ``"median"`` of the evaluators' points.
    ``price_direction``: ``"lower_is_better"`` or ``"higher_is_better"``.
    ``technical_pass_mark``: minimum technical score (0-100) to have the price opened, or None.
    ``abnormal_low_ratio``: a bid this share or more below the mean of the other bids is flagged.
    ``disagreement_range``: max - min of evaluators' points at or above which an answer is flagged.
    """

    aggregate: str = "mean"
    price_direction: str = LOWER_IS_BETTER
    technical_pass_mark: float | None = None
    abnormal_low_ratio: float = 0.40
    disagreement_range: float = 2.0

    def __post_init__(self) -> None:
        if self.aggregate not in ("mean", "median"):
            raise ValueError(f"aggregate must be 'mean' or 'median', not {self.aggregate!r}.")
        if self.price_direction not in (LOWER_IS_BETTER, HIGHER_IS_BETTER):
            raise ValueError(
                f"price_direction must be {LOWER_IS_BETTER!r} or {HIGHER_IS_BETTER!r}, not {self.price_direction!r}."
            )
        # Numbers may arrive as Decimal from the database: hold them as floats.
        mark = self.technical_pass_mark
        if mark is not None:
            if _as_number(mark) is None or not 0 <= float(mark) <= 100:
                raise ValueError(f"technical_pass_mark must be between 0 and 100, not {mark!r}.")
            object.__setattr__(self, "technical_pass_mark", float(mark))
        ratio = _as_number(self.abnormal_low_ratio)
        if ratio is None or not 0 < ratio < 1:
            raise ValueError(f"abnormal_low_ratio must be between 0 and 1, not {self.abnormal_low_ratio!r}.")
        object.__setattr__(self, "abnormal_low_ratio", ratio)
        spread = _as_number(self.disagreement_range)
        if spread is None or spread <= 0:
            raise ValueError(f"disagreement_range must be a positive number, not {self.disagreement_range!r}.")
        object.__setattr__(self, "disagreement_range", spread)


@dataclass(frozen=True)
class AnswerCounts:
    """Per-vendor tallies over the scored technical questions (``blank_required`` over the
    required questions of any kind). Missing answers count as blank."""

    answered: int
    blank: int
    na: int
    not_yet_scored: int
    disagreements: int
    blank_required: int


@dataclass(frozen=True)
class VendorResult:
    """One vendor's line in the ranking. Scores are on 0-100; ``sections`` maps a section id to
    its score (the price section holds the price score), None when it has no score."""

    vendor_id: Hashable
    name: str
    rank: int
    total: float | None
    technical: float | None
    price_score: float | None
    sections: Mapping[Hashable, float | None]
    knocked_out: bool
    knockout_reasons: tuple[str, ...]
    flags: tuple[str, ...]
    counts: AnswerCounts

    @property
    def excluded(self) -> bool:
        """True when the vendor cannot be shortlisted (knockout or technical pass mark)."""
        return self.knocked_out or FLAG_BELOW_PASS_MARK in self.flags


@dataclass(frozen=True)
class RankingResult:
    """Vendors in rank order; ``provisional`` when any answer is still waiting for a score."""

    vendors: tuple[VendorResult, ...]
    provisional: bool

    @property
    def winner(self) -> VendorResult | None:
        """The best vendor that is not excluded, if any."""
        return next((v for v in self.vendors if not v.excluded), None)

    def section_matrix(self, section_ids: Sequence[Hashable]) -> list[list[float | None]]:
        """Vendors (in rank order) x sections, ready for :func:`rank_from_section_scores`."""
        return [[v.sections.get(s) for s in section_ids] for v in self.vendors]


@dataclass(frozen=True)
class AnswerScore:
    """How one answer scores. ``status``: ``scored``, ``blank``, ``na``, ``not_yet_scored`` or
    ``not_scored`` (informational question); ``source``: ``consensus``, ``auto``, ``evaluators``
    or None; ``spread``: max - min of the evaluators' points (None without scores)."""

    points: float | None
    status: str
    source: str | None
    spread: float | None
    disagreement: bool


# --------------------------------------------------------------------------------------------
# Small value helpers
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# 1. Auto-scoring
# --------------------------------------------------------------------------------------------


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


def compile_rule(rule: Rule, choices: Choices = ()) -> CompiledRule:
    """Validate a rule once; the result scores one value (call it) or many (``.many``)."""
    kind = rule.get("kind") if isinstance(rule, Mapping) else None
    if kind == "choice_points":
        return _ChoiceRule(choices)
    if kind == "bands":
        return _BandRule(rule.get("bands"))
    if kind == "linear":
        return _LinearRule(rule.get("worst"), rule.get("best"))
    raise ValueError(f"Unknown auto-scoring rule {rule!r}: kind must be choice_points, bands or linear.")


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


# --------------------------------------------------------------------------------------------
# 2. Knockouts
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# 3-4. One answer: states and aggregation over evaluators
# --------------------------------------------------------------------------------------------


def aggregate_points(points: Sequence[float], method: str = "mean") -> float | None:
    """Mean (default) or median of the evaluators' points; None without any points."""
    if not points:
        return None
    values = sorted(float(p) for p in points)
    if method == "median":
        mid = len(values) // 2
        return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
    if method != "mean":
        raise ValueError(f"aggregate must be 'mean' or 'median', not {method!r}.")
    return math.fsum(values) / len(values)


def score_answer(question: QuestionSpec, answer: AnswerInput | None, config: Config = Config()) -> AnswerScore:
    """How one answer scores, with the same rules :func:`rank` applies in bulk.

    Precedence: consensus, then the auto-scoring rule, then the evaluators' aggregate. An
    answered human-scored question without any of these is *not yet scored*.
    """
    if not question.scored:
        return AnswerScore(None, "not_scored", None, None, False)
    if answer is None or answer.state == BLANK:
        return AnswerScore(0.0, BLANK, None, None, False)
    if answer.state == NA:
        return AnswerScore(None, NA, None, None, False)
    if answer.state != ANSWERED:
        raise ValueError(f"Unknown answer state {answer.state!r}.")
    points = [_check_points(p, "Evaluator score") for _, p in answer.scores]
    spread = max(points) - min(points) if points else None
    if answer.consensus is not None:
        return AnswerScore(_check_points(answer.consensus, "Consensus"), "scored", "consensus", spread, False)
    if question.auto_rule is not None:
        auto = auto_points(question.auto_rule, question.choices, answer.value)
        if auto is not None:
            return AnswerScore(auto, "scored", "auto", spread, False)
    if not points:
        return AnswerScore(None, "not_yet_scored", None, None, False)
    disagreement = spread is not None and spread >= config.disagreement_range - _EPS
    return AnswerScore(aggregate_points(points, config.aggregate), "scored", "evaluators", spread, disagreement)


# --------------------------------------------------------------------------------------------
# 6. Price
# --------------------------------------------------------------------------------------------


def price_points(price: float, best_price: float, max_points: float = 100.0, direction: str = LOWER_IS_BETTER) -> float:
    """``best / price * max_points`` (lower is better) or ``price / best * max_points``.

    Georgia's manual: 300 points, low bid 50,000, a 55,000 bid scores 50/55 x 300 = 272.7.
    Capped at ``max_points`` so a bid outside the pool that set ``best_price`` (a knocked-out
    bid, say) cannot outscore the best valid bid.
    """
    if not (price > 0 and best_price > 0):
        raise ValueError(f"Prices must be positive, not {price!r} and {best_price!r}.")
    ratio = best_price / price if direction == LOWER_IS_BETTER else price / best_price
    return max_points * min(ratio, 1.0)


@dataclass(frozen=True)
class PriceOutcome:
    """Price scores (0-100, None when the price is not opened or not required) and flags."""

    scores: tuple[float | None, ...]
    invalid: tuple[bool, ...]
    abnormally_low: tuple[bool, ...]
    best_price: float | None


def score_prices(
    prices: Sequence[float | None],
    *,
    eligible: Sequence[bool] | None = None,
    opened: Sequence[bool] | None = None,
    direction: str = LOWER_IS_BETTER,
    abnormal_low_ratio: float = 0.40,
    required: bool = True,
) -> PriceOutcome:
    """Score every bid's price.

    * A price that is missing (when ``required``) or ``<= 0`` is invalid: score 0, flagged.
    * The best price is set by the valid, ``eligible`` bids only (a disqualified bid must not
      lower everyone else's price points); without such a bid no valid price gets a score.
      ``opened=False`` bids (below the technical pass mark) are not scored at all.
    * Abnormally low (lower is better only): ``price <= (1 - ratio) * mean(other eligible valid
      prices)``.
    """
    n = len(prices)
    eligible = [True] * n if eligible is None else list(eligible)
    opened = [True] * n if opened is None else list(opened)
    values = [_as_number(p) for p in prices]
    valid = [v is not None and v > 0 for v in values]
    invalid = [
        o and (not ok) and (required or prices[i] is not None)
        for i, (o, ok) in enumerate(zip(opened, valid, strict=True))
    ]

    pool = [values[i] for i in range(n) if valid[i] and eligible[i] and opened[i]]
    best = (min(pool) if direction == LOWER_IS_BETTER else max(pool)) if pool else None

    scores: list[float | None] = []
    for i in range(n):
        if not opened[i] or (prices[i] is None and not required):
            scores.append(None)
        elif not valid[i]:
            scores.append(0.0)
        else:  # without an eligible valid bid there is no benchmark to score against
            scores.append(None if best is None else price_points(values[i], best, 100.0, direction))

    low = [False] * n
    if direction == LOWER_IS_BETTER:
        members = [valid[i] and eligible[i] and opened[i] for i in range(n)]
        pool_sum, pool_n = sum(v for v, m in zip(values, members, strict=True) if m), sum(members)
        for i in range(n):
            if not (valid[i] and opened[i]):
                continue
            others_n = pool_n - members[i]
            if others_n == 0:
                continue
            mean_others = (pool_sum - (values[i] if members[i] else 0.0)) / others_n
            low[i] = values[i] <= (1 - abnormal_low_ratio) * mean_others * (1 + _EPS)
    return PriceOutcome(tuple(scores), tuple(invalid), tuple(low), best)


# --------------------------------------------------------------------------------------------
# 5, 7-10. Ranking
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sections:
    ids: list[Hashable]
    index: dict[Hashable, int]
    weights: np.ndarray
    technical: np.ndarray  # bool per section
    price_col: int | None


@dataclass(frozen=True)
class _Questions:
    ids: list[Hashable]
    index: dict[Hashable, int]
    section: np.ndarray  # section index per question
    weight: np.ndarray
    counts: np.ndarray  # bool: scored and in a technical section
    required: np.ndarray
    rules: list[CompiledRule | None]  # compiled auto rule, counting questions only
    has_rule: np.ndarray
    knockouts: list[tuple[int, Mapping[str, Any], str]]


@dataclass(frozen=True)
class _Grid:
    section_scores: np.ndarray  # vendors x sections, nan = no score (price column empty)
    counts: list[AnswerCounts]
    knockout_reasons: list[list[str]]
    provisional: bool


def check_section_weights(sections: Sequence[SectionSpec]) -> None:
    """Raise ValueError unless the sections are well formed and their weights total 100."""
    _section_table(sections)


def _section_table(sections: Sequence[SectionSpec]) -> _Sections:
    if not sections:
        raise ValueError("The questionnaire has no sections to score.")
    ids = [s.id for s in sections]
    index = _index(ids, "section")
    for s in sections:
        if s.kind not in (TECHNICAL, PRICE):
            raise ValueError(f"Section {s.title!r}: kind must be 'technical' or 'price'.")
        if not _is_weight(s.weight):
            raise ValueError(f"Section {s.title!r}: weight must be a number >= 0, not {s.weight!r}.")
    weights = np.array([float(s.weight) for s in sections])
    total = float(weights.sum())
    if abs(total - 100.0) > _WEIGHT_TOTAL_TOLERANCE:
        raise ValueError(f"Section weights must total 100; they total {total:g}.")
    price_cols = [i for i, s in enumerate(sections) if s.kind == PRICE]
    if len(price_cols) > 1:
        raise ValueError("Only one section can hold the price.")
    technical = np.array([s.kind == TECHNICAL for s in sections])
    return _Sections(ids, index, weights, technical, price_cols[0] if price_cols else None)


def _index(ids: Sequence[Hashable], what: str) -> dict[Hashable, int]:
    index = {key: i for i, key in enumerate(ids)}
    if len(index) != len(ids):
        dup = next(key for i, key in enumerate(ids) if index[key] != i)
        raise ValueError(f"Duplicate {what} id {dup!r}.")
    return index


def _question_table(questions: Sequence[QuestionSpec], sections: _Sections) -> _Questions:
    ids = [q.id for q in questions]
    index = _index(ids, "question")
    section, weight, counts, rules, knockouts = [], [], [], [], []
    for position, q in enumerate(questions):
        if q.section_id not in sections.index:
            raise ValueError(f"Question {q.id!r} is in unknown section {q.section_id!r}.")
        if not _is_weight(q.weight):
            raise ValueError(f"Question {q.id!r}: weight must be a number >= 0, not {q.weight!r}.")
        s = sections.index[q.section_id]
        # Questions in the price section are not scored one by one: the price formula is.
        counting = bool(q.scored) and bool(sections.technical[s])
        section.append(s)
        weight.append(float(q.weight))
        counts.append(counting)
        rule = q.auto_rule if counting else None
        rules.append(compile_rule(rule, q.choices) if rule is not None else None)
        if q.knockout is not None:
            check_knockout(q.knockout)
            reason = q.knockout_reason or f"Knockout not met: question {q.id}"
            knockouts.append((position, q.knockout, reason))
    return _Questions(
        ids=ids,
        index=index,
        section=np.array(section, dtype=np.intp),
        weight=np.array(weight, dtype=float),
        counts=np.array(counts, dtype=bool),
        required=np.array([bool(q.required) for q in questions], dtype=bool),
        rules=rules,
        has_rule=np.array([r is not None for r in rules], dtype=bool),
        knockouts=knockouts,
    )


def rank(
    sections: Sequence[SectionSpec],
    questions: Sequence[QuestionSpec],
    vendors: Sequence[VendorInput],
    answers: Sequence[AnswerInput],
    config: Config = Config(),
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
    6. Order: valid vendors first, then excluded ones; within each, total (equal when they round
       to the same 0.01), technical score, earlier submission, name.

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
    config: Config = Config(),
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
    )
    matrix = grid.section_scores.copy()
    if sec.price_col is not None:
        matrix[:, sec.price_col] = [np.nan if p is None else p for p in prices.scores]
    totals = _weighted_totals(matrix, sec.weights)

    excluded = [k or b for k, b in zip(knocked_out, below, strict=True)]
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


_vendor_of = attrgetter("vendor_id")
_question_of = attrgetter("question_id")
_state_of = attrgetter("state")
_value_of = attrgetter("value")
_scores_of = attrgetter("scores")
_consensus_of = attrgetter("consensus")
_points_of = itemgetter(1)


def _codes(keys: Any, table: Mapping[Hashable, int], count: int, what: str) -> np.ndarray:
    try:
        return np.fromiter(map(table.__getitem__, keys), np.intp, count)
    except KeyError as exc:
        raise ValueError(f"An answer refers to unknown {what} {exc.args[0]!r}.") from None


def _pick(items: Sequence[Any], indices: np.ndarray) -> list[Any]:
    """``[items[i] for i in indices]`` at C speed."""
    if indices.size == 0:
        return []
    if indices.size == 1:
        return [items[int(indices[0])]]
    return list(itemgetter(*indices.tolist())(items))


# --------------------------------------------------------------------------------------------
# Answers as columns
# --------------------------------------------------------------------------------------------

STATE_CODES = dict(_STATE_CODES)  # the ``state`` column of AnswerColumns: answered 0, blank 1, na 2
_STATE_NAMES = {code: name for name, code in _STATE_CODES.items()}


@dataclass(frozen=True)
class AnswerColumns:
    """The answers for :func:`rank_columns`, one numpy column per field; row ``i`` of every
    column is one vendor's answer to one question.

    * ``vendor``, ``question``: indices into the ``vendors`` and ``questions`` given to
      :func:`rank_columns`.
    * ``state``: the codes of :data:`STATE_CODES` (answered 0, blank 1, not applicable 2).
    * ``values``: each answer's value. Only the answers to questions with an auto-scoring rule or
      a knockout are read; the others may hold None.
    * ``score_points``: the evaluators' points (0-5) of every answer, one run after another;
      answer ``i``'s run is ``score_points[score_offsets[i]:score_offsets[i + 1]]``, so
      ``score_offsets`` starts at 0 and has one entry more than there are answers. The order of
      the points within a run does not matter.
    * ``consensus``: the moderated score, nan where there is none.
    """

    vendor: np.ndarray
    question: np.ndarray
    state: np.ndarray
    values: Sequence[Any]
    score_points: np.ndarray
    score_offsets: np.ndarray
    consensus: np.ndarray

    def __len__(self) -> int:
        return len(self.vendor)


def answer_columns(
    answers: Sequence[AnswerInput], vendors: Sequence[VendorInput], questions: Sequence[QuestionSpec]
) -> AnswerColumns:
    """The columns of :func:`rank_columns` from :class:`AnswerInput` objects (evaluator ids are
    dropped: the ranking never reads them). Raises ValueError for an unknown vendor, question or
    state, or a score or consensus that is not a number."""
    n = len(answers)
    vendor = _codes(map(_vendor_of, answers), _index([v.id for v in vendors], "vendor"), n, "vendor")
    question = _codes(map(_question_of, answers), _index([q.id for q in questions], "question"), n, "question")
    state = _codes(map(_state_of, answers), _STATE_CODES, n, "answer state")
    score_lists = list(map(_scores_of, answers))
    lengths = np.fromiter(map(len, score_lists), np.intp, n)
    try:
        points = np.fromiter(map(_points_of, chain.from_iterable(score_lists)), float, int(lengths.sum()))
        consensus = np.array([np.nan if c is None else float(c) for c in map(_consensus_of, answers)], dtype=float)
    except (TypeError, ValueError):
        raise ValueError("A score or consensus is not a number on the 0-5 scale.") from None
    return AnswerColumns(
        vendor=vendor,
        question=question,
        state=state,
        values=list(map(_value_of, answers)),
        score_points=points,
        score_offsets=np.concatenate(([0], np.cumsum(lengths))).astype(np.intp),
        consensus=consensus.reshape(n),
    )


class _AnswerSource:
    """What the bulk scoring reads from the answers, whether they come as AnswerInput objects
    or as columns: index columns up front, the rest only where it decides something."""

    vi: np.ndarray  # vendor index per answer
    qi: np.ndarray  # question index per answer
    state: np.ndarray  # state code per answer

    def __len__(self) -> int:
        return len(self.vi)

    def ids(self, i: int) -> tuple[Hashable, Hashable]:
        """(vendor id, question id) of answer ``i``, for messages."""
        raise NotImplementedError

    def consensus(self) -> np.ndarray:
        """Consensus per answer, nan where there is none (checked on the 0-5 scale)."""
        raise NotImplementedError

    def values(self, indices: np.ndarray) -> list[Any]:
        raise NotImplementedError

    def score_runs(self, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The evaluators' points of these answers, run after run, and each run's length."""
        raise NotImplementedError

    def value_and_state(self, i: int) -> tuple[Any, str]:
        raise NotImplementedError


class _ObjectAnswers(_AnswerSource):
    def __init__(self, answers: Sequence[AnswerInput], v_index: Mapping[Hashable, int], qs: _Questions) -> None:
        n_a = len(answers)
        self.answers = answers
        self.vi = _codes(map(_vendor_of, answers), v_index, n_a, "vendor")
        self.qi = _codes(map(_question_of, answers), qs.index, n_a, "question")
        self.state = _codes(map(_state_of, answers), _STATE_CODES, n_a, "answer state")

    def ids(self, i: int) -> tuple[Hashable, Hashable]:
        return self.answers[i].vendor_id, self.answers[i].question_id

    def consensus(self) -> np.ndarray:
        answers = self.answers
        values = np.fromiter(map(_consensus_of, answers), object, len(answers))
        given = np.not_equal(values, None)
        consensus = np.full(len(answers), np.nan)
        if given.any():
            try:
                consensus[given] = values[given].astype(float)
            except (TypeError, ValueError):
                raise ValueError("A consensus score is not a number on the 0-5 scale.") from None
            _check_point_array(consensus[given], "A consensus score")
        return consensus

    def values(self, indices: np.ndarray) -> list[Any]:
        return list(map(_value_of, _pick(self.answers, indices)))

    def score_runs(self, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        score_lists = list(map(_scores_of, _pick(self.answers, indices)))
        lengths = np.fromiter(map(len, score_lists), np.intp, indices.size)
        try:
            flat = np.fromiter(map(_points_of, chain.from_iterable(score_lists)), float, int(lengths.sum()))
        except (TypeError, ValueError):
            raise ValueError("An evaluator score is not a number on the 0-5 scale.") from None
        return flat, lengths

    def value_and_state(self, i: int) -> tuple[Any, str]:
        return self.answers[i].value, self.answers[i].state


class _ColumnAnswers(_AnswerSource):
    def __init__(self, columns: AnswerColumns, vendors: Sequence[VendorInput], qs: _Questions) -> None:
        n_a = len(columns.vendor)
        self.columns, self.vendors, self.qs = columns, vendors, qs
        self.vi = _index_column(columns.vendor, n_a, len(vendors), "vendor")
        self.qi = _index_column(columns.question, n_a, len(qs.ids), "question")
        self.state = _index_column(columns.state, n_a, len(_STATE_CODES), "answer state")
        self.offsets = _index_column(columns.score_offsets, n_a + 1, None, "score offset")
        self.points = np.asarray(columns.score_points, dtype=float).reshape(-1)
        if self.offsets[0] != 0 or self.offsets[-1] != self.points.size or (n_a and (np.diff(self.offsets) < 0).any()):
            raise ValueError("score_offsets must rise from 0 to the number of score points.")
        self.consensus_column = np.asarray(columns.consensus, dtype=float).reshape(-1)
        if len(columns.values) != n_a or self.consensus_column.size != n_a:
            raise ValueError("Every answer column must have one entry per answer.")

    def ids(self, i: int) -> tuple[Hashable, Hashable]:
        return self.vendors[int(self.vi[i])].id, self.qs.ids[int(self.qi[i])]

    def consensus(self) -> np.ndarray:
        consensus = self.consensus_column.copy()
        given = ~np.isnan(consensus)
        if given.any():
            _check_point_array(consensus[given], "A consensus score")
        return consensus

    def values(self, indices: np.ndarray) -> list[Any]:
        return _pick(self.columns.values, indices)

    def score_runs(self, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        starts = self.offsets[indices]
        lengths = self.offsets[indices + 1] - starts
        if lengths.sum() == self.points.size:  # every run: no need to gather
            return self.points, lengths
        # Element k of the gathered runs sits at its run's start plus its place in the run.
        begins = np.cumsum(lengths) - lengths
        return self.points[np.repeat(starts - begins, lengths) + np.arange(int(lengths.sum()))], lengths

    def value_and_state(self, i: int) -> tuple[Any, str]:
        return self.columns.values[i], _STATE_NAMES[int(self.state[i])]


def _index_column(column: Any, size: int, bound: int | None, what: str) -> np.ndarray:
    """An integer column as intp, checked: ``size`` entries, each in ``range(bound)``."""
    array = np.asarray(column)
    if array.shape != (size,):
        raise ValueError(f"The {what} column needs {size} entries, not {array.size}.")
    if size and not np.issubdtype(array.dtype, np.integer):
        raise ValueError(f"The {what} column must hold integers.")
    array = array.astype(np.intp, copy=False)
    if bound is not None and size and (array.min() < 0 or array.max() >= bound):
        bad = array[(array < 0) | (array >= bound)][0]
        raise ValueError(f"An answer refers to unknown {what} {int(bad)!r}.")
    return array


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


def _check_point_array(points: np.ndarray, what: str) -> None:
    ok = np.isfinite(points) & (points >= 0) & (points <= MAX_POINTS)
    if not ok.all():
        raise ValueError(f"{what} of {points[~ok][0]:g} is outside the 0-5 scale.")


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


def _weighted_totals(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``sum(W_s S_s) / sum(W_s)`` per row over the sections with a score (nan: none)."""
    present = ~np.isnan(scores)
    numerator = (np.where(present, scores, 0.0) * weights).sum(axis=1)  # row-wise: see above
    denominator = (present * weights).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / denominator, np.nan)


def _order(
    totals: np.ndarray,
    technical: np.ndarray,
    excluded: Sequence[bool],
    vendors: Sequence[VendorInput],
) -> list[int]:
    """Row indices best first: valid before excluded, then total, technical score (both equal
    when they round to the same 0.01, i.e. as displayed), earlier submission, name, id."""
    total_list, technical_list = totals.tolist(), technical.tolist()

    def descending(x: float) -> tuple[int, int]:
        return (1, 0) if math.isnan(x) else (0, -round(x * 100))

    def key(i: int) -> tuple:
        v = vendors[i]
        late = v.submitted_at is None
        return (
            bool(excluded[i]),
            descending(total_list[i]),
            descending(technical_list[i]),
            late,
            0 if late else v.submitted_at,
            v.name.casefold(),
            v.name,
            str(v.id),
        )

    return sorted(range(len(vendors)), key=key)


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


# --------------------------------------------------------------------------------------------
# 11. AHP
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# 12. TOPSIS
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# 13. Sensitivity of the winner to one section weight
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# 14. Robustness
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# 15. Agreement between evaluators
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    """Evaluators' points on one answer: how many, range (max - min) and population SD."""

    n: int
    range: float
    sd: float


def answer_spread(points: Sequence[float]) -> Spread | None:
    """Range and standard deviation (population, ddof = 0) of one answer's points."""
    if not points:
        return None
    values = np.asarray(points, dtype=float)
    return Spread(int(values.size), float(values.max() - values.min()), float(values.std()))


def _average_ranks(row: np.ndarray) -> tuple[np.ndarray, float]:
    """Ranks 1..n (ties share their average rank) and the tie term sum(t^3 - t)."""
    _, inverse, counts = np.unique(row, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    group_rank = ends - (counts - 1) / 2.0  # average of the ranks the group occupies
    return group_rank[inverse], float((counts**3 - counts).sum())


def kendalls_w(ratings: Sequence[Sequence[float]]) -> float | None:
    """Kendall's coefficient of concordance W for m raters (rows) ranking n objects (columns).

    Each row is turned into ranks (ties share the average rank; the direction does not matter).
    ``W = 12 S / (m^2 (n^3 - n) - m sum_j T_j)``, with ``S`` the sum of squared deviations of
    the objects' rank sums from their mean and ``T_j = sum(t^3 - t)`` over rater j's ties.
    1 is full agreement, 0 none. None when undefined (fewer than 2 raters or objects, or
    every rater ties everything).
    """
    x = np.asarray(ratings, dtype=float)
    if x.ndim != 2 or x.shape[0] < 2 or x.shape[1] < 2 or not np.isfinite(x).all():
        return None
    m, n = x.shape
    ranked = [_average_ranks(row) for row in x]
    rank_sums = np.sum([r for r, _ in ranked], axis=0)
    s = float(((rank_sums - rank_sums.mean()) ** 2).sum())
    ties = sum(t for _, t in ranked)
    denominator = m**2 * (n**3 - n) - m * ties
    return 12.0 * s / denominator if denominator > 0 else None


@dataclass(frozen=True)
class Agreement:
    """Per answer spreads, and Kendall's W over the evaluators' rankings of the vendors."""

    per_answer: Mapping[tuple[Hashable, Hashable], Spread]
    kendalls_w: float | None
    evaluators: tuple[Hashable, ...]
    vendors: tuple[Hashable, ...]


def evaluator_agreement(
    answers: Sequence[AnswerInput], question_weights: Mapping[Hashable, float] | None = None
) -> Agreement:
    """Spread of the points on every answer, and Kendall's W between evaluators.

    Each evaluator's score for a vendor is the weighted mean of their points over the questions
    they scored for *every* vendor, so all evaluators rank the same vendors on a like-for-like
    basis; evaluators with no such question are left out of W.
    """
    per_answer: dict[tuple[Hashable, Hashable], Spread] = {}
    by_evaluator: dict[Hashable, dict[tuple[Hashable, Hashable], float]] = {}
    vendors: dict[Hashable, None] = {}
    for a in answers:
        vendors.setdefault(a.vendor_id)
        spread = answer_spread([p for _, p in a.scores])
        if spread is not None:
            per_answer[(a.vendor_id, a.question_id)] = spread
        for evaluator, points in a.scores:
            by_evaluator.setdefault(evaluator, {})[(a.vendor_id, a.question_id)] = float(points)

    vendor_ids = tuple(vendors)
    rows, kept = [], []
    for evaluator, given in by_evaluator.items():
        row = _evaluator_row(given, vendor_ids, question_weights)
        if row is not None:
            rows.append(row)
            kept.append(evaluator)
    w = kendalls_w(rows) if len(rows) >= 2 else None
    return Agreement(per_answer, w, tuple(kept), vendor_ids)


def _evaluator_row(
    given: Mapping[tuple[Hashable, Hashable], float],
    vendor_ids: Sequence[Hashable],
    question_weights: Mapping[Hashable, float] | None,
) -> list[float] | None:
    questions = {q for _, q in given}
    common = [q for q in questions if all((v, q) in given for v in vendor_ids)]
    weight = {q: 1.0 if question_weights is None else float(question_weights.get(q, 1.0)) for q in common}
    total = sum(weight.values())
    if not common or total <= 0:
        return None
    return [sum(weight[q] * given[(v, q)] for q in common) / total for v in vendor_ids]
