"""Who may see and change a make-or-buy assessment.

An assessment attached to an RFP follows the RFP: its buyer members (procurement, evaluator,
executive) read it, its procurement members change it. A standalone assessment belongs to its
owner alone. Vendor users never see one. Anything else answers 404, never 403, so that nothing
leaks that an assessment exists.
"""

from django.http import Http404

from rfp.access import rfp_membership
from rfp.models import RFP, MemberRole
from sourcing.models import Assessment


def can_create_assessment(user) -> bool:
    return user.is_authenticated and user.is_procurement


def get_assessment_for_user(user, pk: int, write: bool = False) -> tuple[Assessment, bool]:
    """The assessment if the user may see it, and whether they may change it."""
    if not user.is_authenticated or not user.is_buyer:
        raise Http404("No such assessment.")
    assessment = Assessment.objects.select_related("rfp", "owner").filter(pk=pk).first()
    if assessment is None:
        raise Http404("No such assessment.")
    if assessment.rfp_id is None:
        if assessment.owner_id != user.pk:
            raise Http404("No such assessment.")
        return assessment, True
    membership = rfp_membership(user, assessment.rfp)
    if membership is None:
        raise Http404("No such assessment.")
    can_write = membership.role == MemberRole.PROCUREMENT
    if write and not can_write:
        raise Http404("No such assessment.")
    return assessment, can_write


def rfps_open_to_attach(user):
    """RFPs the user runs as procurement that have no assessment yet."""
    if not can_create_assessment(user):
        return RFP.objects.none()
    return RFP.objects.filter(
        members__user=user, members__role=MemberRole.PROCUREMENT, sourcing_assessment__isnull=True
    ).order_by("-created_at")
