"""Turning what a vendor typed (on the web, in Excel or on the command line) into a stored answer.

`clean_answer(question, raw)` returns (state, value) or raises ValidationError with a message a
bid manager understands. One function for every channel, so that the web form, the offline
workbook and `import_response` accept and refuse exactly the same things, length included
(config.text_rules holds the limits).

`display_value` is the value as plain text (what a vendor edits, what the audit log records);
`shown_value` is what a page, the report or an export shows: the vendor's own text isolated
(config.text_rules.isolate) so that a direction control in it cannot reorder what surrounds it.
"""

import datetime
import functools
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import translation
from django.utils.translation import gettext as _

from config.text_rules import COMMENT_MAX, answer_limit, check_text, isolate
from rfp.models import QuestionType
from vendors.models import AnswerState

NOT_APPLICABLE_MARKERS = {"n/a", "na", "not applicable"}
# Choices in one cell or box: one per line, or separated by a semicolon, Latin or Arabic (؛), as a
# workbook in Arabic or Persian is typed.
CHOICE_SEPARATORS = re.compile("[;\u061b\n]")
NO_NUL_CHARACTERS = ProhibitNullCharactersValidator()
FORMULA_PREFIXES = ("=", "+", "-", "@")
# Types whose value is text the vendor wrote (file questions: the names of the vendor's files).
# Choices, numbers and dates are the buyer's labels or checked values: shown as they are, so that
# an export can still be filtered on "Yes".
VENDOR_TEXT_TYPES = frozenset({QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT, QuestionType.FILE})


@functools.cache
def not_applicable_markers() -> frozenset[str]:
    """The not-applicable marker as a vendor may type it: in English ("N/A"), or as the workbook
    of any of the product's languages offers it."""
    markers = set(NOT_APPLICABLE_MARKERS)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            markers |= {_("N/A").casefold(), _("Not applicable").casefold()}
    return frozenset(markers)


def _is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


def _number(question, raw: Any) -> float:
    if isinstance(raw, bool):
        raise ValidationError(_("Enter a number."))
    if isinstance(raw, (int, float, Decimal)):
        number = Decimal(str(raw))
    else:
        text = str(raw).strip().replace(",", "").replace("%", "").replace(" ", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(_("%(value)r is not a number.") % {"value": str(raw)[:40]}) from None
    if not number.is_finite():
        raise ValidationError(_("Enter a finite number."))
    if question.type == QuestionType.PERCENTAGE and not Decimal(0) <= number <= Decimal(100):
        raise ValidationError(_("A percentage is between 0 and 100."))
    if question.type == QuestionType.NUMBER and number < 0:
        raise ValidationError(_("This number cannot be negative."))
    value = float(number)
    if not math.isfinite(value):  # 1e309 is a finite Decimal but no float: JSON could not store it
        raise ValidationError(_("This number is too large."))
    return value


def _choice(question, raw: Any) -> str:
    label = str(raw).strip()
    labels = question.choice_labels
    for candidate in labels:
        if candidate.casefold() == label.casefold():
            return candidate
    raise ValidationError(
        _("%(value)r is not one of the choices (%(choices)s).") % {"value": label[:60], "choices": ", ".join(labels)}
    )


def _choices(question, raw: Any) -> list[str]:
    items = raw if isinstance(raw, list) else CHOICE_SEPARATORS.split(str(raw))
    chosen = [_choice(question, item) for item in items if str(item).strip()]
    return [label for label in question.choice_labels if label in chosen]


def _date(raw: Any) -> str:
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    try:
        return datetime.date.fromisoformat(str(raw).strip()).isoformat()
    except ValueError:
        raise ValidationError(_("Enter the date as YYYY-MM-DD.")) from None


def _text(question, raw: Any) -> str:
    text = str(raw).strip()
    if question.word_limit and len(text.split()) > question.word_limit:
        raise ValidationError(
            _("The answer has %(words)s words; the limit is %(limit)s.")
            % {"words": len(text.split()), "limit": question.word_limit}
        )
    return text


def clean_answer(question, raw: Any) -> tuple[str, Any]:
    """(state, value) for what the vendor entered; ValidationError when it cannot be accepted."""
    for item in raw if isinstance(raw, list) else [raw]:
        NO_NUL_CHARACTERS(item)  # PostgreSQL cannot store one: a message, not a server error
        if isinstance(item, str) and question.type != QuestionType.FILE:
            # Before any parsing: a megabyte typed into a number box costs nothing to refuse.
            check_text(item.strip(), limit=answer_limit(question.type), field=_("The answer"))
    if _is_blank(raw):
        return AnswerState.BLANK, None
    if isinstance(raw, str) and raw.strip().casefold() in not_applicable_markers() and not question.required:
        return AnswerState.NOT_APPLICABLE, None
    qtype = question.type
    if qtype in (QuestionType.NUMBER, QuestionType.PERCENTAGE):
        return AnswerState.ANSWERED, _number(question, raw)
    if qtype in (QuestionType.YES_NO, QuestionType.SINGLE_CHOICE):
        return AnswerState.ANSWERED, _choice(question, raw)
    if qtype == QuestionType.MULTI_CHOICE:
        chosen = _choices(question, raw)
        return (AnswerState.ANSWERED, chosen) if chosen else (AnswerState.BLANK, None)
    if qtype == QuestionType.DATE:
        return AnswerState.ANSWERED, _date(raw)
    if qtype == QuestionType.FILE:
        # Files arrive as attachments; the value records that at least one is there.
        return AnswerState.ANSWERED, str(raw)
    return AnswerState.ANSWERED, _text(question, raw)


def clean_comment(raw: Any) -> str:
    """A vendor's comment on an answer, as stored; ValidationError when it is too long."""
    comment = str(raw or "").strip()
    check_text(comment, limit=COMMENT_MAX, field=_("The comment"))
    return comment


def display_value(value: Any) -> str:
    """An answer value as plain text: what the vendor edits and what the audit log records."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def shown_value(question_type: str, value: Any, *, escape=None) -> str:
    """An answer value as a page, the report or an export shows it: the vendor's own text isolated,
    anything else as display_value gives it (numbers without .0, lists joined). `escape` (excel_safe,
    for a workbook) applies before the isolation, so that its quote before a leading = still stands
    in front of the text when something strips the invisible isolates."""
    text = display_value(value)
    if escape is not None:
        text = escape(text)
    return isolate(text) if question_type in VENDOR_TEXT_TYPES else text


def excel_safe(text: Any) -> Any:
    """Text that Excel will never run as a formula: a leading =, +, - or @ gets a quote."""
    if isinstance(text, str) and text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text
