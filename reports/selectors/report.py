"""The executive report (`report_data`): the vendor pages, the other vendors' flags, knockouts,
prices, evaluator agreement, robustness, methodology and the appendix, assembled from the one
ranking and one read of the answers; and the sourcing app's make-or-buy section."""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from negotiation.selectors import last_round_comparison
from reports.models import Shortlist
from reports.selectors.agreement import Agreement, agreement
from reports.selectors.detail import Detail, EvaluatorMark, QuestionInfo, answer_detail
from reports.selectors.flags import FLAGS_FOR_OTHER_VENDORS, RiskFlag, VendorFlags, _points, flag_sections, risk_flags
from reports.selectors.shortlist import leading_rows, report_ranking, shortlist_of
from rfp.models import RFP, Status
from scoring import engine
from scoring.selectors import (
    RankedVendor,
    Ranking,
    lead_confidence,
    method_agreement,
    price_stress_for,
    robustness_for,
)
from sourcing.models import Assessment
from sourcing.selectors import report_data as sourcing_report_data
from vendors.bid_view import results_rule
from vendors.models import AnswerState

REPORT_STATUSES = frozenset({Status.EVALUATION, Status.DECIDED, Status.ARCHIVED})  # results exist


@dataclass
class VendorPage:
    row: RankedVendor
    shortlisted: bool
    strengths: list[tuple[str, float]]
    weaknesses: list[tuple[str, float]]
    flags: list[RiskFlag]
    price: str
    checks: list = field(default_factory=list)  # answer intelligence's hints (insights.selectors)
    checks_total: int = 0

    @property
    def risk(self) -> VendorFlags:
        return VendorFlags(self.row, self.flags)

    @property
    def areas(self) -> list[tuple[tuple[str, float] | None, tuple[str, float] | None]]:
        """Strongest and weakest areas side by side, for a two-column table."""
        return list(zip_longest(self.strengths, self.weaknesses))


@dataclass
class PriceLine:
    row: RankedVendor
    price: float | None
    price_text: str
    above_lowest: float | None  # percent above the lowest valid price
    score: float | None
    abnormally_low: bool
    invalid: bool


@dataclass
class KnockoutLine:
    row: RankedVendor
    reasons: list[str]
    quotes: list[RiskFlag]


@dataclass
class MethodSection:
    title: str
    risk_area: str
    kind: str
    weight: float
    questions: int
    auto: int
    knockouts: int


@dataclass
class AppendixRow:
    question: QuestionInfo
    vendor: str
    answer: str
    points: str
    source: str
    marks: list[EvaluatorMark]


@dataclass
class AppendixSection:
    title: str
    rows: list[AppendixRow]


@dataclass
class Report:
    rfp: RFP
    ranking: Ranking
    shortlist: Shortlist | None
    decided: bool
    leading: list[RankedVendor]
    vendor_pages: list[VendorPage]
    other_flags: list[VendorFlags]
    knockouts: list[KnockoutLine]
    prices: list[PriceLine]
    agreement: Agreement
    robustness: Any
    confidence: Any
    stress: Any
    methods: Any
    methodology: list[MethodSection]
    detail: Detail
    appendix: list[AppendixSection]
    rounds: Any = None  # how the last best-and-final round moved the ranking (negotiation.selectors)
    claims: list = field(default_factory=list)  # the leading bids' claims to verify (insights.selectors)

    @property
    def prices_by_rank(self) -> list[PriceLine]:
        return sorted(self.prices, key=lambda line: line.row.result.rank)

    @property
    def valid_count(self) -> int:
        return sum(1 for row in self.ranking.rows if not row.result.excluded)

    @property
    def lead_margin(self) -> float | None:
        valid = [row for row in self.ranking.rows if not row.result.excluded and row.result.total is not None]
        if len(valid) < 2:
            return None
        return valid[0].result.total - valid[1].result.total

    @property
    def runner_up(self) -> RankedVendor | None:
        valid = [row for row in self.ranking.rows if not row.result.excluded]
        return valid[1] if len(valid) > 1 else None

    def flags_of(self, vendor_id: int) -> list[RiskFlag]:
        for page in self.vendor_pages:
            if page.row.result.vendor_id == vendor_id:
                return page.flags
        for other in self.other_flags:
            if other.row.result.vendor_id == vendor_id:
                return other.flags
        return []


def report_data(rfp: RFP, *, appendix: bool = False) -> Report:
    """Everything the executive report shows, from the one ranking and one read of the answers."""
    ranking = report_ranking(rfp)
    shortlist = shortlist_of(rfp)
    detail = answer_detail(ranking)
    leading, decided = leading_rows(ranking, shortlist)
    sections = flag_sections(ranking, detail)
    chosen = {row.result.vendor_id for row in leading}
    flags = {
        row.result.vendor_id: risk_flags(detail.for_vendor(row.result.vendor_id), sections) for row in ranking.rows
    }
    prices = price_lines(ranking, detail)
    price_text = {line.row.result.vendor_id: line.price_text for line in prices}
    pages = [
        _with_checks(
            _vendor_page(row, ranking, flags[row.result.vendor_id], price_text.get(row.result.vendor_id, ""), decided),
            rfp,
        )
        for row in leading
    ]
    others = [
        VendorFlags(row, flags[row.result.vendor_id], FLAGS_FOR_OTHER_VENDORS)
        for row in ranking.rows
        if row.result.vendor_id not in chosen
    ]
    robustness = robustness_for(ranking) if ranking.rows and not ranking.error else None
    return Report(
        rfp=rfp,
        ranking=ranking,
        shortlist=shortlist,
        decided=decided,
        leading=leading,
        vendor_pages=pages,
        other_flags=others,
        knockouts=[
            KnockoutLine(
                row, list(row.result.knockout_reasons), [f for f in flags[row.result.vendor_id] if f.is_knockout]
            )
            for row in ranking.rows
            if row.result.knocked_out
        ],
        prices=prices,
        agreement=agreement(ranking, detail),
        robustness=robustness,
        confidence=lead_confidence(ranking, robustness) if robustness else None,
        stress=price_stress_for(ranking),
        methods=method_agreement(ranking),
        methodology=methodology(ranking, detail),
        detail=detail,
        appendix=appendix_sections(ranking, detail) if appendix else [],
        rounds=last_round_comparison(rfp, ranking),
        claims=_claims(rfp, leading),
    )


CLAIMS_PER_VENDOR = 40  # the PDF lists the first ones; the page and the Excel download hold them all


def _claims(rfp: RFP, leading: list[RankedVendor]) -> list:
    from insights.selectors import claims_list

    found = claims_list(rfp, results_rule(rfp), vendor_ids=[row.result.vendor_id for row in leading])
    order = {row.result.vendor_id: n for n, row in enumerate(leading)}
    found.sort(key=lambda vendor: order.get(vendor.vendor_id, 99))
    for vendor in found:
        vendor.total = len(vendor.rows)
        del vendor.rows[CLAIMS_PER_VENDOR:]
    return found


def _vendor_page(row: RankedVendor, ranking: Ranking, flags: list[RiskFlag], price: str, decided: bool) -> VendorPage:
    """Strongest and weakest areas never overlap: with few sections, fewer of each are named."""
    scored = [
        (s.title, cell)
        for s, cell in zip(ranking.sections, row.cells, strict=True)
        if cell is not None and s.weight > 0 and not s.is_price
    ]
    named = min(3, len(scored) // 2)
    by_score = sorted(scored, key=lambda pair: -pair[1])
    return VendorPage(
        row=row,
        shortlisted=decided,
        strengths=by_score[:named],
        weaknesses=list(reversed(by_score[len(by_score) - named :])) if named else [],
        flags=flags,
        price=price,
    )


def _with_checks(page: VendorPage, rfp: RFP) -> VendorPage:
    from insights.selectors import vendor_hints

    page.checks, page.checks_total = vendor_hints(rfp, page.row.result.vendor_id)
    return page


def price_lines(ranking: Ranking, detail: Detail) -> list[PriceLine]:
    """Each bid's price as the vendor gave it, its distance from the lowest valid bid and the
    engine's price score and flags."""
    price_question = next((q for q in detail.questions if q.is_price), None)
    rule = results_rule(ranking.rfp)
    lines = []
    for row in ranking.rows:
        answer = detail.answers.get((row.result.vendor_id, price_question.id)) if price_question else None
        value = _number(answer.value) if answer and answer.state == AnswerState.ANSWERED else None
        if not rule.price_visible(row.bidder.response_id):
            text = _("Sealed")
        else:
            text = _money(value, ranking.rfp.currency) if value is not None else _("No price")
        lines.append(
            PriceLine(
                row=row,
                price=value,
                price_text=text,
                above_lowest=None,
                score=row.result.price_score,
                abnormally_low=engine.FLAG_ABNORMALLY_LOW in row.result.flags,
                invalid=engine.FLAG_INVALID_PRICE in row.result.flags,
            )
        )
    valid = [line.price for line in lines if line.price and line.price > 0 and not line.row.result.excluded]
    lowest = min(valid) if valid else None
    for line in lines:
        if lowest and line.price and line.price > 0:
            line.above_lowest = 100.0 * (line.price - lowest) / lowest
    return sorted(lines, key=lambda line: (line.price is None or line.price <= 0, line.price or 0))


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _money(value: float, currency: str) -> str:
    """USD 4,650,000, grouped as the reader's language writes it."""
    return f"{currency} {number_format(round(value), decimal_pos=0, force_grouping=True)}"


def methodology(ranking: Ranking, detail: Detail) -> list[MethodSection]:
    counts: dict[int, list[QuestionInfo]] = defaultdict(list)
    for q in detail.questions:
        counts[q.section_id].append(q)
    risk_areas = dict(ranking.rfp.sections.values_list("id", "risk_area"))
    return [
        MethodSection(
            title=s.title,
            risk_area=risk_areas.get(s.id, ""),
            kind=s.kind,
            weight=s.weight,
            questions=len(counts[s.id]),
            auto=sum(1 for q in counts[s.id] if q.auto_rule),
            knockouts=sum(1 for q in counts[s.id] if q.knockout),
        )
        for s in ranking.sections
    ]


SOURCE_LABELS = {
    "consensus": gettext_lazy("consensus"),
    "auto": gettext_lazy("rule"),
    "evaluators": gettext_lazy("panel"),
}


def appendix_sections(ranking: Ranking, detail: Detail) -> list[AppendixSection]:
    """Every answer and its score, section by section, question by question, in rank order."""
    by_section: dict[int, list[QuestionInfo]] = defaultdict(list)
    for q in detail.questions:
        by_section[q.section_id].append(q)
    sections = []
    for s in ranking.sections:
        rows = []
        for q in by_section[s.id]:
            for row in ranking.rows:
                a = detail.answers.get((row.result.vendor_id, q.id))
                if a is None:
                    continue
                outcome = a.outcome
                rows.append(
                    AppendixRow(
                        question=q,
                        vendor=row.label,
                        answer=a.display,
                        points=_points(outcome.points) if outcome and outcome.points is not None else "",
                        source=str(SOURCE_LABELS.get(outcome.source, "")) if outcome and outcome.source else "",
                        marks=a.marks,
                    )
                )
        sections.append(AppendixSection(title=s.title, rows=rows))
    return sections


def make_or_buy(rfp: RFP) -> dict | None:
    """The sourcing app's make-or-buy section, when the RFP has an assessment."""
    assessment = Assessment.objects.filter(rfp=rfp).first()
    return sourcing_report_data(assessment) if assessment is not None else None
