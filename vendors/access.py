"""Access helpers for the vendor portal: one per object type, used by every view.

Vendor users reach an RFP only through their company's invitation to it (and not after declining);
they see only their own company's response, answers and files. Buyer users reach responses only as
members of the RFP, and read the answers only once the seal is off: after the deadline, or at any
time on an RFP created unsealed. Everything a user may not see answers 404, never 403.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from rfp.access import rfp_membership
from rfp.models import RFP, Status
from vendors.models import Attachment, Invitation, InvitationStatus, Response


def is_sealed(rfp: RFP) -> bool:
    """True while buyers may see who has submitted but not what."""
    return rfp.sealed and timezone.now() < rfp.deadline


def get_invitation_for_user(user, ref: str, include_declined: bool = False) -> Invitation:
    """The vendor user's company's invitation to this RFP; 404 for anyone else."""
    if not user.is_authenticated or not user.is_vendor or user.company_id is None:
        raise Http404("No such invitation.")
    invitation = (
        Invitation.objects.select_related("rfp", "vendor")
        .exclude(rfp__status=Status.DRAFT)
        .filter(rfp__reference=ref, vendor_id=user.company_id)
        .first()
    )
    if invitation is None or (invitation.status == InvitationStatus.DECLINED and not include_declined):
        raise Http404("No such invitation.")
    return invitation


def get_response_for_user(user, ref: str, write: bool = False, response_id: int | None = None) -> tuple[Response, bool]:
    """The response and whether the user may change it (company colleagues may, buyers never).

    Vendors get their own company's response (created on first visit); `response_id`, when given,
    must be that one. Buyers must name the response and be members of its RFP, and get it only when
    it is no longer sealed. Whether the deadline still allows changes is the services' business:
    they refuse late changes with a message rather than a 404.
    """
    if user.is_authenticated and user.is_vendor:
        from vendors.services import response_for_invitation  # services import this module

        invitation = get_invitation_for_user(user, ref)
        response = response_for_invitation(invitation=invitation)
        if response_id is not None and response.pk != response_id:
            raise Http404("No such response.")
        return response, True
    if write or response_id is None:
        raise Http404("No such response.")
    response = get_object_or_404(Response.objects.select_related("rfp", "vendor"), pk=response_id, rfp__reference=ref)
    if rfp_membership(user, response.rfp) is None or is_sealed(response.rfp):
        raise Http404("No such response.")
    return response, False


def get_attachment_for_user(user, ref: str, attachment_id: int, write: bool = False) -> Attachment:
    """A file: for its company's users, or for buyer members of the RFP once the seal is off."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("answer__response__rfp", "answer__question"),
        pk=attachment_id,
        answer__response__rfp__reference=ref,
    )
    response = attachment.answer.response
    if user.is_authenticated and user.is_vendor:
        get_invitation_for_user(user, ref)
        if response.vendor_id != user.company_id:
            raise Http404("No such file.")
        return attachment
    if write or rfp_membership(user, response.rfp) is None or is_sealed(response.rfp):
        raise Http404("No such file.")
    return attachment
