"""What the engine takes and gives: frozen dataclasses, answer states, section kinds and flags.

Views, commands and reports turn model rows into :class:`SectionSpec`, :class:`QuestionSpec`,
:class:`VendorInput` and :class:`AnswerInput` (or :class:`~scoring.engine.columns.AnswerColumns`),
call :func:`~scoring.engine.rank` and render the :class:`RankingResult`.

* Answer states: ``answered``; ``blank`` (counts 0 and is flagged); ``na`` (left out of the
  numerator and the denominator); and *not yet scored* (answered, human-scored, no score yet:
  left out like ``na`` and the ranking is marked provisional). A missing answer is blank.
* Section weights ``W`` are shares of 100; question weights are relative within their section.
* Knocked-out vendors, and vendors below the technical pass mark, are *excluded*
  (:attr:`VendorResult.excluded`): ranked below all valid vendors.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from scoring.engine.values import _as_number

ANSWERED = "answered"
BLANK = "blank"
NA = "na"
_STATE_CODES = {ANSWERED: 0, BLANK: 1, NA: 2}

TECHNICAL = "technical"
PRICE = "price"

LOWER_IS_BETTER = "lower_is_better"
HIGHER_IS_BETTER = "higher_is_better"

# How a price becomes a score (scoring.engine.price): relative to the best valid bid (it can
# reverse a ranking when a bid comes or goes), linear between the buyer's ceiling and floor
# (absolute: it cannot), or price per quality point (the order follows technical score / price).
PRICE_RELATIVE = "relative"
PRICE_LINEAR = "linear"
PRICE_PER_QUALITY_POINT = "per_quality_point"
PRICE_METHODS = (PRICE_RELATIVE, PRICE_LINEAR, PRICE_PER_QUALITY_POINT)

FLAG_BELOW_PASS_MARK = "below_technical_pass_mark"
FLAG_INVALID_PRICE = "invalid_price"
FLAG_ABNORMALLY_LOW = "abnormally_low_price"
FLAG_BLANK = "blank_answers"
FLAG_NOT_YET_SCORED = "not_yet_scored"
FLAG_DISAGREEMENT = "disagreement"


# The ``state`` column of AnswerColumns: answered 0, blank 1, na 2.
STATE_CODES = dict(_STATE_CODES)
_STATE_NAMES = {code: name for name, code in _STATE_CODES.items()}

Rule = Mapping[str, Any]
Choices = Sequence[Mapping[str, Any]]


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
    ``price_method``: one of PRICE_METHODS; ``price_ceiling`` and ``price_floor`` (the linear
    method's 0 and 100 points when lower is better, the other way round when higher is better).
    """

    aggregate: str = "mean"
    price_direction: str = LOWER_IS_BETTER
    technical_pass_mark: float | None = None
    abnormal_low_ratio: float = 0.40
    disagreement_range: float = 2.0
    price_method: str = PRICE_RELATIVE
    price_ceiling: float | None = None
    price_floor: float | None = None

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
        self._check_price_method()

    def _check_price_method(self) -> None:
        if self.price_method not in PRICE_METHODS:
            raise ValueError(f"price_method must be one of {', '.join(PRICE_METHODS)}, not {self.price_method!r}.")
        for name in ("price_ceiling", "price_floor"):
            value = getattr(self, name)
            if value is not None:
                number = _as_number(value)
                if number is None or number < 0:
                    raise ValueError(f"{name} must be a number of 0 or more, not {value!r}.")
                object.__setattr__(self, name, number)
        if self.price_method == PRICE_LINEAR:
            if self.price_ceiling is None or self.price_floor is None:
                raise ValueError("The linear price method needs a ceiling and a floor.")
            if not self.price_ceiling > self.price_floor:
                raise ValueError("The price ceiling must be above the price floor.")


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
        """True when the vendor cannot be shortlisted: a failed knockout, a technical score below the
        pass mark, or an invalid price (zero or less, or missing where the price is required)."""
        return self.knocked_out or FLAG_BELOW_PASS_MARK in self.flags or FLAG_INVALID_PRICE in self.flags


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
