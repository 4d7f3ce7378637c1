"""Building the vendor's workbook: `build_workbook` writes the Instructions, the Answers sheet
(pre-filled, locked but for the Answer and Comment columns, with Excel's own data validation), the
hidden lists for drop-downs and the signed key."""

import datetime
import io
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import openpyxl
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from config.spreadsheets import set_reading_direction
from rfp.models import Question, QuestionType
from vendors.answer_values import display_value, excel_safe
from vendors.models import AnswerState, Response
from vendors.offline.common import (
    ANSWER_COL,
    ANSWER_READ_ONLY,
    ANSWERS_SHEET,
    COLUMN_IDS,
    COLUMN_WIDTHS,
    COMMENT_COL,
    COMMENT_READ_ONLY,
    EXCEL_CELL_LIMIT,
    INSTRUCTIONS_SHEET,
    KEY_COL,
    KEY_SHEET,
    LISTS_SHEET,
    _answers_by_question,
    _Current,
    _current,
    _digest,
    _safe_text,
    column_titles,
    questions_in_order,
)
from vendors.offline.key import _key_payload, _write_key

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


def _utc_text(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M")


def _zone(tz_name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(tz_name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _vendor_text(text: str) -> str:
    """A vendor's text for a cell: a leading =, +, - or @ gets a quote (reversed on import).

    Unlike every read-only copy of vendor text, it is not isolated (config.text_rules.isolate):
    the cell is the vendor's own answer, edited and sent back, and invisible isolates would come
    back inside it; a cell is a paragraph of its own, so nothing outside it can be reordered."""
    return excel_safe(ILLEGAL_CHARACTERS_RE.sub("", text))


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


def build_workbook(response: Response, *, tz_name: str = "UTC") -> bytes:
    """The vendor's workbook for this response, pre-filled with its saved answers, as .xlsx bytes.
    It is written in the questionnaire's language (right to left for Hebrew, Arabic and Persian),
    whatever language the person downloading it reads the portal in."""
    with translation.override(response.rfp.language):
        workbook = _workbook(response, tz_name)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _workbook(response: Response, tz_name: str) -> openpyxl.Workbook:
    questions = questions_in_order(response.rfp)
    answers = _answers_by_question(response)
    workbook = openpyxl.Workbook()
    instructions = workbook.active
    instructions.title = _(INSTRUCTIONS_SHEET)
    answers_sheet = workbook.create_sheet(_(ANSWERS_SHEET))
    lists_sheet = workbook.create_sheet(LISTS_SHEET)
    key_sheet = workbook.create_sheet(KEY_SHEET)

    _write_instructions(instructions, response, len(questions), tz_name)
    key_rows = _write_answers(answers_sheet, lists_sheet, response, questions, answers)
    lists_sheet.protection.sheet = True
    lists_sheet.sheet_state = "hidden"
    _write_key(key_sheet, _key_payload(response, key_rows))
    set_reading_direction(workbook, response.rfp.language)

    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.properties.creator = "Shortlist"
    workbook.properties.title = f"{response.rfp.reference} {response.vendor.name}"
    return workbook
