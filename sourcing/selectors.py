"""Reads for the make-or-buy pages and the executive report: each in a fixed number of queries,
whatever the number of vendors."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from rfp.models import RFP
from sourcing import charts, costs, rules
from sourcing.models import Assessment, Channel
from vendors.bid_view import bid_rule, is_sealed, results_rule
from vendors.models import Answer, AnswerState, ResponseStatus

PROFILE_FIELDS = [
    "seats",
    "peak_extra_seats",
    "peak_months",
    "free_space_seats",
    "has_cc_technology",
    "complexity",
    "knowledge",
    "simple_share",
    "rhythm",
    "yearly_contacts",
    "core_product",
    "wants_control",
    "proven_model",
    "data_analysts",
    "hours",
    "channels",
    "languages",
    "data_sensitivity",
]
COST_FIELDS = [
    "years",
    "fte_per_seat",
    "agent_salary",
    "benefits_rate",
    "agents_per_team_leader",
    "team_leader_salary",
    "attrition_rate",
    "replacement_cost",
    "hiring_training_cost",
    "management_overhead_rate",
    "space_cost_per_seat_year",
    "fit_out_per_seat",
    "equipment_per_seat",
    "telephony_setup_per_seat",
    "software_per_seat_year",
    "ccaas_per_seat_month",
    "vendor_management_fte",
    "vendor_manager_salary",
    "benchmark_price_per_seat_year",
    "yearly_increase",
]


def assessments_for_user(user) -> QuerySet[Assessment]:
    if not user.is_authenticated or not user.is_buyer:
        return Assessment.objects.none()
    return (
        Assessment.objects.filter(Q(rfp__isnull=True, owner=user) | Q(rfp__members__user=user))
        .select_related("rfp", "owner")
        .distinct()
        .order_by("-updated_at", "-id")
    )


def assessment_rows(user) -> list[tuple[Assessment, rules.Recommendation]]:
    """The list page: each assessment with its recommendation (pure, no query per row)."""
    return [(a, rules.recommend(profile_of(a))) for a in assessments_for_user(user)]


def profile_of(assessment: Assessment) -> rules.Profile:
    return rules.Profile(
        seats=assessment.seats,
        complexity=assessment.complexity,
        knowledge=assessment.knowledge,
        simple_share=assessment.simple_share,
        rhythm=assessment.rhythm,
        peak_extra_seats=assessment.peak_extra_seats,
        peak_months=assessment.peak_months,
        free_space_seats=assessment.free_space_seats,
        has_cc_technology=assessment.has_cc_technology,
        core_product=assessment.core_product,
        wants_control=assessment.wants_control,
        proven_model=assessment.proven_model,
        data_analysts=assessment.data_analysts,
        hours=assessment.hours,
        channels=tuple(assessment.channels or ()),
        languages=tuple(assessment.languages or ()),
        data_sensitivity=assessment.data_sensitivity,
    )


def cost_inputs_of(assessment: Assessment, profile: rules.Profile | None = None) -> costs.CostInputs:
    profile = profile or profile_of(assessment)
    values = {name: getattr(assessment, name) for name in COST_FIELDS}
    return costs.CostInputs(
        seats=assessment.seats,
        peak_extra_seats=assessment.peak_extra_seats,
        peak_months=assessment.peak_months,
        free_space_seats=assessment.free_space_seats,
        has_cc_technology=assessment.has_cc_technology,
        hybrid=rules.hybrid_plan(profile),
        **values,
    )


def _price(value) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        price = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return price if price.is_finite() else None


def vendor_prices(rfp: RFP | None, user=None) -> tuple[list[costs.VendorPrice], str]:
    """Each vendor's yearly price (its submitted answer to the RFP's price question), in one query;
    and, when prices cannot be shown, why. The bid rule decides whose prices this reader may see:
    none while the bids are sealed or the price envelope is closed."""
    if rfp is None:
        return [], ""
    if is_sealed(rfp):
        return [], _("Vendors' prices stay sealed until the deadline; the benchmark price stands in for them.")
    rule = bid_rule(user, rfp) if user is not None else results_rule(rfp)
    if not rule.prices_open:
        return [], _("Two envelopes: prices stay sealed until technical scoring is complete.")
    rows = [
        (vendor_id, name, value)
        for response_id, vendor_id, name, value in Answer.objects.filter(
            response__rfp=rfp,
            response__status=ResponseStatus.SUBMITTED,
            question__section__rfp=rfp,
            question__is_price=True,
            state=AnswerState.ANSWERED,
        )
        .order_by("response__vendor__name", "question__section__order", "question__order", "question_id")
        .values_list("response_id", "response__vendor_id", "response__vendor__name", "value")
        if rule.may_read_price(vendor_id=vendor_id, response_id=response_id)
    ]
    prices: dict[int, costs.VendorPrice] = {}
    for vendor_id, name, value in rows:
        price = _price(value)
        if vendor_id not in prices and price is not None:
            prices[vendor_id] = costs.VendorPrice(vendor_id, name, price)
    if not prices:
        return [], _("No submitted vendor price yet; the benchmark price stands in for the vendors.")
    return list(prices.values()), ""


@dataclass
class InputRow:
    label: str
    value: str
    source: str = ""
    default: str = ""  # the default, shown when the value differs from it


@dataclass
class AssessmentView:
    assessment: Assessment
    profile: rules.Profile
    recommendation: rules.Recommendation
    comparison: costs.Comparison
    chart_svg: str
    chart_summary: str
    break_even: str
    cost_summary: str
    prices_note: str = ""
    priced_vendors: list[str] = field(default_factory=list)  # whose bid prices the page shows
    profile_rows: list[InputRow] = field(default_factory=list)
    cost_rows: list[InputRow] = field(default_factory=list)

    @property
    def recommended_option(self) -> costs.OptionCost | None:
        """The costed option that matches the recommendation (the cheapest vendor for outsourced)."""
        if self.recommendation.option == rules.Option.OUTSOURCED:
            return self.comparison.cheapest_outsourced
        return self.comparison.option(self.recommendation.option)


def _display(assessment: Assessment, name: str) -> str:
    model_field = Assessment._meta.get_field(name)
    value = getattr(assessment, name)
    if model_field.choices:
        return str(getattr(assessment, f"get_{name}_display")())
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        if name == "channels":
            labels = dict(Channel.choices)
            return ", ".join(str(labels.get(v, v)) for v in value) or "—"
        return ", ".join(value) or "—"
    if value is None:
        return "—"
    if name.endswith("_rate") or name in ("yearly_increase", "simple_share"):
        return costs.pct(value)
    if isinstance(value, Decimal) and name not in ("fte_per_seat", "agents_per_team_leader", "vendor_management_fte"):
        return f"{costs.money(value)} {assessment.currency}"
    return costs.num(value)


def _label(name: str) -> str:
    text = str(Assessment._meta.get_field(name).verbose_name)
    return text[:1].upper() + text[1:]


def _rows(assessment: Assessment, names: list[str], with_source: bool) -> list[InputRow]:
    rows = []
    for name in names:
        row = InputRow(_label(name), _display(assessment, name))
        if with_source and name in costs.DEFAULTS:
            default_value, row.source = costs.DEFAULTS[name]
            if getattr(assessment, name) != default_value:
                row.default = _display(Assessment(**{name: default_value, "currency": assessment.currency}), name)
        rows.append(row)
    return rows


def _join(labels: list[str]) -> str:
    return ", ".join(labels)


def break_even_sentence(comparison: costs.Comparison, currency: str) -> str:
    """When in-house catches up with each outsourced option (cumulative financial plus managerial
    cost), in one or two sentences."""
    rivals = comparison.outsourced
    if not rivals:
        return _("No outsourced price to compare with: in-house cannot break even against anything yet.")
    years = comparison.years
    reached = sorted((o for o in rivals if o.break_even_year), key=lambda o: (o.break_even_year, o.total))
    never = [o for o in rivals if not o.break_even_year]
    sentences = []
    if reached:
        parts = [_("%(option)s in year %(year)s") % {"option": o.label, "year": o.break_even_year} for o in reached]
        sentences.append(_("In-house breaks even with %(list)s.") % {"list": _join(parts)})
    if never:
        cheapest = min(never, key=lambda o: (o.abnormally_low, o.total))
        gap = comparison.in_house.total - cheapest.total
        sentences.append(
            _(
                "Within %(years)s years it does not break even with %(list)s: %(cheapest)s stays cheaper by "
                "%(gap)s over the period."
            )
            % {
                "years": years,
                "list": _join([o.label for o in never]),
                "cheapest": cheapest.label,
                "gap": f"{costs.money(gap)} {currency}",
            }
            if reached
            else _(
                "In-house does not break even with any outsourced option within %(years)s years: %(cheapest)s "
                "stays cheaper by %(gap)s over the period."
            )
            % {"years": years, "cheapest": cheapest.label, "gap": f"{costs.money(gap)} {currency}"}
        )
    return " ".join(sentences)


def cost_summary(comparison: costs.Comparison, recommended: costs.OptionCost | None, currency: str) -> str:
    cheapest = comparison.cheapest
    text = _("Over %(years)s years the cheapest option is %(option)s, at %(total)s.") % {
        "years": comparison.years,
        "option": cheapest.label,
        "total": f"{costs.money(cheapest.total)} {currency}",
    }
    if recommended is not None and recommended.key != cheapest.key:
        text += " " + _("The recommended option, %(option)s, costs %(total)s (%(gap)s more).") % {
            "option": recommended.label,
            "total": f"{costs.money(recommended.total)} {currency}",
            "gap": f"{costs.money(recommended.total - cheapest.total)} {currency}",
        }
    return text


def assessment_view(assessment: Assessment, user=None) -> AssessmentView:
    """Everything the detail page shows: three or four queries, whatever the number of vendors."""
    profile = profile_of(assessment)
    recommendation = rules.recommend(profile)
    inputs = cost_inputs_of(assessment, profile)
    prices, prices_note = vendor_prices(assessment.rfp, user)
    comparison = costs.compare(inputs, prices)
    currency = assessment.currency
    view = AssessmentView(
        assessment=assessment,
        profile=profile,
        recommendation=recommendation,
        comparison=comparison,
        chart_svg=charts.cumulative_cost_chart(comparison, currency),
        chart_summary=charts.chart_summary(comparison, currency),
        break_even=break_even_sentence(comparison, currency),
        cost_summary="",
        prices_note=prices_note if assessment.rfp_id else "",
        priced_vendors=[price.name for price in prices],
        profile_rows=_rows(assessment, PROFILE_FIELDS, with_source=False),
        cost_rows=_rows(assessment, COST_FIELDS, with_source=True),
    )
    view.cost_summary = cost_summary(comparison, view.recommended_option, currency)
    return view


def report_data(assessment: Assessment) -> dict:
    """What the executive report's make-or-buy section needs, as plain data (strings, numbers, the
    chart as an SVG string). Prices follow the RFP's sealing, as on the page."""
    view = assessment_view(assessment)
    rec = view.recommendation
    comparison = view.comparison
    return {
        "title": assessment.title,
        "rfp": assessment.rfp.reference if assessment.rfp_id else None,
        "currency": assessment.currency,
        "years": list(range(1, comparison.years + 1)),
        "recommendation": {
            "option": rec.option,
            "label": rec.label,
            "headline": rec.headline,
            "focus": rec.focus,
            "focus_label": rec.focus_label,
            "keep_in_house": list(rec.keep_in_house),
            "outsource": list(rec.outsource),
        },
        "decisive": {"rule_id": rec.decisive.rule_id, "text": rec.decisive.text, "source": rec.decisive.source},
        "reasons": [{"rule_id": r.rule_id, "text": r.text, "source": r.source, "role": r.role} for r in rec.reasons],
        "options": [
            {
                "key": o.key,
                "kind": o.kind,
                "label": o.label,
                "note": o.note,
                "setup": o.setup,
                "years": [
                    {
                        "year": y.year,
                        "financial": y.financial,
                        "managerial": y.managerial,
                        "total": y.total,
                        "cumulative": y.cumulative,
                    }
                    for y in o.years
                ],
                "total_financial": o.total_financial,
                "total_managerial": o.total_managerial,
                "total": o.total,
                "break_even_year": o.break_even_year,
                "break_even_financial_year": o.break_even_financial_year,
                "traces": [line.trace for line in o.lines],
            }
            for o in comparison.options
        ],
        "break_even": view.break_even,
        "cost_summary": view.cost_summary,
        "notes": [*comparison.notes, *([view.prices_note] if view.prices_note else [])],
        "chart_svg": view.chart_svg,
        "chart_summary": view.chart_summary,
    }
