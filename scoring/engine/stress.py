"""The price-formula stress test: would the winner change under another price formula, or
another split between quality and price?

Stilger, Siderius and van Raaij (Journal of Public Procurement 17(1), 2017) compared 38
price-quality formulas on real tenders: the winner depends on the formula, and formulas relative
to the best bid can reverse a ranking. So the test ranks the same technical scores and prices
under each method of :mod:`.price` (relative, linear, price per quality point) and, for the two
weighted methods, under technical/price splits from 50/50 to 80/20. Technical section weights keep
their proportions inside the technical share, so a vendor's technical score is the same in every
scenario; only the price side moves.

The linear method needs a ceiling and a floor: the buyer's when set, else the range of the valid
bids (the highest scores 0, the lowest 100), which the scenario reports.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scoring.engine.price import score_prices, value_index
from scoring.engine.ranking import _order
from scoring.engine.specs import (
    LOWER_IS_BETTER,
    PRICE_LINEAR,
    PRICE_PER_QUALITY_POINT,
    PRICE_RELATIVE,
    VendorInput,
)

SPLITS = (50, 60, 70, 80)


@dataclass(frozen=True)
class Scenario:
    """One way of scoring price: the method, the technical share of the weight (None for price
    per quality point, which has no split) and the winner (an index into the inputs; None when no
    vendor is valid)."""

    method: str
    technical_share: int | None
    winner: int | None
    bounds_from_bids: bool = False


def price_stress(
    technical: Sequence[float | None],
    prices: Sequence[float | None],
    excluded: Sequence[bool],
    vendors: Sequence[VendorInput],
    *,
    direction: str = LOWER_IS_BETTER,
    ceiling: float | None = None,
    floor: float | None = None,
    splits: Sequence[int] = SPLITS,
) -> tuple[Scenario, ...]:
    """Every scenario's winner. ``excluded`` vendors (knocked out, below the pass mark, invalid
    price) stay below the valid ones, as in the ranking. Empty without a valid price."""
    counted = [not e for e in excluded]
    valid = [p for p, ok in zip(prices, counted, strict=True) if ok and p is not None and p > 0]
    if not valid:
        return ()
    tech = np.array([np.nan if t is None else float(t) for t in technical], dtype=float)
    scenarios = [
        _weighted(PRICE_RELATIVE, share, tech, prices, counted, excluded, vendors, direction) for share in splits
    ]
    from_bids = ceiling is None or floor is None or not ceiling > floor
    if from_bids:
        floor, ceiling = min(valid), max(valid)
    if ceiling > floor:  # all bids equal: price cannot decide anything
        scenarios += [
            _weighted(
                PRICE_LINEAR, share, tech, prices, counted, excluded, vendors, direction, ceiling, floor, from_bids
            )
            for share in splits
        ]
    index = value_index(list(technical), list(prices), counted, direction)
    totals = np.array([np.nan if x is None else x for x in index], dtype=float)
    scenarios.append(Scenario(PRICE_PER_QUALITY_POINT, None, _winner(totals, tech, excluded, vendors)))
    return tuple(scenarios)


def _weighted(
    method, share, tech, prices, counted, excluded, vendors, direction, ceiling=None, floor=None, from_bids=False
):
    outcome = score_prices(
        list(prices),
        eligible=counted,
        opened=counted,
        direction=direction,
        method=method,
        ceiling=ceiling,
        floor=floor,
    )
    price = np.array([np.nan if p is None else p for p in outcome.scores], dtype=float)
    # A vendor without a price score is ranked on its technical score, as a section without a
    # score leaves the ranking's denominator.
    totals = np.where(np.isnan(price), tech, share / 100 * tech + (100 - share) / 100 * price)
    return Scenario(method, share, _winner(totals, tech, excluded, vendors), from_bids and method == PRICE_LINEAR)


def _winner(
    totals: np.ndarray, tech: np.ndarray, excluded: Sequence[bool], vendors: Sequence[VendorInput]
) -> int | None:
    order = _order(totals, tech, excluded, vendors)
    if not order or excluded[order[0]] or math.isnan(totals[order[0]]):
        return None
    return order[0]
