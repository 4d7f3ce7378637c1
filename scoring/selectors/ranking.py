"""`ranking_for_rfp`, the one way to rank an RFP, and the data it loads for the engine.

The dashboard, `manage.py rank` and the PDF report all call :func:`ranking_for_rfp`, so they can
never disagree. It reads the evaluation settings (unless given), the sections, the questions
and the bidders in one query each, then the answers and their scores through the fast path
(:mod:`scoring.selectors.fast_path`, four or five queries): nine queries at most, whatever the
size of the RFP. When the fast path cannot give the same result (an unknown answer state,
points outside 0-5, more users than its counters hold), the exact path
(:mod:`scoring.selectors.exact_path`) reads five more. TOPSIS re-orders the engine's result
without reading anything.
"""

from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext_lazy

from rfp.models import RFP, Section, SectionKind
from scoring import engine
from scoring.access import settings_for
from scoring.models import EvaluationSettings
from scoring.selectors.bidders import Bidder, bidders
from scoring.selectors.exact_path import _exact_answers
from scoring.selectors.fast_path import _fast_answers, _histograms_fit
from scoring.selectors.questions import _question_table
from scoring.selectors.reads import gc_paused

METHODS = ("wsm", "topsis")
FLAG_LABELS = {
    engine.FLAG_BLANK: gettext_lazy("Blank answers"),
    engine.FLAG_DISAGREEMENT: gettext_lazy("Evaluators disagree"),
    engine.FLAG_ABNORMALLY_LOW: gettext_lazy("Abnormally low price"),
    engine.FLAG_NOT_YET_SCORED: gettext_lazy("Not fully scored"),
    engine.FLAG_INVALID_PRICE: gettext_lazy("Invalid price"),
    engine.FLAG_BELOW_PASS_MARK: gettext_lazy("Below technical pass mark"),
}


@dataclass(frozen=True)
class SectionColumn:
    id: int
    title: str
    weight: float
    kind: str

    @property
    def is_price(self) -> bool:
        return self.kind == SectionKind.PRICE


@dataclass(frozen=True)
class RankedVendor:
    result: engine.VendorResult
    bidder: Bidder
    label: str
    cells: tuple[float | None, ...]

    @property
    def flag_labels(self) -> list[str]:
        return [str(FLAG_LABELS.get(flag, flag)) for flag in self.result.flags]


@dataclass
class Ranking:
    """The engine's result with what a person needs to read it (names, titles, weights)."""

    rfp: RFP
    method: str
    sections: list[SectionColumn]
    weights: list[float]
    rows: list[RankedVendor]
    result: engine.RankingResult | None
    price_sealed: bool
    error: str = ""
    settings: EvaluationSettings | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def provisional(self) -> bool:
        return bool(self.result and self.result.provisional)

    @property
    def winner(self) -> RankedVendor | None:
        return next((row for row in self.rows if not row.result.excluded), None)

    def section_matrix(self) -> list[list[float | None]]:
        return [list(row.cells) for row in self.rows]

    def as_json(self) -> dict:
        """The stable shape printed by `manage.py rank --format json`."""
        return {
            "rfp": self.rfp.reference,
            "method": self.method,
            "provisional": self.provisional,
            "vendors": [
                {
                    "vendor": row.label,
                    "rank": row.result.rank,
                    "total": _round(row.result.total),
                    "technical": _round(row.result.technical),
                    "price_score": _round(row.result.price_score),
                    "sections": {s.title: _round(c) for s, c in zip(self.sections, row.cells, strict=True)},
                    "knocked_out": row.result.knocked_out,
                    "knockout_reasons": list(row.result.knockout_reasons),
                    "flags": list(row.result.flags),
                }
                for row in self.rows
            ],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def ranking_for_rfp(
    rfp: RFP,
    weights_override: dict[int, float] | None = None,
    method: str = "wsm",
    *,
    blind: bool = False,
    settings: EvaluationSettings | None = None,
) -> Ranking:
    """Rank the submitted bids of an RFP in nine queries whatever its size.

    `weights_override` maps section ids to weights (they must total 100) for a what-if that is
    never saved. `blind` shows aliases instead of names. Inconsistent data (a malformed rule,
    weights that do not total 100) gives a Ranking with `error` set instead of raising.
    """
    if method not in METHODS:
        raise ValueError(f"Unknown method {method!r}: choose wsm or topsis.")
    with gc_paused():
        return _ranking(rfp, weights_override, method, blind, settings or settings_for(rfp))


def _ranking(
    rfp: RFP, weights_override: dict[int, float] | None, method: str, blind: bool, settings: EvaluationSettings
) -> Ranking:
    price_sealed = rfp.two_envelope and not settings.price_opened
    sections = [
        SectionColumn(id=sid, title=title, weight=float(weight), kind=kind)
        for sid, title, weight, kind in Section.objects.filter(rfp=rfp)
        .order_by("order", "id")
        .values_list("id", "title", "weight", "kind")
    ]
    if weights_override is not None:
        sections = [replace(s, weight=float(weights_override.get(s.id, s.weight))) for s in sections]
    inputs = _engine_inputs(rfp, sections, price_sealed)
    ranking = Ranking(
        rfp=rfp,
        method=method,
        sections=sections,
        weights=[s.weight for s in sections],
        rows=[],
        result=None,
        price_sealed=price_sealed,
        settings=settings,
    )
    config_error = ""
    try:
        config = engine.Config(
            aggregate=settings.aggregate,
            price_direction=settings.price_direction,
            technical_pass_mark=float(rfp.technical_pass_mark) if rfp.technical_pass_mark is not None else None,
            **price_config(rfp),
        )
        result = inputs.rank(config)
    except ValueError as exc:
        config_error = str(exc)
    if config_error:
        ranking.error = config_error
        return ranking
    # Kept for the reads that resample the same inputs (lead_confidence).
    ranking.extra |= {"inputs": inputs, "config": config, "engine_result": result}
    if method == "topsis":
        result = _topsis_ranking(result, sections, inputs.bidders)
    by_vendor = {b.vendor_id: b for b in inputs.bidders}
    ranking.result = result
    ranking.rows = [
        RankedVendor(
            result=v,
            bidder=by_vendor[v.vendor_id],
            label=by_vendor[v.vendor_id].label(blind),
            cells=tuple(v.sections.get(s.id) for s in sections),
        )
        for v in result.vendors
    ]
    return ranking


def price_config(rfp: RFP) -> dict:
    """The RFP's published price method as the engine's Config arguments."""
    return {
        "price_method": rfp.price_method,
        "price_ceiling": None if rfp.price_ceiling is None else float(rfp.price_ceiling),
        "price_floor": None if rfp.price_floor is None else float(rfp.price_floor),
    }


@dataclass
class EngineInputs:
    """What the engine ranks. ``answers`` are columns (the fast path, :func:`engine.rank_columns`)
    or, in the rare cases the fast path leaves to the exact one, AnswerInput objects."""

    bidders: list[Bidder]
    sections: list[engine.SectionSpec]
    questions: list[engine.QuestionSpec]
    vendors: list[engine.VendorInput]
    answers: engine.AnswerColumns | list[engine.AnswerInput]

    def rank(self, config: engine.Config) -> engine.RankingResult:
        if isinstance(self.answers, engine.AnswerColumns):
            return engine.rank_columns(self.sections, self.questions, self.vendors, self.answers, config)
        return engine.rank(self.sections, self.questions, self.vendors, self.answers, config)


def _engine_inputs(rfp: RFP, sections: list[SectionColumn], price_sealed: bool, fast: bool = True) -> EngineInputs:
    """The engine's inputs from the database in a fixed number of queries, whatever the size of
    the RFP. ``fast=False`` takes the exact path (one AnswerInput per answer, every score row
    read): the fast path gives the same ranking, and falls back to it when it cannot."""
    # A sealed price section is handed over as a technical section with nothing to score: the
    # engine then leaves it out of every total, exactly as for a section with no score yet.
    section_specs = [
        engine.SectionSpec(
            id=s.id,
            title=s.title,
            weight=s.weight,
            kind=engine.PRICE if s.is_price and not price_sealed else engine.TECHNICAL,
        )
        for s in sections
    ]
    table = _question_table(rfp, {s.id for s in sections if s.is_price})
    bidder_list = bidders(rfp)
    read = _fast_answers if fast and _histograms_fit() else None
    found = read(rfp, bidder_list, table) if read else None
    if found is None:
        answers, prices = _exact_answers(rfp, table)
    else:
        answers, prices = found
    if price_sealed:
        prices = {}
    vendors = [
        engine.VendorInput(id=b.vendor_id, name=b.name, price=prices.get(b.vendor_id), submitted_at=b.submitted_at)
        for b in bidder_list
    ]
    return EngineInputs(bidder_list, section_specs, table.specs, vendors, answers)


def _topsis_ranking(
    result: engine.RankingResult, sections: list[SectionColumn], bidder_list: list[Bidder]
) -> engine.RankingResult:
    """TOPSIS over the section scores as a cross-check: closeness x 100 becomes the total.
    Exclusions stay below the valid bids; ties break as in the weighted sum."""
    columns = [i for i, s in enumerate(sections) if s.weight > 0]
    if not columns or len(result.vendors) < 1:
        return result
    matrix = [[(v.sections.get(sections[i].id) or 0.0) for i in columns] for v in result.vendors]
    closeness = engine.topsis(matrix, [sections[i].weight for i in columns])
    submitted = {b.vendor_id: b.submitted_at for b in bidder_list}

    def order_key(pair):
        v, c = pair
        at = submitted.get(v.vendor_id)
        return (v.excluded, -round(c * 100, 2), -(v.technical or 0), at is None, at or 0, v.name.casefold())

    ordered = sorted(zip(result.vendors, closeness, strict=True), key=order_key)
    vendors = tuple(replace(v, rank=i + 1, total=c * 100) for i, (v, c) in enumerate(ordered))
    return replace(result, vendors=vendors)
