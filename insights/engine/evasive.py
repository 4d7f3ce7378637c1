"""Evasive answers: the question asks for a figure, a date, a named standard or product, or a
commitment, and the answer gives none of them.

What each bank question asks for is declared in data (the app's expectations.json), one entry per
question key: `{"asks": ["percentage"]}`. An answer satisfies the question when it gives at least
one of the things asked for; a typed value (a number for a number question, a date for a date
question, a choice) always satisfies it. A blank answer is not evasive: blanks are the scoring
engine's flag."""

import re

from insights.engine import figures
from insights.engine.model import EVASIVE, AnswerInput, Evidence, Finding

ASKS = ("percentage", "number", "duration", "date", "certificate", "tool", "commitment")


# An answer that opens with "none", "zero" or "we charge no surcharge" gives a figure, nought (the
# bank's guidance says "enter 0 if all agents work on site"); one that opens with "all" gives 100%.
ZERO = re.compile(
    r"^\W*(?:none|zero|nil|nobody|no one|not a single|no (?:surcharge|extra charge|fee)|there is no|"
    r"we do not (?:apply|charge)|we don't (?:apply|charge)|"
    r"żaden|żadna|żadne|zero|nikt|nie stosujemy|nie pobieramy|brak (?:dopłat|opłat)|"
    r"אף אחד|אף לא אחד|אפס|אין תוספת|איננו גובים|לא נגבה|"
    r"لا أحد|صفر|لا يوجد|لا توجد|لا نفرض|لا نطبق|هیچ‌?کدام|هیچ‌?کس|هیچ|صفر)(?!\w)",
    re.IGNORECASE,
)
EVERYONE = re.compile(
    r"^\W*(?:all\b|every one\b|wszys(?:cy|tkie)\b|כל ה|כולם|جميع|كل ال|الجميع|همه|تمام)", re.IGNORECASE
)


def gives(text: str) -> set[str]:
    """What kinds of answer a text contains."""
    found: set[str] = set()
    if ZERO.match(text):
        found |= {"percentage", "number"}
    if EVERYONE.match(text):
        found.add("percentage")
    amounts = figures.quantities(text)
    if any(q.kind == "percent" for q in amounts):
        found.add("percentage")
    if any(q.kind == "duration" for q in amounts):
        found.add("duration")
    if any(not figures.is_year(q) for q in amounts):
        found.add("number")
    if figures.dates(text):
        found.add("date")
    if figures.standards(text):
        found.add("certificate")
    if figures.products(text):
        found.add("tool")
    if figures.commitments(text) and not figures.hedges(text):
        found.add("commitment")
    return found


def _value_given(value) -> bool:
    if value is None or value == "" or value == []:
        return False
    return not (isinstance(value, str) and not value.strip())


FIGURES = {"percentage", "number", "duration"}


def _code(asks: list[str], text: str) -> str:
    if asks == ["commitment"] and figures.hedges(text):
        return "hedged_commitment"
    if len(asks) > 1 and set(asks) <= FIGURES:
        return "no_figure"
    return f"no_{asks[0]}"


def check(answer: AnswerInput, question_type: str, expectation: dict | None) -> Finding | None:
    if not expectation:
        return None
    asks = [ask for ask in expectation.get("asks", ()) if ask in ASKS]
    if not asks:
        return None
    if question_type not in ("long_text", "short_text") and _value_given(answer.value):
        return None
    text = (answer.text or "").strip()
    if not text:
        return None
    if gives(text) & set(asks):
        return None
    code = _code(asks, text)
    start = len(answer.text) - len(answer.text.lstrip())
    evidence = (Evidence(answer.answer_id, answer.question_key, text, start, start + len(text)),)
    params = {"question": answer.question_key, "asks": list(asks)}
    return Finding(EVASIVE, code, (answer.question_key,), (answer.answer_id,), params, evidence)
