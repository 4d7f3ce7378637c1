"""The buyer's RFP pages: list, create from the bank, the builder, preview, lifecycle, team, audit.

Every view fetches through rfp.access (404 for what the user may not see), validates with a form,
calls a service and redirects. Procurement members write; evaluators and executives read.
"""

from collections.abc import Callable
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rfp import selectors, services
from rfp.access import get_question_for_user, get_rfp_for_user, get_section_for_user
from rfp.forms import (
    CHANNELS,
    CreateFromBankForm,
    QuestionForm,
    RFPSettingsForm,
    SectionForm,
    SectionWeightForm,
)
from rfp.models import RFP, Question, Section
from scoring import services as scoring_services

HUNDRED = Decimal("100")


# --- helpers -----------------------------------------------------------------------------------


def _points(value: Decimal) -> str:
    """A weight as people write it: 12, 12.5, never 12.50."""
    text = f"{Decimal(value).quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def weight_summary(total: Decimal) -> dict:
    """What the live total widget shows: green at exactly 100, red with the difference otherwise."""
    total = Decimal(total or 0)
    difference = HUNDRED - total
    if difference == 0:
        note = _("Section weights total exactly 100.")
    elif difference > 0:
        note = _("%(points)s points short of 100") % {"points": _points(difference)}
    else:
        note = _("%(points)s points over 100") % {"points": _points(-difference)}
    return {
        "total": _points(total),
        "ok": difference == 0,
        "note": note,
        "bar": max(0, min(100, int(total))),
        "can_scale": total > 0,
    }


def _detail_url(rfp: RFP, anchor: str = "") -> str:
    url = reverse("rfp:detail", kwargs={"ref": rfp.reference})
    return f"{url}#{anchor}" if anchor else url


def _refuse_if_frozen(request: HttpRequest, rfp: RFP) -> HttpResponse | None:
    """A redirect with the reason when the questionnaire can no longer change, else None."""
    if rfp.is_editable:
        return None
    messages.error(
        request,
        _("%(ref)s is %(status)s: its questionnaire changes only through an addendum.")
        % {"ref": rfp.reference, "status": rfp.get_status_display().lower()},
    )
    return redirect(_detail_url(rfp))


def _form_errors_from(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _ensure_bank() -> None:
    # bank_load is idempotent; a fresh installation gets the shipped bank on first use.
    if selectors.bank_is_empty():
        services.bank_load()


def _builder_context(rfp: RFP, can_write: bool) -> dict:
    sections = selectors.rfp_questionnaire(rfp)
    total = sum((s.weight for s in sections), Decimal("0"))
    editable = can_write and rfp.is_editable
    return {
        "rfp": rfp,
        "sections": sections,
        "can_write": can_write,
        "editable": editable,
        "weights": weight_summary(total),
        "question_count": sum(len(s.questions.all()) for s in sections),
        "problems": services.publish_problems(rfp) if editable else [],
    }


# --- list and create ---------------------------------------------------------------------------


@login_required
def rfp_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_buyer:
        raise Http404
    return render(
        request,
        "rfp/list.html",
        {"rfps": selectors.rfps_for_user(request.user), "can_create": request.user.is_procurement},
    )


@login_required
def rfp_create(request: HttpRequest) -> HttpResponse:
    if not request.user.is_procurement:
        raise Http404
    _ensure_bank()
    form = CreateFromBankForm(request.POST or None, bank_sections=selectors.bank_sections_with_counts())
    if request.method == "POST" and form.is_valid():
        try:
            rfp = services.rfp_create_from_bank(
                by=request.user, section_keys=form.cleaned_data["bank_sections"], **form.rfp_fields()
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(
                request,
                _("%(ref)s created with %(n)s sections from the bank; weights were rescaled to 100.")
                % {"ref": rfp.reference, "n": len(form.cleaned_data["bank_sections"])},
            )
            return redirect(_detail_url(rfp))
    return render(request, "rfp/create.html", {"form": form})


# --- the builder -------------------------------------------------------------------------------


@login_required
def rfp_detail(request: HttpRequest, ref: str) -> HttpResponse:
    rfp, can_write = get_rfp_for_user(request.user, ref)
    return render(request, "rfp/detail.html", _builder_context(rfp, can_write) | {"tab": "builder"})


@login_required
def rfp_edit(request: HttpRequest, ref: str) -> HttpResponse:
    rfp, _can_write = get_rfp_for_user(request.user, ref, write=True)
    if refused := _refuse_if_frozen(request, rfp):
        return refused
    form = RFPSettingsForm(request.POST or None, rfp=rfp)
    if request.method == "POST" and form.is_valid():
        try:
            services.rfp_update(rfp=rfp, by=request.user, **form.rfp_fields())
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Settings saved."))
            return redirect(_detail_url(rfp))
    return render(request, "rfp/edit.html", {"rfp": rfp, "form": form, "tab": "settings", "can_write": True})


def _scope(rfp: RFP) -> list[tuple[str, str]]:
    """The RFP's scope as label/value rows for vendors to read."""
    labels = dict(CHANNELS)
    rows = []
    if rfp.channels:
        rows.append((_("Channels"), ", ".join(str(labels.get(c, c)) for c in rfp.channels)))
    for channel, volume in (rfp.yearly_volumes or {}).items():
        rows.append(
            (
                _("%(channel)s volume") % {"channel": labels.get(channel, channel)},
                _("%(n)s contacts a year") % {"n": intcomma(volume)},
            )
        )
    if rfp.languages:
        rows.append((_("Languages"), ", ".join(rfp.languages)))
    if rfp.hours:
        rows.append((_("Service hours"), rfp.hours))
    if rfp.sites:
        rows.append((_("Preferred sites or regions"), rfp.sites))
    rows.append((_("Currency for prices"), rfp.currency))
    return rows


@login_required
def rfp_preview(request: HttpRequest, ref: str) -> HttpResponse:
    rfp, can_write = get_rfp_for_user(request.user, ref)
    sections = selectors.rfp_questionnaire(rfp)
    return render(
        request,
        "rfp/preview.html",
        {"rfp": rfp, "sections": sections, "scope": _scope(rfp), "can_write": can_write, "tab": "preview"},
    )


# --- sections ----------------------------------------------------------------------------------


@login_required
def section_add(request: HttpRequest, ref: str) -> HttpResponse:
    rfp, _can_write = get_rfp_for_user(request.user, ref, write=True)
    if refused := _refuse_if_frozen(request, rfp):
        return refused
    form = SectionForm(request.POST or None, rfp=rfp)
    if request.method == "POST" and form.is_valid():
        try:
            section = services.section_save(section=Section(rfp=rfp), by=request.user, **form.section_fields())
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Section “%(title)s” added.") % {"title": section.title})
            return redirect(_detail_url(rfp, f"section-{section.pk}"))
    return render(request, "rfp/section_form.html", {"rfp": rfp, "form": form, "section": None})


@login_required
def section_edit(request: HttpRequest, ref: str, section_id: int) -> HttpResponse:
    section, _can_write = get_section_for_user(request.user, ref, section_id, write=True)
    rfp = section.rfp
    if refused := _refuse_if_frozen(request, rfp):
        return refused
    form = SectionForm(request.POST or None, rfp=rfp, section=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_save(section=section, by=request.user, **form.section_fields())
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Section “%(title)s” saved.") % {"title": section.title})
            return redirect(_detail_url(rfp, f"section-{section.pk}"))
    return render(request, "rfp/section_form.html", {"rfp": rfp, "form": form, "section": section})


@login_required
def section_delete(request: HttpRequest, ref: str, section_id: int) -> HttpResponse:
    section, _can_write = get_section_for_user(request.user, ref, section_id, write=True)
    rfp = section.rfp
    if refused := _refuse_if_frozen(request, rfp):
        return refused
    if request.method == "POST":
        services.section_delete(section=section, by=request.user)
        messages.success(request, _("Section “%(title)s” deleted with its questions.") % {"title": section.title})
        return redirect(_detail_url(rfp))
    return render(
        request,
        "rfp/confirm_delete.html",
        {"rfp": rfp, "object_label": section.title, "question_count": section.questions.count(), "section": section},
    )


@login_required
@require_POST
def section_weight(request: HttpRequest, ref: str, section_id: int) -> HttpResponse:
    """Saves one section weight; under htmx answers with the live total (and the table of contents
    entry and the publish checklist, swapped out of band)."""
    section, _can_write = get_section_for_user(request.user, ref, section_id, write=True)
    rfp = section.rfp
    form = SectionWeightForm(request.POST)
    error = ""
    if not form.is_valid():
        error = form.errors["weight"][0]
    else:
        try:
            services.section_save(section=section, by=request.user, weight=form.cleaned_data["weight"])
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Weight of “%(title)s” saved.") % {"title": section.title})
        return redirect(_detail_url(rfp, f"section-{section.pk}"))
    context = _builder_context(rfp, can_write=True)
    section.refresh_from_db(fields=["weight"])
    return render(request, "rfp/_weight_saved.html", context | {"section": section, "error": error})


@login_required
@require_POST
def weights_scale(request: HttpRequest, ref: str) -> HttpResponse:
    """Scale every section weight to whole numbers totalling 100, keeping the proportions."""
    rfp, _can_write = get_rfp_for_user(request.user, ref, write=True)
    if refused := _refuse_if_frozen(request, rfp):
        return refused
    try:
        scoring_services.section_weights_scale_to_100(rfp=rfp, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Section weights scaled to 100, in the same proportions."))
    return redirect(_detail_url(rfp, "weights"))


def _move(request: HttpRequest, service: Callable, **target) -> None:
    direction = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if direction is None:
        messages.error(request, _("Choose to move up or down."))
        return
    try:
        service(by=request.user, direction=direction, **target)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)


@login_required
@require_POST
def section_move(request: HttpRequest, ref: str, section_id: int) -> HttpResponse:
    section, _can_write = get_section_for_user(request.user, ref, section_id, write=True)
    _move(request, services.section_move, section=section)
    return redirect(_detail_url(section.rfp, f"section-{section.pk}"))


# --- questions ---------------------------------------------------------------------------------


def _question_page(request: HttpRequest, rfp: RFP, section: Section, form: QuestionForm, question=None):
    return render(
        request,
        "rfp/question_form.html",
        {"rfp": rfp, "section": section, "form": form, "question": question},
    )


@login_required
def question_add(request: HttpRequest, ref: str, section_id: int) -> HttpResponse:
    section, _can_write = get_section_for_user(request.user, ref, section_id, write=True)
    rfp = section.rfp
    if refused := _refuse_if_frozen(request, rfp):
        return refused
    form = QuestionForm(request.POST or None, rfp=rfp, initial={"key": selectors.next_question_key(section)})
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_save(
                question=Question(section=section), by=request.user, **form.question_fields
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Question %(key)s added.") % {"key": question.key})
            return redirect(_detail_url(rfp, f"question-{question.pk}"))
    return _question_page(request, rfp, section, form)


@login_required
def question_edit(request: HttpRequest, ref: str, question_id: int) -> HttpResponse:
    question, _can_write = get_question_for_user(request.user, ref, question_id, write=True)
    rfp = question.section.rfp
    if refused := _refuse_if_frozen(request, rfp):
        return refused
    form = QuestionForm(request.POST or None, rfp=rfp, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_save(question=question, by=request.user, **form.question_fields)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Question %(key)s saved.") % {"key": question.key})
            return redirect(_detail_url(rfp, f"question-{question.pk}"))
    return _question_page(request, rfp, question.section, form, question)


@login_required
def question_delete(request: HttpRequest, ref: str, question_id: int) -> HttpResponse:
    question, _can_write = get_question_for_user(request.user, ref, question_id, write=True)
    rfp = question.section.rfp
    if refused := _refuse_if_frozen(request, rfp):
        return refused
    if request.method == "POST":
        section_id = question.section_id
        services.question_delete(question=question, by=request.user)
        messages.success(request, _("Question %(key)s deleted.") % {"key": question.key})
        return redirect(_detail_url(rfp, f"section-{section_id}"))
    return render(
        request,
        "rfp/confirm_delete.html",
        {"rfp": rfp, "object_label": f"{question.key}: {question.text}", "question": question},
    )


@login_required
@require_POST
def question_move(request: HttpRequest, ref: str, question_id: int) -> HttpResponse:
    question, _can_write = get_question_for_user(request.user, ref, question_id, write=True)
    _move(request, services.question_move, question=question)
    return redirect(_detail_url(question.section.rfp, f"question-{question.pk}"))


# --- lifecycle ---------------------------------------------------------------------------------


def _transition(request: HttpRequest, ref: str, service: Callable, done: str) -> HttpResponse:
    """Runs one lifecycle service; a refusal shows every reason and changes nothing."""
    rfp, _can_write = get_rfp_for_user(request.user, ref, write=True)
    try:
        service(rfp=rfp, by=request.user)
    except services.TransitionError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done % {"ref": rfp.reference})
    return redirect(_detail_url(rfp))


@login_required
@require_POST
def rfp_publish(request: HttpRequest, ref: str) -> HttpResponse:
    return _transition(request, ref, services.rfp_publish, _("%(ref)s is published and open for responses."))


@login_required
@require_POST
def rfp_close(request: HttpRequest, ref: str) -> HttpResponse:
    return _transition(request, ref, services.rfp_close, _("%(ref)s is closed; no more responses are accepted."))


@login_required
@require_POST
def rfp_start_evaluation(request: HttpRequest, ref: str) -> HttpResponse:
    """Starts the evaluation; with no submitted bid, asks first what the user means to do."""
    rfp, _can_write = get_rfp_for_user(request.user, ref, write=True)
    try:
        services.rfp_start_evaluation(rfp=rfp, by=request.user, without_bids=request.POST.get("without_bids") == "1")
    except services.NoBidsToEvaluate as warning:
        return render(request, "rfp/confirm_start_evaluation.html", {"rfp": rfp, "warning": warning.messages[0]})
    except services.TransitionError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Evaluation of %(ref)s has started.") % {"ref": rfp.reference})
    return redirect(_detail_url(rfp))


@login_required
@require_POST
def rfp_archive(request: HttpRequest, ref: str) -> HttpResponse:
    return _transition(request, ref, services.rfp_archive, _("%(ref)s is archived."))


@login_required
@require_POST
def rfp_clone(request: HttpRequest, ref: str) -> HttpResponse:
    rfp, _can_write = get_rfp_for_user(request.user, ref, write=True)
    try:
        clone = services.rfp_clone(rfp=rfp, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, _("The copy could not be made: %(reason)s") % {"reason": message})
        return redirect(_detail_url(rfp))
    messages.success(
        request,
        _("%(new)s is a new draft copied from %(ref)s. Check its title and deadline.")
        % {"new": clone.reference, "ref": rfp.reference},
    )
    return redirect(_detail_url(clone))


# --- the bank ----------------------------------------------------------------------------------


@login_required
def bank(request: HttpRequest) -> HttpResponse:
    if not request.user.is_procurement:
        raise Http404
    _ensure_bank()
    return render(request, "rfp/bank.html", {"sections": selectors.bank_sections()})
