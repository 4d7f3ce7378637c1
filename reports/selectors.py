"""Reads for the shortlist, the executive report, the score export and the dashboard.

The ranking itself always comes from scoring.selectors.ranking_for_rfp, so that the report, the
dashboard and `manage.py rank` cannot disagree. What this module adds is the detail behind it:
every answer with its evaluators' scores, comments and consensus, scored with the engine's own
`score_answer` (the same rules `rank` applies in bulk), read in a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass
from itertools import zip_longest
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.models import Shortlist
from rfp.models import RFP, MemberRole, Question, QuestionType, Status
from scoring import engine
from scoring.models import ConflictDeclaration, Consensus, Score
from scoring.selectors import RankedVendor, Ranking, ranking_for_rfp, robustness_for
from scoring.selectors.questions import question_spec
from sourcing.models import Assessment
from sourcing.selectors import report_data as sourcing_report_data
from vendors.answer_values import shown_value
from vendors.bid_view import results_rule
from vendors.models import Answer, AnswerState, ResponseStatus

LOW_POINTS = 2.0  # an auto-scored answer at or below this (of 5) breaks its benchmark
LEADING_COUNT = 3  # vendors the report details when no shortlist has been saved yet
FLAGS_ON_A_VENDOR_PAGE = 8  # the worst flags; the appendix and the score matrix hold every answer
FLAGS_FOR_OTHER_VENDORS = 5
REPORT_STATUSES = frozenset({Status.EVALUATION, Status.DECIDED, Status.ARCHIVED})  # results exist


# --- questions and answers in detail -----------------------------------------------------------


@dataclass(frozen=True)
class QuestionInfo:
    id: int
    key: str
    text: str
    section_id: int
    type: str
    unit: str
    weight: float
    scored: bool
    required: bool
    is_price: bool
    auto_rule: dict | None
    choices: list
    knockout: dict | None
    knockout_reason: str
    benchmark: str

    def spec(self, price_section_ids: set[int]) -> engine.QuestionSpec:
        """The engine's view of the question, from the one builder the ranking uses too."""
        return question_spec(
            id=self.id,
            section_id=self.section_id,
            weight=self.weight,
            scored=self.scored,
            required=self.required,
            is_price=self.is_price,
            auto_rule=self.auto_rule,
            choices=self.choices,
            knockout=self.knockout,
            knockout_reason=self.knockout_reason,
            text=self.text,
            price_section_ids=price_section_ids,
        )


@dataclass(frozen=True)
class EvaluatorMark:
    evaluator_id: int
    name: str
    points: int
    comment: str


@dataclass
class AnswerDetail:
    question: QuestionInfo
    vendor_id: int
    state: str
    value: Any
    vendor_comment: str
    marks: list[EvaluatorMark]
    consensus: tuple[int, str] | None
    outcome: engine.AnswerScore | None
    counts: bool  # in the section score's denominator
    knockout_failed: bool = False

    @property
    def display(self) -> str:
        return answer_display(self.question, self.state, self.value)


def answer_display(question: QuestionInfo, state: str, value: Any, *, escape=None) -> str:
    """The vendor's own answer as a person quotes it: 55%, 25 agents, Yes; a text isolated, so that a
    direction control in it cannot reorder the report or the score matrix around it."""
    if state == AnswerState.NOT_APPLICABLE:
        return _("Not applicable")
    if state != AnswerState.ANSWERED or value in (None, "", []):
        return _("No answer")
    text = shown_value(question.type, value, escape=escape)
    if question.type == QuestionType.PERCENTAGE:
        return f"{text}%"
    if question.unit and question.type == QuestionType.NUMBER:
        return f"{text} {question.unit}"
    return text


@dataclass
class Detail:
    """Every answer of the submitted bids, keyed by (vendor id, question id)."""

    questions: list[QuestionInfo]
    answers: dict[tuple[int, int], AnswerDetail]
    evaluators: dict[int, str]  # id -> name, of everyone with a counted score
    conflicts: set[tuple[int, int]]  # (evaluator, vendor) pairs that do not count

    def for_vendor(self, vendor_id: int) -> list[AnswerDetail]:
        return [self.answers[(vendor_id, q.id)] for q in self.questions if (vendor_id, q.id) in self.answers]


def _person(first: str, last: str, username: str) -> str:
    return f"{first} {last}".strip() or username


def answer_detail(ranking: Ranking) -> Detail:
    """Five queries whatever the number of vendors, questions or evaluators."""
    rfp = ranking.rfp
    settings = ranking.settings
    config = engine.Config(aggregate=settings.aggregate) if settings else engine.Config()
    price_section_ids = {s.id for s in ranking.sections if s.is_price}
    questions = [
        QuestionInfo(
            id=row[0],
            key=row[1],
            text=row[2],
            section_id=row[3],
            type=row[4],
            unit=row[5],
            weight=float(row[6]),
            scored=row[7],
            required=row[8],
            is_price=row[9],
            auto_rule=row[10] or None,
            choices=row[11] or [],
            knockout=row[12] or None,
            knockout_reason=row[13],
            benchmark=row[14],
        )
        for row in Question.objects.filter(section__rfp=rfp)
        .order_by("section__order", "section_id", "order", "id")
        .values_list(
            "id",
            "key",
            "text",
            "section_id",
            "type",
            "unit",
            "weight",
            "scored",
            "required",
            "is_price",
            "auto_rule",
            "choices",
            "knockout",
            "knockout_reason",
            "benchmark",
        )
    ]
    by_id = {q.id: q for q in questions}
    vendor_ids = {row.result.vendor_id for row in ranking.rows}
    conflicts = set(ConflictDeclaration.objects.filter(rfp=rfp, conflict=True).values_list("evaluator_id", "vendor_id"))
    marks: dict[int, list[EvaluatorMark]] = defaultdict(list)
    evaluators: dict[int, str] = {}
    for aid, evaluator_id, first, last, username, points, comment, vendor_id in (
        Score.objects.filter(
            answer__response__rfp=rfp, answer__response__status=ResponseStatus.SUBMITTED, submitted_at__isnull=False
        )
        .order_by("evaluator__last_name", "evaluator__first_name", "evaluator_id")
        .values_list(
            "answer_id",
            "evaluator_id",
            "evaluator__first_name",
            "evaluator__last_name",
            "evaluator__username",
            "points",
            "comment",
            "answer__response__vendor_id",
        )
    ):
        if (evaluator_id, vendor_id) in conflicts:
            continue  # a declared conflict removes the evaluator's marks from that vendor
        name = _person(first, last, username)
        evaluators[evaluator_id] = name
        marks[aid].append(EvaluatorMark(evaluator_id, name, points, comment))
    consensus = {
        aid: (points, reason)
        for aid, points, reason in Consensus.objects.filter(answer__response__rfp=rfp).values_list(
            "answer_id", "points", "reason"
        )
    }
    # Results quote answers, but a price the envelope keeps sealed stays out of every report.
    rule = results_rule(rfp)
    response_of = {row.result.vendor_id: row.bidder.response_id for row in ranking.rows}
    answers: dict[tuple[int, int], AnswerDetail] = {}
    rows = Answer.objects.filter(
        response__rfp=rfp, response__status=ResponseStatus.SUBMITTED, response__vendor_id__in=vendor_ids
    ).values_list("id", "response__vendor_id", "question_id", "state", "value", "comment")
    for aid, vendor_id, qid, state, value, comment in rows:
        question = by_id.get(qid)
        if question is None or (rule.is_price_content(question) and not rule.price_visible(response_of[vendor_id])):
            continue
        given = marks.get(aid, [])
        agreed = consensus.get(aid)
        answers[(vendor_id, qid)] = _detail(
            question, vendor_id, state, value, comment, given, agreed, price_section_ids, config
        )
    # A question a vendor never touched is a blank answer: it counts 0, as in the engine.
    for vendor_id in vendor_ids:
        for question in questions:
            if (vendor_id, question.id) not in answers:
                answers[(vendor_id, question.id)] = _detail(
                    question, vendor_id, AnswerState.BLANK, None, "", [], None, price_section_ids, config
                )
    return Detail(questions=questions, answers=answers, evaluators=evaluators, conflicts=conflicts)


def _detail(question, vendor_id, state, value, comment, marks, consensus, price_section_ids, config) -> AnswerDetail:
    spec = question.spec(price_section_ids)
    answer = engine.AnswerInput(
        vendor_id,
        question.id,
        state,
        value,
        tuple((m.evaluator_id, m.points) for m in marks),
        consensus[0] if consensus else None,
    )
    try:
        outcome = engine.score_answer(spec, answer, config)
    except ValueError:
        outcome = None
    counts = bool(spec.scored) and outcome is not None and outcome.points is not None
    failed = False
    if question.knockout:
        try:
            failed = not engine.knockout_passes(question.knockout, value, state)
        except ValueError:
            failed = False
    return AnswerDetail(
        question=question,
        vendor_id=vendor_id,
        state=state,
        value=value,
        vendor_comment=comment,
        marks=list(marks),
        consensus=consensus,
        outcome=outcome,
        counts=counts,
        knockout_failed=failed,
    )


# --- risk flags --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RiskFlag:
    """One reason for an executive to worry, quoting the vendor's own answer."""

    kind: str  # "knockout" or "benchmark"
    section: str
    question: str
    answer: str
    benchmark: str
    points: float | None

    @property
    def is_knockout(self) -> bool:
        return self.kind == "knockout"


def flag_sections(ranking: Ranking, detail: Detail) -> dict[int, tuple[str, float, float]]:
    """Per section: its title, its weight and the total weight of its scored questions, which
    together say how much one answer weighs in the total."""
    question_weights: dict[int, float] = defaultdict(float)
    for q in detail.questions:
        if q.scored and not q.is_price:
            question_weights[q.section_id] += q.weight
    return {s.id: (s.title, s.weight, question_weights[s.id]) for s in ranking.sections}


def risk_flags(answers: list[AnswerDetail], sections: dict[int, tuple[str, float, float]]) -> list[RiskFlag]:
    """Failed knockouts, then auto-scored answers at or below 2 of 5: an answer that the
    question's own rule scores that low breaks the benchmark the question states. They come in the
    order of the points they cost the total (the answer's share of the total x the points it
    missed), so that a low score on a heavy question outranks a zero on a light one."""
    knockouts, low = [], []
    for a in answers:
        q = a.question
        title, section_weight, question_total = sections.get(q.section_id, ("", 0.0, 0.0))
        if a.knockout_failed:
            knockouts.append(RiskFlag("knockout", title, q.text, a.display, q.spec(set()).knockout_reason, None))
            continue
        outcome = a.outcome
        if q.auto_rule and outcome is not None and outcome.source == "auto" and outcome.points <= LOW_POINTS:
            benchmark = q.benchmark or _("The question's scoring rule gives this answer %(points)s of 5.") % {
                "points": _points(outcome.points)
            }
            share = section_weight * q.weight / question_total if question_total else 0.0
            cost = share * (engine.MAX_POINTS - outcome.points) / engine.MAX_POINTS
            low.append(
                (-cost, outcome.points, RiskFlag("benchmark", title, q.text, a.display, benchmark, outcome.points))
            )
    low.sort(key=lambda item: item[:2])
    return knockouts + [flag for _cost, _points_, flag in low]


def _points(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


# --- the shortlist -----------------------------------------------------------------------------


def shortlist_of(rfp: RFP) -> Shortlist | None:
    return Shortlist.objects.filter(rfp=rfp).select_related("published_by").prefetch_related("entries__vendor").first()


def shortlisted_vendor_ids(shortlist: Shortlist | None) -> list[int]:
    return [entry.vendor_id for entry in shortlist.entries.all()] if shortlist else []


def suggest_top(ranking: Ranking, count: int) -> list[int]:
    """The best `count` vendors that can be shortlisted (knocked-out ones cannot)."""
    return [row.result.vendor_id for row in ranking.rows if not row.result.excluded][: max(count, 0)]


def suggest_above(ranking: Ranking, threshold: float) -> list[int]:
    return [
        row.result.vendor_id
        for row in ranking.rows
        if not row.result.excluded and row.result.total is not None and row.result.total >= threshold - 1e-9
    ]


def executives(rfp: RFP) -> list:
    return [m.user for m in rfp.members.select_related("user").filter(role=MemberRole.EXECUTIVE)]


def leading_rows(ranking: Ranking, shortlist: Shortlist | None) -> tuple[list[RankedVendor], bool]:
    """The vendors the report details: the published shortlist, else the leading valid vendors.
    The flag says whether they are a published decision."""
    if shortlist is not None and shortlist.is_published:
        chosen = set(shortlisted_vendor_ids(shortlist))
        rows = [row for row in ranking.rows if row.result.vendor_id in chosen]
        if rows:
            return rows, True
    return [row for row in ranking.rows if not row.result.excluded][:LEADING_COUNT], False


def vendors_with_open_prices(rfp: RFP) -> list[str]:
    """The bidders whose prices the results show: the audit log names them when results are read."""
    from scoring.selectors import bidders

    rule = results_rule(rfp)
    return [bidder.name for bidder in bidders(rfp) if rule.price_visible(bidder.response_id)]


def report_ranking(rfp: RFP) -> Ranking:
    """The ranking the report and the export read: names, never aliases (they are for the
    people who decide, after scoring)."""
    return ranking_for_rfp(rfp, blind=False)


# --- the executive report ----------------------------------------------------------------------


@dataclass
class VendorFlags:
    """A vendor's risk flags; the report prints the first `limit` and counts the rest."""

    row: RankedVendor
    flags: list[RiskFlag]
    limit: int = FLAGS_ON_A_VENDOR_PAGE

    @property
    def shown(self) -> list[RiskFlag]:
        knockouts = [f for f in self.flags if f.is_knockout]
        return knockouts + [f for f in self.flags if not f.is_knockout][: max(self.limit - len(knockouts), 0)]

    @property
    def more(self) -> int:
        return len(self.flags) - len(self.shown)


@dataclass
class VendorPage:
    row: RankedVendor
    shortlisted: bool
    strengths: list[tuple[str, float]]
    weaknesses: list[tuple[str, float]]
    flags: list[RiskFlag]
    price: str

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
class Disagreement:
    vendor: str
    section: str
    question: str
    marks: list[EvaluatorMark]
    spread: float
    consensus: tuple[int, str] | None


@dataclass
class Agreement:
    kendalls_w: float | None
    words: str
    evaluators: list[str]
    scored_answers: int
    mean_range: float | None
    disagreements: list[Disagreement]  # the widest, up to a limit
    disagreement_count: int
    resolved: int


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
    methodology: list[MethodSection]
    detail: Detail
    appendix: list[AppendixSection]

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
        _vendor_page(row, ranking, flags[row.result.vendor_id], price_text.get(row.result.vendor_id, ""), decided)
        for row in leading
    ]
    others = [
        VendorFlags(row, flags[row.result.vendor_id], FLAGS_FOR_OTHER_VENDORS)
        for row in ranking.rows
        if row.result.vendor_id not in chosen
    ]
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
        robustness=robustness_for(ranking) if ranking.rows and not ranking.error else None,
        methodology=methodology(ranking, detail),
        detail=detail,
        appendix=appendix_sections(ranking, detail) if appendix else [],
    )


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
    return f"{currency} {value:,.0f}"


def agreement_words(w: float | None) -> str:
    if w is None:
        return _("Not enough evaluators scored the same questions for every vendor to measure agreement.")
    if w >= 0.7:
        return _("Strong agreement: the evaluators rank the vendors in much the same order.")
    if w >= 0.5:
        return _("Moderate agreement: the evaluators broadly agree on the order of the vendors.")
    if w >= 0.3:
        return _("Fair agreement: the evaluators differ on the order of some vendors.")
    return _("Weak agreement: the evaluators order the vendors differently; read the disagreements below.")


def agreement(ranking: Ranking, detail: Detail, limit: int = 12) -> Agreement:
    """Kendall's W over the evaluators' rankings of the vendors, and the answers they disagree on."""
    names = {row.result.vendor_id: row.label for row in ranking.rows}
    titles = {s.id: s.title for s in ranking.sections}
    human = [a for a in detail.answers.values() if a.marks]
    inputs = [
        engine.AnswerInput(
            a.vendor_id, a.question.id, a.state, None, tuple((m.evaluator_id, m.points) for m in a.marks)
        )
        for a in human
    ]
    outcome = engine.evaluator_agreement(inputs, {q.id: q.weight for q in detail.questions}) if inputs else None
    w = outcome.kendalls_w if outcome else None
    ranges = [max(m.points for m in a.marks) - min(m.points for m in a.marks) for a in human if len(a.marks) > 1]
    split = [
        a for a in human if len(a.marks) > 1 and max(m.points for m in a.marks) - min(m.points for m in a.marks) >= 2
    ]
    split.sort(key=lambda a: (-(max(m.points for m in a.marks) - min(m.points for m in a.marks)), names[a.vendor_id]))
    return Agreement(
        kendalls_w=w,
        words=agreement_words(w),
        evaluators=sorted(detail.evaluators.values()),
        scored_answers=len(human),
        mean_range=sum(ranges) / len(ranges) if ranges else None,
        disagreements=[
            Disagreement(
                vendor=names[a.vendor_id],
                section=titles.get(a.question.section_id, ""),
                question=a.question.text,
                marks=a.marks,
                spread=float(max(m.points for m in a.marks) - min(m.points for m in a.marks)),
                consensus=a.consensus,
            )
            for a in split[:limit]
        ],
        disagreement_count=len(split),
        resolved=sum(1 for a in split if a.consensus is not None),
    )


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
