"""The price formulas; the price score is the score of the section whose kind is ``price``.

* ``relative`` (the default): ``lowest valid price / this price * 100`` (or ``this / highest *
  100`` when higher is better). The only score relative to the other bids: a bid that comes or
  goes moves the best price and rescales everyone's price points, which can reverse two others
  (technical 100 at 200, technical 60 at 100 and technical 0 at 50, weights 50/50, rank A, B, C;
  without C, B passes A).
* ``linear``: ``100 * (ceiling - price) / (ceiling - floor)``, held within 0-100 (``(price -
  floor) / (ceiling - floor)`` when higher is better). Absolute: a bid's points depend on its own
  price alone, so removing any vendor never reorders the others.
* ``per_quality_point``: the order follows ``technical score / price`` (quality points bought per
  unit of price), shown as a value index ``100 * (T / P) / max(T / P)`` over the valid bids in
  the running; each vendor's ratio is its own, so removing a vendor never reorders the others.
  The price column still shows the relative price points, for reading only.
* A price of zero or less (or a missing one, when the price is required) is an invalid bid:
  score 0, flagged.
* The best price is set by the valid bids of the vendors still in the running (not knocked
  out); bids below the technical pass mark are not opened at all.
* Abnormally low (lower is better only): ``price <= (1 - ratio) * mean(other valid prices)``,
  ratio 0.40 by default.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scoring.engine.specs import LOWER_IS_BETTER, PRICE_LINEAR, PRICE_RELATIVE
from scoring.engine.values import _EPS, _as_number


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


def linear_price_points(price: float, ceiling: float, floor: float, direction: str = LOWER_IS_BETTER) -> float:
    """``100 * (ceiling - price) / (ceiling - floor)`` held within 0-100 when lower is better, and
    ``100 * (price - floor) / (ceiling - floor)`` when higher is better.

    Ceiling 5,000,000 and floor 3,000,000: a 4,000,000 bid scores 50, a 2,800,000 bid 100, a
    5,200,000 bid 0.
    """
    if not ceiling > floor:
        raise ValueError(f"The ceiling ({ceiling!r}) must be above the floor ({floor!r}).")
    share = (
        (ceiling - price) / (ceiling - floor) if direction == LOWER_IS_BETTER else (price - floor) / (ceiling - floor)
    )
    return 100.0 * min(max(share, 0.0), 1.0)


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
    method: str = PRICE_RELATIVE,
    ceiling: float | None = None,
    floor: float | None = None,
) -> PriceOutcome:
    """Score every bid's price.

    * A price that is missing (when ``required``) or ``<= 0`` is invalid: score 0, flagged.
    * The best price is set by the valid, ``eligible`` bids only (a disqualified bid must not
      lower everyone else's price points); without such a bid no valid price gets a score.
      ``opened=False`` bids (below the technical pass mark) are not scored at all.
    * Abnormally low (lower is better only): ``price <= (1 - ratio) * mean(other eligible valid
      prices)``.
    * ``method="linear"`` scores each valid price against ``ceiling`` and ``floor`` alone; the
      other methods score it against the best price (``per_quality_point`` orders the vendors
      itself, see :func:`value_index`).
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
        elif method == PRICE_LINEAR:
            scores.append(linear_price_points(values[i], ceiling, floor, direction))
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


def value_index(
    technical: Sequence[float | None],
    prices: Sequence[float | None],
    counted: Sequence[bool],
    direction: str = LOWER_IS_BETTER,
) -> list[float | None]:
    """The price-per-quality-point method's totals: ``100 * ratio / best ratio`` with ``ratio =
    technical / price`` (lower is better) or ``technical * price`` (higher is better), the best
    ratio taken over the ``counted`` bids (valid, in the running). Dividing by one common number
    keeps the order of the ratios, which each vendor sets alone. None where there is no ratio."""
    ratios: list[float | None] = []
    for t, p in zip(technical, prices, strict=True):
        price = _as_number(p)
        if t is None or price is None or price <= 0:
            ratios.append(None)
        else:
            ratios.append(t / price if direction == LOWER_IS_BETTER else t * price)
    best = max((r for r, ok in zip(ratios, counted, strict=True) if r is not None and ok), default=None)
    if not best:
        return [None if r is None else 0.0 for r in ratios]
    # Capped, as price_points is: a bid outside the running cannot outscore the best one in it.
    return [None if r is None else 100.0 * min(r / best, 1.0) for r in ratios]
