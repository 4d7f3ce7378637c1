"""The vendor portal: a vendor's bid team joining, answering online, attaching files, submitting
and asking questions. The buyer's pages about vendors are in vendors/views_buyer.py.

Views are thin: fetch through the access helpers (404 for what the user may not see), validate,
call a service, redirect or render. Autosave and file uploads answer htmx requests with small
fragments, and fall back to a redirect with a message when JavaScript is off.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from rfp.models import Question, QuestionType
from vendors import forms, selectors, services
from vendors.access import get_attachment_for_user, get_invitation_for_user, get_response_for_user
from vendors.models import Invitation, Response, ResponseStatus
from vendors.views_buyer import bid_file
from vendors.views_shared import _add_errors, _private_download

SOON = timedelta(hours=48)  # deadlines closer than this are shown in amber


def _require_vendor(request: HttpRequest) -> None:
    if not request.user.is_vendor:
        raise Http404


def _section_url(response: Response, question: Question) -> str:
    url = reverse("vendors:section", kwargs={"ref": response.rfp.reference, "section_id": question.section_id})
    return f"{url}#q-{question.pk}"


def _portal(request: HttpRequest, ref: str) -> dict:
    """What every answering page shows: the response, its progress, its lock and the addenda banner."""
    invitation = get_invitation_for_user(request.user, ref)
    response, _can_write = get_response_for_user(request.user, ref)
    entry = services.open_entry(response)
    closed_message = _closed_message(response, entry)
    locked = entry.submitted_at is not None if entry else response.status == ResponseStatus.SUBMITTED
    rfp = response.rfp
    return {
        "invitation": invitation,
        "response": response,
        "rfp": response.rfp,
        "bafo": _bafo(entry),
        "sheet": selectors.response_sheet(response, revision=entry),
        "new_addenda": selectors.unacknowledged_addenda(invitation),
        "closed_message": closed_message,
        "locked": locked,
        "can_edit": not closed_message and not locked,
        "last_submission": selectors.last_submission(response),
        "soon": not rfp.deadline_passed and rfp.deadline - timezone.now() < SOON,
        "max_upload": settings.MAX_UPLOAD_BYTES,
    }


def _closed_message(response: Response, entry) -> str:
    """Why nothing may change now, or "" while the response (or its revision in a round) is open."""
    try:
        if entry is not None:
            from negotiation.services import require_round_open

            require_round_open(entry.round)
        else:
            services.require_open(response.rfp)
    except services.ResponseClosed as closed:
        return closed.messages[0]
    return ""


def _bafo(entry) -> dict | None:
    """What the vendor's banner says about a best-and-final round it was asked to take part in."""
    if entry is None:
        return None
    from negotiation.selectors import open_section_titles, revisable_section_ids

    return {
        "entry": entry,
        "round": entry.round,
        "sections": open_section_titles(entry.round),
        "revisable": revisable_section_ids(entry.round),
    }


def _scope(rfp) -> list[tuple[str, str]]:
    """The RFP's scope as label/value rows for the vendor's overview."""
    volumes = ", ".join(f"{channel}: {intcomma(count)}" for channel, count in (rfp.yearly_volumes or {}).items())
    rows = [
        (_("Channels"), ", ".join(rfp.channels or [])),
        (_("Languages"), ", ".join(rfp.languages or [])),
        (_("Contacts per year"), volumes),
        (_("Service hours"), rfp.hours),
        (_("Preferred sites or regions"), rfp.sites),
        (_("Prices in"), rfp.currency),
    ]
    return [(label, value) for label, value in rows if value]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _require_vendor(request)
    return render(request, "vendors/dashboard.html", {"rows": selectors.vendor_dashboard(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest) -> HttpResponse:
    """The company's people on Shortlist; any of them can bring in a colleague to share the work."""
    _require_vendor(request)
    form = forms.ColleagueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            colleague = services.colleague_add(company=request.user.company, by=request.user, **form.cleaned_data)
            messages.success(
                request, _("%(name)s was e-mailed a link to choose a password.") % {"name": colleague.get_full_name()}
            )
            return redirect("vendors:team")
        except ValidationError as error:
            _add_errors(form, error)
    colleagues = User.objects.filter(company=request.user.company, is_active=True).order_by("first_name", "last_name")
    return render(request, "vendors/team.html", {"form": form, "colleagues": colleagues})


class WelcomeView(PasswordResetConfirmView):
    """The link a colleague receives: choose a password, then straight to the company's invitations."""

    template_name = "vendors/welcome.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("vendors:dashboard")


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token) -> HttpResponse:
    """The link in the invitation e-mail: a new contact sets a password and joins the company, a
    colleague who already has an account accepts, and either may decline with a reason."""
    invitation = get_object_or_404(Invitation.objects.select_related("rfp", "vendor"), token=token)
    user = request.user
    is_colleague = user.is_authenticated and user.is_vendor and user.company_id == invitation.vendor_id
    has_account = User.objects.filter(username__iexact=invitation.email).exists()
    join_form = forms.JoinForm(request.POST if request.POST.get("action") == "join" else None)
    decline_form = forms.DeclineForm(request.POST if request.POST.get("action") == "decline" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "join" and not user.is_authenticated and not has_account and join_form.is_valid():
                data = join_form.cleaned_data
                new_user = services.vendor_user_join(
                    invitation=invitation,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    password=data["password1"],
                    time_zone=data["time_zone"],
                )
                login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("Welcome to Shortlist. Your answers save as you type."))
                return redirect("vendors:rfp", ref=invitation.rfp.reference)
            if action == "accept" and is_colleague:
                services.invitation_accept(invitation=invitation, by=user)
                return redirect("vendors:rfp", ref=invitation.rfp.reference)
            if action == "decline" and (is_colleague or not user.is_authenticated) and decline_form.is_valid():
                services.invitation_decline(invitation=invitation, reason=decline_form.cleaned_data["reason"], by=user)
                messages.info(request, _("You declined the invitation. The buyer has been told why."))
                return redirect("vendors:join", token=token)
        except ValidationError as error:
            _add_errors(join_form if action == "join" else decline_form, error)
    return render(
        request,
        "vendors/join.html",
        {
            "invitation": invitation,
            "rfp": invitation.rfp,
            "is_colleague": is_colleague,
            "has_account": has_account,
            "join_form": join_form,
            "decline_form": decline_form,
            "login_url": f"{reverse('accounts:login')}?next={request.path}",
        },
    )


@login_required
@require_GET
def rfp_overview(request: HttpRequest, ref: str) -> HttpResponse:
    context = _portal(request, ref)
    context["addenda"] = selectors.addenda(context["rfp"])
    context["clarification_count"] = selectors.vendor_clarifications(context["rfp"], context["response"].vendor).count()
    context["scope"] = _scope(context["rfp"])
    sections = context["sheet"].sections
    unfinished = [s for s in sections if s.answered_required < s.required]
    context["first_open"] = (unfinished or sections)[0].section.pk if sections else None
    return render(request, "vendors/rfp.html", context)


@login_required
@require_POST
def accept(request: HttpRequest, ref: str) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, ref)
    try:
        services.invitation_accept(invitation=invitation, by=request.user)
        messages.success(request, _("Thank you: the buyer now knows you intend to bid."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("vendors:rfp", ref=ref)


@login_required
@require_http_methods(["GET", "POST"])
def decline(request: HttpRequest, ref: str) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, ref)
    form = forms.DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_decline(invitation=invitation, reason=form.cleaned_data["reason"], by=request.user)
            messages.info(request, _("You declined the invitation to %(ref)s.") % {"ref": ref})
            return redirect("vendors:dashboard")
        except ValidationError as error:
            _add_errors(form, error)
    return render(request, "vendors/decline.html", {"invitation": invitation, "rfp": invitation.rfp, "form": form})


@login_required
@require_GET
def section(request: HttpRequest, ref: str, section_id: int) -> HttpResponse:
    context = _portal(request, ref)
    current = context["sheet"].section(section_id)
    if current is None:
        raise Http404
    previous, following = context["sheet"].neighbours(section_id)
    number = context["sheet"].sections.index(current) + 1
    context.update({"current": current, "previous": previous, "following": following, "section_number": number})
    bafo = context["bafo"]
    if bafo:
        # Files stay as submitted in a round (a revision holds answers, not attachments).
        context["files_fixed"] = True
    if bafo and section_id not in bafo["revisable"]:
        # Sections the round does not open stay as submitted: shown, not editable.
        context.update({"can_edit": False, "frozen_in_round": True})
    return render(request, "vendors/section.html", context)


def answer_field(question: Question) -> str:
    """The input's name (and id) on the answer page: unique per question, as the widget needs."""
    return f"answer-{question.pk}"


def _raw_answer(request: HttpRequest, question: Question):
    if request.POST.get("not_applicable") and not question.required:
        return "n/a"
    if question.type == QuestionType.MULTI_CHOICE:
        return request.POST.getlist(answer_field(question))
    return request.POST.get(answer_field(question), "")


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", "0"))
    except ValueError:
        return -1  # a tampered version can only conflict, never overwrite


@login_required
@require_POST
def save_answer(request: HttpRequest, ref: str, question_id: int) -> HttpResponse:
    response, _can_write = get_response_for_user(request.user, ref, write=True)
    question = get_object_or_404(Question, pk=question_id, section__rfp_id=response.rfp_id)
    state, message, answer = "saved", "", None
    try:
        answer = services.answer_save(
            response=response,
            question=question,
            raw=_raw_answer(request, question),
            comment=request.POST.get("comment", ""),
            version=_version(request),
            by=request.user,
        )
    except services.AnswerConflict as conflict:
        state, message = "conflict", str(conflict)
    except ValidationError as error:
        state, message = "error", " ".join(error.messages)
    if not request.htmx:
        if state == "saved":
            messages.success(request, _("Answer saved."))
        else:
            messages.error(request, message)
        return redirect(_section_url(response, question))
    sheet = selectors.response_progress(response)  # the counts only: not the whole questionnaire
    return render(
        request,
        "vendors/_save_status.html",
        {
            "question": question,
            "answer": answer,
            "state": state,
            "message": message,
            "version": answer.version if answer else _version(request),
            "sheet": sheet,
            "rfp": response.rfp,
            "current": sheet.section(question.section_id),
            "oob": True,
        },
    )


def _files_fragment(request: HttpRequest, response: Response, question: Question, error: str = "") -> HttpResponse:
    sheet = selectors.response_sheet(response)
    current = sheet.section(question.section_id)
    item = next(i for i in current.items if i.question.pk == question.pk)
    return render(
        request,
        "vendors/_files.html",
        {
            "item": item,
            "rfp": response.rfp,
            "sheet": sheet,
            "current": current,
            "can_edit": True,
            "upload_error": error,
            "max_upload": settings.MAX_UPLOAD_BYTES,
            "oob": True,
        },
    )


@login_required
@require_POST
def upload(request: HttpRequest, ref: str, question_id: int) -> HttpResponse:
    response, _can_write = get_response_for_user(request.user, ref, write=True)
    question = get_object_or_404(Question, pk=question_id, section__rfp_id=response.rfp_id)
    form = forms.UploadForm(request.POST, request.FILES)
    error = ""
    if not form.is_valid():
        error = " ".join(form.errors.get("file", [])) or _("Choose a file to upload.")
    else:
        try:
            services.attachment_add(
                response=response, question=question, upload=form.cleaned_data["file"], by=request.user
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
    if request.htmx:
        return _files_fragment(request, response, question, error)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("File uploaded."))
    return redirect(_section_url(response, question))


@login_required
@require_POST
def delete_attachment(request: HttpRequest, ref: str, attachment_id: int) -> HttpResponse:
    attachment = get_attachment_for_user(request.user, ref, attachment_id, write=True)
    if not request.user.is_vendor:
        raise Http404
    response, question = attachment.answer.response, attachment.answer.question
    error = ""
    try:
        services.attachment_delete(attachment=attachment, by=request.user)
    except ValidationError as problem:
        error = " ".join(problem.messages)
    if request.htmx:
        return _files_fragment(request, response, question, error)
    if error:
        messages.error(request, error)
    return redirect(_section_url(response, question))


@login_required
@require_GET
def attachment(request: HttpRequest, ref: str, attachment_id: int) -> FileResponse:
    """Files are served only here, after the access check, always as a download. A buyer's
    download is written in the audit log, and a blind panel gets a name without the vendor's."""
    if request.user.is_authenticated and request.user.is_buyer:
        return bid_file(request, ref, attachment_id)
    item = get_attachment_for_user(request.user, ref, attachment_id)
    return _private_download(request, item, item.original_name)


@login_required
@require_GET
def review(request: HttpRequest, ref: str) -> HttpResponse:
    context = _portal(request, ref)
    context["submissions"] = selectors.submissions(context["response"])
    return render(request, "vendors/review.html", context)


@login_required
@require_POST
def submit(request: HttpRequest, ref: str) -> HttpResponse:
    response, _can_write = get_response_for_user(request.user, ref, write=True)
    try:
        submission = services.response_submit(response=response, by=request.user)
        messages.success(
            request,
            _("Submitted: version %(n)s, received %(at)s. You can reopen and resubmit until the deadline.")
            % {"n": submission.number, "at": services.local_datetime(submission.submitted_at)},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("vendors:review", ref=ref)


@login_required
@require_POST
def reopen(request: HttpRequest, ref: str) -> HttpResponse:
    response, _can_write = get_response_for_user(request.user, ref, write=True)
    try:
        services.response_reopen(response=response, by=request.user)
        messages.info(
            request,
            _("Reopened. Your last submitted version stays valid until you submit again before the deadline."),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("vendors:review", ref=ref)


@login_required
@require_http_methods(["GET", "POST"])
def clarifications(request: HttpRequest, ref: str) -> HttpResponse:
    context = _portal(request, ref)
    invitation, rfp = context["invitation"], context["rfp"]
    questions = list(Question.objects.filter(section__rfp=rfp).order_by("section__order", "order", "id"))
    form = forms.ClarificationForm(
        request.POST or None, questions=questions, initial={"question": request.GET.get("q")}
    )
    if request.method == "POST" and form.is_valid():
        chosen = next((q for q in questions if q.pk == form.cleaned_data["question"]), None)
        try:
            services.clarification_ask(
                rfp=rfp, vendor=invitation.vendor, by=request.user, text=form.cleaned_data["text"], question=chosen
            )
            messages.success(
                request, _("Question sent. Only your company sees it until the buyer publishes an answer.")
            )
            return redirect("vendors:clarifications", ref=ref)
        except ValidationError as error:
            _add_errors(form, error)
    context.update(
        {
            "form": form,
            "clarifications": selectors.vendor_clarifications(rfp, invitation.vendor),
            "vendor": invitation.vendor,
        }
    )
    return render(request, "vendors/clarifications.html", context)


@login_required
@require_POST
def acknowledge_addenda(request: HttpRequest, ref: str) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, ref)
    services.addenda_acknowledge(invitation=invitation, by=request.user)
    target = request.POST.get("next", "")
    # Only a path of this site: redirect() would take a bare word for the name of a view.
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("vendors:rfp", kwargs={"ref": ref})
    return redirect(target)
