"""Reading an Excel questionnaire: the archive is checked before anything inflates it
(`check_archive`), the sheets are read into plain values (`_read_sheets`, `SheetRows`), and
`WorkbookReader` turns their rows into the questionnaire document."""

import io
import math
from dataclasses import dataclass
from typing import Any

import openpyxl
from defusedxml import DefusedXmlException
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from config.xlsx_safety import workbook_problems
from rfp.exporters import (
    ABOUT_ROWS,
    ABOUT_SHEET,
    FORMAT_NAME,
    FORMAT_VERSION,
    QUESTION_COLUMNS,
    QUESTIONNAIRE_SHEET,
    SECTION_COLUMNS,
    SECTIONS_SHEET,
    Column,
    describe_knockout,
    describe_rule,
    number_text,
)
from rfp.importers.cells import RowCells, _cell_type_problem, in_any_language, ooxml_unescape
from rfp.importers.common import ImportProblems, _is_number, _norm
from rfp.models import QuestionType, SectionKind
from rfp.questionnaire import question_problems

MAX_QUESTION_ROWS = 5000
MAX_SECTION_ROWS = 500


def _not_a_workbook() -> ImportProblems:
    return ImportProblems([_("The file is not an Excel workbook (.xlsx), or it is damaged or incomplete.")])


def check_archive(content: bytes) -> None:
    """Refuse an unsafe or broken archive before anything inflates it (config.xlsx_safety)."""
    problems = workbook_problems(content, max_bytes=settings.MAX_UPLOAD_BYTES)
    if problems:
        raise ImportProblems(problems)


@dataclass
class SheetRows:
    """A sheet read into plain values: rows of (value, data type) from row 1."""

    title: str
    rows: list[list[tuple[Any, str]]]


def _unreadable(error: BaseException) -> ImportProblems:
    """What to tell the user when openpyxl fails; it wraps defusedxml's refusals in ValueError."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return ImportProblems([_("The workbook holds XML entity declarations, which are refused for safety.")])
        cause = cause.__cause__ or cause.__context__
    return _not_a_workbook()


def _read_sheets(content: bytes, limits: dict[str, int]) -> dict[str, SheetRows]:
    """The named sheets, keyed by their untranslated name, as plain values. openpyxl's parsing of
    untrusted XML may fail in many ways, and each means the same to the user: unreadable."""
    if not openpyxl.DEFUSEDXML:
        raise ImportProblems([_("Excel import is switched off: this server cannot parse workbooks safely.")])
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False, keep_links=False)
    except Exception as error:  # noqa: BLE001 - see the docstring
        raise _unreadable(error) from None
    sheets: dict[str, SheetRows] = {}
    titles = {title: name for name in limits for title in in_any_language(name)}
    try:
        for worksheet in workbook.worksheets:
            name = titles.get(_norm(worksheet.title))
            if name is None or name in sheets:
                continue
            rows = [
                [(cell.value, getattr(cell, "data_type", "n")) for cell in row]
                for row in worksheet.iter_rows(max_row=limits[name] + 2)
            ]
            sheets[name] = SheetRows(title=worksheet.title, rows=rows)
    except Exception as error:  # noqa: BLE001 - see the docstring
        raise _unreadable(error) from None
    finally:
        workbook.close()
    return sheets


def parse_workbook(content: bytes) -> dict:
    check_archive(content)
    limits = {QUESTIONNAIRE_SHEET: MAX_QUESTION_ROWS, SECTIONS_SHEET: MAX_SECTION_ROWS, ABOUT_SHEET: 200}
    sheets = _read_sheets(content, limits)
    return WorkbookReader(sheets).document()


class WorkbookReader:
    """Turns the plain rows of the three sheets into the questionnaire document."""

    def __init__(self, sheets: dict[str, SheetRows]) -> None:
        self.sheets = sheets
        self.problems: list[str] = []

    def document(self) -> dict:
        for name in (QUESTIONNAIRE_SHEET, SECTIONS_SHEET):
            if name not in self.sheets:
                self.problems.append(
                    _("The workbook has no sheet named %(name)s; start from a questionnaire exported by Shortlist.")
                    % {"name": _(name)}
                )
        if self.problems:
            raise ImportProblems(self.problems)
        document = self._about()
        sections = self._sections()
        self._questions(sections)
        if self.problems:
            raise ImportProblems(self.problems)
        document["sections"] = [section for _order, _row, section in sorted(sections.values(), key=lambda s: s[:2])]
        return document

    def _rows(self, name: str, columns: list[Column], required: list[str], limit: int) -> list[RowCells]:
        sheet = self.sheets[name]
        header = [value for value, _type in sheet.rows[0]] if sheet.rows else []
        lookup = {text: column for column in columns for text in in_any_language(column.header)}
        positions: dict[str, tuple[int, str]] = {}  # field -> (index, "E (Question)")
        for index, heading in enumerate(header):
            column = lookup.get(_norm(ooxml_unescape(heading))) if isinstance(heading, str) else None
            if column is not None and column.field not in positions:
                positions[column.field] = (index, f"{get_column_letter(index + 1)} ({_(column.header)})")
        missing = [_(c.header) for c in columns if c.field in required and c.field not in positions]
        if missing:
            self.problems.append(
                _("%(sheet)s, row 1: the column headings %(columns)s are missing.")
                % {"sheet": sheet.title, "columns": ", ".join(missing)}
            )
            return []
        data_rows = sheet.rows[1:]
        if len(data_rows) > limit:
            self.problems.append(_("%(sheet)s has more than %(limit)s rows.") % {"sheet": sheet.title, "limit": limit})
            return []
        result = []
        for number, row in enumerate(data_rows, start=2):
            cells = RowCells(sheet=sheet.title, row=number, cells={})
            for index, (value, data_type) in enumerate(row):
                if problem := _cell_type_problem(sheet.title, number, get_column_letter(index + 1), value, data_type):
                    cells.problems.append(problem)
            for name_, (index, where) in positions.items():
                value, data_type = row[index] if index < len(row) else (None, "n")
                if data_type in ("f", "e"):
                    value = None
                cells.cells[name_] = (value, data_type, where)
            if cells.problems or not cells.is_blank():
                result.append(cells)
        return result

    def _about(self) -> dict:
        document: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
        sheet = self.sheets.get(ABOUT_SHEET)
        if sheet is None:
            return document
        known = {key for key, _label in ABOUT_ROWS}
        meta: dict[str, Any] = {}
        for number, row in enumerate(sheet.rows, start=1):
            key = row[2][0] if len(row) > 2 else None
            if not isinstance(key, str) or key.strip() not in known:
                continue
            key = key.strip()
            value, data_type = row[1]
            if problem := _cell_type_problem(sheet.title, number, "B", value, data_type):
                self.problems.append(problem)
                continue
            cells = RowCells(sheet=sheet.title, row=number, cells={key: (value, data_type, f"B ({_('Value')})")})
            value = self._about_value(cells, key)
            self.problems += cells.problems
            if key.startswith("rfp."):
                meta[key.removeprefix("rfp.")] = value
            elif value is not None:
                document[key] = value
        if meta:
            document["rfp"] = meta
        return document

    def _about_value(self, cells: RowCells, key: str) -> Any:
        name = key.removeprefix("rfp.")
        if key == "version":
            return cells.whole(key)
        if name in ("sealed", "two_envelope"):
            return cells.boolean(key, default=name == "sealed")
        if name == "technical_pass_mark":
            return cells.number(key)
        text = cells.text(key)
        if name in ("channels", "languages"):
            return [line.strip() for line in (text or "").split("\n") if line.strip()]
        if name == "yearly_volumes":
            return self._volumes(cells, key, text)
        if name == "language":  # an older workbook without it: the importer's language applies
            return text or None
        if key.startswith("rfp."):
            return text or ""
        return text

    def _volumes(self, cells: RowCells, key: str, text: str | None) -> dict:
        volumes = {}
        for line in (text or "").split("\n"):
            if not line.strip():
                continue
            name, _sep, amount = line.rpartition(":")
            try:
                number = float(amount.strip().replace(",", "").replace(" ", ""))
            except ValueError:
                number = math.nan
            if not name.strip() or not math.isfinite(number):
                cells.problem(key, _("%(line)r: write one channel per line, e.g. voice: 120000.") % {"line": line[:60]})
                continue
            volumes[name.strip()] = int(number) if number.is_integer() else number
        return volumes

    def _sections(self) -> dict[str, tuple[float, int, dict]]:
        sections: dict[str, tuple[float, int, dict]] = {}
        for cells in self._rows(SECTIONS_SHEET, SECTION_COLUMNS, ["key", "title"], MAX_SECTION_ROWS):
            section = {
                "key": cells.text("key", required=True),
                "title": cells.text("title", required=True),
                "description": cells.text("description") or "",
                "risk_area": cells.text("risk_area") or "",
                "kind": cells.code("kind", SectionKind, default=SectionKind.TECHNICAL),
                "weight": cells.number("weight", default=0.0),
                "questions": [],
            }
            order = cells.number("order", default=float(cells.row))
            self.problems += cells.problems
            if section["key"] is None:
                continue
            if section["key"] in sections:
                self.problems.append(
                    _("%(sheet)s, row %(row)s: the section key %(key)r is used twice.")
                    % {"sheet": cells.sheet, "row": cells.row, "key": section["key"]}
                )
                continue
            sections[section["key"]] = (order, cells.row, section)
        return sections

    def _questions(self, sections: dict[str, tuple[float, int, dict]]) -> None:
        required = ["section_key", "key", "text", "type"]
        copies: dict[tuple[str, str], list[tuple[RowCells, str]]] = {}
        for cells in self._rows(QUESTIONNAIRE_SHEET, QUESTION_COLUMNS, required, MAX_QUESTION_ROWS):
            section_key = cells.text("section_key", required=True)
            question = self._question(cells)
            entry = sections.get(section_key) if section_key is not None else None
            if section_key is not None and entry is None:
                cells.problem(
                    "section_key", _("there is no section %(key)r on the Sections sheet.") % {"key": section_key}
                )
            if entry is not None:
                for name in ("section_title", "section_weight"):
                    if (shown := cells.raw(name)) is not None:
                        copies.setdefault((section_key, name), []).append((cells, _copy_text(shown)))
            if not cells.problems:
                for problem in question_problems(question):
                    cells.problems.append(
                        _("%(sheet)s, row %(row)s (question %(key)s): %(problem)s.")
                        % {"sheet": cells.sheet, "row": cells.row, "key": question["key"], "problem": problem}
                    )
            self.problems += cells.problems
            if entry is not None and not cells.problems:
                entry[2]["questions"].append(question)
        self._copy_problems(sections, copies)

    def _copy_problems(self, sections: dict, copies: dict[tuple[str, str], list[tuple[RowCells, str]]]) -> None:
        """The section title and weight on the Questionnaire sheet are copies; the Sections sheet
        decides. Stale copies (all alike, after the Sections sheet changed) are fine; copies that
        differ from each other mean someone edited one, which is refused rather than ignored."""
        for (section_key, name), shown in copies.items():
            if len({text for _cells, text in shown}) < 2:
                continue
            section = sections[section_key][2]
            decided = _copy_text(section["title"] if name == "section_title" else section["weight"])
            for cells, text in shown:
                if text != decided:
                    cells.problem(
                        name,
                        _("this grey column copies the Sections sheet; change the section there, or clear this cell."),
                    )
                    self.problems.append(cells.problems[-1])

    def _question(self, cells: RowCells) -> dict:
        rubric = {str(level): cells.text(f"rubric_{level}") for level in range(6)}
        question = {
            "key": cells.text("key", required=True),
            "text": cells.text("text", required=True),
            "type": cells.code("type", QuestionType),
            "guidance": cells.text("guidance") or "",
            "required": cells.boolean("required", default=True),
            "scored": cells.boolean("scored", default=True),
            "weight": cells.number("weight", default=1.0),
            "unit": cells.text("unit") or "",
            "word_limit": cells.whole("word_limit"),
            "choices": cells.choices("choices"),
            # All six levels or none, like the builder's form; a blank level stays an empty text.
            "rubric": {level: text or "" for level, text in rubric.items()} if any(rubric.values()) else None,
            "auto_rule": self._checked_json(cells, "auto_rule", "auto_rule_text", describe_rule),
            "knockout": self._checked_json(cells, "knockout", "knockout_text", describe_knockout),
            "knockout_reason": cells.text("knockout_reason"),
            "benchmark": cells.text("benchmark"),
            "price": cells.boolean("price", default=False),
        }
        return question

    def _checked_json(self, cells: RowCells, name: str, readable: str, describe) -> dict | None:
        """The rule or knockout from its JSON column; its grey readable copy must agree with it."""
        problems = len(cells.problems)
        value = cells.json(name)
        if name in cells.cells and len(cells.problems) == problems:
            cells.readable_matches(
                readable,
                describe,
                value,
                _(
                    "this grey column only describes what the JSON column next to it holds; "
                    "change that, or clear this cell."
                ),
            )
        return value


def _copy_text(value: Any) -> str:
    return number_text(float(value)) if _is_number(value) else _norm(value)
