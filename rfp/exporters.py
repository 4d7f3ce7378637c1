"""Questionnaire exports: the questionnaire data (rfp/questionnaire.py) with a small header, as
JSON for machines and as an Excel workbook that people read, edit and import again.

    {"format": "shortlist-questionnaire", "version": 1, "source": REF or "bank",
     "rfp": {kind, title, buyer, ...} (absent for the bank), "sections": [...]}

Exporters follow pretix's renderer shape: built from that document, `generate()` returns
(filename, content type, bytes). Both formats are lossless: rfp/importers/ reads either back
into the same document, so export -> import -> export gives identical sections and questions.

The workbook layout (sheets, columns, the readable descriptions of rules) is defined here once
and read by the importer, so that the two cannot drift apart.
"""

import io
import json
import re
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from config.spreadsheets import set_reading_direction
from rfp import selectors
from rfp.models import RFP, QuestionType, SectionKind
from rfp.questionnaire import section_as_dict
from rfp.services import bank_as_data, bank_load
from vendors.answer_values import FORMULA_PREFIXES

FORMAT_NAME = "shortlist-questionnaire"
FORMAT_VERSION = 1
BANK_SOURCE = "bank"
RFP_META_FIELDS = [
    "kind",
    "title",
    "buyer",
    "summary",
    "channels",
    "languages",
    "language",
    "yearly_volumes",
    "hours",
    "sites",
    "currency",
    "sealed",
    "two_envelope",
    "technical_pass_mark",
]


# --- the document --------------------------------------------------------------------------------


def rfp_meta(rfp: RFP) -> dict:
    meta = {name: getattr(rfp, name) for name in RFP_META_FIELDS}
    mark = meta["technical_pass_mark"]
    meta["technical_pass_mark"] = None if mark is None else float(mark)
    return meta


def rfp_document(rfp: RFP) -> dict:
    """The RFP's questionnaire as exported: two queries (sections, questions) whatever its size."""
    sections = [section_as_dict(s, s.questions.all()) for s in selectors.questionnaire(rfp)]
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "source": rfp.reference,
        "rfp": rfp_meta(rfp),
        "sections": sections,
    }


def bank_document() -> dict:
    # A fresh installation loads the shipped bank on first use (bank_load is idempotent).
    bank_load()
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "source": BANK_SOURCE, "sections": bank_as_data()}


def document_stem(document: dict) -> str:
    source = str(document.get("source") or "questionnaire")
    if source == BANK_SOURCE:
        return "shortlist-question-bank"
    return re.sub(r"[^A-Za-z0-9._-]+", "-", source) + "-questionnaire"


# --- readable descriptions of rules, shared with the importer --------------------------------


def number_text(value: Any) -> str:
    """A number as people write it: 5, 2.5, never 5.0 (and str() keeps every digit of a float)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def _band_text(band: dict) -> str:
    low, high = band.get("min"), band.get("max")
    points = number_text(band.get("points"))
    if low is None and high is None:
        return _("any -> %(points)s") % {"points": points}
    if low is None:
        return _("<%(max)s -> %(points)s") % {"max": number_text(high), "points": points}
    if high is None:
        return _(">=%(min)s -> %(points)s") % {"min": number_text(low), "points": points}
    return _("%(min)s-%(max)s -> %(points)s") % {"min": number_text(low), "max": number_text(high), "points": points}


def describe_rule(rule: Any) -> str:
    """The auto-scoring rule in words, e.g. "bands: <20 -> 5; 20-30 -> 4"."""
    if not rule:
        return ""
    kind = rule.get("kind") if isinstance(rule, dict) else None
    if kind == "choice_points":
        return _("points per choice (see Choices)")
    if kind == "linear":
        return _("linear: %(worst)s scores 0, %(best)s scores 5") % {
            "worst": number_text(rule.get("worst")),
            "best": number_text(rule.get("best")),
        }
    if kind == "bands" and isinstance(rule.get("bands"), list):
        bands = "; ".join(_band_text(b) for b in rule["bands"] if isinstance(b, dict))
        return _("bands: %(bands)s") % {"bands": bands}
    return json.dumps(rule, ensure_ascii=False)


def describe_knockout(knockout: Any) -> str:
    if not knockout:
        return ""
    op = knockout.get("op") if isinstance(knockout, dict) else None
    value = knockout.get("value") if isinstance(knockout, dict) else None
    shown = number_text(value) if isinstance(value, (int, float)) else str(value)
    texts = {
        "equals": _("must answer %(value)s"),
        "includes": _("must include %(value)s"),
        "min": _("at least %(value)s"),
        "max": _("at most %(value)s"),
        "answered": _("must be answered"),
    }
    if op in texts:
        return texts[op] % {"value": shown}
    return json.dumps(knockout, ensure_ascii=False)


def choices_text(choices: list) -> str:
    """One choice per line, "Label | points"; a label holding "|" keeps a trailing "|" so that the
    last "|" of a line always separates the points."""
    lines = []
    for choice in choices or []:
        label, points = choice.get("label", ""), choice.get("points")
        if points is not None:
            lines.append(f"{label} | {number_text(points)}")
        elif "|" in label:
            lines.append(f"{label} |")
        else:
            lines.append(label)
    return "\n".join(lines)


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


# --- the workbook layout ------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # untranslated (gettext_noop); translated when written and matched in any language
    width: int
    # A derived copy for reading: the importer refuses a changed value instead of ignoring it.
    readonly: bool = False


QUESTIONNAIRE_SHEET = gettext_noop("Questionnaire")
SECTIONS_SHEET = gettext_noop("Sections")
ABOUT_SHEET = gettext_noop("About")

QUESTION_COLUMNS = [
    Column("section_key", gettext_noop("Section key"), 14),
    Column("section_title", gettext_noop("Section title"), 24, readonly=True),
    Column("section_weight", gettext_noop("Section weight"), 10, readonly=True),
    Column("key", gettext_noop("Question key"), 15),
    Column("text", gettext_noop("Question"), 60),
    Column("type", gettext_noop("Type"), 14),
    Column("required", gettext_noop("Required"), 10),
    Column("scored", gettext_noop("Scored"), 9),
    Column("weight", gettext_noop("Weight"), 9),
    Column("unit", gettext_noop("Unit"), 16),
    Column("word_limit", gettext_noop("Word limit"), 10),
    Column("choices", gettext_noop("Choices (Label | points)"), 34),
    Column("rubric_0", gettext_noop("Rubric 0"), 32),
    Column("rubric_1", gettext_noop("Rubric 1"), 32),
    Column("rubric_2", gettext_noop("Rubric 2"), 32),
    Column("rubric_3", gettext_noop("Rubric 3"), 32),
    Column("rubric_4", gettext_noop("Rubric 4"), 32),
    Column("rubric_5", gettext_noop("Rubric 5"), 32),
    Column("auto_rule_text", gettext_noop("Auto-scoring rule"), 30, readonly=True),
    Column("auto_rule", gettext_noop("Auto-scoring rule (JSON)"), 26),
    Column("knockout_text", gettext_noop("Knockout"), 20, readonly=True),
    Column("knockout", gettext_noop("Knockout (JSON)"), 22),
    Column("knockout_reason", gettext_noop("Knockout reason"), 30),
    Column("benchmark", gettext_noop("Benchmark"), 40),
    Column("price", gettext_noop("Price question"), 10),
    Column("guidance", gettext_noop("Guidance for vendors"), 50),
]
SECTION_COLUMNS = [
    Column("key", gettext_noop("Key"), 16),
    Column("title", gettext_noop("Title"), 32),
    Column("description", gettext_noop("Description"), 70),
    Column("risk_area", gettext_noop("Risk area"), 16),
    Column("kind", gettext_noop("Kind"), 12),
    Column("weight", gettext_noop("Weight"), 10),
    Column("order", gettext_noop("Order"), 8),
]
# The About sheet: one row per value, found by its key in column C whatever the label says.
ABOUT_ROWS = [
    ("format", gettext_noop("File format")),
    ("version", gettext_noop("Format version")),
    ("source", gettext_noop("Exported from")),
    ("rfp.kind", gettext_noop("Kind (RFI or RFP)")),
    ("rfp.title", gettext_noop("Title")),
    ("rfp.buyer", gettext_noop("Buying organisation")),
    ("rfp.summary", gettext_noop("Summary for vendors")),
    ("rfp.channels", gettext_noop("Channels (one per line)")),
    ("rfp.languages", gettext_noop("Languages (one per line)")),
    ("rfp.language", gettext_noop("Questionnaire language (en, he, ar, fa or pl)")),
    ("rfp.yearly_volumes", gettext_noop("Yearly volumes (channel: contacts, one per line)")),
    ("rfp.hours", gettext_noop("Service hours")),
    ("rfp.sites", gettext_noop("Preferred sites or regions")),
    ("rfp.currency", gettext_noop("Currency")),
    ("rfp.sealed", gettext_noop("Sealed responses")),
    ("rfp.two_envelope", gettext_noop("Two envelopes")),
    ("rfp.technical_pass_mark", gettext_noop("Technical pass mark")),
]
FREEZE_QUESTIONNAIRE = "E2"  # the header row and the columns that say which question a row is

INK = "1D2A3A"
HEADER_FILL = PatternFill("solid", fgColor="14324A")
READONLY_HEADER_FILL = PatternFill("solid", fgColor="5B6B7D")
READONLY_FILL = PatternFill("solid", fgColor="F1F4F7")
HEADER_FONT = Font(bold=True, color="FFFFFF")
READONLY_FONT = Font(color="5B6B7D", italic=True)
TITLE_FONT = Font(bold=True, size=16, color=INK)
LABEL_FONT = Font(bold=True, color=INK)
NOTE_FONT = Font(color="5B6B7D", size=9)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")

# OOXML stores a character Excel cannot hold in XML as _xHHHH_ (and a literal "_xHHHH_" with its
# underscore escaped as _x005F_). Excel reads and writes cells that way; the importer undoes it.
# Carriage returns are escaped too: an XML parser would otherwise turn "\r\n" into "\n".
_OOXML_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")


def ooxml_escape(text: str) -> str:
    return _OOXML_ESCAPE.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def sheet_title(name: str) -> str:
    # Excel refuses some characters and more than 31 in a sheet name, translated or not.
    return re.sub(r"[\[\]:*?/\\]", "", _(name))[:31]


def put(
    ws, row: int, column: int, value: Any, *, font: Font | None = None, fill: PatternFill | None = None, styles=None
):
    """Write one cell. Text is always stored as text, so that Excel never runs it as a formula,
    and text that looks like one gets Excel's quote prefix so that it stays text when edited."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, bool):
        value = yes_no(value)
    elif isinstance(value, Decimal):
        value = float(value)
    quoted = False
    if isinstance(value, str):
        cell.value = ooxml_escape(value)
        cell.data_type = "s"  # openpyxl would store a leading "=" as a formula
        quoted = value.startswith(FORMULA_PREFIXES)
    else:
        cell.value = value
    _style(cell, font, fill, quoted, {} if styles is None else styles)
    return cell


def _style(cell, font: Font | None, fill: PatternFill | None, quoted: bool, styles: dict) -> None:
    # Setting styles one attribute at a time dominates the export of a large questionnaire;
    # the cells of a table share a few combinations, so the first cell's style array is copied.
    key = (id(font), id(fill), quoted)
    if key in styles:
        cell._style = copy(styles[key])
        return
    cell.alignment = WRAP
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if quoted:
        cell.quotePrefix = True
    styles[key] = copy(cell._style)


# --- exporters ----------------------------------------------------------------------------------


class QuestionnaireExporter:
    """A renderer in pretix's style: generate() returns (filename, content type, bytes)."""

    extension = ""
    content_type = "application/octet-stream"

    def __init__(self, document: dict) -> None:
        self.document = document

    @property
    def filename(self) -> str:
        return f"{document_stem(self.document)}.{self.extension}"

    def render(self) -> bytes:
        raise NotImplementedError

    def generate(self) -> tuple[str, str, bytes]:
        return self.filename, self.content_type, self.render()


class JSONExporter(QuestionnaireExporter):
    extension = "json"
    content_type = "application/json"

    def render(self) -> bytes:
        return (json.dumps(self.document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class ExcelExporter(QuestionnaireExporter):
    """One row per question, a Sections sheet and an About sheet; made for people (styled header,
    widths, wrapped text, frozen header, filters, drop-downs) and lossless (JSON columns for rules)."""

    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def render(self) -> bytes:
        self.styles: dict = {}
        workbook = Workbook()
        self._questionnaire_sheet(workbook.active)
        self._sections_sheet(workbook.create_sheet())
        self._about_sheet(workbook.create_sheet())
        set_reading_direction(workbook)
        workbook.properties.title = self._title()
        workbook.properties.creator = "Shortlist"
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def _title(self) -> str:
        rfp = self.document.get("rfp")
        if rfp:
            return f"{self.document.get('source', '')} {rfp.get('title', '')}".strip()
        return _("Contact-center question bank")

    def _header(self, ws, columns: list[Column]) -> None:
        for index, column in enumerate(columns, start=1):
            put(ws, 1, index, _(column.header), font=HEADER_FONT)
            cell = ws.cell(row=1, column=index)
            cell.fill = READONLY_HEADER_FILL if column.readonly else HEADER_FILL
            cell.alignment = HEADER_ALIGNMENT
            ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.row_dimensions[1].height = 32
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True

    def _row(self, ws, row: int, columns: list[Column], values: dict) -> None:
        for index, column in enumerate(columns, start=1):
            if column.readonly:
                put(
                    ws, row, index, values.get(column.field), font=READONLY_FONT, fill=READONLY_FILL, styles=self.styles
                )
            else:
                put(ws, row, index, values.get(column.field), styles=self.styles)

    def _finish_table(self, ws, columns: list[Column], last_row: int) -> None:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(last_row, 1)}"

    def _questionnaire_sheet(self, ws) -> None:
        ws.title = sheet_title(QUESTIONNAIRE_SHEET)
        self._header(ws, QUESTION_COLUMNS)
        ws.freeze_panes = FREEZE_QUESTIONNAIRE
        row = 1
        for section in self.document["sections"]:
            for question in section.get("questions") or []:
                row += 1
                self._row(ws, row, QUESTION_COLUMNS, question_row(section, question))
        self._finish_table(ws, QUESTION_COLUMNS, row)
        self._drop_downs(ws)

    def _drop_downs(self, ws) -> None:
        letters = {c.field: get_column_letter(i) for i, c in enumerate(QUESTION_COLUMNS, start=1)}
        types = DataValidation(type="list", formula1='"' + ",".join(QuestionType.values) + '"', allow_blank=True)
        types.add(f"{letters['type']}2:{letters['type']}1048576")
        yes_or_no = ",".join(t.replace(",", "").replace('"', "") for t in (yes_no(True), yes_no(False)))
        flags = DataValidation(type="list", formula1=f'"{yes_or_no}"', allow_blank=True)
        for field in ("required", "scored", "price"):
            flags.add(f"{letters[field]}2:{letters[field]}1048576")
        ws.add_data_validation(types)
        ws.add_data_validation(flags)

    def _sections_sheet(self, ws) -> None:
        ws.title = sheet_title(SECTIONS_SHEET)
        self._header(ws, SECTION_COLUMNS)
        ws.freeze_panes = "B2"
        for order, section in enumerate(self.document["sections"], start=1):
            self._row(ws, order + 1, SECTION_COLUMNS, section | {"order": order})
        self._finish_table(ws, SECTION_COLUMNS, len(self.document["sections"]) + 1)
        kinds = DataValidation(type="list", formula1='"' + ",".join(SectionKind.values) + '"', allow_blank=True)
        kinds.add("E2:E1048576")
        ws.add_data_validation(kinds)

    def _about_sheet(self, ws) -> None:
        ws.title = sheet_title(ABOUT_SHEET)
        ws.column_dimensions["A"].width = 34
        ws.column_dimensions["B"].width = 70
        ws.column_dimensions["C"].width = 24
        put(ws, 1, 1, self._title(), font=TITLE_FONT)
        ws.row_dimensions[1].height = 26
        row = 3
        for index, header in enumerate((_("Field"), _("Value"), _("Key (do not change)")), start=1):
            put(ws, row, index, header, font=HEADER_FONT, fill=READONLY_HEADER_FILL if index == 3 else HEADER_FILL)
        for key, label in ABOUT_ROWS:
            if key.startswith("rfp.") and not self.document.get("rfp"):
                continue
            row += 1
            put(ws, row, 1, _(label), font=LABEL_FONT)
            put(ws, row, 2, about_value(self.document, key))
            put(ws, row, 3, key, font=READONLY_FONT, fill=READONLY_FILL)
        row += 2
        put(ws, row, 1, _("How to use this workbook"), font=Font(bold=True, size=13, color=INK))
        for line in instructions():
            row += 1
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
            put(ws, row, 1, line)
            ws.row_dimensions[row].height = 30


def question_row(section: dict, question: dict) -> dict:
    """A question as the cells of its Questionnaire row."""
    rubric = question.get("rubric") or {}
    row = {
        "section_key": section.get("key"),
        "section_title": section.get("title"),
        "section_weight": section.get("weight"),
        **{field: question.get(field) for field in ("key", "text", "type", "required", "scored", "weight")},
        "unit": question.get("unit") or None,
        "word_limit": question.get("word_limit"),
        "choices": choices_text(question.get("choices") or []) or None,
        "auto_rule_text": describe_rule(question.get("auto_rule")) or None,
        "auto_rule": json.dumps(question["auto_rule"], ensure_ascii=False) if question.get("auto_rule") else None,
        "knockout_text": describe_knockout(question.get("knockout")) or None,
        "knockout": json.dumps(question["knockout"], ensure_ascii=False) if question.get("knockout") else None,
        "knockout_reason": question.get("knockout_reason") or None,
        "benchmark": question.get("benchmark") or None,
        "price": bool(question.get("price")),
        "guidance": question.get("guidance") or None,
    }
    for level in range(6):
        row[f"rubric_{level}"] = rubric.get(str(level)) or None
    return row


def about_value(document: dict, key: str) -> Any:
    if not key.startswith("rfp."):
        return document.get(key)
    value = (document.get("rfp") or {}).get(key.removeprefix("rfp."))
    if isinstance(value, list):
        return "\n".join(str(item) for item in value) or None
    if isinstance(value, dict):
        return "\n".join(f"{name}: {number_text(amount)}" for name, amount in value.items()) or None
    return value if value != "" else None


def instructions() -> list[str]:
    types = ", ".join(f"{t.value} ({t.label})" for t in QuestionType)
    return [
        _("Questionnaire: one row per question, in the order vendors see them. Add, delete or move rows freely."),
        _("Sections: one row per section. Section weights must total 100; the Order column sets their order."),
        _(
            "Grey columns are copies for reading: change sections on the Sections sheet, rules and knockouts in "
            "their JSON columns. A grey cell edited by hand is refused on import rather than ignored; clear it "
            "if in doubt."
        ),
        _("Type is one of: %(types)s.") % {"types": types},
        _("Choices: one per line, as Label | points (points 0 to 5, optional)."),
        _(
            "Rubric 0 to 5: what an answer must show to earn each score. A scored question needs a rubric "
            "or an auto-scoring rule."
        ),
        _("Formulas are refused on import. Text that starts with = + - or @ is kept as plain text."),
        _(
            "Import this file in Shortlist (RFIs and RFPs > Import a questionnaire) or with "
            "python manage.py import_questionnaire FILE.xlsx; it becomes a new draft."
        ),
    ]


EXPORTERS: dict[str, type[QuestionnaireExporter]] = {"json": JSONExporter, "xlsx": ExcelExporter}
