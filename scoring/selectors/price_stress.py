"""The price-formula stress test in words and as a table, for the ranking page and the PDF: the
winner under each price method and each quality/price split (scoring.engine.stress), and one
sentence that says whether the published winner holds under all of them."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scoring import engine
from scoring.engine.stress import SPLITS, price_stress
from scoring.selectors.ranking import Ranking

METHOD_NAMES = {
    engine.PRICE_RELATIVE: gettext_lazy("Relative to the lowest bid"),
    engine.PRICE_LINEAR: gettext_lazy("Linear, ceiling to floor"),
    engine.PRICE_PER_QUALITY_POINT: gettext_lazy("Price per quality point"),
}


@dataclass(frozen=True)
class StressCell:
    winner: str
    changed: bool


@dataclass(frozen=True)
class StressRow:
    method: str
    name: str
    published: bool
    cells: tuple[StressCell | None, ...]  # one per split; a single cell for price per quality point


@dataclass(frozen=True)
class PriceStress:
    splits: tuple[str, ...]
    rows: tuple[StressRow, ...]
    sentence: str
    holds: bool
    bounds_from_bids: bool


def _split(share: int) -> str:
    return f"{share}/{100 - share}"


def price_stress_for(ranking: Ranking) -> PriceStress | None:
    """None without opened prices, a price section or two valid bids to compare."""
    inputs, result = ranking.extra.get("inputs"), ranking.extra.get("engine_result")
    if inputs is None or result is None or ranking.price_sealed or not any(s.is_price for s in ranking.sections):
        return None
    winner = ranking.winner
    valid = [row for row in ranking.rows if not row.result.excluded and row.result.total is not None]
    if winner is None or len(valid) < 2:
        return None
    rows = result.vendors  # the engine's order; labels come from the page's rows, which follow it
    labels = [row.label for row in ranking.rows]
    by_id = {v.id: v for v in inputs.vendors}
    prices = {vendor_id: v.price for vendor_id, v in by_id.items()}
    vendors = [engine.VendorInput(v.vendor_id, v.name, None, by_id[v.vendor_id].submitted_at) for v in rows]
    rfp = ranking.rfp
    scenarios = price_stress(
        [v.technical for v in rows],
        [None if v.excluded else prices.get(v.vendor_id) for v in rows],
        [v.excluded for v in rows],
        vendors,
        direction=ranking.extra["config"].price_direction,
        ceiling=None if rfp.price_ceiling is None else float(rfp.price_ceiling),
        floor=None if rfp.price_floor is None else float(rfp.price_floor),
    )
    if not scenarios:
        return None
    published = labels[0]
    table = _table(scenarios, labels, published, rfp.price_method)
    changes = [s for s in scenarios if s.winner is None or labels[s.winner] != published]
    return PriceStress(
        splits=tuple(_split(share) for share in SPLITS),
        rows=table,
        sentence=_sentence(published, changes, labels),
        holds=not changes,
        bounds_from_bids=any(s.bounds_from_bids for s in scenarios),
    )


def _table(scenarios, labels, published: str, method: str) -> tuple[StressRow, ...]:
    by_method = defaultdict(dict)
    for s in scenarios:
        by_method[s.method][s.technical_share] = s
    rows = []
    for key in (engine.PRICE_RELATIVE, engine.PRICE_LINEAR, engine.PRICE_PER_QUALITY_POINT):
        found = by_method.get(key)
        if not found:
            continue
        shares = [None] if key == engine.PRICE_PER_QUALITY_POINT else list(SPLITS)
        cells = []
        for share in shares:
            s = found.get(share)
            name = "—" if s is None or s.winner is None else labels[s.winner]
            cells.append(StressCell(name, name != published))
        rows.append(StressRow(key, str(METHOD_NAMES[key]), key == method, tuple(cells)))
    return tuple(rows)


SHORT_NAMES = {
    engine.PRICE_RELATIVE: gettext_lazy("relative"),
    engine.PRICE_LINEAR: gettext_lazy("linear"),
    engine.PRICE_PER_QUALITY_POINT: gettext_lazy("price per quality point"),
}


def _sentence(published: str, changes, labels) -> str:
    """One sentence when the winner holds; else the published winner, then who would win instead
    and under which formulas and splits, grouped by that vendor."""
    if not changes:
        return _("%(winner)s wins under every price formula and every quality/price split from 50/50 to 80/20.") % {
            "winner": published
        }
    by_winner: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s in changes:
        by_winner["—" if s.winner is None else labels[s.winner]][s.method].append(s.technical_share)
    parts = []
    for other, methods in by_winner.items():
        scenarios = "; ".join(
            str(SHORT_NAMES[method])
            if shares == [None]
            # The splits read left to right in every language: kept in a left-to-right isolate.
            else f"{SHORT_NAMES[method]} \u2066{', '.join(_split(share) for share in shares)}\u2069"
            for method, shares in methods.items()
        )
        parts.append(_("%(winner)s would win with %(scenarios)s.") % {"winner": other, "scenarios": scenarios})
    return " ".join(
        [_("%(winner)s wins as published, but not under every price formula.") % {"winner": published}, *parts]
    )
