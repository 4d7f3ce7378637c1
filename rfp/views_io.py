"""Downloading a questionnaire (JSON or Excel) and importing one as a new draft RFP.

An RFP's questionnaire can be downloaded by every buyer member of it; the question bank and the
import page belong to procurement users. An import saves all of the file or nothing, and a bad
file gets the list of its problems (sheet, row, column) on the same page.
"""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from rfp.access import get_rfp_for_user
from rfp.exporters import EXPORTERS, QuestionnaireExporter, bank_document, rfp_document
from rfp.importers import EXTENSIONS, ImportProblems, import_questionnaire, read_questionnaire_file, too_big_message

PROBLEMS_SHOWN = 50


def _download(exporter: QuestionnaireExporter) -> HttpResponse:
    filename, content_type, content = exporter.generate()
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


def _exporter_class(fmt: str) -> type[QuestionnaireExporter]:
    if fmt not in EXPORTERS:
        raise Http404("No such format.")
    return EXPORTERS[fmt]


@login_required
@require_GET
def export_questionnaire(request: HttpRequest, ref: str, fmt: str) -> HttpResponse:
    rfp, _can_write = get_rfp_for_user(request.user, ref)
    return _download(_exporter_class(fmt)(rfp_document(rfp)))


@login_required
@require_GET
def export_bank(request: HttpRequest, fmt: str) -> HttpResponse:
    if not request.user.is_procurement:
        raise Http404
    return _download(_exporter_class(fmt)(bank_document()))


class QuestionnaireUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Questionnaire file"),
        help_text=gettext_lazy("A .json or .xlsx file exported from Shortlist, edited or not."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Leave empty to keep the title in the file."),
    )
    deadline = forms.DateTimeField(
        label=gettext_lazy("Response deadline"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "class": "form-control"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("Leave empty for three weeks from now; you can change it before publishing."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Choose a .json or .xlsx file."))
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(too_big_message(upload.size))
        return upload

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline is not None and deadline <= timezone.now():
            raise forms.ValidationError(_("The deadline must be in the future."))
        return deadline


@login_required
def import_questionnaire_page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_procurement:
        raise Http404
    form = QuestionnaireUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document = read_questionnaire_file(upload.name, upload.read())
            rfp = import_questionnaire(
                document=document,
                by=request.user,
                title=form.cleaned_data["title"],
                deadline=form.cleaned_data["deadline"],
                filename=upload.name,
            )
        except ImportProblems as error:
            problems = error.problems
        else:
            count = sum(len(s.get("questions") or []) for s in document["sections"])
            messages.success(
                request,
                _("%(ref)s created as a draft from %(file)s: %(questions)s questions in %(sections)s sections.")
                % {
                    "ref": rfp.reference,
                    "file": PurePath(upload.name).name,
                    "questions": count,
                    "sections": len(document["sections"]),
                },
            )
            return redirect("rfp:detail", ref=rfp.reference)
    context = {
        "form": form,
        "problems": problems[:PROBLEMS_SHOWN],
        "more_problems": max(0, len(problems) - PROBLEMS_SHOWN),
        "problem_count": len(problems),
        "max_upload_mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "rfp/_io_import.html", context)
