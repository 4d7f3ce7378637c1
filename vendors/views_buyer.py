"""The buyer's pages about vendors: invitations and submission status, sealed responses, a bid's
files (the evaluation pages link to `bid_file` too), clarifications and addenda. The vendor
portal itself is in vendors/views.py.

Views are thin: fetch through the access helpers (404 for what the user may not see), validate,
call a service, redirect or render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.params import id_from
from rfp.access import get_rfp_for_user
from rfp.audit import log_bid_prices_read
from rfp.models import CHOICE_TYPES, Clarification, Question, Section, Status
from rfp.selectors import questionnaire
from vendors import forms, selectors, services
from vendors.access import get_bid_attachment, get_bid_for_user, is_sealed
from vendors.bid_view import bid_rule
from vendors.views_shared import _add_errors, _private_download


def bid_file(request: HttpRequest, ref: str, attachment_id: int) -> FileResponse:
    """A bid's file for a buyer, as the bid rule allows (the evaluation pages link here too)."""
    item, rule = get_bid_attachment(request.user, ref, attachment_id)
    return _private_download(request, item, selectors.shown_file_name(item, blind=rule.blind))


@login_required
@require_GET
def invitations(request: HttpRequest, ref: str) -> HttpResponse:
    """Who was invited, who declined and why, who submitted and when (never what, while sealed)."""
    rfp, can_write = get_rfp_for_user(request.user, ref)
    rule = bid_rule(request.user, rfp)
    if rule.blind:
        raise Http404("No such page.")  # the list names the vendors that a blind panel must not know
    rows = selectors.invitation_rows(rfp)
    for row in rows:
        row.readable = row.response is not None and rule.may_read_vendor(row.invitation.vendor_id)
    form = forms.InviteForm(exclude_vendor_ids=[r.invitation.vendor_id for r in rows]) if can_write else None
    return render(
        request,
        "vendors/buyer_invitations.html",
        {
            "rfp": rfp,
            "rows": rows,
            "can_write": can_write,
            "form": form,
            "sealed": is_sealed(rfp),
            "awaiting": sum(1 for row in rows if row.awaiting_submission),
            "tab": "invitations",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, ref: str) -> HttpResponse:
    rfp, _can_write = get_rfp_for_user(request.user, ref, write=True)
    invited = list(rfp.invitations.values_list("vendor_id", flat=True))
    form = forms.InviteForm(request.POST or None, exclude_vendor_ids=invited)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                vendor = data["vendor"] or services.vendor_create(
                    by=request.user,
                    name=data["name"],
                    country=data["country"],
                    sites=data["sites"],
                    languages=data["languages"],
                    seats=data["seats"],
                    certifications=data["certifications"],
                    contact_email=data["email"],
                )
                services.invitation_create(rfp=rfp, vendor=vendor, email=data["email"], by=request.user)
            messages.success(request, _("Invitation e-mailed to %(email)s.") % {"email": data["email"]})
            return redirect("vendors:invitations", ref=ref)
        except ValidationError as error:
            _add_errors(form, error)
    return render(request, "vendors/buyer_invite.html", {"rfp": rfp, "form": form, "tab": "invitations"})


@login_required
@require_POST
def remind(request: HttpRequest, ref: str) -> HttpResponse:
    """E-mail a reminder to every invited company that has neither submitted nor declined."""
    rfp, _can_write = get_rfp_for_user(request.user, ref, write=True)
    try:
        count = services.remind_pending(rfp=rfp, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "A reminder is on its way to %(count)d company.",
                "A reminder is on its way to %(count)d companies.",
                count,
            )
            % {"count": count},
        )
    return redirect("vendors:invitations", ref=ref)


@login_required
@require_GET
def buyer_response(request: HttpRequest, ref: str, response_id: int) -> HttpResponse:
    """A vendor's answers, read-only, cut down to what the bid rule lets this buyer read."""
    response, rule = get_bid_for_user(request.user, ref, response_id)
    bid = selectors.bid_sheet(response, rule)
    log_bid_prices_read(
        actor=request.user,
        rfp=response.rfp,
        vendors=[response.vendor.name] if bid.prices_shown else [],
        where="bid page",
    )
    return render(
        request,
        "vendors/buyer_response.html",
        {
            "rfp": response.rfp,
            "response": response,
            "bid": bid,
            "sheet": bid,
            "rule": rule,
            "submissions": selectors.submissions(response),
            "tab": "invitations",
        },
    )


@login_required
@require_GET
def buyer_clarifications(request: HttpRequest, ref: str) -> HttpResponse:
    rfp, can_write = get_rfp_for_user(request.user, ref)
    items = [
        (c, forms.ClarificationAnswerForm(initial={"text": c.text, "answer": c.answer}, prefix=f"c{c.pk}"))
        for c in selectors.buyer_clarifications(rfp)
    ]
    return render(
        request,
        "vendors/buyer_clarifications.html",
        {"rfp": rfp, "items": items, "can_write": can_write, "tab": "clarifications"},
    )


@login_required
@require_POST
def answer_clarification(request: HttpRequest, ref: str, pk: int) -> HttpResponse:
    rfp, _can_write = get_rfp_for_user(request.user, ref, write=True)
    clarification = get_object_or_404(Clarification, rfp=rfp, pk=pk)
    form = forms.ClarificationAnswerForm(request.POST, prefix=f"c{pk}")
    if not form.is_valid():
        messages.error(request, _("The question text cannot be empty."))
        return redirect("vendors:buyer_clarifications", ref=ref)
    data = form.cleaned_data
    try:
        services.clarification_answer(
            clarification=clarification,
            text=data["text"],
            answer=data["answer"],
            publish=data["publish"],
            by=request.user,
        )
        if data["publish"]:
            messages.success(request, _("Published to every invited vendor, without the asker's name."))
        else:
            messages.success(request, _("Saved. Only the asking vendor sees it until you publish."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{reverse('vendors:buyer_clarifications', kwargs={'ref': ref})}#c-{pk}")


@login_required
@require_GET
def buyer_addenda(request: HttpRequest, ref: str) -> HttpResponse:
    rfp, can_write = get_rfp_for_user(request.user, ref)
    return render(
        request,
        "vendors/buyer_addenda.html",
        {
            "rfp": rfp,
            "addenda": selectors.addenda(rfp),
            "sections": questionnaire(rfp),
            "can_issue": can_write and rfp.status == Status.OPEN and not rfp.deadline_passed,
            "tab": "addenda",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_addendum(request: HttpRequest, ref: str) -> HttpResponse:
    """One change per addendum: edit a question (?question=ID) or add one to a section (?section=ID)."""
    rfp, _can_write = get_rfp_for_user(request.user, ref, write=True)
    params = request.POST if request.method == "POST" else request.GET
    question = section = None
    question_id, section_id = id_from(params.get("question")), id_from(params.get("section"))
    if question_id is not None:
        question = get_object_or_404(Question.objects.select_related("section"), pk=question_id, section__rfp=rfp)
    elif section_id is not None:
        section = get_object_or_404(Section, pk=section_id, rfp=rfp)
    else:
        messages.info(request, _("Pick the question to change, or the section to add a question to."))
        return redirect("vendors:buyer_addenda", ref=ref)
    data = request.POST if request.method == "POST" else None
    if question is not None:
        initial = {
            "text": question.text,
            "guidance": question.guidance,
            "choices": "\n".join(question.choice_labels),
        }
        form = forms.AddendumEditForm(data, initial=initial, question=question)
    else:
        form = forms.AddendumAddForm(data)
    if data is not None and form.is_valid():
        fields = form.cleaned_data
        try:
            if question is not None:
                addendum = services.addendum_edit_question(
                    rfp=rfp,
                    question=question,
                    by=request.user,
                    summary=fields["summary"],
                    text=fields["text"],
                    guidance=fields["guidance"],
                    choices=fields.get("choices") if question.type in CHOICE_TYPES else None,
                )
            else:
                addendum = services.addendum_add_question(
                    rfp=rfp,
                    section=section,
                    by=request.user,
                    summary=fields["summary"],
                    text=fields["text"],
                    type=fields["type"],
                    guidance=fields["guidance"],
                    choices=fields["choices"],
                    required=fields["required"],
                    unit=fields["unit"],
                    word_limit=fields["word_limit"],
                )
            messages.success(
                request, _("Addendum %(n)s issued; every invited vendor was e-mailed.") % {"n": addendum.number}
            )
            return redirect("vendors:buyer_addenda", ref=ref)
        except ValidationError as error:
            _add_errors(form, error)
    return render(
        request,
        "vendors/buyer_addendum_form.html",
        {"rfp": rfp, "form": form, "question": question, "section": section, "tab": "addenda"},
    )
