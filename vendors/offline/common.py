"""What the offline workbook's writer and reader share: the sheet names and columns (which the
import finds by name and position), the read-only flags the key holds per question, the questions
in their order, and the comparable form of an answer whose digest the key signs."""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from rfp.models import RFP, Question, QuestionType
from vendors.models import Answer, AnswerState, Response
from vendors.services import open_entry, require_changeable

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# The visible sheets are named in the questionnaire's language; an upload finds them by their name
# in any language the product speaks. The hidden sheets keep one name.
INSTRUCTIONS_SHEET = gettext_noop("Instructions")
ANSWERS_SHEET = gettext_noop("Answers")
LISTS_SHEET = "_lists"
KEY_SHEET = "_key"


def sheet_names(name: str) -> set[str]:
    """A visible sheet's name in every language the product speaks."""
    names = {name}
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            names.add(_(name))
    return names


COLUMN_IDS = ("key", "section", "question", "type", "required", "guidance", "unit", "answer", "comment")
COLUMN_WIDTHS = (14, 22, 60, 14, 10, 48, 10, 34, 34)
KEY_COL, ANSWER_COL, COMMENT_COL = 1, COLUMN_IDS.index("answer") + 1, COLUMN_IDS.index("comment") + 1
EXCEL_CELL_LIMIT = 32767

# Per-question flags in the key: parts of the row the import must not read.
ANSWER_READ_ONLY = 1  # file questions (attachments go through the portal), answers too long for a cell
COMMENT_READ_ONLY = 2  # comments too long for a cell


@dataclass(frozen=True)
class _Cell:
    """A cell as read from the upload, detached from openpyxl."""

    value: Any
    data_type: str
    number_format: str


@dataclass(frozen=True)
class _Current:
    state: str
    value: Any
    comment: str
    version: int


def refusal_reason(response: Response) -> str | None:
    """Why answers cannot change right now (checked on the server), or None when they can. The
    portal's own rule decides, so the workbook and the online form refuse the same things."""
    entry = _round_entry(response)
    try:
        if entry is not None:
            from negotiation.services import require_revisable

            require_revisable(entry)
        else:
            require_changeable(response)
    except ValidationError as refusal:
        return " ".join(refusal.messages)
    return None


def _round_entry(response: Response):
    """The response's place in an open best-and-final round: the workbook then reads and writes
    the vendor's revisions, as the answer pages do."""
    return open_entry(response) if response.pk is not None else None


def workbook_filename(response: Response) -> str:
    return f"{response.rfp.reference}-{response.vendor.slug}-answers.xlsx"


def questions_in_order(rfp: RFP) -> list[Question]:
    return list(
        Question.objects.filter(section__rfp=rfp)
        .select_related("section")
        .order_by("section__order", "section__id", "order", "id")
    )


def _answers_by_question(response: Response) -> dict:
    """The answers as the vendor sees them: in an open round, its revisions stand in for them."""
    if response.pk is None:
        return {}
    answers = {answer.question_id: answer for answer in Answer.objects.filter(response=response)}
    entry = _round_entry(response)
    if entry is not None:
        from negotiation.selectors import revisions_by_question

        answers |= revisions_by_question(entry)
    return answers


def _current(answer: Answer | None) -> _Current:
    if answer is None:
        return _Current(AnswerState.BLANK, None, "", 0)
    return _Current(answer.state, answer.value, answer.comment or "", answer.version)


def _clean_text(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text.replace("\r\n", "\n")).strip()


def _normal(question: Question, state: str, value: Any, comment: str) -> tuple:
    """A comparable form of an answer, so that 12 and 12.0, or CRLF and LF, count as the same."""
    if value is None:
        normal_value = None
    elif question.type in (QuestionType.NUMBER, QuestionType.PERCENTAGE):
        try:
            normal_value = float(value)
        except (TypeError, ValueError):
            normal_value = str(value)
    elif isinstance(value, list):
        normal_value = [str(item) for item in value]
    else:
        normal_value = _clean_text(str(value))
    return (state, normal_value, _clean_text(comment or ""))


def _digest(question: Question, state: str, value: Any, comment: str) -> str:
    text = json.dumps(_normal(question, state, value, comment), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def column_titles() -> list[str]:
    return [
        _("Key"),
        _("Section"),
        _("Question"),
        _("Type"),
        _("Required"),
        _("Guidance"),
        _("Unit"),
        _("Answer"),
        _("Comment"),
    ]


def _safe_text(cell, text: str) -> None:
    """Write buyer-written text so that Excel shows it and never runs it as a formula."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", text)
    if cell.data_type == "f":
        cell.data_type = "s"
