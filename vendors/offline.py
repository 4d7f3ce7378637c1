"""The vendor's offline Excel workbook: build it, read an upload back, check it, apply it.

A vendor can answer in Excel instead of the portal. The workbook is personalised for one RFP and
one vendor and carries a very hidden "_key" sheet, signed with the SECRET_KEY, that names the RFP,
the vendor, the questionnaire version and, per question, the answer version and a digest of the
answer as exported. The signature detects tampering; the per-question versions let an import
keep an answer a colleague changed online after the download instead of silently reverting it.

Uploads are untrusted zip archives. `check_workbook` inspects the archive before inflating
anything (size, entry count, declared sizes, compression ratios, DOCTYPE/ENTITY declarations),
then reads it with openpyxl (which parses through defusedxml when it is installed, see
`openpyxl.xml.functions`), then checks every answer with `clean_answer`, the validator the online
form uses. It writes nothing. `apply_workbook` runs the same check again inside one transaction
and saves all the changes or none. The web upload and `import_response` both go through these two
functions, so both accept and refuse exactly the same files.
"""

import datetime
import hashlib
import io
import json
import logging
import re
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from config.xlsx_safety import workbook_problems
from rfp.audit import audit_log
from rfp.models import RFP, Question, QuestionType
from vendors.answer_values import FORMULA_PREFIXES, clean_answer, clean_comment, display_value, excel_safe
from vendors.models import Answer, AnswerState, Response
from vendors.services import require_changeable

logger = logging.getLogger(__name__)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Sheet names are never translated: the import finds the sheets by these names.
INSTRUCTIONS_SHEET = "Instructions"
ANSWERS_SHEET = "Answers"
LISTS_SHEET = "_lists"
KEY_SHEET = "_key"
KEY_FORMAT = 1
KEY_SALT = "vendors.offline.workbook"
KEY_QUESTIONS_ROW = 10  # the first question row on the key sheet

COLUMN_IDS = ("key", "section", "question", "type", "required", "guidance", "unit", "answer", "comment")
COLUMN_WIDTHS = (14, 22, 60, 14, 10, 48, 10, 34, 34)
KEY_COL, ANSWER_COL, COMMENT_COL = 1, COLUMN_IDS.index("answer") + 1, COLUMN_IDS.index("comment") + 1
EXCEL_CELL_LIMIT = 32767

# Per-question flags in the key: parts of the row the import must not read.
ANSWER_READ_ONLY = 1  # file questions (attachments go through the portal), answers too long for a cell
COMMENT_READ_ONLY = 2  # comments too long for a cell

INK, ACCENT, SOFT = "1D2A3A", "14324A", "E3F1F6"
HEADER_FILL = PatternFill("solid", fgColor=ACCENT)
INPUT_HEADER_FILL = PatternFill("solid", fgColor="0F6E8C")
MISSING_FILL = PatternFill("solid", fgColor="FDE2D8", bgColor="FDE2D8")
SECTION_FILL = PatternFill("solid", fgColor=SOFT)
LOCKED_FILL = PatternFill("solid", fgColor="F5F7FA")
INPUT_FILL = PatternFill("solid", fgColor="FFF8DB")
THIN = Side(style="thin", color="C9D3DD")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)

STASH_DIR = "offline-uploads"
STASH_MAX_AGE_SECONDS = 24 * 3600
STASH_TOKEN = re.compile(r"^[0-9a-f]{32}$")


class WorkbookRefused(ValidationError):
    """The workbook cannot be applied; `check` holds every problem and what would have changed."""

    def __init__(self, check: "OfflineCheck"):
        super().__init__(check.problems)
        self.check = check


@dataclass(frozen=True)
class AnswerChange:
    question: Question
    row: int
    state: str
    value: Any
    comment: str
    before: str
    after: str
    comment_before: str
    comment_after: str

    @property
    def answer_changed(self) -> bool:
        return self.before != self.after

    @property
    def comment_changed(self) -> bool:
        return self.comment_before != self.comment_after


@dataclass
class OfflineCheck:
    """What an uploaded workbook would change, and everything wrong with it. Nothing is saved."""

    problems: list[str] = field(default_factory=list)
    changes: list[AnswerChange] = field(default_factory=list)
    unchanged: int = 0
    kept_online: list[str] = field(default_factory=list)
    refused: bool = False  # refused before reading (submitted, deadline passed, not open)

    @property
    def ok(self) -> bool:
        return not self.problems


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


# --- shared helpers ---------------------------------------------------------------------------


def refusal_reason(response: Response) -> str | None:
    """Why answers cannot change right now (checked on the server), or None when they can. The
    portal's own rule decides, so the workbook and the online form refuse the same things."""
    try:
        require_changeable(response)
    except ValidationError as refusal:
        return " ".join(refusal.messages)
    return None


def workbook_filename(response: Response) -> str:
    return f"{response.rfp.reference}-{response.vendor.slug}-answers.xlsx"


def questions_in_order(rfp: RFP) -> list[Question]:
    return list(
        Question.objects.filter(section__rfp=rfp)
        .select_related("section")
        .order_by("section__order", "section__id", "order", "id")
    )


def _answers_by_question(response: Response) -> dict[int, Answer]:
    if response.pk is None:
        return {}
    return {answer.question_id: answer for answer in Answer.objects.filter(response=response)}


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


def _utc_text(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M")


def _zone(tz_name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(tz_name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


# --- building the workbook ----------------------------------------------------------------------


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


def _vendor_text(text: str) -> str:
    """A vendor's text for a cell: a leading =, +, - or @ gets a quote (reversed on import).

    Unlike every read-only copy of vendor text, it is not isolated (config.text_rules.isolate):
    the cell is the vendor's own answer, edited and sent back, and invisible isolates would come
    back inside it; a cell is a paragraph of its own, so nothing outside it can be reordered."""
    return excel_safe(ILLEGAL_CHARACTERS_RE.sub("", text))


def _unguard(text: str) -> str:
    """Undo `excel_safe`: the quote it put before a formula character is not part of the answer."""
    if len(text) > 1 and text[0] == "'" and text[1] in "".join(FORMULA_PREFIXES):
        return text[1:]
    return text


def _too_long(text: str) -> bool:
    # The quote excel_safe may add counts too.
    return len(text) + 1 > EXCEL_CELL_LIMIT


def _answer_cell_value(question: Question, current: _Current) -> Any:
    if current.state == AnswerState.NOT_APPLICABLE:
        return _("N/A")
    value = current.value
    if value is None:
        return None
    if question.type in (QuestionType.NUMBER, QuestionType.PERCENTAGE):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return _vendor_text(str(value))
        return int(number) if number.is_integer() else number
    if question.type == QuestionType.DATE:
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            return _vendor_text(str(value))
    return _vendor_text(display_value(value))


def _guidance(question: Question) -> str:
    lines = [question.guidance.strip()] if question.guidance.strip() else []
    labels = "; ".join(question.choice_labels)
    if question.type == QuestionType.MULTI_CHOICE:
        lines.append(_("Choose one or more, separated by semicolons: %(choices)s") % {"choices": labels})
    elif question.type in (QuestionType.YES_NO, QuestionType.SINGLE_CHOICE):
        lines.append(_("Choose one from the list: %(choices)s") % {"choices": labels})
    elif question.type == QuestionType.NUMBER:
        lines.append(_("A number, zero or more, without the unit."))
    elif question.type == QuestionType.PERCENTAGE:
        lines.append(_("A number from 0 to 100 (type 35 for 35 %)."))
    elif question.type == QuestionType.DATE:
        lines.append(_("A date, for example 2027-03-31."))
    elif question.type == QuestionType.FILE:
        lines.append(_("Attach the file in the online portal; it cannot be sent in this workbook."))
    if question.word_limit:
        lines.append(_("Up to %(limit)s words.") % {"limit": question.word_limit})
    if not question.required and question.type != QuestionType.FILE:
        lines.append(_("Optional: type N/A if it does not apply to you."))
    return "\n".join(lines)


class _Validations:
    """Data validations for the Answer column, one per kind of check (one per list for choices)."""

    def __init__(self, sheet, lists_sheet):
        self.sheet = sheet
        self.lists_sheet = lists_sheet
        self.shared: dict[tuple, DataValidation] = {}
        self.list_row = 0

    def _make(self, **kwargs) -> DataValidation:
        validation = DataValidation(allow_blank=True, showErrorMessage=True, showInputMessage=True, **kwargs)
        self.sheet.add_data_validation(validation)
        return validation

    def _shared(self, name: tuple, **kwargs) -> DataValidation:
        if name not in self.shared:
            self.shared[name] = self._make(**kwargs)
        return self.shared[name]

    def add(self, question: Question, cell) -> None:
        optional = not question.required
        # Optional questions accept N/A, so Excel only warns instead of refusing it.
        style = "warning" if optional else "stop"
        qtype = question.type
        if qtype in (QuestionType.YES_NO, QuestionType.SINGLE_CHOICE):
            self._list(question, optional).add(cell)
        elif qtype == QuestionType.NUMBER:
            self._shared(
                ("number", optional),
                type="decimal",
                operator="greaterThanOrEqual",
                formula1="0",
                errorStyle=style,
                errorTitle=_("Not a number"),
                error=_("Enter a number, zero or more, without the unit."),
                promptTitle=_("Number"),
                prompt=_("A number, zero or more, without the unit."),
            ).add(cell)
        elif qtype == QuestionType.PERCENTAGE:
            self._shared(
                ("percentage", optional),
                type="decimal",
                operator="between",
                formula1="0",
                formula2="100",
                errorStyle=style,
                errorTitle=_("Not a percentage"),
                error=_("Enter a number from 0 to 100 (35 for 35 %)."),
                promptTitle=_("Percentage"),
                prompt=_("A number from 0 to 100 (35 for 35 %)."),
            ).add(cell)
        elif qtype == QuestionType.DATE:
            self._shared(
                ("date", optional),
                type="date",
                operator="between",
                formula1="DATE(1990,1,1)",
                formula2="DATE(2100,12,31)",
                errorStyle=style,
                errorTitle=_("Not a date"),
                error=_("Enter a date, for example 2027-03-31."),
                promptTitle=_("Date"),
                prompt=_("A date, for example 2027-03-31."),
            ).add(cell)
        elif qtype == QuestionType.MULTI_CHOICE:
            prompt = _("One or more of: %(choices)s. Separate them with semicolons.") % {
                "choices": "; ".join(question.choice_labels)
            }
            self._make(promptTitle=_("Multiple choice"), prompt=prompt[:250]).add(cell)

    def _list(self, question: Question, optional: bool) -> DataValidation:
        # The labels go on a hidden sheet: an inline list breaks on commas and stops at 255 characters.
        self.list_row += 1
        labels = question.choice_labels + ([_("N/A")] if optional else [])
        _safe_text(self.lists_sheet.cell(row=self.list_row, column=1), question.key)
        for index, label in enumerate(labels, start=2):
            _safe_text(self.lists_sheet.cell(row=self.list_row, column=index), label)
        last = get_column_letter(len(labels) + 1)
        return self._make(
            type="list",
            formula1=f"'{LISTS_SHEET}'!$B${self.list_row}:${last}${self.list_row}",
            errorStyle="stop",
            errorTitle=_("Not one of the choices"),
            error=_("Pick an answer from the drop-down list."),
            promptTitle=_("Choose from the list"),
            prompt=_("Pick an answer from the drop-down list."),
        )


def _style_header(sheet, titles: list[str]) -> None:
    for column, (title, width) in enumerate(zip(titles, COLUMN_WIDTHS, strict=True), start=1):
        cell = sheet.cell(row=1, column=column)
        _safe_text(cell, title)
        cell.font = Font(bold=True, color="FFFFFF")
        # The columns the vendor fills in stand out from the reference columns.
        cell.fill = INPUT_HEADER_FILL if column in (ANSWER_COL, COMMENT_COL) else HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        cell.border = BOX
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.row_dimensions[1].height = 24
    sheet.freeze_panes = "A2"


def _write_section_row(sheet, row: int, title: str) -> None:
    for column in range(1, len(COLUMN_IDS) + 1):
        cell = sheet.cell(row=row, column=column)
        cell.fill = SECTION_FILL
        cell.border = BOX
    title_cell = sheet.cell(row=row, column=2)
    _safe_text(title_cell, title)
    title_cell.font = Font(bold=True, size=12, color=ACCENT)
    title_cell.alignment = Alignment(vertical="center")
    sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(COLUMN_IDS))
    sheet.row_dimensions[row].height = 22


def _write_question_row(sheet, row: int, question: Question, current: _Current, validations: _Validations) -> int:
    """One question's row; returns its read-only flags for the key."""
    values = [
        question.key,
        question.section.title,
        question.text,
        question.get_type_display(),
        _("Yes") if question.required else _("No"),
        _guidance(question),
        question.unit,
    ]
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        _safe_text(cell, str(value or ""))
        cell.alignment = WRAP_TOP
        cell.border = BOX
        cell.fill = LOCKED_FILL
    sheet.cell(row=row, column=KEY_COL).font = Font(name="Consolas", size=9, color="55606E")
    if question.required:
        sheet.cell(row=row, column=COLUMN_IDS.index("required") + 1).font = Font(bold=True)

    flags = 0
    answer_cell = sheet.cell(row=row, column=ANSWER_COL)
    comment_cell = sheet.cell(row=row, column=COMMENT_COL)
    value = _answer_cell_value(question, current)
    if question.type == QuestionType.FILE or (isinstance(value, str) and _too_long(value)):
        flags |= ANSWER_READ_ONLY
        _safe_text(
            answer_cell,
            _("Attach the file in the online portal.")
            if question.type == QuestionType.FILE
            else _("This answer is too long for an Excel cell: change it in the online portal."),
        )
        answer_cell.font = Font(italic=True, color="6B7B8C")
        answer_cell.fill = LOCKED_FILL
    else:
        answer_cell.value = value
        answer_cell.fill = INPUT_FILL
        answer_cell.protection = UNLOCKED
        if question.type == QuestionType.DATE:
            answer_cell.number_format = "yyyy-mm-dd"
        elif question.type not in (QuestionType.NUMBER, QuestionType.PERCENTAGE):
            # Text format stops Excel turning "1-2" into a date or "00123" into a number.
            answer_cell.number_format = "@"
        validations.add(question, answer_cell)
    comment = _vendor_text(current.comment)
    if _too_long(comment):
        flags |= COMMENT_READ_ONLY
        _safe_text(comment_cell, _("This comment is too long for an Excel cell: change it in the online portal."))
        comment_cell.fill = LOCKED_FILL
    else:
        comment_cell.value = comment or None
        comment_cell.number_format = "@"
        comment_cell.fill = INPUT_FILL
        comment_cell.protection = UNLOCKED
    for cell in (answer_cell, comment_cell):
        cell.alignment = WRAP_TOP
        cell.border = BOX
    return flags


def _write_answers(sheet, lists_sheet, response: Response, questions, answers) -> list[list]:
    """The Answers sheet; returns the key rows [question id, key, answer version, digest, flags]."""
    _style_header(sheet, column_titles())
    validations = _Validations(sheet, lists_sheet)
    key_rows = []
    row = 1
    section_id = None
    for question in questions:
        if question.section_id != section_id:
            section_id = question.section_id
            row += 1
            _write_section_row(sheet, row, question.section.title)
        row += 1
        current = _current(answers.get(question.pk))
        flags = _write_question_row(sheet, row, question, current, validations)
        digest = _digest(question, current.state, current.value, current.comment)
        key_rows.append([question.pk, question.key, current.version, digest, flags])
    _highlight_missing_required(sheet, last_row=row)
    sheet.protection.sheet = True
    # Vendors may still widen columns and rows to read long questions.
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    header = f"{response.rfp.reference} · {response.vendor.name}".replace("&", "&&")
    sheet.oddHeader.left.text = header
    sheet.oddFooter.right.text = _("Page &P of &N")
    return key_rows


def _highlight_missing_required(sheet, last_row: int) -> None:
    """Required answers still blank show in a warm colour, and lose it as the vendor fills them in."""
    if last_row < 2:
        return
    required = get_column_letter(COLUMN_IDS.index("required") + 1)
    answer = get_column_letter(ANSWER_COL)
    yes = _("Yes").replace('"', '""')
    rule = FormulaRule(formula=[f'AND(${required}2="{yes}",LEN(TRIM(${answer}2))=0)'], fill=MISSING_FILL)
    sheet.conditional_formatting.add(f"{answer}2:{answer}{last_row}", rule)


def _write_instructions(sheet, response: Response, question_count: int, tz_name: str) -> None:
    rfp = response.rfp
    zone = _zone(tz_name)
    local_deadline = timezone.localtime(rfp.deadline, zone)
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 100
    title = sheet.cell(row=1, column=1)
    _safe_text(title, _("Offline response workbook"))
    title.font = Font(bold=True, size=16, color=ACCENT)
    subtitle = sheet.cell(row=2, column=1)
    _safe_text(subtitle, f"{rfp.reference} · {rfp.title}")
    subtitle.font = Font(size=12, color=INK)
    facts = [
        (_("Buyer"), rfp.buyer),
        (_("Prepared for"), response.vendor.name),
        (_("Questions"), str(question_count)),
        (_("Questionnaire version"), str(rfp.questionnaire_version)),
        (_("Deadline (UTC)"), _utc_text(rfp.deadline)),
        (
            _("Deadline (%(zone)s)") % {"zone": zone.key},
            f"{local_deadline:%Y-%m-%d %H:%M} ({date_format(local_deadline, 'l')})",
        ),
        (_("Workbook made"), _utc_text(timezone.now()) + " UTC"),
    ]
    row = 4
    for label, value in facts:
        label_cell = sheet.cell(row=row, column=1)
        _safe_text(label_cell, label)
        label_cell.font = Font(bold=True, color="55606E")
        _safe_text(sheet.cell(row=row, column=2), value or "")
        row += 1
    row += 1
    heading = sheet.cell(row=row, column=1)
    _safe_text(heading, _("How to answer"))
    heading.font = Font(bold=True, size=13, color=ACCENT)
    steps = [
        _(
            "Enter each answer in the Answer column of the Answers sheet (the yellow cells). "
            "You may add a note in the Comment column."
        ),
        _("Only the Answer and Comment columns are read. Everything else is there for reference and is locked."),
        _("Do not rename the sheets, do not change the Key column, and do not add, move or delete rows."),
        _("Yes/no and single-choice questions: pick the answer from the drop-down list in the cell."),
        _(
            "Multiple-choice questions: type the choices separated by semicolons, for example "
            '"Voice; Email". The choices are listed in the Guidance column.'
        ),
        _("Numbers: type the number only, without the unit (the Unit column shows it). Numbers cannot be negative."),
        _("Percentages: a number from 0 to 100; type 35 for 35 %."),
        _("Dates: type a date such as 2027-03-31."),
        _("Optional questions (Required: No): type N/A when the question does not apply to you."),
        _("Formulas are not accepted in answers: type the values themselves."),
        _(
            "Text that begins with =, +, - or @ is shown with a leading apostrophe so that Excel never runs "
            "it as a formula. Leave the apostrophe: it is removed when you upload."
        ),
        _("Questions that need a file: attach the file in the online portal."),
        _(
            'When you are done, upload this workbook on the portal\'s "Answer offline in Excel" page. '
            "You will see every change before anything is saved."
        ),
        _(
            "Answers saved online after you downloaded this workbook are kept unless you changed the same "
            "answer here; if you did, the upload tells you which ones to resolve."
        ),
        _(
            "The deadline is enforced by the server: uploads after it are refused. A submitted response "
            "must be reopened before its answers can change."
        ),
    ]
    for number, step in enumerate(steps, start=1):
        row += 1
        number_cell = sheet.cell(row=row, column=1)
        number_cell.value = number
        number_cell.alignment = Alignment(horizontal="right", vertical="top")
        step_cell = sheet.cell(row=row, column=2)
        _safe_text(step_cell, step)
        step_cell.alignment = WRAP_TOP
    sheet.protection.sheet = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToHeight = 0


def _key_payload(response: Response, key_rows: list[list]) -> dict:
    return {
        "format": KEY_FORMAT,
        "rfp": response.rfp.reference,
        "vendor": response.vendor.slug,
        "version": response.rfp.questionnaire_version,
        "columns": column_titles(),
        "questions": key_rows,
    }


def _signature(payload: dict) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return salted_hmac(KEY_SALT, canonical, algorithm="sha256").hexdigest()


def _write_key(sheet, payload: dict) -> None:
    sheet.cell(row=1, column=1).value = "Shortlist offline workbook key: do not edit."
    fields = [
        ("format", payload["format"]),
        ("rfp", payload["rfp"]),
        ("vendor", payload["vendor"]),
        ("questionnaire_version", payload["version"]),
        ("columns", json.dumps(payload["columns"])),
        ("signature", _signature(payload)),
    ]
    for row, (name, value) in enumerate(fields, start=2):
        sheet.cell(row=row, column=1).value = name
        _write_plain(sheet.cell(row=row, column=2), value)
    for column, name in enumerate(("question_id", "key", "answer_version", "digest", "flags"), start=1):
        sheet.cell(row=KEY_QUESTIONS_ROW - 1, column=column).value = name
    for row, values in enumerate(payload["questions"], start=KEY_QUESTIONS_ROW):
        for column, value in enumerate(values, start=1):
            _write_plain(sheet.cell(row=row, column=column), value)
    sheet.protection.sheet = True
    sheet.sheet_state = "veryHidden"


def _write_plain(cell, value: Any) -> None:
    if isinstance(value, str):
        _safe_text(cell, value)
    else:
        cell.value = value


def build_workbook(response: Response, *, tz_name: str = "UTC") -> bytes:
    """The vendor's workbook for this response, pre-filled with its saved answers, as .xlsx bytes."""
    questions = questions_in_order(response.rfp)
    answers = _answers_by_question(response)
    workbook = openpyxl.Workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS_SHEET
    answers_sheet = workbook.create_sheet(ANSWERS_SHEET)
    lists_sheet = workbook.create_sheet(LISTS_SHEET)
    key_sheet = workbook.create_sheet(KEY_SHEET)

    _write_instructions(instructions, response, len(questions), tz_name)
    key_rows = _write_answers(answers_sheet, lists_sheet, response, questions, answers)
    lists_sheet.protection.sheet = True
    lists_sheet.sheet_state = "hidden"
    _write_key(key_sheet, _key_payload(response, key_rows))

    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.properties.creator = "Shortlist"
    workbook.properties.title = f"{response.rfp.reference} {response.vendor.name}"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- reading an upload ----------------------------------------------------------------------------


def _archive_problems(content: bytes) -> list[str]:
    """Everything wrong with the archive itself, found before a single entry is inflated for real."""
    return workbook_problems(content, max_bytes=settings.MAX_UPLOAD_BYTES)


def _read_cells(sheet, max_row: int, max_col: int) -> list[list[_Cell]]:
    rows = []
    for cells in sheet.iter_rows(min_row=1, max_row=max_row, max_col=max_col):
        row = [
            _Cell(getattr(c, "value", None), getattr(c, "data_type", "n"), getattr(c, "number_format", "General"))
            for c in cells
        ]
        rows.append(row + [_Cell(None, "n", "General")] * (max_col - len(row)))
    return rows


def _read_workbook(content: bytes, max_answer_rows: int, max_key_rows: int) -> tuple[list[str], dict]:
    """The sheet names and the cells we read, or a ValueError when openpyxl cannot read the file."""
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False, keep_links=False)
    try:
        names = list(workbook.sheetnames)
        cells = {}
        if ANSWERS_SHEET in names:
            cells[ANSWERS_SHEET] = _read_cells(workbook[ANSWERS_SHEET], max_answer_rows, len(COLUMN_IDS))
        if KEY_SHEET in names:
            cells[KEY_SHEET] = _read_cells(workbook[KEY_SHEET], max_key_rows, 5)
        return names, cells
    finally:
        workbook.close()


def _key_from_cells(rows: list[list[_Cell]]) -> dict | None:
    """The key payload and its signature as found on the sheet; None when it is not shaped like one."""

    def value(row: int, column: int = 2) -> Any:
        return rows[row - 1][column - 1].value if len(rows) >= row else None

    try:
        columns = json.loads(value(6) or "null")
        payload = {
            "format": value(2),
            "rfp": value(3),
            "vendor": value(4),
            "version": value(5),
            "columns": columns,
            "questions": [],
        }
        for row in rows[KEY_QUESTIONS_ROW - 1 :]:
            if row[0].value is None:
                break
            payload["questions"].append([cell.value for cell in row[:5]])
        return {"payload": payload, "signature": str(value(7) or "")}
    except (ValueError, TypeError, IndexError):
        return None


def _key_problems(key: dict | None, response: Response, questions: dict[int, Question]) -> list[str]:
    tampered = _(
        "The workbook's hidden key has been changed, so its answers cannot be trusted. Download a fresh "
        "workbook and enter your answers there."
    )
    if key is None:
        return [tampered]
    payload = key["payload"]
    if not constant_time_compare(_signature(payload), key["signature"]):
        return [tampered]
    if payload["format"] != KEY_FORMAT:
        return [_("This workbook was made by an older version of Shortlist. Download a fresh workbook.")]
    rfp = response.rfp
    if payload["rfp"] != rfp.reference:
        return [
            _("This workbook is for %(other)s, not for %(ref)s. Upload it on that RFP's page.")
            % {"other": payload["rfp"], "ref": rfp.reference}
        ]
    if payload["vendor"] != response.vendor.slug:
        return [_("This workbook was made for another vendor company; download your own workbook.")]
    if payload["version"] != rfp.questionnaire_version:
        return [
            _(
                "This workbook is for version %(old)s of the questionnaire, which is now at version %(new)s "
                "(an addendum changed it). Download a fresh workbook and copy your answers across."
            )
            % {"old": payload["version"], "new": rfp.questionnaire_version}
        ]
    for question_id, key_text, *_rest in payload["questions"]:
        question = questions.get(question_id)
        if question is None or question.key != key_text:
            return [_("The questionnaire has changed since this workbook was made. Download a fresh workbook.")]
    return []


def _where(row: int, key: str | None = None) -> str:
    if key:
        return _("%(sheet)s, row %(row)s (%(key)s)") % {"sheet": ANSWERS_SHEET, "row": row, "key": key}
    return _("%(sheet)s, row %(row)s") % {"sheet": ANSWERS_SHEET, "row": row}


def _raw_value(cell: _Cell, where: str, column: str) -> tuple[Any, str | None]:
    """The value the vendor typed, or a problem: formulas and Excel errors are refused."""
    value = cell.value
    if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
        return None, _("%(where)s: the %(column)s is a formula; formulas are not accepted, type the value itself.") % {
            "where": where,
            "column": column,
        }
    if cell.data_type == "e":
        return None, _("%(where)s: the %(column)s shows the Excel error %(error)s.") % {
            "where": where,
            "column": column,
            "error": value,
        }
    if isinstance(value, str):
        value = _unguard(value)
    return value, None


def _typed(question: Question, cell: _Cell, raw: Any) -> Any:
    """Excel's idea of a value, turned into what the vendor meant."""
    is_number = isinstance(raw, (int, float)) and not isinstance(raw, bool)
    if question.type == QuestionType.PERCENTAGE and is_number and "%" in (cell.number_format or ""):
        # Typing "35%" makes Excel store 0.35 with a percent format.
        return round(raw * 100, 10)
    if question.type != QuestionType.DATE and isinstance(raw, datetime.datetime):
        return raw.date().isoformat() if raw.time() == datetime.time() else raw.isoformat(sep=" ")
    if question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT) and isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else str(raw)
    if isinstance(raw, str):
        return _clean_text(raw)
    return raw


def _comment_value(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return _clean_text(str(raw))


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _row_problems_and_changes(
    response: Response, rows: list[list[_Cell]], key: dict, questions: dict[int, Question], check: OfflineCheck
) -> None:
    answers = _answers_by_question(response)
    signed = {row[1]: row for row in key["payload"]["questions"]}
    header = [_cell_text(cell.value) for cell in rows[0]] if rows else []
    if header != [_cell_text(title) for title in key["payload"]["columns"]]:
        check.problems.append(
            _("The columns of the %(sheet)s sheet were moved or renamed; download a fresh workbook.")
            % {"sheet": ANSWERS_SHEET}
        )
        return
    seen: set[str] = set()
    for row_number, row in enumerate(rows[1:], start=2):
        key_text = _cell_text(row[KEY_COL - 1].value)
        answer_cell, comment_cell = row[ANSWER_COL - 1], row[COMMENT_COL - 1]
        if not key_text:
            if answer_cell.value not in (None, "") or comment_cell.value not in (None, ""):
                check.problems.append(
                    _("%(where)s: an answer without a question key. Do not change the Key column.")
                    % {"where": _where(row_number)}
                )
            continue
        where = _where(row_number, key_text)
        if key_text not in signed:
            check.problems.append(
                _("%(where)s: %(key)r is not a question of this questionnaire. Do not change the Key column.")
                % {"where": _where(row_number), "key": key_text[:40]}
            )
            continue
        if key_text in seen:
            check.problems.append(_("%(where)s: this question appears twice.") % {"where": where})
            continue
        seen.add(key_text)
        question_id, _key, version, digest, flags = signed[key_text]
        _row_change(
            question=questions[question_id],
            row_number=row_number,
            where=where,
            answer_cell=answer_cell,
            comment_cell=comment_cell,
            current=_current(answers.get(question_id)),
            exported=(version, digest, flags or 0),
            check=check,
        )
    for key_text in signed:
        if key_text not in seen:
            check.problems.append(
                _("%(sheet)s: the row of question %(key)s is missing. Do not delete rows.")
                % {"sheet": ANSWERS_SHEET, "key": key_text}
            )


def _row_change(
    *,
    question: Question,
    row_number: int,
    where: str,
    answer_cell: _Cell,
    comment_cell: _Cell,
    current: _Current,
    exported: tuple[int, str, int],
    check: OfflineCheck,
) -> None:
    exported_version, exported_digest, flags = exported
    state, value, comment = current.state, current.value, current.comment
    problems = []
    if not flags & ANSWER_READ_ONLY:
        raw, problem = _raw_value(answer_cell, where, _("answer"))
        if problem:
            problems.append(problem)
        else:
            try:
                state, value = clean_answer(question, _typed(question, answer_cell, raw))
            except ValidationError as error:
                problems.append(f"{where}: {' '.join(error.messages)}")
    if not flags & COMMENT_READ_ONLY:
        raw, problem = _raw_value(comment_cell, where, _("comment"))
        if problem:
            problems.append(problem)
        else:
            try:
                comment = clean_comment(_comment_value(raw))
            except ValidationError as error:
                problems.append(f"{where}: {' '.join(error.messages)}")
    if problems:
        check.problems.extend(problems)
        return
    new = _normal(question, state, value, comment)
    if new == _normal(question, current.state, current.value, current.comment):
        check.unchanged += 1
        return
    if current.version != exported_version:
        # Someone saved this answer after the workbook was made.
        if _digest(question, state, value, comment) == exported_digest:
            check.kept_online.append(question.key)  # the vendor left it alone here: keep the newer one
            check.unchanged += 1
            return
        check.problems.append(
            _(
                "%(where)s: this answer was changed online after the workbook was downloaded (it is now "
                "%(current)r). Download a fresh workbook, or change this answer online."
            )
            % {"where": where, "current": display_value(current.value)[:60]}
        )
        return
    check.changes.append(
        AnswerChange(
            question=question,
            row=row_number,
            state=state,
            value=value,
            comment=comment,
            before=_shown(current.state, current.value),
            after=_shown(state, value),
            comment_before=_clean_text(current.comment),
            comment_after=comment,
        )
    )


def _shown(state: str, value: Any) -> str:
    if state == AnswerState.NOT_APPLICABLE:
        return _("N/A")
    return display_value(value)


def check_workbook(*, response: Response, content: bytes) -> OfflineCheck:
    """Everything wrong with an uploaded workbook and everything it would change. Saves nothing."""
    check = OfflineCheck()
    refusal = refusal_reason(response)
    if refusal:
        check.problems.append(refusal)
        check.refused = True
        return check
    check.problems += _archive_problems(content)
    if check.problems:
        return check
    questions = questions_in_order(response.rfp)
    by_id = {question.pk: question for question in questions}
    sections = len({question.section_id for question in questions})
    try:
        names, cells = _read_workbook(
            content,
            max_answer_rows=len(questions) + sections + 200,
            max_key_rows=KEY_QUESTIONS_ROW + len(questions) + 10,
        )
    except Exception:  # noqa: BLE001 - any failure of the parser on untrusted input means a bad file
        logger.info("An offline workbook could not be read", exc_info=True)
        check.problems.append(
            _("The workbook could not be read: it may be damaged. Open it in Excel, save it as .xlsx and retry.")
        )
        return check
    for sheet in (ANSWERS_SHEET, KEY_SHEET):
        if sheet not in names:
            check.problems.append(_sheet_missing(sheet, names))
    if check.problems:
        return check
    key = _key_from_cells(cells[KEY_SHEET])
    check.problems += _key_problems(key, response, by_id)
    if check.problems:
        return check
    _row_problems_and_changes(response, cells[ANSWERS_SHEET], key, by_id, check)
    return check


def _sheet_missing(sheet: str, names: list[str]) -> str:
    if sheet == KEY_SHEET:
        return _(
            "This workbook was not made by Shortlist for this response (its hidden key sheet is missing). "
            "Download your workbook from the portal and enter your answers there."
        )
    visible = ", ".join(name for name in names if name != KEY_SHEET) or "-"
    return _("The sheet %(sheet)r is missing (was it renamed? The workbook has: %(names)s). Do not rename sheets.") % {
        "sheet": sheet,
        "names": visible,
    }


# --- applying -----------------------------------------------------------------------------------


def _locked_response(response: Response) -> Response:
    """The response row, locked for this transaction (created on the first save of a new response)."""
    if response.pk is None:
        response, _created = Response.objects.get_or_create(rfp=response.rfp, vendor=response.vendor)
    return Response.objects.select_for_update(of=("self",)).select_related("rfp", "vendor").get(pk=response.pk)


def apply_workbook(*, response: Response, content: bytes, by=None) -> OfflineCheck:
    """Check the workbook again and save every change in one transaction, or raise WorkbookRefused
    and save nothing. Returns the check (its `changes` are what was saved)."""
    with transaction.atomic():
        response = _locked_response(response)
        check = check_workbook(response=response, content=content)
        if check.problems:
            raise WorkbookRefused(check)
        if check.changes:
            _save_changes(response, check.changes, by)
    return check


def _save_changes(response: Response, changes: list[AnswerChange], by) -> None:
    now = timezone.now()
    existing = {a.question_id: a for a in Answer.objects.filter(response=response)}
    to_update, to_create = [], []
    before, after = {}, {}
    for change in changes:
        answer = existing.get(change.question.pk)
        if answer is None:
            answer = Answer(response=response, question=change.question)
            to_create.append(answer)
        else:
            to_update.append(answer)
        before[change.question.key] = {"answer": change.before, "comment": change.comment_before}
        after[change.question.key] = {"answer": change.after, "comment": change.comment_after}
        answer.state, answer.value, answer.comment = change.state, change.value, change.comment
        answer.version += 1
        answer.updated_by = by
        answer.updated_at = now
        answer.full_clean(exclude=["response", "question"], validate_unique=False, validate_constraints=False)
    Answer.objects.bulk_update(to_update, ["state", "value", "comment", "version", "updated_by", "updated_at"])
    Answer.objects.bulk_create(to_create)
    response.save(update_fields=["updated_at"])
    audit_log(
        action="response.offline_import",
        actor=by,
        rfp=response.rfp,
        obj=response,
        before=before,
        after=after,
        message=f"{len(changes)} answers changed from the offline workbook",
    )


# --- uploads waiting for confirmation ------------------------------------------------------------


def _stash_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / STASH_DIR


def stash_upload(content: bytes) -> str:
    """Keep an upload privately until the vendor confirms it; returns its token. Old ones are swept."""
    folder = _stash_dir()
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - STASH_MAX_AGE_SECONDS
    for old in folder.iterdir():
        if old.is_file() and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = uuid.uuid4().hex
    (folder / token).write_bytes(content)
    return token


def read_stash(token: str | None) -> bytes | None:
    if not token or not STASH_TOKEN.match(token):
        return None
    path = _stash_dir() / token
    return path.read_bytes() if path.is_file() else None


def drop_stash(token: str | None) -> None:
    if token and STASH_TOKEN.match(token):
        (_stash_dir() / token).unlink(missing_ok=True)
