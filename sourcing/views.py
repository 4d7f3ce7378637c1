"""Make-or-buy pages: the list, the form (create and edit), the assessment itself, and delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rfp.audit import log_bid_prices_read
from sourcing import selectors, services
from sourcing.access import can_create_assessment, get_assessment_for_user, rfps_open_to_attach
from sourcing.forms import AssessmentForm


@login_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_buyer:
        raise Http404
    return render(
        request,
        "sourcing/list.html",
        {"rows": selectors.assessment_rows(request.user), "can_create": can_create_assessment(request.user)},
    )


def _form_failed(request: HttpRequest, form: AssessmentForm) -> None:
    labels = [str(form.fields[name].label) if name in form.fields else _("the form") for name in form.errors]
    messages.error(
        request,
        ngettext(
            "Nothing was saved: correct %(fields)s (marked below).",
            "Nothing was saved: correct these %(count)s fields (marked below): %(fields)s.",
            len(labels),
        )
        % {"count": len(labels), "fields": ", ".join(labels)},
    )


def _save(request: HttpRequest, form: AssessmentForm, save) -> HttpResponse | None:
    """Run the service on a valid form; on bad input, explain and change nothing."""
    if form.is_valid():
        try:
            assessment = save(form.cleaned_data)
        except ValidationError as error:
            for field_name, errors in error.message_dict.items():
                form.add_error(field_name if field_name in form.fields else None, errors)
        else:
            messages.success(request, _("Assessment saved."))
            return redirect("sourcing:detail", pk=assessment.pk)
    _form_failed(request, form)
    return None


@login_required
def assessment_create(request: HttpRequest) -> HttpResponse:
    if not can_create_assessment(request.user):
        raise Http404
    initial = {"title": _("Make or buy: our contact center")}
    wanted = request.GET.get("rfp")
    if wanted:
        rfp = rfps_open_to_attach(request.user).filter(reference=wanted).first()
        if rfp is not None:
            initial.update(rfp=rfp, title=_("Make or buy: %(title)s") % {"title": rfp.title}, currency=rfp.currency)
    form = AssessmentForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST":
        response = _save(
            request,
            form,
            lambda data: services.assessment_create(by=request.user, **data),
        )
        if response is not None:
            return response
    return render(request, "sourcing/form.html", {"form": form, "assessment": None})


@login_required
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, _can_write = get_assessment_for_user(request.user, pk, write=True)
    form = AssessmentForm(request.POST or None, instance=assessment, user=request.user)
    if request.method == "POST":
        response = _save(
            request,
            form,
            lambda data: services.assessment_update(assessment=assessment, by=request.user, **form.changes()),
        )
        if response is not None:
            return response
        assessment.refresh_from_db()  # the form wrote bad values onto the instance; show the saved ones
    return render(request, "sourcing/form.html", {"form": form, "assessment": assessment})


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, can_write = get_assessment_for_user(request.user, pk)
    view = selectors.assessment_view(assessment, request.user)
    if assessment.rfp_id is not None:
        log_bid_prices_read(actor=request.user, rfp=assessment.rfp, vendors=view.priced_vendors, where="make-or-buy")
    return render(request, "sourcing/detail.html", {"view": view, "assessment": assessment, "can_write": can_write})


@login_required
@require_POST
def assessment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, _can_write = get_assessment_for_user(request.user, pk, write=True)
    services.assessment_delete(assessment=assessment, by=request.user)
    messages.success(request, _("The assessment “%(title)s” was deleted.") % {"title": assessment.title})
    return redirect("sourcing:list")
