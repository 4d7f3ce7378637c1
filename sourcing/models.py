"""The make-or-buy assessment: the buyer's own contact center (the profile the rules read) and the
inputs of the cost model, with their defaults. Attached to one RFP at most, or standalone."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sourcing import rules
from sourcing.costs import DEFAULTS, default


class Complexity(models.TextChoices):
    LOW = rules.Complexity.LOW, _("Low: a newcomer handles it after brief training")
    MEDIUM = rules.Complexity.MEDIUM, _("Medium: processes are dynamic and change often")
    HIGH = rules.Complexity.HIGH, _("High: cases are varied and investigative")


class Knowledge(models.TextChoices):
    BASIC = rules.Knowledge.BASIC, _("Basic: scripts and a knowledge base are enough")
    MODERATE = rules.Knowledge.MODERATE, _("Moderate: some product and process knowledge")
    DEEP = rules.Knowledge.DEEP, _("Deep: broad knowledge of the organisation and its internal interfaces")


class Rhythm(models.TextChoices):
    PERMANENT = rules.Rhythm.PERMANENT, _("Permanent, steady all year")
    PERMANENT_SEASONAL = rules.Rhythm.PERMANENT_SEASONAL, _("Permanent, with seasonal campaigns or peaks")
    CAMPAIGNS = rules.Rhythm.CAMPAIGNS, _("Campaigns only")
    ONE_OFF = rules.Rhythm.ONE_OFF, _("A one-off project")


class Hours(models.TextChoices):
    OFFICE = rules.Hours.OFFICE, _("Office hours")
    EXTENDED = rules.Hours.EXTENDED, _("Extended hours and weekends")
    ALWAYS = rules.Hours.ALWAYS, _("24/7")


class Sensitivity(models.TextChoices):
    LOW = rules.Sensitivity.LOW, _("Low: no personal data beyond contact details")
    MODERATE = rules.Sensitivity.MODERATE, _("Moderate: customer accounts and personal data")
    HIGH = rules.Sensitivity.HIGH, _("High: payments, health, financial or regulated data")


class Channel(models.TextChoices):
    VOICE = "voice", _("Voice")
    EMAIL = "email", _("E-mail")
    CHAT = "chat", _("Chat")
    SOCIAL = "social", _("Social media")
    SMS = "sms", _("SMS")


def _money(verbose: str, name: str, **extra) -> models.DecimalField:
    return models.DecimalField(
        verbose,
        max_digits=14,
        decimal_places=2,
        default=default(name),
        validators=[MinValueValidator(Decimal("0"), message=_("Enter an amount of zero or more."))],
        help_text=DEFAULTS[name][1],
        **extra,
    )


def _rate(verbose: str, name: str, maximum: int) -> models.DecimalField:
    return models.DecimalField(
        verbose,
        max_digits=6,
        decimal_places=2,
        default=default(name),
        validators=[
            MinValueValidator(Decimal("0"), message=_("Enter a percentage of zero or more.")),
            MaxValueValidator(Decimal(maximum), message=_("Enter at most %(limit_value)s%%.")),
        ],
        help_text=DEFAULTS[name][1],
    )


class Assessment(models.Model):
    rfp = models.OneToOneField(
        "rfp.RFP",
        verbose_name=_("RFI / RFP"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sourcing_assessment",
        help_text=_("Attach it to compare in-house with the vendors' prices; leave empty for a standalone assessment."),
    )
    # SET_NULL: an attached assessment outlives its author; a standalone one without owner is seen by no one.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    context = models.TextField(_("context"), blank=True, help_text=_("Anything the reader should know."))

    # --- the profile the rules read ---
    seats = models.PositiveIntegerField(
        _("seats"),
        validators=[
            MinValueValidator(1, message=_("A contact center needs at least one seat.")),
            MaxValueValidator(100_000, message=_("Enter at most 100,000 seats.")),
        ],
        help_text=_("Seats needed for the permanent work (or during campaigns)."),
    )
    peak_extra_seats = models.PositiveIntegerField(
        _("extra seats in peaks"),
        default=0,
        validators=[MaxValueValidator(100_000, message=_("Enter at most 100,000 seats."))],
    )
    peak_months = models.PositiveSmallIntegerField(
        _("peak months a year"),
        default=0,
        validators=[MaxValueValidator(12, message=_("A year has 12 months."))],
    )
    free_space_seats = models.PositiveIntegerField(
        _("free space (seats)"),
        default=0,
        validators=[MaxValueValidator(100_000, message=_("Enter at most 100,000 seats."))],
        help_text=_("Seats your premises can take today, with kitchens, cloakrooms and room for HR."),
    )
    has_cc_technology = models.BooleanField(_("we own contact-center telephony and software"), default=False)
    complexity = models.CharField(
        _("call complexity"), max_length=10, choices=Complexity.choices, default=Complexity.MEDIUM
    )
    knowledge = models.CharField(
        _("internal knowledge agents need"), max_length=10, choices=Knowledge.choices, default=Knowledge.MODERATE
    )
    simple_share = models.PositiveSmallIntegerField(
        _("simple contacts (%)"),
        default=0,
        validators=[MaxValueValidator(100, message=_("A share is between 0 and 100%%."))],
        help_text=_("Short, focused contacts that need no deep knowledge: data cleansing, lead warming, appointments."),
    )
    rhythm = models.CharField(
        _("rhythm of the volume"), max_length=20, choices=Rhythm.choices, default=Rhythm.PERMANENT
    )
    yearly_contacts = models.PositiveIntegerField(_("contacts a year"), null=True, blank=True)
    core_product = models.BooleanField(_("the contact center is part of our core product"), default=False)
    wants_control = models.BooleanField(_("we want full, direct control of every call"), default=False)
    proven_model = models.BooleanField(_("the business model behind the service is proven"), default=True)
    data_analysts = models.BooleanField(
        _("we have analysts who can turn the center's data into product and service improvements"), default=False
    )
    hours = models.CharField(_("service hours"), max_length=10, choices=Hours.choices, default=Hours.OFFICE)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    data_sensitivity = models.CharField(
        _("data sensitivity"), max_length=10, choices=Sensitivity.choices, default=Sensitivity.MODERATE
    )

    # --- the cost model's inputs ---
    years = models.PositiveSmallIntegerField(
        _("years compared"),
        default=default("years"),
        validators=[
            MinValueValidator(1, message=_("Compare over 1 to 5 years.")),
            MaxValueValidator(5, message=_("Compare over 1 to 5 years.")),
        ],
        help_text=DEFAULTS["years"][1],
    )
    fte_per_seat = models.DecimalField(
        _("agents (FTE) per seat"),
        max_digits=5,
        decimal_places=2,
        default=default("fte_per_seat"),
        validators=[
            MinValueValidator(Decimal("0.1"), message=_("Enter at least 0.1 FTE per seat.")),
            MaxValueValidator(Decimal("10"), message=_("Enter at most 10 FTE per seat.")),
        ],
        help_text=DEFAULTS["fte_per_seat"][1],
    )
    agent_salary = _money(_("agent salary a year"), "agent_salary")
    benefits_rate = _rate(_("benefits and employer charges (%)"), "benefits_rate", 200)
    agents_per_team_leader = models.DecimalField(
        _("agents per team leader"),
        max_digits=5,
        decimal_places=1,
        default=default("agents_per_team_leader"),
        validators=[
            MinValueValidator(Decimal("1"), message=_("A team leader leads at least one agent.")),
            MaxValueValidator(Decimal("100"), message=_("Enter at most 100 agents per team leader.")),
        ],
        help_text=DEFAULTS["agents_per_team_leader"][1],
    )
    team_leader_salary = _money(_("team leader salary a year"), "team_leader_salary")
    attrition_rate = _rate(_("agent attrition a year (%)"), "attrition_rate", 300)
    replacement_cost = _money(_("cost to replace an agent"), "replacement_cost")
    hiring_training_cost = _money(_("hiring and training a new agent"), "hiring_training_cost")
    # xgettext:no-python-format
    management_overhead_rate = _rate(_("management overhead (% of wages)"), "management_overhead_rate", 100)
    space_cost_per_seat_year = _money(_("space per seat a year"), "space_cost_per_seat_year")
    fit_out_per_seat = _money(_("fit-out per new seat"), "fit_out_per_seat")
    equipment_per_seat = _money(_("equipment per seat"), "equipment_per_seat")
    telephony_setup_per_seat = _money(_("telephony and software set-up per seat"), "telephony_setup_per_seat")
    software_per_seat_year = _money(_("telephony and software per seat a year"), "software_per_seat_year")
    ccaas_per_seat_month = _money(_("cloud CCaaS per seat a month"), "ccaas_per_seat_month")
    vendor_management_fte = models.DecimalField(
        _("vendor management (FTE)"),
        max_digits=5,
        decimal_places=2,
        default=default("vendor_management_fte"),
        validators=[
            MinValueValidator(Decimal("0"), message=_("Enter zero or more.")),
            MaxValueValidator(Decimal("100"), message=_("Enter at most 100 FTE.")),
        ],
        help_text=DEFAULTS["vendor_management_fte"][1],
    )
    vendor_manager_salary = _money(_("vendor manager salary a year"), "vendor_manager_salary")
    benchmark_price_per_seat_year = _money(
        _("benchmark outsourced price per seat a year"), "benchmark_price_per_seat_year", null=True, blank=True
    )
    yearly_increase = _rate(_("yearly increase of wages and prices (%)"), "yearly_increase", 50)

    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("make-or-buy assessment")
        verbose_name_plural = _("make-or-buy assessments")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        has_peak_seats = bool(self.peak_extra_seats)
        has_peak_months = bool(self.peak_months)
        if self.rhythm == Rhythm.PERMANENT_SEASONAL:
            if not has_peak_seats:
                errors["peak_extra_seats"] = _("With seasonal campaigns, say how many extra seats the peaks need.")
            if not has_peak_months:
                errors["peak_months"] = _("With seasonal campaigns, say how many months a year the peaks last.")
        elif has_peak_seats or has_peak_months:
            errors["rhythm"] = _(
                "Peaks are set: choose “Permanent, with seasonal campaigns or peaks”, or set the peak seats and "
                "months to 0."
            )
        if errors:
            raise ValidationError(errors)
