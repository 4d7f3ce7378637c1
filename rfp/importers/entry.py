"""The entry points of the questionnaire import: `read_questionnaire_file` turns a .json or .xlsx
file into a checked document, and `import_questionnaire` turns a checked document into a new
draft RFP, all of it or nothing."""

import datetime
import re
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rfp.audit import audit_log
from rfp.importers.common import ImportProblems
from rfp.importers.document import default_deadline, document_problems, parse_json, rfp_fields, validation_messages
from rfp.importers.workbook import parse_workbook
from rfp.models import RFP
from rfp.services import rfp_create_from_data

EXTENSIONS = (".json", ".xlsx")
REFERENCE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
RESERVED_REFERENCES = {"new", "bank"}  # fixed paths under /rfps/ that a reference would shadow


def read_questionnaire_file(filename: str, content: bytes) -> dict:
    """The questionnaire document in a .json or .xlsx file; ImportProblems if it cannot be imported."""
    extension = PurePath(filename or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise ImportProblems(
            [
                _("Choose a .json or .xlsx file exported from Shortlist (this one is %(name)s).")
                % {"name": PurePath(filename or "?").name}
            ]
        )
    if len(content) > settings.MAX_UPLOAD_BYTES:
        raise ImportProblems([too_big_message(len(content))])
    document = parse_json(content) if extension == ".json" else parse_workbook(content)
    problems = document_problems(document)
    if problems:
        raise ImportProblems(problems)
    return document


def too_big_message(size: int) -> str:
    return _("The file is %(size)s MB; the limit is %(limit)s MB.") % {
        "size": f"{size / 1024 / 1024:.1f}",
        "limit": f"{settings.MAX_UPLOAD_BYTES / 1024 / 1024:.1f}",
    }


@transaction.atomic
def import_questionnaire(
    *,
    document: dict,
    by,
    title: str | None = None,
    deadline: datetime.datetime | None = None,
    reference: str | None = None,
    filename: str = "",
) -> RFP:
    """A new draft RFP owned by `by` from a checked document: all of it or nothing."""
    problems = document_problems(document) + (reference_problems(reference) if reference else [])
    if problems:
        raise ImportProblems(problems)
    fields = rfp_fields(document, title=title, deadline=deadline or default_deadline())
    try:
        rfp = rfp_create_from_data(by=by, data=document, reference=reference or None, **fields)
    except ValidationError as error:
        raise ImportProblems(validation_messages(error)) from None
    audit_log(
        action="questionnaire.imported",
        actor=by,
        rfp=rfp,
        obj=rfp,
        after={"source": document.get("source"), "file": PurePath(filename).name if filename else ""},
    )
    return rfp


def reference_problems(reference: str) -> list[str]:
    if not REFERENCE_PATTERN.match(reference) or reference.lower() in RESERVED_REFERENCES:
        return [
            _("The reference %(ref)r must be up to 32 letters, digits, dots, dashes or underscores, e.g. RFP-2027-004.")
            % {"ref": reference}
        ]
    if RFP.objects.filter(reference=reference).exists():
        return [_("An RFP with the reference %(ref)s already exists.") % {"ref": reference}]
    return []
