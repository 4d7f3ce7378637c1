"""One row of an uploaded workbook, read cell by cell (`RowCells`): text, numbers, yes/no, codes,
JSON and choices, each problem naming its sheet, row and column. Headings, codes and yes/no are
recognised in every language the site offers, so a workbook exported in one language imports in
any other."""

import datetime
import functools
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from rfp.exporters import number_text
from rfp.importers.common import _is_number, _norm, _refuse_constant, _string_problem

# --- translations: a workbook exported in one language imports in any other -------------------


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


_OOXML_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def ooxml_unescape(text: str) -> str:
    """Undo OOXML's _xHHHH_ escaping, as Excel does when it reads a cell (see exporters.ooxml_escape)."""
    return _OOXML_UNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


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
