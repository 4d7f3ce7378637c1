"""Builds the demo world step by step, through the same services the pages use."""

from datetime import timedelta

from django.utils import timezone

from rfp import demo
from rfp.models import RFP, MemberRole
from rfp.services import member_add, rfp_create_from_bank, rfp_publish


def build_demo(out) -> None:
    buyers = demo.create_buyers()
    vendors = demo.create_vendors()
    paula = buyers["paula"]
    rfi = rfp_create_from_bank(by=paula, reference="RFI-2027-001", deadline=demo.demo_deadline(7), **demo.RFI_FIELDS)
    _add_team(rfi, buyers)
    rfp_publish(rfp=rfi, by=paula)
    out.write(f"  {rfi.reference}: {rfi.sections.count()} sections, published to {len(vendors)} vendors")


def _add_team(rfp: RFP, buyers: dict) -> None:
    paula = buyers["paula"]
    for username in ("omar", "lena", "farid"):
        member_add(rfp=rfp, user=buyers[username], role=MemberRole.EVALUATOR, by=paula)
    member_add(rfp=rfp, user=buyers["dana"], role=MemberRole.EXECUTIVE, by=paula)


def move_deadline_to_past(rfp: RFP, days_ago: int) -> None:
    """Demo data tells a story that already happened: the RFI ran and closed before today. The
    deadline is set in the past directly, as no service may do that to a live RFP."""
    rfp.deadline = timezone.now() - timedelta(days=days_ago)
    rfp.save(update_fields=["deadline"])
