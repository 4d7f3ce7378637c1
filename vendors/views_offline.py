"""The vendor's offline Excel round trip on the web: download the workbook, upload it, see a
preview of every change, confirm.

Nothing an upload holds is saved before the vendor confirms the preview. Until then the file waits
in a private folder under MEDIA_ROOT (never served), named by a random token that only this
session knows; the confirm step checks the whole file again and saves it in one transaction
(vendors.offline.apply_workbook, the same function `import_response` uses).
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from jobs import services as jobs
from jobs.models import Job
from rfp.models import Question
from vendors import offline
from vendors.access import get_response_for_user
from vendors.models import Answer, AnswerState, Response
from vendors.tasks import KIND_IMPORT
from vendors.tasks import enqueue as enqueue_import


class OfflineUploadForm(forms.Form):
    workbook = forms.FileField(
        label=gettext_lazy("Completed workbook (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_workbook(self) -> UploadedFile:
        upload = self.cleaned_data["workbook"]
        limit = settings.MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("The file is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": f"{upload.size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"}
            )
        return upload


def _response(request: HttpRequest, ref: str) -> Response:
    response, _can_write = get_response_for_user(request.user, ref)
    return response


def _session_key(response: Response) -> str:
    return f"offline-upload:{response.rfp.reference}"


def _changes_key(response: Response) -> str:
    return f"offline-upload-changes:{response.rfp.reference}"


def _forget_pending(request: HttpRequest, response: Response) -> None:
    offline.drop_stash(request.session.pop(_session_key(response), None))
    request.session.pop(_changes_key(response), None)


def _upload_url(response: Response) -> str:
    return reverse("vendors:offline_upload", kwargs={"ref": response.rfp.reference})


def _page_context(response: Response, **extra) -> dict:
    rfp = response.rfp
    answers = Answer.objects.filter(response=response).exclude(state=AnswerState.BLANK)
    return {
        "rfp": rfp,
        "response": response,
        "vendor": response.vendor,
        "refusal": offline.refusal_reason(response),
        "question_count": Question.objects.filter(section__rfp=rfp).count(),
        "answered_count": answers.count(),
        "max_upload_mb": f"{settings.MAX_UPLOAD_BYTES / 1048576:.0f}",
        **extra,
    }


@login_required
def offline_download(request: HttpRequest, ref: str) -> HttpResponse:
    response = _response(request, ref)
    content = offline.build_workbook(response, tz_name=request.user.timezone)
    reply = HttpResponse(content, content_type=offline.XLSX_CONTENT_TYPE)
    reply["Content-Disposition"] = content_disposition_header(True, offline.workbook_filename(response))
    reply["Cache-Control"] = "private, no-store"
    return reply


@login_required
def offline_upload(request: HttpRequest, ref: str) -> HttpResponse:
    """GET: the page with the download and the upload form. POST: check the file and show the preview."""
    response = _response(request, ref)
    form = OfflineUploadForm()
    if request.method == "POST":
        refusal = offline.refusal_reason(response)
        if refusal:
            messages.error(request, refusal)
            return redirect(_upload_url(response))
        form = OfflineUploadForm(request.POST, request.FILES)
        if form.is_valid():
            content = b"".join(form.cleaned_data["workbook"].chunks())
            check = offline.check_workbook(response=response, content=content)
            return _preview(request, response, check, content)
    return render(request, "vendors/offline_upload.html", _page_context(response, form=form))


def _preview(request: HttpRequest, response: Response, check: offline.OfflineCheck, content: bytes | None):
    """The preview page; a clean upload with changes waits in the stash for the confirm step."""
    _forget_pending(request, response)
    token = None
    if check.ok and check.changes and content is not None:
        token = offline.stash_upload(content)
        request.session[_session_key(response)] = token
        request.session[_changes_key(response)] = len(check.changes)
    context = _page_context(response, check=check, token=token, form=OfflineUploadForm())
    return render(request, "vendors/offline_preview.html", context)


@login_required
def offline_confirm(request: HttpRequest, ref: str) -> HttpResponse:
    """Save the previewed upload, after checking it all again. Refused as a whole on any problem."""
    response = _response(request, ref)
    if request.method != "POST":
        return redirect(_upload_url(response))
    token = request.POST.get("token", "")
    pending = request.session.get(_session_key(response))
    content = offline.read_stash(token) if token and token == pending else None
    if content is None:
        messages.error(request, _("This preview has expired or was already saved. Upload the workbook again."))
        return redirect(_upload_url(response))
    if request.session.get(_changes_key(response), 0) >= settings.OFFLINE_BACKGROUND_CHANGES:
        return _import_in_background(request, response, token)
    try:
        check = offline.apply_workbook(response=response, content=content, by=request.user)
    except offline.WorkbookRefused as refused:
        messages.error(request, _("Nothing was saved: the workbook no longer passes the checks."))
        return _preview(request, response, refused.check, content=None)
    _forget_pending(request, response)
    if check.changes:
        messages.success(
            request,
            ngettext(
                "Saved %(count)s answer from your workbook.",
                "Saved %(count)s answers from your workbook.",
                len(check.changes),
            )
            % {"count": len(check.changes)},
        )
    else:
        messages.info(request, _("No changes: the workbook matches your saved answers."))
    return redirect(_upload_url(response))


def _import_in_background(request: HttpRequest, response: Response, token: str) -> HttpResponse:
    """A large workbook is saved by a worker; the vendor watches its progress on the job's page.
    The stash now belongs to the job (the worker removes it once saved)."""
    interface = get_language() or "en"
    job = jobs.job_request(
        kind=KIND_IMPORT,
        rfp=response.rfp,
        by=request.user,
        params={"response": response.pk, "token": token},
        fingerprint=token,
        enqueue=lambda job_id: enqueue_import(job_id, interface),
    )
    request.session.pop(_session_key(response), None)
    request.session.pop(_changes_key(response), None)
    return redirect(reverse("vendors:offline_job", kwargs={"ref": response.rfp.reference, "job_id": job.pk}))


@login_required
@require_GET
def offline_job(request: HttpRequest, ref: str, job_id: int) -> HttpResponse:
    """Where a large workbook's import is: waiting, in progress, saved, or refused with the reason.
    Only the company's own people see it; the status part refreshes itself until it is finished."""
    response = _response(request, ref)
    job = get_object_or_404(Job, pk=job_id, kind=KIND_IMPORT, rfp=response.rfp, params__response=response.pk)
    jobs.reap_stale(Job.objects.filter(pk=job.pk))
    job.refresh_from_db()
    template = "vendors/_offline_job_status.html" if request.htmx else "vendors/offline_job.html"
    return render(request, template, _page_context(response, job=job))
