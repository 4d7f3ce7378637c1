"""What the vendor portal's views and the buyer's views about vendors share: a service's refusal
put on a form, and a private file served as a download."""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest

from rfp.audit import log_bid_file_opened


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _private_download(request: HttpRequest, item, name: str) -> FileResponse:
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("The file is missing.") from None
    if request.user.is_buyer:
        log_bid_file_opened(actor=request.user, attachment=item)
    file_response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=item.content_type or "application/octet-stream",
    )
    file_response["X-Content-Type-Options"] = "nosniff"
    file_response["Cache-Control"] = "private, no-store"
    return file_response
