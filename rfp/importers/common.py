"""What every part of the questionnaire import shares: `ImportProblems`, which carries every
problem found, one sentence each, and the small checks of plain values (numbers, text, JSON
constants) that both the document checks and the workbook reader apply."""

import math
from typing import Any

from django.utils.translation import gettext as _


class ImportProblems(Exception):
    """The file cannot be imported; `problems` says why, one clear sentence each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = [str(p) for p in problems]
        super().__init__("; ".join(self.problems))


def _norm(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


def _refuse_constant(name: str):
    raise ValueError(_("%(name)s is not a number") % {"name": name})


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
