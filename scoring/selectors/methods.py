"""The weighted sum and TOPSIS, side by side: whether they agree on the winner and, when they do
not, why, in words, for the ranking page, the executive dashboard and the PDF.

TOPSIS (Hwang and Yoon, 1981) ranks by closeness to an ideal bid (the best score of any bidder in
every section) and distance from an anti-ideal (the worst). It rewards a bid with no weak section
and punishes one that is far from the best anywhere that weighs, where the weighted sum lets a
strong section make up for a weak one. The two can therefore disagree; the explanation names the
sections that keep each winner from the ideal.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from scoring import engine
from scoring.selectors.ranking import Ranking, SectionColumn

DRIVERS = 2  # sections named as keeping a vendor from the ideal


@dataclass(frozen=True)
class TopsisLine:
    label: str
    closeness: float
    to_ideal: float
    to_anti_ideal: float
    drivers: tuple[tuple[str, float], ...]  # (section title, share of the distance to the ideal)
    excluded: bool


@dataclass(frozen=True)
class MethodAgreement:
    agree: bool
    wsm_winner: str
    topsis_winner: str
    sentence: str
    lines: tuple[TopsisLine, ...]  # best closeness first, the excluded bids last


def _number(value: float, places: int = 3) -> str:
    return number_format(round(value, places), decimal_pos=places)


def _percent(share: float) -> str:
    return number_format(round(100 * share), decimal_pos=0) + "%"


def method_agreement(ranking: Ranking) -> MethodAgreement | None:
    """None when there are not two valid bids with scores to compare."""
    result = ranking.extra.get("engine_result")
    if result is None:
        return None
    labels = {row.result.vendor_id: row.label for row in ranking.rows}
    columns = [i for i, s in enumerate(ranking.sections) if s.weight > 0]
    vendors = [v for v in result.vendors if v.total is not None or v.excluded]
    valid = [v for v in vendors if not v.excluded and v.total is not None]
    if len(valid) < 2 or not columns:
        return None
    sections = [ranking.sections[i] for i in columns]
    matrix = [[v.sections.get(s.id) or 0.0 for s in sections] for v in vendors]
    detail = engine.topsis_detail(matrix, [s.weight for s in sections])
    lines = [_line(v, i, detail, sections, labels) for i, v in enumerate(vendors)]
    # Best closeness first, the weighted sum's order between equals; exclusions stay below.
    order = sorted(range(len(vendors)), key=lambda i: (vendors[i].excluded, -round(detail.closeness[i], 6), i))
    lines = [lines[i] for i in order]
    wsm_first = valid[0]
    topsis_first = lines[0]
    wsm_line = next(line for line in lines if line.label == labels[wsm_first.vendor_id])
    agree = topsis_first.label == wsm_line.label
    sentence = _agree_sentence(wsm_line) if agree else _disagree_sentence(wsm_line, topsis_first, lines)
    return MethodAgreement(agree, wsm_line.label, topsis_first.label, sentence, tuple(lines))


def _line(vendor, i: int, detail, sections: list[SectionColumn], labels: dict) -> TopsisLine:
    shares = sorted(zip(sections, detail.gap_shares[i], strict=True), key=lambda pair: -pair[1])
    drivers = tuple((s.title, share) for s, share in shares[:DRIVERS] if share > 0.005)
    return TopsisLine(
        label=labels[vendor.vendor_id],
        closeness=detail.closeness[i],
        to_ideal=detail.to_ideal[i],
        to_anti_ideal=detail.to_anti_ideal[i],
        drivers=drivers,
        excluded=vendor.excluded,
    )


def _agree_sentence(winner: TopsisLine) -> str:
    return _("The weighted sum and TOPSIS agree: %(winner)s comes first under both.") % {"winner": winner.label}


def _drivers(line: TopsisLine) -> str:
    return ", ".join(f"{title} ({_percent(share)})" for title, share in line.drivers)


def _disagree_sentence(wsm: TopsisLine, topsis: TopsisLine, lines: list[TopsisLine]) -> str:
    place = next(n for n, line in enumerate(lines, start=1) if line.label == wsm.label)
    values = {
        "wsm": wsm.label,
        "topsis": topsis.label,
        "place": place,
        "wsm_distance": _number(wsm.to_ideal),
        "topsis_distance": _number(topsis.to_ideal),
        "drivers": _drivers(wsm) or "—",
    }
    return (
        _(
            "The weighted sum puts %(wsm)s first; TOPSIS puts %(topsis)s first and %(wsm)s in "
            "place %(place)s. TOPSIS ranks by distance to a bid with the best score in every section: "
            "%(topsis)s is %(topsis_distance)s from it, %(wsm)s %(wsm_distance)s, mostly in "
            "%(drivers)s, where the weighted sum lets its strong sections make up for it."
        )
        % values
    )
