"""The price formula: the only score relative to the other bids.

* Price score ``= lowest valid price / this price * 100`` (or ``this / highest * 100`` when
  higher is better); the price score is the score of the section whose kind is ``price``.
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

from scoring.engine.specs import LOWER_IS_BETTER
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
