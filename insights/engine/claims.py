"""Claims to verify: the figures, certifications and commitments a bid states, each with the
passage that states it, so a buyer can ask for proof before award."""

from insights.engine import figures
from insights.engine.model import AnswerInput, Claim

FIGURE_KINDS = {"percent", "duration", "count", "money"}
NUMERIC_TYPES = {"number", "percentage"}


def claims_in(answer: AnswerInput, question_type: str = "") -> list[Claim]:
    found = []
    if question_type in NUMERIC_TYPES and isinstance(answer.value, int | float) and not isinstance(answer.value, bool):
        found.append(Claim(answer.answer_id, answer.question_key, "figure", _shown(answer.value), -1, -1))
    text = answer.text or ""
    for quantity in figures.quantities(text):
        if quantity.kind in FIGURE_KINDS:
            found.append(_claim(answer, "figure", quantity.start, quantity.end))
    for start, end in figures.standards(text):
        found.append(_claim(answer, "certification", start, end))
    sentences = set()
    for start, end in figures.commitments(text):
        sentence = figures.sentence_around(text, start, end)
        if sentence not in sentences and sentence[1] - sentence[0] > end - start:
            sentences.add(sentence)
            found.append(_claim(answer, "commitment", *sentence))
    return found


def _claim(answer: AnswerInput, kind: str, start: int, end: int) -> Claim:
    return Claim(answer.answer_id, answer.question_key, kind, answer.text[start:end], start, end)


def _shown(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
