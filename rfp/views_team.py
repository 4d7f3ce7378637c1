"""The RFP's team (members, roles, the executives' access to the bids) and its audit log. Procurement
members change the team; every member reads it; only procurement reads the audit log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rfp import selectors, services
from rfp.access import get_rfp_for_user
from rfp.forms import MemberForm
from rfp.models import RFP, AuditEntry, MemberRole, RFPMember
from rfp.views import _form_errors_from


def _members_page(request: HttpRequest, rfp: RFP, can_write: bool, form: MemberForm | None = None) -> HttpResponse:
    members = list(selectors.rfp_members(rfp))
    return render(
        request,
        "rfp/members.html",
        {
            "rfp": rfp,
            "can_write": can_write,
            "members": members,
            "sole_procurement": sum(m.role == MemberRole.PROCUREMENT for m in members) == 1,
            "form": form or (MemberForm() if can_write else None),
            "tab": "team",
        },
    )


@login_required
def rfp_members(request: HttpRequest, ref: str) -> HttpResponse:
    rfp, can_write = get_rfp_for_user(request.user, ref)
    return _members_page(request, rfp, can_write)


@login_required
@require_POST
def member_add(request: HttpRequest, ref: str) -> HttpResponse:
    rfp, _can_write = get_rfp_for_user(request.user, ref, write=True)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            member = services.member_set(rfp=rfp, user=form.user, role=form.cleaned_data["role"], by=request.user)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(
                request,
                _("%(user)s is now %(role)s on %(ref)s.")
                % {"user": member.user, "role": member.get_role_display().lower(), "ref": rfp.reference},
            )
            return redirect("rfp:members", ref=rfp.reference)
    return _members_page(request, rfp, True, form)


@login_required
@require_POST
def member_remove(request: HttpRequest, ref: str, member_id: int) -> HttpResponse:
    rfp, _can_write = get_rfp_for_user(request.user, ref, write=True)
    member = get_object_or_404(RFPMember.objects.select_related("user", "rfp"), rfp=rfp, pk=member_id)
    try:
        services.member_remove(member=member, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(user)s is no longer on the team.") % {"user": member.user})
    return redirect("rfp:members", ref=rfp.reference)


@login_required
@require_POST
def member_bids(request: HttpRequest, ref: str, member_id: int) -> HttpResponse:
    """Grant an executive the reading of the raw bids, or withdraw it."""
    rfp, _can_write = get_rfp_for_user(request.user, ref, write=True)
    member = get_object_or_404(RFPMember.objects.select_related("user", "rfp"), rfp=rfp, pk=member_id)
    granted = request.POST.get("granted") == "1"
    try:
        services.member_grant_bids(member=member, by=request.user, granted=granted)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if granted:
            messages.success(request, _("%(user)s may now read the bids and their files.") % {"user": member.user})
        else:
            messages.success(request, _("%(user)s reads the results only.") % {"user": member.user})
    return redirect("rfp:members", ref=rfp.reference)


AUDIT_ACTIONS = {
    "rfp.created": gettext_lazy("RFP created"),
    "rfp.updated": gettext_lazy("Settings changed"),
    "rfp.cloned": gettext_lazy("Cloned"),
    "rfp.open": gettext_lazy("Published"),
    "rfp.closed": gettext_lazy("Closed"),
    "rfp.evaluation": gettext_lazy("Evaluation started"),
    "rfp.decided": gettext_lazy("Decided"),
    "rfp.archived": gettext_lazy("Archived"),
    "questionnaire.sections_added": gettext_lazy("Sections added"),
    "section.saved": gettext_lazy("Section saved"),
    "section.deleted": gettext_lazy("Section deleted"),
    "section.moved": gettext_lazy("Section moved"),
    "question.saved": gettext_lazy("Question saved"),
    "question.deleted": gettext_lazy("Question deleted"),
    "question.moved": gettext_lazy("Question moved"),
    "member.set": gettext_lazy("Team member set"),
    "member.removed": gettext_lazy("Team member removed"),
    "member.bids_granted": gettext_lazy("Access to the bids changed"),
    "evaluation.price_opened": gettext_lazy("Price envelope opened"),
    "bid.file_opened": gettext_lazy("Bid file opened"),
    "bid.price_read": gettext_lazy("Bid prices read"),
}


def _shown(value) -> str:
    """An audit value as a person reads it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(_shown(item) for item in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_shown(item)}" for key, item in value.items()) or "—"
    return str(value)


def _audit_changes(entry: AuditEntry) -> list[tuple[str, str | None, str | None]]:
    """(field, before, after) for every field an entry mentions; None where that side is absent
    (a creation has no before, a deletion no after)."""
    before, after = entry.before or {}, entry.after or {}
    names = list(dict.fromkeys([*before, *after]))
    return [
        (
            name,
            _shown(before[name]) if name in before else None,
            _shown(after[name]) if name in after else None,
        )
        for name in names
    ]


@login_required
def rfp_audit(request: HttpRequest, ref: str) -> HttpResponse:
    rfp, _can_write = get_rfp_for_user(request.user, ref, write=True)
    bid_reads = request.GET.get("show") == "bid-reads"
    page = Paginator(selectors.audit_entries(rfp, bid_reads_only=bid_reads), 50).get_page(request.GET.get("page"))
    for entry in page.object_list:
        entry.changes = _audit_changes(entry)
        entry.label = AUDIT_ACTIONS.get(entry.action, "")
    return render(
        request,
        "rfp/audit.html",
        {"rfp": rfp, "page": page, "tab": "audit", "can_write": True, "bid_reads": bid_reads},
    )
