"""The rules for free text that people type, and for showing what vendors typed.

Every writer (the services, the questionnaire and workbook imports, the admin) checks text here,
so that the web form, the htmx autosave, the Excel import and any later API refuse the same text
with the same message, before anything is saved. Forms may also give the browser a maxlength;
that is a convenience, these checks are the guarantee.

The limits are generous for a procurement process and small enough that no single field can fill
the database, the audit log, a PDF or an Excel cell (Excel stops at 32,767 characters a cell):

- a name or a title fits on one line of a report: 200 characters, the width of the database
  columns that already hold them (people's names: 150, the width of Django's user columns);
- a short-text answer is a word, a figure or a sentence: 1,000 characters;
- a reason (declining an invitation, a conflict of interest) is a paragraph or two: 2,000;
- a question, its guidance, a clarification question, an addendum summary: 4,000 (a page);
- a comment on an answer or a score, a consensus reason, a shortlist rationale: 5,000;
- a long answer, a clarification answer, an RFP summary: 20,000 characters, about 3,000 words
  or six pages, beyond any word limit a buyer sets on a single answer.

Direction controls. The explicit bidirectional controls (LRE, RLE, PDF, LRO, RLO and LRI, RLI,
FSI, PDI) are invisible and change the order in which the text around them is drawn: a company
typed as "Coral " + U+202E + "tsoC" reads "Coral Cost" on screen and in the report. Names and
titles refuse them (`refuse_direction_controls`). Answers and comments keep them, because a
vendor writing Hebrew or Arabic may need them, but pages, the PDF and the score matrix show a
vendor's text through `isolate`, which wraps each line in FIRST STRONG ISOLATE ... POP DIRECTIONAL
ISOLATE and closes whatever the text leaves open, so that nothing outside it can move. What the
vendor edits (the answer box, the offline workbook's answer cells) stays exactly as typed.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.formats import number_format
from django.utils.translation import gettext as _

NAME_MAX = 200
PERSON_NAME_MAX = 150
TITLE_MAX = 200
SHORT_ANSWER_MAX = 1_000
REASON_MAX = 2_000
QUESTION_TEXT_MAX = 4_000
COMMENT_MAX = 5_000
LONG_TEXT_MAX = 20_000
LIST_ITEMS_MAX = 100  # languages, sites, certifications: a list longer than this is not a list

# Answers are checked by question type: a vendor's free text by its own limit, anything else (a
# number, a date, a choice typed in Excel) only against the longest text, to bound the work.
ANSWER_LIMITS = {"short_text": SHORT_ANSWER_MAX, "long_text": LONG_TEXT_MAX}

LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
EMBEDDINGS = frozenset(LRE + RLE + LRO + RLO)  # closed by PDF
ISOLATES = frozenset(LRI + RLI + FSI)  # closed by PDI
DIRECTION_CONTROLS = EMBEDDINGS | ISOLATES | {PDF, PDI}
# The Unicode paragraph separators (bidi class B): the bidi algorithm closes everything at each.
PARAGRAPH_BREAK = re.compile("(\r\n|[\n\r\x1c-\x1e\x85\u2029])")


# --- limits ---------------------------------------------------------------------------------


def length_of(value: str) -> int:
    """Characters as the person typed them: a browser posts each line break as CR LF but counts
    it, like the person, as one."""
    return len(value) - value.count("\r\n")


def _number(n: int) -> str:
    return number_format(n, force_grouping=True)


def text_problem(value: str, *, limit: int, field: str) -> str:
    """Why `value` cannot be stored as `field`, or "" when it can."""
    if "\x00" in value:
        # PostgreSQL cannot store a NUL: a message here (Django's, as its forms give it), not a server error.
        return str(ProhibitNullCharactersValidator.message)
    length = length_of(value)
    if length > limit:
        return _("%(field)s is too long: %(length)s characters; the limit is %(limit)s.") % {
            "field": field,
            "length": _number(length),
            "limit": _number(limit),
        }
    return ""


def direction_control_problem(value: str, *, field: str) -> str:
    """Why `value` cannot be a name: the first direction control in it, or "" when there is none."""
    found = next((char for char in value if char in DIRECTION_CONTROLS), None)
    if found is None:
        return ""
    return _(
        "%(field)s contains an invisible direction control character (%(code)s), which could make it read "
        "differently from what was typed. Remove it."
    ) % {"field": field, "code": f"U+{ord(found):04X}"}


def name_problem(value: str, *, field: str, limit: int = NAME_MAX) -> str:
    """Why `value` cannot be a name or a title, or "": too long, or holding a direction control."""
    return text_problem(value, limit=limit, field=field) or direction_control_problem(value, field=field)


def names_problem(values: list[str], *, field: str) -> str:
    """Why a list of short names (languages, sites, certifications) cannot be stored, or "": too
    many of them, or the first that is not a valid name."""
    if len(values) > LIST_ITEMS_MAX:
        return _("%(field)s lists %(count)s entries; the limit is %(limit)s.") % {
            "field": field,
            "count": _number(len(values)),
            "limit": _number(LIST_ITEMS_MAX),
        }
    return next(filter(None, (name_problem(value, field=field) for value in values)), "")


def _refuse(problem: str, key: str | None) -> None:
    if problem:
        raise ValidationError({key: problem} if key else problem)


def refuse_problems(problems: dict[str, str]) -> None:
    """Raise {field: problem} as one ValidationError, so that a form shows each by its field;
    nothing when the dict is empty."""
    if problems:
        raise ValidationError(problems)


def check_text(value: str, *, limit: int, field: str, key: str | None = None) -> None:
    """Raise a ValidationError naming `field` when `value` is longer than `limit` characters.
    `key` files the error under a form field's name, where the caller has a form."""
    _refuse(text_problem(value, limit=limit, field=field), key)


def refuse_direction_controls(value: str, *, field: str, key: str | None = None) -> None:
    """Raise a ValidationError when `value` holds an explicit direction control (U+202A-U+202E,
    U+2066-U+2069)."""
    _refuse(direction_control_problem(value, field=field), key)


def check_name(value: str, *, field: str, limit: int = NAME_MAX, key: str | None = None) -> None:
    """A name or a title: within its limit and without direction controls."""
    _refuse(name_problem(value, field=field, limit=limit), key)


def check_names(values: list[str], *, field: str, key: str | None = None) -> None:
    """A list of short names (languages, sites, certifications), each checked as a name."""
    _refuse(names_problem(values, field=field), key)


def answer_limit(question_type: str) -> int:
    """The most characters an answer to a question of this type may hold."""
    return ANSWER_LIMITS.get(question_type, LONG_TEXT_MAX)


# --- isolation ------------------------------------------------------------------------------


def _balanced(line: str) -> str:
    """One line with every direction control paired as the bidi algorithm pairs them: a closer
    that closes nothing is dropped, and every opener left open is closed at the end.

    A PDF closes the last embedding or override only while no isolate was opened after it (rule
    X7); a PDI closes the last open isolate and everything opened after it (rule X6a). A stray
    PDI left in the text would close our own FSI early, which is why unmatched closers go."""
    stack: list[str] = []
    open_isolates = 0
    kept: list[str] = []
    for char in line:
        if char in EMBEDDINGS or char in ISOLATES:
            stack.append(char)
            open_isolates += char in ISOLATES
        elif char == PDF:
            if not stack or stack[-1] not in EMBEDDINGS:
                continue
            stack.pop()
        elif char == PDI:
            if not open_isolates:
                continue
            while stack.pop() not in ISOLATES:
                pass
            open_isolates -= 1
        kept.append(char)
    kept.extend(PDF if opener in EMBEDDINGS else PDI for opener in reversed(stack))
    return "".join(kept)


def _wrapped(line: str) -> bool:
    """Whether a balanced line is one isolate from end to end: an FSI whose PDI is the last character."""
    if len(line) < 2 or line[0] != FSI or line[-1] != PDI:
        return False
    depth = 0
    for index, char in enumerate(line):
        if char in ISOLATES:
            depth += 1
        elif char == PDI:
            depth -= 1
            if depth == 0:
                return index == len(line) - 1
    return False


def _isolated_line(line: str) -> str:
    balanced = _balanced(line)
    return balanced if _wrapped(balanced) else FSI + balanced + PDI


def isolate(text: str) -> str:
    """Vendor text made safe to show among other text: each line wrapped in FSI ... PDI (first
    strong isolate, so the line takes the direction of its own first letter, as dir="auto"), with
    the direction controls the vendor typed kept but paired, so that none reaches outside.
    Applying it twice changes nothing, so a caller need not know whether a text is isolated yet
    (a text cut short after isolation, e.g. by truncatechars, is closed again)."""
    parts = PARAGRAPH_BREAK.split(text)
    # split() with a group returns text, break, text, ...: the odd items are the breaks.
    return "".join(part if index % 2 or not part else _isolated_line(part) for index, part in enumerate(parts))
