"""Questionnaire imports: a JSON or Excel file made by rfp/exporters.py (or written by hand in the
same format) becomes a new draft RFP, all of it or nothing.

Reading is separate from saving. `read_questionnaire_file(name, content)` turns the bytes into the
questionnaire document and raises ImportProblems with every problem it finds, each naming where
it is (sheet, row and column for a workbook; section and question for JSON). Only a document
without problems reaches `import_questionnaire`, which calls rfp.services.rfp_create_from_data.

Uploaded workbooks are untrusted zip files: before openpyxl inflates anything, the archive's
entry count, declared sizes and compression methods are checked (Python's zipfile never inflates
an entry beyond its declared size, so the declared sizes bound the memory used). openpyxl parses
the XML with defusedxml when it is installed (openpyxl/xml/functions.py), which refuses entity
tricks; the importer refuses to read a workbook if that protection is off. Formulas are refused.
"""

import datetime
import functools
import io
import json
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath
from typing import Any

import openpyxl
from defusedxml import DefusedXmlException
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from config.xlsx_safety import workbook_problems
from rfp.audit import audit_log
from rfp.exporters import (
    ABOUT_ROWS,
    ABOUT_SHEET,
    FORMAT_NAME,
    FORMAT_VERSION,
    QUESTION_COLUMNS,
    QUESTIONNAIRE_SHEET,
    RFP_META_FIELDS,
    SECTION_COLUMNS,
    SECTIONS_SHEET,
    Column,
    describe_knockout,
    describe_rule,
    number_text,
)
from rfp.models import RFP, Kind, Question, QuestionType, Section, SectionKind
from rfp.questionnaire import (
    QUESTION_FIELDS,
    SECTION_FIELDS,
    question_model_fields,
    question_problems,
    questionnaire_problems,
    rfp_text_problems,
    section_label,
    section_model_fields,
)
from rfp.services import rfp_create_from_data

EXTENSIONS = (".json", ".xlsx")
MAX_QUESTION_ROWS = 5000
MAX_SECTION_ROWS = 500
DEFAULT_DEADLINE_DAYS = 21
REFERENCE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
RESERVED_REFERENCES = {"new", "bank"}  # fixed paths under /rfps/ that a reference would shadow


class ImportProblems(Exception):
    """The file cannot be imported; `problems` says why, one clear sentence each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = [str(p) for p in problems]
        super().__init__("; ".join(self.problems))


# --- entry points -------------------------------------------------------------------------------


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


def default_deadline() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=DEFAULT_DEADLINE_DAYS)


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


def rfp_fields(document: dict, *, title: str | None, deadline: datetime.datetime) -> dict:
    """RFP settings from the document's "rfp" part (only the known fields, never a status)."""
    meta = document.get("rfp") or {}
    fields: dict[str, Any] = {}
    for name in RFP_META_FIELDS:
        value = meta.get(name)
        if value is None:
            continue
        fields[name] = Decimal(str(value)) if name == "technical_pass_mark" else value
    fields["title"] = (title or "").strip() or str(meta.get("title") or "").strip() or _("Imported questionnaire")
    fields["deadline"] = deadline
    return fields


def validation_messages(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    for name, errors in error.message_dict.items():
        try:
            label = str(RFP._meta.get_field(name).verbose_name).capitalize()
        except FieldDoesNotExist:  # a non-field error: the messages speak for themselves
            label = ""
        messages += [f"{label}: {message}" if label else message for message in errors]
    return messages


# --- translations: a workbook exported in one language imports in any other -------------------


def _norm(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


@functools.cache
def in_any_language(message: str) -> frozenset[str]:
    """The normalised translations of a message in every language the site offers."""
    texts = {_norm(message)}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts.add(_norm(_(message)))
    return frozenset(texts)


def _renderings(describe, value: Any) -> frozenset[str]:
    """How `describe` shows a rule or knockout in every language (rules repeat: cached by value)."""
    return _cached_renderings(describe, json.dumps(value, sort_keys=True))


@functools.lru_cache(maxsize=1024)
def _cached_renderings(describe, value_json: str) -> frozenset[str]:
    value = json.loads(value_json)
    texts = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts.add(_norm(describe(value)))
    return frozenset(texts)


@functools.cache
def _choice_lookup(choices_class) -> dict[str, str]:
    lookup = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for choice in choices_class:
                lookup[_norm(choice.label)] = choice.value
    lookup.update({_norm(choice.value): choice.value for choice in choices_class})
    return lookup


def _yes_no_lookup() -> dict[str, bool]:
    lookup = {"true": True, "false": False, "y": True, "n": False, "1": True, "0": False}
    lookup |= dict.fromkeys(in_any_language("Yes"), True) | dict.fromkeys(in_any_language("No"), False)
    return lookup


# --- JSON -----------------------------------------------------------------------------------------


def _refuse_constant(name: str):
    raise ValueError(_("%(name)s is not a number") % {"name": name})


def parse_json(content: bytes) -> Any:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblems([_("The file is not UTF-8 text, so it cannot be JSON.")]) from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise ImportProblems(
            [
                _("The file is not valid JSON: %(error)s at line %(line)s, column %(column)s.")
                % {"error": error.msg, "line": error.lineno, "column": error.colno}
            ]
        ) from None
    except (ValueError, RecursionError) as error:
        raise ImportProblems([_("The file is not valid JSON: %(error)s.") % {"error": str(error)[:200]}]) from None


# --- the document's shape, before questionnaire_problems reads it --------------------------------

STRING_FIELDS = {"key", "text", "type", "title"}
OPTIONAL_STRING_FIELDS = {"description", "risk_area", "kind", "guidance", "unit", "knockout_reason", "benchmark"}
BOOL_FIELDS = {"required", "scored", "price"}
NUMBER_FIELDS = {"weight"}
OBJECT_FIELDS = {"rubric", "auto_rule", "knockout"}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _string_problem(value: str) -> str | None:
    if "\x00" in value:
        return _("holds a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _("holds characters that are not valid Unicode")
    return None


def _strings_in(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings_in(key)
            yield from _strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings_in(item)


def _field_problem(name: str, value: Any) -> str | None:
    """What is wrong with the type of one section or question field, or None."""
    if name in STRING_FIELDS and not isinstance(value, str):
        return _("must be text")
    if name in OPTIONAL_STRING_FIELDS and value is not None and not isinstance(value, str):
        return _("must be text")
    if name in BOOL_FIELDS and value is not None and not isinstance(value, bool):
        return _("must be true or false")
    if name in NUMBER_FIELDS and value is not None and not _is_number(value):
        return _("must be a number")
    if name == "word_limit" and value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        return _("must be a whole number")
    if name in OBJECT_FIELDS and value is not None and not isinstance(value, dict):
        return _("must be an object")
    if name == "choices":
        return _choices_problem(value)
    if name == "rubric" and value is not None and not all(isinstance(v, str) for v in value.values()):
        return _("levels must be text")
    for text in _strings_in(value):
        if problem := _string_problem(text):
            return problem
    return None


def _choices_problem(choices: Any) -> str | None:
    if choices is None:
        return None
    if not isinstance(choices, list) or not all(isinstance(c, dict) for c in choices):
        return _("must be a list of objects with a label and points")
    for choice in choices:
        if set(choice) - {"label", "points"} or not isinstance(choice.get("label"), str):
            return _("each choice has a text label and optional points, nothing else")
        points = choice.get("points")
        if points is not None and not (_is_number(points) and 0 <= points <= 5):
            return _("choice points must be a number from 0 to 5")
    return None


def _shape_problems(sections: Any) -> list[str]:
    if not isinstance(sections, list):
        return [_("The file holds no list of sections.")]
    problems = []
    for s_index, section in enumerate(sections, start=1):
        if not isinstance(section, dict):
            problems.append(_("Section %(n)s is not an object.") % {"n": s_index})
            continue
        label = section_label(s_index, section)
        problems += _object_problems(label, section, SECTION_FIELDS + ["questions"], required=["key", "title"])
        questions = section.get("questions") or []
        if not isinstance(questions, list):
            problems.append(_("%(label)s: questions must be a list.") % {"label": label})
            continue
        for q_index, question in enumerate(questions, start=1):
            if not isinstance(question, dict):
                problems.append(_("%(label)s, question %(n)s is not an object.") % {"label": label, "n": q_index})
                continue
            q_label = _("%(label)s, question %(q)s") % {"label": label, "q": question.get("key") or q_index}
            problems += _object_problems(q_label, question, QUESTION_FIELDS, required=["key", "text", "type"])
    return problems


def _object_problems(label: str, data: dict, allowed: list[str], required: list[str]) -> list[str]:
    problems = []
    for name in required:
        if not isinstance(data.get(name), str) or not data[name].strip():
            problems.append(_("%(label)s: %(field)s is missing.") % {"label": label, "field": name})
    for name, value in data.items():
        if name not in allowed:
            problems.append(_("%(label)s: unknown field %(field)r.") % {"label": label, "field": name})
        elif name == "questions" or (name in required and not isinstance(value, str)):
            continue  # questions are checked one by one; a missing required field is reported above
        elif problem := _field_problem(name, value):
            problems.append(
                _("%(label)s: %(field)s %(problem)s.") % {"label": label, "field": name, "problem": problem}
            )
    return problems


def _header_problems(document: dict) -> list[str]:
    if "format" not in document:
        return []  # plain questionnaire data, like the shipped bank file
    if document["format"] != FORMAT_NAME:
        return [
            _("This is not a Shortlist questionnaire file (its format is %(format)r).")
            % {"format": str(document["format"])[:60]}
        ]
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return [_("The file's format version is missing or not a whole number.")]
    if version > FORMAT_VERSION:
        return [
            _("The file was made by a newer Shortlist (format version %(version)s); update this one first.")
            % {"version": version}
        ]
    return []


META_TYPES = {
    "kind": str,
    "title": str,
    "buyer": str,
    "summary": str,
    "hours": str,
    "sites": str,
    "currency": str,
    "channels": list,
    "languages": list,
    "yearly_volumes": dict,
    "sealed": bool,
    "two_envelope": bool,
}


def _meta_problems(meta: Any) -> list[str]:
    if meta is None:
        return []
    if not isinstance(meta, dict):
        return [_("The RFP details must be an object.")]
    problems = []

    def add(name: str, problem: str) -> None:
        problems.append(_("RFP details, %(field)s: %(problem)s.") % {"field": name, "problem": problem})

    for name, value in meta.items():
        if name not in RFP_META_FIELDS:
            add(name, _("unknown field"))
        elif value is None:
            continue
        elif name == "technical_pass_mark":
            if not _is_number(value) or not 0 <= value <= 100:
                add(name, _("must be a number from 0 to 100"))
        elif not isinstance(value, META_TYPES[name]):
            add(name, _("has the wrong type"))
        elif name in ("channels", "languages") and not all(isinstance(v, str) for v in value):
            add(name, _("must be a list of text"))
        elif name == "yearly_volumes" and not all(_is_number(v) and v >= 0 for v in value.values()):
            add(name, _("each volume must be a number of zero or more"))
        elif name == "kind" and value not in Kind.values:
            add(name, _("must be RFI or RFP"))
        elif problem := next(filter(None, map(_string_problem, _strings_in(value))), None):
            add(name, problem)
    if not problems:
        problems += [_("RFP details, %(problem)s") % {"problem": p} for p in rfp_text_problems(meta).values()]
    if not problems:
        problems += _meta_model_problems(meta)
    return problems


def _meta_model_problems(meta: dict) -> list[str]:
    fields = rfp_fields({"rfp": meta}, title=None, deadline=default_deadline())
    try:
        RFP(reference="IMPORT-CHECK", **fields).full_clean(
            exclude=["created_by", "source_rfp"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        return [_("RFP details, %(problem)s") % {"problem": message} for message in validation_messages(error)]
    return []


def _model_problems(document: dict) -> list[str]:
    """Limits the database holds (slug keys, text lengths) that the questionnaire checks leave out."""
    problems = []
    for s_index, data in enumerate(document["sections"], start=1):
        label = section_label(s_index, data)
        problems += _full_clean_problems(label, Section(**section_model_fields(data)), exclude=["rfp"])
        for question in data.get("questions") or []:
            q_label = _("%(label)s, question %(q)s") % {"label": label, "q": question.get("key")}
            problems += _full_clean_problems(q_label, Question(**question_model_fields(question)), exclude=["section"])
    return problems


def _full_clean_problems(label: str, obj, exclude: list[str]) -> list[str]:
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return [
            _("%(label)s: %(field)s: %(message)s") % {"label": label, "field": name, "message": message}
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def document_problems(document: Any) -> list[str]:
    """Every problem with a questionnaire document; empty when it can be imported."""
    if not isinstance(document, dict):
        return [_("The file holds no questionnaire: expected an object with a list of sections.")]
    problems = _header_problems(document) + _meta_problems(document.get("rfp"))
    problems += _shape_problems(document.get("sections"))
    if problems:
        return problems
    # Types are sound from here on, which questionnaire_problems and the model helpers rely on.
    problems = questionnaire_problems(document)
    if problems:
        return problems
    return _model_problems(document)


# --- Excel ------------------------------------------------------------------------------------------

_OOXML_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def ooxml_unescape(text: str) -> str:
    """Undo OOXML's _xHHHH_ escaping, as Excel does when it reads a cell (see exporters.ooxml_escape)."""
    return _OOXML_UNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


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


@dataclass
class RowCells:
    """One row of a sheet, read cell by cell; every problem names sheet, row and column."""

    sheet: str
    row: int
    cells: dict[str, tuple[Any, str, str]]  # field -> (value, data type, "E (Question)")
    problems: list[str] = field(default_factory=list)

    def problem(self, name: str, message: str) -> None:
        _value, _type, where = self.cells[name]
        self.problems.append(
            _("%(sheet)s, row %(row)s, column %(column)s: %(message)s")
            % {"sheet": self.sheet, "row": self.row, "column": where, "message": message}
        )

    def is_blank(self) -> bool:
        return all(value is None or value == "" for value, _type, _where in self.cells.values())

    def raw(self, name: str) -> Any:
        if name not in self.cells:
            return None
        value = self.cells[name][0]
        if isinstance(value, str):
            value = ooxml_unescape(value)
            return None if value == "" else value
        return value

    def refused(self, name: str) -> bool:
        """A formula or error cell, already reported: not also "empty"."""
        return name in self.cells and self.cells[name][1] in ("f", "e")

    def text(self, name: str, *, required: bool = False) -> str | None:
        value = self.raw(name)
        if value is None:
            if required and not self.refused(name):
                self.problem(name, _("this cell must not be empty."))
            return None
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, (int, float)):
            return number_text(value)
        if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
            self.problem(name, _("Excel turned this into a date or time; type it as text."))
            return None
        if problem := _string_problem(value):
            self.problem(name, problem + ".")
            return None
        return value

    def boolean(self, name: str, default: bool) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        found = _yes_no_lookup().get(_norm(number_text(value) if isinstance(value, (int, float)) else value))
        if found is None:
            self.problem(name, _("%(value)r is not Yes or No.") % {"value": str(value)[:40]})
            return default
        return found

    def number(self, name: str, default: float | None = None) -> float | None:
        value = self.raw(name)
        if value is None:
            return default
        if isinstance(value, str):
            try:
                value = float(value.strip())
            except ValueError:
                self.problem(name, _("%(value)r is not a number.") % {"value": value[:40]})
                return default
        if not _is_number(value):
            self.problem(name, _("%(value)r is not a number.") % {"value": str(value)[:40]})
            return default
        return float(value)

    def whole(self, name: str) -> int | None:
        number = self.number(name)
        if number is None:
            return None
        if not number.is_integer():
            self.problem(name, _("%(value)s is not a whole number.") % {"value": number_text(number)})
            return None
        return int(number)

    def code(self, name: str, choices_class, default: str | None = None) -> str | None:
        value = self.text(name)
        if value is None:
            if default is None and not self.refused(name):
                self.problem(name, _("this cell must not be empty."))
            return default
        code = _choice_lookup(choices_class).get(_norm(value))
        if code is None:
            self.problem(
                name,
                _("%(value)r is not one of: %(choices)s.")
                % {"value": value[:40], "choices": ", ".join(choices_class.values)},
            )
        return code or default

    def json(self, name: str) -> Any:
        value = self.text(name)
        if value is None:
            return None
        try:
            data = json.loads(value, parse_constant=_refuse_constant)
        except (ValueError, RecursionError):
            self.problem(name, _('this is not valid JSON, e.g. {"kind": "linear", "worst": 80, "best": 20}.'))
            return None
        if not isinstance(data, dict):
            self.problem(name, _("this must be a JSON object in braces {...}."))
            return None
        return data

    def choices(self, name: str) -> list[dict]:
        value = self.text(name)
        choices = []
        for line in (value or "").split("\n"):
            if not line.strip():
                continue
            label, points = line, None
            if "|" in line:
                label, points_text = line.rsplit("|", 1)
                if points_text.strip():
                    try:
                        number = float(points_text.strip().replace(",", "."))
                    except ValueError:
                        number = math.nan
                    if not math.isfinite(number) or not 0 <= number <= 5:
                        self.problem(name, _("%(line)r: points must be a number from 0 to 5.") % {"line": line[:60]})
                        continue
                    points = int(number) if number.is_integer() else number
            choices.append({"label": label.strip(), "points": points})
        return choices

    def readable_matches(self, name: str, describe, value: Any, note: str) -> None:
        """A grey copy column must show what the authoritative cells say (or be empty)."""
        shown = self.raw(name)
        if shown is None or name not in self.cells:
            return
        if _norm(shown) not in _renderings(describe, value):
            self.problem(name, note)


def _cell_type_problem(sheet: str, row: int, column: str, value: Any, data_type: str) -> str | None:
    where = {"sheet": sheet, "row": row, "column": column, "value": value}
    if data_type == "f":
        return _("%(sheet)s, row %(row)s, column %(column)s: formulas are not accepted; type the value itself.") % where
    if data_type == "e":
        return _("%(sheet)s, row %(row)s, column %(column)s: the cell holds the Excel error %(value)s.") % where
    return None


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
