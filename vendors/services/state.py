"""The state every write of the vendor portal checks first, on the server: whether the RFP still
takes changes (`require_open`: the deadline above all) and whether the response does
(`require_changeable`: not while it is submitted), and the errors that say why not."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rfp.models import RFP, Status
from vendors.models import Response, ResponseStatus


class ResponseClosed(ValidationError):
    """The deadline has passed or the RFP is not open: nothing about the response may change."""


class ResponseLocked(ValidationError):
    """The response is submitted: it must be reopened before answers change."""


def local_datetime(value: datetime) -> str:
    """A moment as the signed-in user reads it: in their time zone, which the middleware activated."""
    return f"{date_format(timezone.localtime(value), 'j M Y, H:i')} ({timezone.get_current_timezone_name()})"


def require_open(rfp: RFP) -> None:
    """Refuse any change to responses once the deadline has passed or the RFP is not open."""
    if timezone.now() >= rfp.deadline:
        raise ResponseClosed(
            _("The deadline passed at %(deadline)s; no changes are accepted.")
            % {"deadline": local_datetime(rfp.deadline)}
        )
    if rfp.status != Status.OPEN:
        raise ResponseClosed(
            _("This %(kind)s is %(status)s; no changes are accepted.")
            % {"kind": rfp.kind, "status": rfp.get_status_display().lower()}
        )


def open_entry(response: Response):
    """The response's place in an open best-and-final round, or None: one query."""
    from negotiation.selectors import open_entry as entry_of

    return entry_of(response)


def require_changeable(response: Response) -> None:
    """Whether files and workbook uploads may change the response. In a best-and-final round the
    vendor revises answers on the answer pages (negotiation.services.require_revisable)."""
    if response.rfp.status != Status.OPEN and open_entry(response) is not None:
        raise ResponseLocked(
            _(
                "Files stay as submitted in a best-and-final round; "
                "revise your answers online and explain any change in a comment."
            )
        )
    require_open(response.rfp)
    if response.status == ResponseStatus.SUBMITTED:
        raise ResponseLocked(
            _("This response has been submitted and its answers are locked. Reopen it to make changes.")
        )
