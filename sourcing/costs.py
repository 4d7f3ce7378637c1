"""Make or buy: the cost model, over one to five years. Pure: no database, no request.

Options compared, each year by year:
- in-house: the buyer builds the center (space, equipment, telephony and software, hiring and
  training) and runs it (wages and benefits, team leaders by ratio, attrition x replacement cost,
  space and software);
- hosted: the same team on cloud CCaaS, paid per seat and month, with no telephony to set up;
- hybrid: the in-house part (the permanent or deep-knowledge work) plus a share of the reference
  outsourced price for the work sent out (peaks and simple work, see rules.hybrid_plan);
- outsourced: each vendor's yearly price from the RFP's price answers (or a benchmark price per
  seat-year when there is none).

Costs are kept in two kinds, as docs/domain.md asks: financial (money paid for the
service) and managerial (the buyer's own management effort, valued at cost: running a center, or
managing a vendor). Every figure is a `Line` that carries the formula and the inputs behind it,
so the page can show how each number was reached.

Conventions: money is Decimal in the assessment's currency; rates are percents (40 means 40%);
one-off set-up costs fall in year 1; running costs and vendor prices rise by `yearly_increase`
percent a year from year 2 (indexation). Free office space is already paid for: only the seats
beyond it are rented and fitted out. The break-even year of an option is the first year in which
in-house's cumulative cost is at most that option's (None when it never is within the horizon).

It stays one module because it is one model read top to bottom (inputs and their defaults, the
traced lines, each option's formulas, then years and break-even), and the conventions above hold
for all of it.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sourcing.rules import HybridPlan, Option

ZERO = Decimal("0")
HUNDRED = Decimal("100")
MONTHS = Decimal("12")


class Kind:
    SETUP = "setup"
    RUNNING = "running"
    MANAGERIAL = "managerial"


# Defaults and where each comes from: shown beside the form field, so a user knows what to replace.
ASSUMPTION = gettext_lazy("Shortlist assumption: replace it with your own figure")


def _assumed(why=None):
    return format_lazy("{} ({})", ASSUMPTION, why) if why else ASSUMPTION


DEFAULTS: dict[str, tuple[Decimal | int, str]] = {
    "years": (5, gettext_lazy("Outsourcing practice: a financial analysis over several years")),
    "fte_per_seat": (Decimal("1.2"), _assumed(gettext_lazy("about 1.2 for office hours, 4.5 or more for 24/7"))),
    "agent_salary": (Decimal("38000"), _assumed()),
    "benefits_rate": (Decimal("25"), _assumed()),
    "agents_per_team_leader": (
        Decimal("10"),
        gettext_lazy("Industry benchmark: 8-12 agents per team leader (about 15 at outsourcers)"),
    ),
    "team_leader_salary": (Decimal("52000"), _assumed()),
    "attrition_rate": (Decimal("40"), gettext_lazy("Industry benchmark: agent attrition about 40% a year")),
    "replacement_cost": (
        Decimal("10000"),
        gettext_lazy("Industry benchmark: about USD 10,000 to replace an agent"),
    ),
    "hiring_training_cost": (Decimal("5000"), _assumed(gettext_lazy("hiring and initial training of a new agent"))),
    "management_overhead_rate": (Decimal("15"), _assumed(gettext_lazy("center management, planning, QA, HR"))),
    "space_cost_per_seat_year": (
        Decimal("6000"),
        _assumed(gettext_lazy("rent with kitchens, cloakrooms and HR space, not only desks")),
    ),
    "fit_out_per_seat": (Decimal("3000"), _assumed()),
    "equipment_per_seat": (Decimal("2000"), _assumed(gettext_lazy("desk, PC, headset"))),
    "telephony_setup_per_seat": (Decimal("1500"), _assumed(gettext_lazy("on-premise telephony and software licences"))),
    "software_per_seat_year": (Decimal("1200"), _assumed(gettext_lazy("maintenance and support"))),
    "ccaas_per_seat_month": (Decimal("150"), _assumed(gettext_lazy("cloud CCaaS licence per agent seat"))),
    "vendor_management_fte": (Decimal("1.5"), _assumed(gettext_lazy("vendor management office and QA"))),
    "vendor_manager_salary": (Decimal("70000"), _assumed()),
    "benchmark_price_per_seat_year": (
        Decimal("40000"),
        _assumed(gettext_lazy("used only when no vendor price is known")),
    ),
    "yearly_increase": (Decimal("0"), _assumed(gettext_lazy("indexation of wages and prices"))),
}


def default(name: str):
    return DEFAULTS[name][0]


@dataclass(frozen=True)
class CostInputs:
    seats: int
    years: int = 5
    peak_extra_seats: int = 0
    peak_months: int = 0
    free_space_seats: int = 0
    has_cc_technology: bool = False
    fte_per_seat: Decimal = default("fte_per_seat")
    agent_salary: Decimal = default("agent_salary")
    benefits_rate: Decimal = default("benefits_rate")
    agents_per_team_leader: Decimal = default("agents_per_team_leader")
    team_leader_salary: Decimal = default("team_leader_salary")
    attrition_rate: Decimal = default("attrition_rate")
    replacement_cost: Decimal = default("replacement_cost")
    hiring_training_cost: Decimal = default("hiring_training_cost")
    management_overhead_rate: Decimal = default("management_overhead_rate")
    space_cost_per_seat_year: Decimal = default("space_cost_per_seat_year")
    fit_out_per_seat: Decimal = default("fit_out_per_seat")
    equipment_per_seat: Decimal = default("equipment_per_seat")
    telephony_setup_per_seat: Decimal = default("telephony_setup_per_seat")
    software_per_seat_year: Decimal = default("software_per_seat_year")
    ccaas_per_seat_month: Decimal = default("ccaas_per_seat_month")
    vendor_management_fte: Decimal = default("vendor_management_fte")
    vendor_manager_salary: Decimal = default("vendor_manager_salary")
    benchmark_price_per_seat_year: Decimal | None = default("benchmark_price_per_seat_year")
    yearly_increase: Decimal = default("yearly_increase")
    hybrid: HybridPlan = field(default_factory=lambda: HybridPlan(outsource_peaks=False, simple_share=0))


@dataclass(frozen=True)
class VendorPrice:
    """A vendor's yearly price, as answered to the RFP's price question."""

    vendor_id: int
    name: str
    yearly_price: Decimal


@dataclass(frozen=True)
class Line:
    """One traced figure: what it is, how much, and the arithmetic behind it."""

    label: str
    amount: Decimal
    formula: str
    kind: str

    @property
    def trace(self) -> str:
        return f"{self.label}: {self.formula} = {money(self.amount)}"


@dataclass(frozen=True)
class YearCost:
    year: int
    financial: Decimal
    managerial: Decimal
    cumulative_financial: Decimal
    cumulative: Decimal

    @property
    def total(self) -> Decimal:
        return self.financial + self.managerial


@dataclass
class OptionCost:
    key: str
    kind: str  # an rules.Option value
    label: str
    lines: list[Line]
    years: list[YearCost] = field(default_factory=list)
    break_even_year: int | None = None  # against in-house, on total cost
    break_even_financial_year: int | None = None  # against in-house, on financial cost only
    note: str = ""
    abnormally_low: bool = False

    @property
    def setup(self) -> Decimal:
        return _sum(line.amount for line in self.lines if line.kind == Kind.SETUP)

    @property
    def running(self) -> Decimal:
        return _sum(line.amount for line in self.lines if line.kind == Kind.RUNNING)

    @property
    def managerial(self) -> Decimal:
        return _sum(line.amount for line in self.lines if line.kind == Kind.MANAGERIAL)

    @property
    def total_financial(self) -> Decimal:
        return self.years[-1].cumulative_financial

    @property
    def total_managerial(self) -> Decimal:
        return self.years[-1].cumulative - self.years[-1].cumulative_financial

    @property
    def total(self) -> Decimal:
        return self.years[-1].cumulative

    @property
    def cumulative(self) -> list[Decimal]:
        return [y.cumulative for y in self.years]


@dataclass
class Comparison:
    years: int
    options: list[OptionCost]
    notes: list[str] = field(default_factory=list)
    reference_price: Decimal | None = None
    reference_label: str = ""

    @property
    def in_house(self) -> OptionCost:
        return self.options[0]

    @property
    def outsourced(self) -> list[OptionCost]:
        return [o for o in self.options if o.kind == Option.OUTSOURCED]

    @property
    def cheapest(self) -> OptionCost:
        return min((o for o in self.options if not o.abnormally_low), key=lambda o: o.total)

    @property
    def cheapest_outsourced(self) -> OptionCost | None:
        """The cheapest outsourced option whose price is not abnormally low."""
        return min((o for o in self.outsourced if not o.abnormally_low), key=lambda o: o.total, default=None)

    def option(self, key: str) -> OptionCost | None:
        return next((o for o in self.options if o.key == key), None)


# --- formatting for traces ---------------------------------------------------------------------------


def _sum(values) -> Decimal:
    return sum(values, ZERO)


def whole(value: Decimal) -> Decimal:
    return value.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def _grouped(value, decimal_pos: int | None = None) -> str:
    """A number in the active language's format, always with thousands grouped (some locales,
    e.g. Hebrew, define no grouping, and 16251265 is hard to read in any language)."""
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=decimal_pos,
        grouping=get_format("NUMBER_GROUPING") or 3,
        thousand_sep=get_format("THOUSAND_SEPARATOR") or ",",
        force_grouping=True,
    )


def money(value: Decimal) -> str:
    return _grouped(whole(Decimal(value)), decimal_pos=0)


def num(value) -> str:
    """A quantity as a person writes it: 1.2, 40, 1,530."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return _grouped(int(value))
    return _grouped(value.normalize())


def pct(value: Decimal) -> str:
    return f"{num(value)}%"


def _benefits_factor(i: CostInputs) -> Decimal:
    return 1 + i.benefits_rate / HUNDRED


# --- the options -----------------------------------------------------------------------------------


def _team_lines(i: CostInputs, seats: int, peak_seats: int, peak_months: int) -> list[Line]:
    """Running cost of the agents and team leaders themselves (shared by in-house and hosted)."""
    factor = _benefits_factor(i)
    base_fte = seats * i.fte_per_seat
    lines = [
        Line(
            _("Agent wages and benefits"),
            base_fte * i.agent_salary * factor,
            _("%(seats)s seats × %(fte)s FTE/seat × %(salary)s × (1 + %(benefits)s benefits)")
            % {
                "seats": seats,
                "fte": num(i.fte_per_seat),
                "salary": money(i.agent_salary),
                "benefits": pct(i.benefits_rate),
            },
            Kind.RUNNING,
        )
    ]
    peak_fte = ZERO
    if peak_seats and peak_months:
        peak_fte = peak_seats * i.fte_per_seat * peak_months / MONTHS
        lines += [
            Line(
                _("Peak agents' wages and benefits"),
                peak_fte * i.agent_salary * factor,
                _("%(seats)s peak seats × %(fte)s FTE/seat × %(months)s/12 months × %(salary)s × (1 + %(benefits)s)")
                % {
                    "seats": peak_seats,
                    "fte": num(i.fte_per_seat),
                    "months": peak_months,
                    "salary": money(i.agent_salary),
                    "benefits": pct(i.benefits_rate),
                },
                Kind.RUNNING,
            ),
            Line(
                _("Hiring and training seasonal agents"),
                peak_seats * i.fte_per_seat * i.hiring_training_cost,
                _("%(seats)s peak seats × %(fte)s FTE/seat × %(cost)s, every season")
                % {"seats": peak_seats, "fte": num(i.fte_per_seat), "cost": money(i.hiring_training_cost)},
                Kind.RUNNING,
            ),
        ]
    agent_fte = base_fte + peak_fte
    lines += [
        Line(
            _("Team leaders"),
            agent_fte / i.agents_per_team_leader * i.team_leader_salary * factor,
            _("%(fte)s agent FTE ÷ %(ratio)s agents per team leader × %(salary)s × (1 + %(benefits)s)")
            % {
                "fte": num(agent_fte),
                "ratio": num(i.agents_per_team_leader),
                "salary": money(i.team_leader_salary),
                "benefits": pct(i.benefits_rate),
            },
            Kind.RUNNING,
        ),
        Line(
            _("Attrition"),
            base_fte * i.attrition_rate / HUNDRED * i.replacement_cost,
            _("%(fte)s agent FTE × %(rate)s attrition a year × %(cost)s replacement cost")
            % {"fte": num(base_fte), "rate": pct(i.attrition_rate), "cost": money(i.replacement_cost)},
            Kind.RUNNING,
        ),
    ]
    wages = _sum(line.amount for line in lines if line.label in _wage_labels())
    lines.append(
        Line(
            _("Center management, planning, QA and HR"),
            wages * i.management_overhead_rate / HUNDRED,
            _("%(rate)s × %(wages)s wages of agents and team leaders")
            % {"rate": pct(i.management_overhead_rate), "wages": money(wages)},
            Kind.MANAGERIAL,
        )
    )
    return lines


def _wage_labels() -> set[str]:
    return {_("Agent wages and benefits"), _("Peak agents' wages and benefits"), _("Team leaders")}


def _premises_lines(i: CostInputs, capacity: int, hosted: bool) -> list[Line]:
    """Space, equipment and the platform for `capacity` seats."""
    new_seats = max(0, capacity - i.free_space_seats)
    space_inputs = {"capacity": capacity, "free": i.free_space_seats, "new": new_seats}
    lines = [
        Line(
            _("Space fit-out"),
            new_seats * i.fit_out_per_seat,
            _("(%(capacity)s seats − %(free)s free) = %(new)s new seats × %(cost)s")
            % {**space_inputs, "cost": money(i.fit_out_per_seat)},
            Kind.SETUP,
        ),
        Line(
            _("Equipment"),
            capacity * i.equipment_per_seat,
            _("%(capacity)s seats × %(cost)s") % {"capacity": capacity, "cost": money(i.equipment_per_seat)},
            Kind.SETUP,
        ),
    ]
    if not hosted:
        if i.has_cc_technology:
            lines.append(
                Line(_("Telephony and software set-up"), ZERO, _("you own contact-center telephony"), Kind.SETUP)
            )
        else:
            lines.append(
                Line(
                    _("Telephony and software set-up"),
                    capacity * i.telephony_setup_per_seat,
                    _("%(capacity)s seats × %(cost)s")
                    % {"capacity": capacity, "cost": money(i.telephony_setup_per_seat)},
                    Kind.SETUP,
                )
            )
    lines.append(
        Line(
            _("Space: rent and facilities"),
            new_seats * i.space_cost_per_seat_year,
            _("(%(capacity)s seats − %(free)s free) = %(new)s seats × %(cost)s a year")
            % {**space_inputs, "cost": money(i.space_cost_per_seat_year)},
            Kind.RUNNING,
        )
    )
    return lines


def _platform_running(i: CostInputs, seats: int, peak_seats: int, peak_months: int, hosted: bool) -> Line:
    if hosted:
        seat_months = seats * 12 + peak_seats * peak_months
        inputs = {
            "seats": seats,
            "peak": peak_seats,
            "months": peak_months,
            "sm": num(seat_months),
            "cost": money(i.ccaas_per_seat_month),
        }
        if peak_seats and peak_months:
            formula = _(
                "(%(seats)s seats × 12 + %(peak)s peak seats × %(months)s months) = %(sm)s seat-months × %(cost)s"
            )
        else:
            formula = _("%(seats)s seats × 12 months = %(sm)s seat-months × %(cost)s")
        return Line(_("Cloud CCaaS licences"), seat_months * i.ccaas_per_seat_month, formula % inputs, Kind.RUNNING)
    capacity = seats + peak_seats
    return Line(
        _("Telephony and software, yearly"),
        capacity * i.software_per_seat_year,
        _("%(capacity)s seats × %(cost)s a year") % {"capacity": capacity, "cost": money(i.software_per_seat_year)},
        Kind.RUNNING,
    )


def _build_lines(i: CostInputs, seats: int, peak_seats: int, peak_months: int, hosted: bool) -> list[Line]:
    lines = _premises_lines(i, seats + peak_seats, hosted)
    lines.insert(
        len([line for line in lines if line.kind == Kind.SETUP]),
        Line(
            _("Hiring and training the first team"),
            seats * i.fte_per_seat * i.hiring_training_cost,
            _("%(seats)s seats × %(fte)s FTE/seat × %(cost)s")
            % {"seats": seats, "fte": num(i.fte_per_seat), "cost": money(i.hiring_training_cost)},
            Kind.SETUP,
        ),
    )
    lines += _team_lines(i, seats, peak_seats, peak_months)
    lines.append(_platform_running(i, seats, peak_seats, peak_months, hosted))
    order = {Kind.SETUP: 0, Kind.RUNNING: 1, Kind.MANAGERIAL: 2}
    return sorted(lines, key=lambda line: order[line.kind])


def in_house(i: CostInputs) -> OptionCost:
    return OptionCost(
        "in_house",
        Option.IN_HOUSE,
        _("In-house"),
        _build_lines(i, i.seats, i.peak_extra_seats, i.peak_months, hosted=False),
    )


def hosted(i: CostInputs) -> OptionCost:
    return OptionCost(
        "hosted",
        Option.HOSTED,
        _("Hosted (CCaaS)"),
        _build_lines(i, i.seats, i.peak_extra_seats, i.peak_months, hosted=True),
    )


def vendor_management(i: CostInputs, share: Decimal = Decimal("1")) -> Line:
    amount = i.vendor_management_fte * i.vendor_manager_salary * _benefits_factor(i) * share
    inputs = {
        "fte": num(i.vendor_management_fte),
        "salary": money(i.vendor_manager_salary),
        "benefits": pct(i.benefits_rate),
    }
    if share == 1:
        formula = _("%(fte)s FTE × %(salary)s × (1 + %(benefits)s benefits)") % inputs
    else:
        formula = _("%(fte)s FTE × %(salary)s × (1 + %(benefits)s) × %(share)s outsourced share") % {
            **inputs,
            "share": pct((share * HUNDRED).quantize(Decimal("0.1"))),
        }
    return Line(_("Vendor management and QA"), amount, formula, Kind.MANAGERIAL)


def outsourced(i: CostInputs, price: VendorPrice) -> OptionCost:
    return OptionCost(
        f"vendor:{price.vendor_id}",
        Option.OUTSOURCED,
        price.name,
        [
            Line(
                _("Vendor's yearly price"),
                price.yearly_price,
                _("the answer to the RFP's price question"),
                Kind.RUNNING,
            ),
            vendor_management(i),
        ],
    )


def average_seats(i: CostInputs) -> Decimal:
    return i.seats + Decimal(i.peak_extra_seats * i.peak_months) / MONTHS


def benchmark(i: CostInputs) -> OptionCost:
    seats = average_seats(i)
    return OptionCost(
        "benchmark",
        Option.OUTSOURCED,
        _("Outsourced (benchmark price)"),
        [
            Line(
                _("Benchmark yearly price"),
                seats * i.benchmark_price_per_seat_year,
                _("(%(seats)s seats + %(peak)s peak seats × %(months)s/12) × %(price)s per seat-year")
                % {
                    "seats": i.seats,
                    "peak": i.peak_extra_seats,
                    "months": i.peak_months,
                    "price": money(i.benchmark_price_per_seat_year),
                },
                Kind.RUNNING,
            ),
            vendor_management(i),
        ],
    )


def hybrid_split(i: CostInputs) -> tuple[int, Decimal, str]:
    """(seats kept in-house, outsourced share of the work, the arithmetic of that share)."""
    plan = i.hybrid
    out_seats = int(whole(Decimal(i.seats * plan.simple_share) / HUNDRED))
    out_peak = i.peak_extra_seats * i.peak_months if plan.outsource_peaks else 0
    outsourced_seat_months = out_seats * 12 + out_peak
    total_seat_months = i.seats * 12 + i.peak_extra_seats * i.peak_months
    share = Decimal(outsourced_seat_months) / Decimal(total_seat_months) if total_seat_months else ZERO
    formula = _("(%(out)s simple-work seats × 12 + %(peak)s peak seat-months) = %(osm)s of %(tsm)s seat-months") % {
        "out": out_seats,
        "peak": num(out_peak),
        "osm": num(outsourced_seat_months),
        "tsm": num(total_seat_months),
    }
    return i.seats - out_seats, share, formula


def hybrid(i: CostInputs, reference_price: Decimal, reference_label: str) -> OptionCost:
    in_seats, share, split_formula = hybrid_split(i)
    peak_seats = 0 if i.hybrid.outsource_peaks else i.peak_extra_seats
    peak_months = 0 if i.hybrid.outsource_peaks else i.peak_months
    lines = _build_lines(i, in_seats, peak_seats, peak_months, hosted=not i.has_cc_technology)
    lines = [line for line in lines if line.kind != Kind.MANAGERIAL] + [
        Line(
            _("Outsourced part"),
            share * reference_price,
            _("%(split)s (%(share)s) × %(price)s (%(reference)s)")
            % {
                "split": split_formula,
                "share": pct((share * HUNDRED).quantize(Decimal("0.1"))),
                "price": money(reference_price),
                "reference": reference_label,
            },
            Kind.RUNNING,
        ),
        *[line for line in lines if line.kind == Kind.MANAGERIAL],
        vendor_management(i, share),
    ]
    platform = _("own telephony") if i.has_cc_technology else _("cloud CCaaS")
    return OptionCost(
        "hybrid",
        Option.HYBRID,
        _("Hybrid"),
        lines,
        note=_("%(seats)s seats in-house on %(platform)s; the rest outsourced")
        % {"seats": in_seats, "platform": platform},
    )


# --- years and break-even ---------------------------------------------------------------------------


def index_factor(i: CostInputs, year: int) -> Decimal:
    return (1 + i.yearly_increase / HUNDRED) ** (year - 1)


def fill_years(option: OptionCost, i: CostInputs) -> OptionCost:
    cumulative_financial = cumulative = ZERO
    option.years = []
    for year in range(1, i.years + 1):
        factor = index_factor(i, year)
        financial = option.running * factor + (option.setup if year == 1 else ZERO)
        managerial = option.managerial * factor
        cumulative_financial += financial
        cumulative += financial + managerial
        option.years.append(YearCost(year, financial, managerial, cumulative_financial, cumulative))
    return option


def break_even_year(base: list[Decimal], other: list[Decimal]) -> int | None:
    """The first year (1-based) in which the base's cumulative cost is at most the other's."""
    return next((year for year, (a, b) in enumerate(zip(base, other, strict=True), start=1) if a <= b), None)


ABNORMALLY_LOW_SHARE = Decimal("0.40")  # as the ranking flags bids: 40% or more below the mean of the others


def abnormally_low(prices: list[VendorPrice]) -> set[int]:
    """Vendor ids whose price is 40% or more below the mean of the other valid prices."""
    flagged = set()
    for price in prices:
        others = [p.yearly_price for p in prices if p.vendor_id != price.vendor_id]
        if others and price.yearly_price <= (1 - ABNORMALLY_LOW_SHARE) * _sum(others) / len(others):
            flagged.add(price.vendor_id)
    return flagged


def compare(i: CostInputs, prices: list[VendorPrice]) -> Comparison:
    """Every option, year by year, with its break-even against in-house."""
    if i.years < 1 or i.seats < 1:
        raise ValueError("The cost model needs at least one seat and one year.")
    notes: list[str] = []
    valid = sorted((p for p in prices if p.yearly_price > 0), key=lambda p: (p.yearly_price, p.name))
    if len(valid) < len(prices):
        notes.append(_("Prices of zero or less are invalid bids and are left out."))
    flagged = abnormally_low(valid)
    options = [in_house(i), hosted(i)]
    vendor_options = [outsourced(i, p) for p in valid]
    for option, price in zip(vendor_options, valid, strict=True):
        if price.vendor_id in flagged:
            option.abnormally_low = True
            # xgettext:no-python-format
            option.note = _("Abnormally low: 40% or more below the mean of the other prices.")
    if flagged:
        notes.append(
            _("Abnormally low prices (%(vendors)s) are shown but not used as the reference price.")
            % {"vendors": ", ".join(p.name for p in valid if p.vendor_id in flagged)}
        )
    reference_price, reference_label = None, ""
    normal = [p for p in valid if p.vendor_id not in flagged]
    if normal:
        lowest = normal[0]
        reference_price = lowest.yearly_price
        reference_label = _("lowest vendor price: %(vendor)s") % {"vendor": lowest.name}
    elif i.benchmark_price_per_seat_year:
        bench = benchmark(i)
        vendor_options = [bench]
        reference_price = bench.running
        reference_label = _("benchmark price")
    else:
        notes.append(_("No vendor price and no benchmark price: the outsourced options cannot be costed."))
    if reference_price is not None and i.hybrid.is_split:
        options.append(hybrid(i, reference_price, reference_label))
    elif reference_price is not None:
        notes.append(_("No hybrid option: there are no peaks and too little simple work to split off."))
    options += vendor_options
    for option in options:
        fill_years(option, i)
    base = options[0]
    for option in options[1:]:
        option.break_even_year = break_even_year(base.cumulative, option.cumulative)
        option.break_even_financial_year = break_even_year(
            [y.cumulative_financial for y in base.years], [y.cumulative_financial for y in option.years]
        )
    return Comparison(i.years, options, notes, reference_price, reference_label)
