"""Access helpers: one per object type, used by every view.

Each answers 404 for an object the user may not see, so that nothing leaks its existence, and
tells the caller whether the user may change it. Write access to an RFP belongs to procurement
members of that RFP; evaluators and executives who are members may read it; vendor users reach
RFPs only through the vendor portal's own helpers (vendors/access.py).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from rfp.models import RFP, MemberRole, Question, RFPMember, Section


def rfp_membership(user, rfp: RFP) -> RFPMember | None:
    if not user.is_authenticated or not user.is_buyer:
        return None
    return RFPMember.objects.filter(rfp=rfp, user=user).first()


def get_rfp_for_user(user, reference: str, write: bool = False) -> tuple[RFP, bool]:
    """The RFP with this reference if the user is a buyer member of it, and whether they may edit it."""
    rfp = get_object_or_404(RFP, reference=reference)
    membership = rfp_membership(user, rfp)
    if membership is None:
        raise Http404("No such RFP.")
    can_write = membership.role == MemberRole.PROCUREMENT
    if write and not can_write:
        raise Http404("No such RFP.")
    return rfp, can_write


def get_section_for_user(user, reference: str, section_id: int, write: bool = False) -> tuple[Section, bool]:
    rfp, can_write = get_rfp_for_user(user, reference, write=write)
    section = get_object_or_404(Section, rfp=rfp, pk=section_id)
    return section, can_write


def get_question_for_user(user, reference: str, question_id: int, write: bool = False) -> tuple[Question, bool]:
    rfp, can_write = get_rfp_for_user(user, reference, write=write)
    question = get_object_or_404(Question.objects.select_related("section"), section__rfp=rfp, pk=question_id)
    return question, can_write
