"""The decision pages: the executive dashboard, the shortlist, its promotion into an RFP, and the
downloads (the PDF report and the Excel score matrix).

Every view fetches through reports.access (404 for what the user may not see), validates with a
form, calls a service or a renderer and redirects. Procurement decides; executives read.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from jobs.models import Job, JobStatus
from reports import figures, selectors, services
from reports.access import get_report_job, get_report_rfp
from reports.forms import PromoteForm, ReportForm, ShortlistForm, SuggestForm
from reports.pdf import RTL_LANGUAGES
from reports.tasks import KIND_PDF, KIND_XLSX
from rfp.audit import log_bid_prices_read
from rfp.models import RFP, Status
from rfp.selectors import bank_sections_with_counts
from scoring.selectors import Ranking

PROMOTE_DEADLINE_DAYS = 28


def _dashboard_url(rfp: RFP) -> str:
    return reverse("reports:dashboard", kwargs={"ref": rfp.reference})


def _report_language() -> str:
    language = (get_language() or "en").split("-")[0]
    return language if language in dict(ReportForm.base_fields["lang"].choices) else "en"


# --- the executive dashboard -------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest, ref: str) -> HttpResponse:
    rfp, can_write = get_report_rfp(request.user, ref)
    report = selectors.report_data(rfp)
    _log_prices_read(request, rfp, "results page")
    rtl = _report_language() in RTL_LANGUAGES
    context = {
        "rfp": rfp,
        "report": report,
        "can_write": can_write,
        "charts": figures.dashboard_charts(report, rtl=rtl),
        "report_form": ReportForm(initial={"lang": _report_language()}),
        "tab": "dashboard",
    }
    return render(request, "reports/dashboard.html", context)


# --- the shortlist -----------------------------------------------------------------------------


def _eligible(ranking: Ranking) -> list[tuple[int, str]]:
    return [(row.result.vendor_id, row.label) for row in ranking.rows if not row.result.excluded]


def _initial_vendors(request: HttpRequest, ranking: Ranking, saved) -> tuple[list[int], str]:
    """The boxes ticked when the page opens: a suggestion asked for, else the saved shortlist,
    else the top three. The second value says which, for the page to tell the user."""
    suggest = SuggestForm(request.GET)
    if suggest.is_valid():
        if suggest.cleaned_data["top"]:
            return selectors.suggest_top(ranking, suggest.cleaned_data["top"]), "top"
        if suggest.cleaned_data["above"] is not None:
            return selectors.suggest_above(ranking, float(suggest.cleaned_data["above"])), "above"
    elif suggest.errors:
        messages.error(request, _("A suggestion needs a number of vendors (1-100) or a total between 0 and 100."))
    if saved is not None:
        return selectors.shortlisted_vendor_ids(saved), "saved"
    return selectors.suggest_top(ranking, selectors.LEADING_COUNT), "top"


@login_required
def shortlist(request: HttpRequest, ref: str) -> HttpResponse:
    rfp, can_write = get_report_rfp(request.user, ref, write=request.method == "POST")
    ranking = selectors.report_ranking(rfp)
    saved = selectors.shortlist_of(rfp)
    editable = can_write and rfp.status == Status.EVALUATION
    eligible = _eligible(ranking)
    if request.method == "POST":
        if not editable:
            messages.error(
                request, _("%(ref)s is decided: its shortlist can no longer change.") % {"ref": rfp.reference}
            )
            return redirect("reports:shortlist", ref=rfp.reference)
        form = ShortlistForm(request.POST, eligible=eligible)
        if form.is_valid() and _save_shortlist(request, rfp, form):
            if request.POST.get("action") == "publish":
                return _publish(request, rfp)
            messages.success(request, _("Shortlist saved as a draft. Publish it when the rationale is final."))
            return redirect("reports:shortlist", ref=rfp.reference)
        suggestion = ""
    else:
        chosen, suggestion = _initial_vendors(request, ranking, saved)
        form = ShortlistForm(
            initial={"vendors": chosen, "rationale": saved.rationale if saved else ""}, eligible=eligible
        )
    context = {
        "rfp": rfp,
        "ranking": ranking,
        "shortlist": saved,
        "form": form,
        "can_write": can_write,
        "editable": editable,
        "suggestion": suggestion,
        "chosen": {str(v) for v in (form["vendors"].value() or [])},
        "promoted": list(rfp.promoted_to.order_by("created_at")) if rfp.status == Status.DECIDED else [],
        "tab": "shortlist",
    }
    return render(request, "reports/shortlist.html", context)


def _save_shortlist(request: HttpRequest, rfp: RFP, form: ShortlistForm) -> bool:
    try:
        services.shortlist_save(
            rfp=rfp, by=request.user, vendor_ids=form.cleaned_data["vendors"], rationale=form.cleaned_data["rationale"]
        )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return False
    return True


def _publish(request: HttpRequest, rfp: RFP) -> HttpResponse:
    try:
        published = services.shortlist_publish(rfp=rfp, by=request.user)
    except ValidationError as error:
        messages.info(request, _("The shortlist is saved as a draft, but it was not published:"))
        for message in error.messages:
            messages.error(request, message)
        return redirect("reports:shortlist", ref=rfp.reference)
    executives = len([u for u in selectors.executives(rfp) if u.email])
    messages.success(
        request,
        ngettext(
            "Shortlist published: %(ref)s is decided and %(n)s executive was notified by e-mail.",
            "Shortlist published: %(ref)s is decided and %(n)s executives were notified by e-mail.",
            executives,
        )
        % {"ref": rfp.reference, "n": executives},
    )
    return redirect(_dashboard_url(published.rfp))


# --- promotion ---------------------------------------------------------------------------------


@login_required
def promote(request: HttpRequest, ref: str) -> HttpResponse:
    rfp, _can_write = get_report_rfp(request.user, ref, write=True)
    saved = selectors.shortlist_of(rfp)
    if rfp.status != Status.DECIDED or saved is None or not saved.is_published:
        messages.error(request, _("Only a published shortlist can be promoted into a new RFP."))
        return redirect("reports:shortlist", ref=rfp.reference)
    bank = [(s.key, s.title) for s in bank_sections_with_counts()]
    initial = {
        "title": rfp.title,
        "deadline": (timezone.localtime() + timezone.timedelta(days=PROMOTE_DEADLINE_DAYS)).replace(
            minute=0, second=0, microsecond=0
        ),
    }
    form = PromoteForm(request.POST or None, initial=initial, bank_sections=bank)
    if request.method == "POST" and form.is_valid():
        try:
            promoted = services.shortlist_promote(
                rfp=rfp,
                by=request.user,
                title=form.cleaned_data["title"],
                deadline=form.cleaned_data["deadline"],
                questions=form.cleaned_data["questions"],
                bank_sections=form.cleaned_data["bank_sections"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _(
                    "%(new)s is a draft RFP promoted from %(ref)s, with %(n)s shortlisted vendors invited. "
                    "Review it, then publish."
                )
                % {"new": promoted.reference, "ref": rfp.reference, "n": saved.entries.count()},
            )
            return redirect("rfp:detail", ref=promoted.reference)
    context = {"rfp": rfp, "shortlist": saved, "form": form, "can_write": True, "tab": "shortlist"}
    return render(request, "reports/promote.html", context)


# --- downloads ---------------------------------------------------------------------------------


@login_required
@require_GET
def report_pdf(request: HttpRequest, ref: str) -> HttpResponse:
    """Asks for the executive PDF: made in the background (a worker), reused while nothing it
    shows has changed. Answers at once with the job's page, which shows the progress."""
    rfp, _can_write = get_report_rfp(request.user, ref)
    form = ReportForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose one of the offered languages for the report."))
        return redirect(_dashboard_url(rfp))
    params = {"language": form.cleaned_data["lang"] or _report_language(), "appendix": form.cleaned_data["appendix"]}
    return _ask_for(request, rfp, KIND_PDF, params)


def _ask_for(request: HttpRequest, rfp: RFP, kind: str, params: dict) -> HttpResponse:
    """The job making this file: reused while nothing behind it changed, else a new one queued."""
    job = services.report_job_request(
        rfp=rfp, by=request.user, kind=kind, params=params, interface_language=get_language() or "en"
    )
    return redirect(reverse("reports:job", kwargs={"ref": rfp.reference, "job_id": job.pk}))


def _report_job(request: HttpRequest, ref: str, job_id: int) -> tuple[RFP, Job]:
    return get_report_job(request.user, ref, job_id)


@login_required
@require_GET
def report_job(request: HttpRequest, ref: str, job_id: int) -> HttpResponse:
    """Where a report is: waiting, in progress (step n of m), ready to download, or failed. The
    status part refreshes itself (htmx) until the job is finished."""
    rfp, job = _report_job(request, ref, job_id)
    template = "reports/_job_status.html" if request.htmx else "reports/job.html"
    return render(request, template, {"rfp": rfp, "job": job, "tab": "dashboard"})


@login_required
@require_GET
def report_job_file(request: HttpRequest, ref: str, job_id: int) -> HttpResponse:
    """The finished file, after the access check; nothing while the job is not done."""
    rfp, job = _report_job(request, ref, job_id)
    return job_file_response(request, rfp, job)


def job_file_response(request: HttpRequest, rfp: RFP, job: Job, channel: str = "") -> HttpResponse:
    """A finished report's file, its prices' reading logged; 404 while the job is not done. The
    web page and the API (`channel`, named in the log) serve it alike."""
    if job.status != JobStatus.DONE or not job.file:
        raise Http404("The file is not ready.")
    where = "report PDF" if job.kind == KIND_PDF else "score matrix"
    _log_prices_read(request, rfp, f"{where} ({channel})" if channel else where)
    response = FileResponse(
        job.file.open("rb"), as_attachment=True, filename=job.file_name, content_type=job.content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _log_prices_read(request: HttpRequest, rfp: RFP, where: str) -> None:
    log_bid_prices_read(actor=request.user, rfp=rfp, vendors=selectors.vendors_with_open_prices(rfp), where=where)


@login_required
@require_GET
def scores_xlsx(request: HttpRequest, ref: str) -> HttpResponse:
    """Asks for the Excel score matrix: made in the background like the PDF."""
    rfp, _can_write = get_report_rfp(request.user, ref)
    return _ask_for(request, rfp, KIND_XLSX, {"language": get_language() or "en"})
