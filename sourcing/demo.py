"""The demo's make-or-buy assessment: Northern Lights Telecom asks whether to outsource at all
before choosing among the RFI's vendors. Called by the demo builder (seed_demo)."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sourcing.models import Assessment
from sourcing.services import assessment_create

DEMO_ASSESSMENT = {
    "title": gettext_noop("Make or buy: consumer customer service"),
    "context": gettext_noop(
        "First-line service for consumer mobile and broadband customers, today run from a rented floor in "
        "Gdansk on an ageing on-premise switch that is due for replacement. Wages are local Polish figures, "
        "converted to USD."
    ),
    # The profile: a telecom's customer service (medium complexity, permanent work with seasonal peaks
    # around device launches and the holidays, little free space, no platform worth keeping).
    "seats": 96,
    "peak_extra_seats": 24,
    "peak_months": 3,
    "free_space_seats": 30,
    "has_cc_technology": False,
    "complexity": "medium",
    "knowledge": "moderate",
    "simple_share": 15,
    "rhythm": "permanent_seasonal",
    "yearly_contacts": 1_750_000,
    "core_product": False,
    "wants_control": True,
    "proven_model": True,
    "data_analysts": True,
    "hours": "extended",
    "channels": ["voice", "email", "chat"],
    "languages": [gettext_noop("English"), gettext_noop("Polish"), gettext_noop("Arabic")],
    "data_sensitivity": "high",
    # Cost inputs: local wages and rents; the industry benchmarks (attrition, replacement cost,
    # agents per team leader) kept as they are.
    "years": 5,
    "fte_per_seat": Decimal("1.2"),
    "agent_salary": Decimal("18000"),
    "benefits_rate": Decimal("20"),
    "agents_per_team_leader": Decimal("10"),
    "team_leader_salary": Decimal("26000"),
    "attrition_rate": Decimal("40"),
    "replacement_cost": Decimal("10000"),
    "hiring_training_cost": Decimal("3000"),
    "management_overhead_rate": Decimal("12"),
    "space_cost_per_seat_year": Decimal("2400"),
    "fit_out_per_seat": Decimal("2500"),
    "equipment_per_seat": Decimal("1500"),
    "telephony_setup_per_seat": Decimal("1500"),
    "software_per_seat_year": Decimal("1200"),
    "ccaas_per_seat_month": Decimal("120"),
    "vendor_management_fte": Decimal("1.5"),
    "vendor_manager_salary": Decimal("45000"),
    "benchmark_price_per_seat_year": Decimal("30000"),
    "yearly_increase": Decimal("3"),
}


def seed_demo_assessment(rfp, owner) -> Assessment:
    """A completed assessment attached to the demo RFI, owned by its procurement lead. Idempotent."""
    existing = Assessment.objects.filter(rfp=rfp).first()
    if existing is not None:
        return existing
    fields = dict(DEMO_ASSESSMENT, title=_(DEMO_ASSESSMENT["title"]), context=_(DEMO_ASSESSMENT["context"]))
    fields["languages"] = [_(name) for name in DEMO_ASSESSMENT["languages"]]
    return assessment_create(by=owner, rfp=rfp, **fields)
