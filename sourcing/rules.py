"""Make or buy: the recommendation rules of docs/domain.md ("In-house, hosted or outsourced?"), as code.

Pure: no database, no request. `recommend(profile)` reads a `Profile` (the buyer's description of
its own contact center) and returns a `Recommendation` whose every reason names the rule it came
from (`rule_id`) and where that rule is written (`source`), so a reader can check each one.

How the rules combine (the order is the precedence; the first rule that decides wins):

1. R-CORE-PRODUCT    the center is part of the core product: do not outsource it; only overflow
                     (peaks) and simple calls may go out, so in-house, or hybrid when there are
                     peaks or enough simple work to hand over.
2. R-UNPROVEN-MODEL  the business model is not proven: test it in outsourcing first.
3. R-CAMPAIGNS-ONLY  campaigns only (or a one-off project): outsource.
4. R-SIZE-1-5-SEATS  one to five seats: in-house is easy.
5. R-PERMANENT-PLUS-SEASONAL  permanent work plus seasonal campaigns: hybrid, the permanent work
                     in-house and the campaigns outsourced.
6. Permanent work alone:
   R-HYBRID-SIMPLE-WORK  deep-knowledge calls beside a real share of simple work: hybrid, the
                     simple work (data cleansing, lead warming, appointment setting) outsourced;
   R-COMPLEXITY      deep internal knowledge: in-house;
   R-VOLUME          most contacts short and focused: outsource;
   R-SPACE           no free office space: outsource, unless the buyer wants control (R-HOSTED);
   R-PERMANENT       otherwise permanent work with free space: in-house.
7. R-HOSTED          wherever the work stays in-house but the buyer owns no contact-center
                     telephony and software: run it on cloud CCaaS (hosted).
8. An outsourced recommendation gets its focus: R-STRATEGY-VALUE (in-house analysts mine the
   center's data), else R-STRATEGY-LOW (low complexity: cost focus), else R-STRATEGY-MEDIUM
   (medium or high complexity: a quality partner more expert than you).

The other rules (R-CONTROL-BELONGING, R-FLEXIBILITY, R-DATA-SENSITIVITY, R-QUALITY-CONTROL,
R-EXIT-KNOWLEDGE, R-LANGUAGE-CULTURE, R-FINANCIAL-MANAGERIAL) never decide: they add reasons
for or against, or conditions to meet.

Thresholds that docs/domain.md states in words are fixed here as numbers, each with its reading.

It stays one module because it is one rule table read top to bottom: the profile's vocabulary,
then the rules in the order of precedence above, each citing where docs/domain.md writes it.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# "1 to 5 seats: in-house is easy" (docs/domain.md, size and rhythm).
SMALL_CENTER_MAX_SEATS = 5
# "Many short, focused calls" read as: more than half of the contacts are short and focused.
VOLUME_MAJORITY_SHARE = 50
# Below this share of simple work a hybrid split is not worth a second contract (Shortlist's reading).
HYBRID_MIN_SIMPLE_SHARE = 20
# From this many languages a vendor's footprint and language testing become a real question.
MANY_LANGUAGES = 2


class Option:
    IN_HOUSE = "in_house"
    HOSTED = "hosted"
    HYBRID = "hybrid"
    OUTSOURCED = "outsourced"

    LABELS = {
        IN_HOUSE: gettext_lazy("In-house"),
        HOSTED: gettext_lazy("Hosted (in-house team on cloud CCaaS)"),
        HYBRID: gettext_lazy("Hybrid"),
        OUTSOURCED: gettext_lazy("Outsourced"),
    }


class Focus:
    COST = "cost"
    QUALITY = "quality"
    VALUE = "value"

    LABELS = {
        COST: gettext_lazy("cost-focused"),
        QUALITY: gettext_lazy("quality-focused"),
        VALUE: gettext_lazy("value-focused"),
    }


class Complexity:
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Knowledge:
    BASIC = "basic"
    MODERATE = "moderate"
    DEEP = "deep"


class Rhythm:
    PERMANENT = "permanent"
    PERMANENT_SEASONAL = "permanent_seasonal"
    CAMPAIGNS = "campaigns"
    ONE_OFF = "one_off"


class Hours:
    OFFICE = "office"
    EXTENDED = "extended"
    ALWAYS = "24x7"


class Sensitivity:
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class Role:
    """What a reason does for the recommendation."""

    DECISIVE = "decisive"  # the rule that decided
    SUPPORTING = "supporting"  # points the same way
    COUNTER = "counter"  # points the other way; weighed and overruled
    CONDITION = "condition"  # something to do whatever the choice


# Where each rule comes from, as a reader of the page can look it up: the practice it encodes,
# described in docs/domain.md under the same heading.
SOURCES = {
    "R-COMPLEXITY": gettext_lazy("Outsourcing practice: complexity rule of thumb"),
    "R-VOLUME": gettext_lazy("Outsourcing practice: volume rule of thumb"),
    "R-CORE-PRODUCT": gettext_lazy("Outsourcing practice: core product"),
    "R-SIZE-1-5-SEATS": gettext_lazy("Outsourcing practice: size and rhythm, 1 to 5 seats"),
    "R-PERMANENT": gettext_lazy("Outsourcing practice: size and rhythm, permanent work"),
    "R-PERMANENT-PLUS-SEASONAL": gettext_lazy(
        "Outsourcing practice: size and rhythm, permanent plus seasonal campaigns"
    ),
    "R-CAMPAIGNS-ONLY": gettext_lazy("Outsourcing practice: size and rhythm, campaigns only"),
    "R-UNPROVEN-MODEL": gettext_lazy("Outsourcing practice: size and rhythm, unproven business model"),
    "R-SPACE": gettext_lazy("Outsourcing practice: costs, space and facilities"),
    "R-STRATEGY-LOW": gettext_lazy("Outsourcing practice: outsourcing strategies, low complexity"),
    "R-STRATEGY-MEDIUM": gettext_lazy("Outsourcing practice: outsourcing strategies, medium complexity"),
    "R-STRATEGY-VALUE": gettext_lazy("Outsourcing practice: outsourcing strategies, value creation"),
    "R-HYBRID-SIMPLE-WORK": gettext_lazy("Outsourcing practice: hybrid"),
    "R-CONTROL-BELONGING": gettext_lazy("Outsourcing practice: control and belonging"),
    "R-FLEXIBILITY": gettext_lazy("Outsourcing practice: control and belonging, flexibility and hours"),
    "R-HOSTED": gettext_lazy("Outsourcing practice: three models, hosted"),
    "R-DATA-SENSITIVITY": gettext_lazy("Outsourcing practice: cybersecurity risk area"),
    "R-QUALITY-CONTROL": gettext_lazy("Outsourcing practice: quality control is the buyer's job either way"),
    "R-EXIT-KNOWLEDGE": gettext_lazy("Outsourcing practice: what stays behind at the end"),
    "R-LANGUAGE-CULTURE": gettext_lazy("Outsourcing practice: language and culture risk area"),
    "R-FINANCIAL-MANAGERIAL": gettext_lazy("Outsourcing practice: costs, financial and managerial"),
}


@dataclass(frozen=True)
class Profile:
    """The buyer's own contact center, as the assessment form describes it."""

    seats: int
    complexity: str = Complexity.MEDIUM
    knowledge: str = Knowledge.MODERATE
    simple_share: int = 0  # % of contacts that are short and focused (need no deep knowledge)
    rhythm: str = Rhythm.PERMANENT
    peak_extra_seats: int = 0
    peak_months: int = 0
    free_space_seats: int = 0
    has_cc_technology: bool = False  # owns contact-center telephony and software
    core_product: bool = False
    wants_control: bool = False
    proven_model: bool = True
    data_analysts: bool = False  # can mine the center's data for product and service changes
    hours: str = Hours.OFFICE
    channels: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    data_sensitivity: str = Sensitivity.MODERATE


@dataclass(frozen=True)
class Reason:
    rule_id: str
    text: str
    role: str = Role.SUPPORTING

    @property
    def source(self) -> str:
        return str(SOURCES[self.rule_id])


@dataclass
class Recommendation:
    option: str
    focus: str | None = None
    keep_in_house: list[str] = field(default_factory=list)
    outsource: list[str] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(Option.LABELS[self.option])

    @property
    def focus_label(self) -> str:
        return str(Focus.LABELS[self.focus]) if self.focus else ""

    @property
    def headline(self) -> str:
        if self.option == Option.OUTSOURCED and self.focus:
            return _("Outsourced, to a %(focus)s partner") % {"focus": self.focus_label}
        return self.label

    @property
    def decisive(self) -> Reason:
        return next(r for r in self.reasons if r.role == Role.DECISIVE)

    def rule_ids(self) -> list[str]:
        return [r.rule_id for r in self.reasons]

    @property
    def reasons_for(self) -> list[Reason]:
        return [r for r in self.reasons if r.role in (Role.DECISIVE, Role.SUPPORTING)]

    @property
    def reasons_against(self) -> list[Reason]:
        return [r for r in self.reasons if r.role == Role.COUNTER]

    @property
    def conditions(self) -> list[Reason]:
        return [r for r in self.reasons if r.role == Role.CONDITION]


# --- what the profile says -------------------------------------------------------------------------


def has_peaks(p: Profile) -> bool:
    return p.peak_extra_seats > 0 and p.peak_months > 0


def needs_deep_knowledge(p: Profile) -> bool:
    return p.knowledge == Knowledge.DEEP


def mostly_simple(p: Profile) -> bool:
    return p.simple_share > VOLUME_MAJORITY_SHARE


def has_simple_part(p: Profile) -> bool:
    return p.simple_share >= HYBRID_MIN_SIMPLE_SHARE


def lacks_space(p: Profile) -> bool:
    return p.free_space_seats < p.seats


def campaigns_only(p: Profile) -> bool:
    return p.rhythm in (Rhythm.CAMPAIGNS, Rhythm.ONE_OFF)


@dataclass(frozen=True)
class HybridPlan:
    """Which work a hybrid set-up sends out: the peaks, a share of simple work, or both."""

    outsource_peaks: bool
    simple_share: int  # % of the permanent work outsourced as simple work

    @property
    def is_split(self) -> bool:
        return self.outsource_peaks or self.simple_share > 0


def hybrid_plan(p: Profile) -> HybridPlan:
    """The hybrid split the cost model prices, whatever the recommendation: peaks go out when
    there are peaks; simple work goes out when it is a real share of the work."""
    return HybridPlan(outsource_peaks=has_peaks(p), simple_share=p.simple_share if has_simple_part(p) else 0)


# --- the recommendation -----------------------------------------------------------------------------

SIMPLE_WORK = gettext_lazy("Simple work: data cleansing, lead warming, appointment setting")
DEEP_CALLS = gettext_lazy("Calls that need deep knowledge of the business and its internal interfaces")
QUALITY_CONTROL = gettext_lazy("Quality control: scripts, QA procedures and KPI reviews from day one")


def recommend(p: Profile) -> Recommendation:
    rec = _decide(p)
    if rec.option in (Option.IN_HOUSE, Option.HYBRID) and not p.has_cc_technology:
        _run_on_cloud(rec)
    if rec.option == Option.OUTSOURCED:
        _set_focus(rec, p)
    _add_considerations(rec, p)
    return rec


def _decide(p: Profile) -> Recommendation:
    if p.core_product:
        return _core_product(p)
    if not p.proven_model:
        return Recommendation(
            Option.OUTSOURCED,
            outsource=[_("The whole service, as a test of the business model")],
            reasons=[
                Reason(
                    "R-UNPROVEN-MODEL",
                    _(
                        "The business model is not proven yet: test it in outsourcing first, then decide "
                        "between in-house and outsourced on the results."
                    ),
                    Role.DECISIVE,
                )
            ],
        )
    if campaigns_only(p):
        return Recommendation(
            Option.OUTSOURCED,
            outsource=[_("The campaigns")],
            reasons=[
                Reason(
                    "R-CAMPAIGNS-ONLY",
                    _("The work comes only in campaigns or as a one-off project: outsource it."),
                    Role.DECISIVE,
                )
            ],
        )
    if p.seats <= SMALL_CENTER_MAX_SEATS:
        return Recommendation(
            Option.IN_HOUSE,
            keep_in_house=[_("The whole service")],
            reasons=[
                Reason(
                    "R-SIZE-1-5-SEATS",
                    _("%(seats)s seats: with one to five seats, running the center in-house is easy.")
                    % {"seats": p.seats},
                    Role.DECISIVE,
                )
            ],
        )
    if p.rhythm == Rhythm.PERMANENT_SEASONAL:
        return _permanent_plus_seasonal(p)
    return _permanent(p)


def _core_product(p: Profile) -> Recommendation:
    outsource = []
    if has_peaks(p):
        outsource.append(_("Overflow in peaks (%(seats)s extra seats)") % {"seats": p.peak_extra_seats})
    if has_simple_part(p):
        outsource.append(_("Simple calls (%(share)s%% of contacts)") % {"share": p.simple_share})
    reason = Reason(
        "R-CORE-PRODUCT",
        _("The contact center is part of the core product: do not outsource it, except overflow or simple calls."),
        Role.DECISIVE,
    )
    if outsource:
        return Recommendation(Option.HYBRID, keep_in_house=[str(DEEP_CALLS)], outsource=outsource, reasons=[reason])
    return Recommendation(Option.IN_HOUSE, keep_in_house=[_("The whole service")], reasons=[reason])


def _permanent_plus_seasonal(p: Profile) -> Recommendation:
    rec = Recommendation(
        Option.HYBRID,
        keep_in_house=[_("The permanent work (%(seats)s seats all year)") % {"seats": p.seats}],
        outsource=[
            _("Seasonal campaigns and peaks (%(seats)s extra seats, %(months)s months a year)")
            % {"seats": p.peak_extra_seats, "months": p.peak_months}
        ],
        reasons=[
            Reason(
                "R-PERMANENT-PLUS-SEASONAL",
                _(
                    "The work is permanent with seasonal campaigns: keep the permanent part in-house, "
                    "outsource the campaigns."
                ),
                Role.DECISIVE,
            )
        ],
    )
    if needs_deep_knowledge(p):
        rec.keep_in_house.append(str(DEEP_CALLS))
    if has_simple_part(p):
        rec.outsource.append(str(SIMPLE_WORK))
        rec.reasons.append(
            Reason(
                "R-HYBRID-SIMPLE-WORK",
                _("%(share)s%% of the contacts are simple: they can go out with the campaigns.")
                % {"share": p.simple_share},
            )
        )
    return rec


def _permanent(p: Profile) -> Recommendation:
    deep = needs_deep_knowledge(p)
    if deep and has_simple_part(p):
        return Recommendation(
            Option.HYBRID,
            keep_in_house=[str(DEEP_CALLS)],
            outsource=[_("%(work)s (%(share)s%% of contacts)") % {"work": SIMPLE_WORK, "share": p.simple_share}],
            reasons=[
                Reason(
                    "R-HYBRID-SIMPLE-WORK",
                    _(
                        "Deep-knowledge calls sit beside simple work (%(share)s%% of contacts): outsource the "
                        "simple work and keep the calls that need deep knowledge of the business in-house."
                    )
                    % {"share": p.simple_share},
                    Role.DECISIVE,
                ),
                _complexity_reason(Role.SUPPORTING),
            ],
        )
    if deep:
        rec = Recommendation(Option.IN_HOUSE, keep_in_house=[_("The whole service")])
        rec.reasons.append(_complexity_reason(Role.DECISIVE))
        return rec
    if mostly_simple(p):
        return Recommendation(
            Option.OUTSOURCED,
            outsource=[_("The whole service")],
            reasons=[
                Reason(
                    "R-VOLUME",
                    _(
                        "%(share)s%% of the contacts are short and focused and the agents need not know every "
                        "detail of the organisation: outsourcing fits."
                    )
                    % {"share": p.simple_share},
                    Role.DECISIVE,
                )
            ],
        )
    if lacks_space(p):
        return _no_space(p)
    return Recommendation(
        Option.IN_HOUSE,
        keep_in_house=[_("The whole service")],
        reasons=[
            Reason(
                "R-PERMANENT",
                _(
                    "The work is permanent and there is free space for %(free)s of the %(seats)s seats: "
                    "in-house is an option, and an investment that is cheaper in the long run."
                )
                % {"free": p.free_space_seats, "seats": p.seats},
                Role.DECISIVE,
            )
        ],
    )


def _no_space(p: Profile) -> Recommendation:
    space = Reason(
        "R-SPACE",
        _(
            "Free office space for %(free)s of the %(seats)s seats: people need space, kitchens, cloakrooms and "
            "HR, not only desks; without free space, outsource."
        )
        % {"free": p.free_space_seats, "seats": p.seats},
    )
    if p.wants_control:
        return Recommendation(
            Option.HOSTED,
            keep_in_house=[_("The whole service, run by your own team on cloud CCaaS")],
            reasons=[
                Reason(
                    "R-HOSTED",
                    _(
                        "You want to keep control but lack the space: a hosted center keeps your own agents and "
                        "puts the telephony and software in the cloud, so you add people, not a server room; "
                        "find or rent the seats before you hire."
                    ),
                    Role.DECISIVE,
                ),
                Reason(space.rule_id, space.text, Role.COUNTER),
            ],
        )
    return Recommendation(
        Option.OUTSOURCED,
        outsource=[_("The whole service")],
        reasons=[Reason(space.rule_id, space.text, Role.DECISIVE)],
    )


def _complexity_reason(role: str) -> Reason:
    return Reason(
        "R-COMPLEXITY",
        _("Calls need broad, deep knowledge of the organisation and its internal interfaces: in-house fits."),
        role,
    )


def _run_on_cloud(rec: Recommendation) -> None:
    """In-house work without owned telephony: run it hosted (the hybrid keeps its split)."""
    text = _(
        "You own no contact-center telephony or software: run the in-house work on cloud CCaaS tools (hosted), "
        "with no equipment to buy, instead of building a platform."
    )
    if rec.option == Option.IN_HOUSE:
        # The rule that kept the work in-house now supports; R-HOSTED decides how to run it.
        rec.option = Option.HOSTED
        kept = [Reason(r.rule_id, r.text, Role.SUPPORTING) if r.role == Role.DECISIVE else r for r in rec.reasons]
        rec.reasons = [Reason("R-HOSTED", text, Role.DECISIVE), *kept]
    else:
        rec.reasons.append(Reason("R-HOSTED", text, Role.SUPPORTING))


def _set_focus(rec: Recommendation, p: Profile) -> None:
    if p.data_analysts:
        rec.focus = Focus.VALUE
        rec.keep_in_house.append(_("Analysts who mine the center's data to improve products and services"))
        rec.reasons.append(
            Reason(
                "R-STRATEGY-VALUE",
                _(
                    "You understand customer service and can turn the center's data into improvements: choose a "
                    "value-focused partner and keep the analysts in-house."
                ),
            )
        )
    elif p.complexity == Complexity.LOW:
        rec.focus = Focus.COST
        rec.reasons.append(
            Reason(
                "R-STRATEGY-LOW",
                _(
                    "Low complexity, newcomers ready after brief training: a cost-focused partner can match "
                    "your quality."
                ),
            )
        )
    else:
        rec.focus = Focus.QUALITY
        rec.reasons.append(
            Reason(
                "R-STRATEGY-MEDIUM",
                _(
                    "%(level)s complexity with dynamic processes: choose a quality-focused partner, more expert "
                    "in contact centers than you are."
                )
                % {"level": _("Medium") if p.complexity == Complexity.MEDIUM else _("High")},
            )
        )


def _add_considerations(rec: Recommendation, p: Profile) -> None:
    outsourcing = rec.option in (Option.OUTSOURCED, Option.HYBRID)
    keeping = rec.option in (Option.IN_HOUSE, Option.HOSTED, Option.HYBRID)
    if p.wants_control and "R-CONTROL-BELONGING" not in rec.rule_ids():
        rec.reasons.append(
            Reason(
                "R-CONTROL-BELONGING",
                _(
                    "You want full control of every call: in-house agents feel part of the organisation, are more "
                    "loyal and reach internal information easily."
                ),
                Role.SUPPORTING if keeping else Role.COUNTER,
            )
        )
    if needs_deep_knowledge(p) and "R-COMPLEXITY" not in rec.rule_ids():
        rec.reasons.append(_complexity_reason(Role.SUPPORTING if keeping else Role.COUNTER))
    if mostly_simple(p) and "R-VOLUME" not in rec.rule_ids():
        rec.reasons.append(
            Reason(
                "R-VOLUME",
                _("%(share)s%% of the contacts are short and focused: outsourcing fits that part of the work.")
                % {"share": p.simple_share},
                Role.SUPPORTING if outsourcing else Role.COUNTER,
            )
        )
    if p.hours != Hours.OFFICE and rec.option in (Option.IN_HOUSE, Option.HOSTED):
        rec.reasons.append(
            Reason(
                "R-FLEXIBILITY",
                _(
                    "Service hours are %(hours)s: an outsourcer brings longer hours and flexibility; staff the "
                    "shifts in-house or outsource the night and weekend overflow."
                )
                % {"hours": _("24/7") if p.hours == Hours.ALWAYS else _("extended")},
                Role.COUNTER,
            )
        )
    if p.data_sensitivity == Sensitivity.HIGH:
        text = _(
            "The data is highly sensitive: involve your risk owners and check each vendor's security (ISO 27001 on "
            "the proposed sites, SOC 2 Type II, PCI DSS when agents take card payments) as you would an internal "
            "department."
        )
        if rec.option == Option.HYBRID:
            rec.keep_in_house.append(_("Contacts that handle the most sensitive data"))
        rec.reasons.append(Reason("R-DATA-SENSITIVITY", text, Role.CONDITION if outsourcing else Role.SUPPORTING))
    if outsourcing:
        if len(p.languages) >= MANY_LANGUAGES:
            rec.reasons.append(
                Reason(
                    "R-LANGUAGE-CULTURE",
                    _(
                        "Customers are served in %(count)s languages (%(languages)s): ask for a named language test "
                        "per channel and check cultural fit; you do not control who the vendor hires."
                    )
                    % {"count": len(p.languages), "languages": ", ".join(p.languages)},
                    Role.CONDITION,
                )
            )
        rec.keep_in_house.append(str(QUALITY_CONTROL))
        rec.reasons.append(
            Reason(
                "R-QUALITY-CONTROL",
                _(
                    "Quality control stays your job: set scripts and QA procedures from day one; without supervision "
                    "standards fall and your reputation suffers, not the vendor's."
                ),
                Role.CONDITION,
            )
        )
        rec.reasons.append(
            Reason(
                "R-EXIT-KNOWLEDGE",
                _(
                    "When the contract ends, agent knowledge and databases stay with the vendor unless the contract "
                    "rules on handing them over: write it in."
                ),
                Role.CONDITION,
            )
        )
    rec.reasons.append(
        Reason(
            "R-FINANCIAL-MANAGERIAL",
            _(
                "Outsourcing saves managerial cost surely, financial cost not always; in-house costs more at first "
                "and is cheaper in the long run: the cost comparison below keeps the two apart over the years."
            ),
            Role.CONDITION,
        )
    )
