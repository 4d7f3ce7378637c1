"""Access helpers for the vendor portal: one per object type, used by every view.

Vendor users reach an RFP only through their company's invitation to it (and not after declining);
they see only their own company's response, answers and files. What buyer users may read of a bid
is decided by one rule, vendors.bid_view, and these helpers only ask it. Everything a user may not
see answers 404, never 403.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from rfp.models import Status
from vendors.bid_view import BidRule, bid_rule, is_sealed
from vendors.models import Attachment, Invitation, InvitationStatus, Response

__all__ = [
    "get_attachment_for_user",
    "get_bid_attachment",
    "get_bid_for_user",
    "get_invitation_for_user",
    "get_response_for_user",
    "is_sealed",
]


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


def get_response_for_user(user, ref: str, write: bool = False) -> tuple[Response, bool]:
    """The vendor user's own company's response (created on first visit) and whether they may
    change it: company colleagues may; a buyer never reaches a response through here (see
    get_bid_for_user). Whether the deadline still allows changes is the services' business: they
    refuse late changes with a message rather than a 404."""
    if not (user.is_authenticated and user.is_vendor):
        raise Http404("No such response.")
    from vendors.services import response_for_invitation  # services import this module

    invitation = get_invitation_for_user(user, ref)
    return response_for_invitation(invitation=invitation), True


def get_bid_for_user(user, ref: str, response_id: int) -> tuple[Response, BidRule]:
    """A vendor's response as a buyer member may read it, with the rule that says which parts."""
    if not user.is_authenticated or not user.is_buyer:
        raise Http404("No such response.")
    response = get_object_or_404(Response.objects.select_related("rfp", "vendor"), pk=response_id, rfp__reference=ref)
    rule = bid_rule(user, response.rfp)
    if not rule.may_read_vendor(response.vendor_id):
        raise Http404("No such response.")
    return response, rule


def get_attachment_for_user(user, ref: str, attachment_id: int, write: bool = False) -> Attachment:
    """A file of the user's own company's response (vendor users), or of a bid a buyer may read."""
    if user.is_authenticated and user.is_buyer and not write:
        return get_bid_attachment(user, ref, attachment_id)[0]
    attachment = _attachment(ref, attachment_id)
    if not (user.is_authenticated and user.is_vendor):
        raise Http404("No such file.")
    get_invitation_for_user(user, ref)
    if attachment.answer.response.vendor_id != user.company_id:
        raise Http404("No such file.")
    return attachment


def get_bid_attachment(user, ref: str, attachment_id: int) -> tuple[Attachment, BidRule]:
    """A bid's file for a buyer whom the bid rule lets read the answer it belongs to."""
    attachment = _attachment(ref, attachment_id)
    response = attachment.answer.response
    if not user.is_authenticated or not user.is_buyer:
        raise Http404("No such file.")
    rule = bid_rule(user, response.rfp)
    if not rule.may_read_answer(
        vendor_id=response.vendor_id, response_id=response.pk, question=attachment.answer.question
    ):
        raise Http404("No such file.")
    return attachment, rule


def _attachment(ref: str, attachment_id: int) -> Attachment:
    return get_object_or_404(
        Attachment.objects.select_related("answer__response__rfp", "answer__response__vendor", "answer__question"),
        pk=attachment_id,
        answer__response__rfp__reference=ref,
    )
