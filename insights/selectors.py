"""Reads for answer intelligence: one RFP's questions and answers as the engine's plain inputs,
and the engine's result for that RFP. The engine itself never touches the database."""

from insights import data
from insights.engine import Analysis, AnswerInput, QuestionInput, analyse
from rfp.models import RFP, Question, QuestionType
from vendors.models import Answer, AnswerState, Attachment

TEXT_TYPES = {QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT}


def engine_questions(rfp: RFP) -> list[QuestionInput]:
    """The RFP's questions, each with its own wording and, for a bank question, the bank's wording
    in every language, so that a restated question is recognised whichever text the vendor read."""
    bank = data.bank_questions()
    questions = []
    for key, kind, text, guidance in Question.objects.filter(section__rfp=rfp).values_list(
        "key", "type", "text", "guidance"
    ):
        known = bank[key].texts if key in bank else ()
        questions.append(QuestionInput(key, kind, tuple(t for t in (text, guidance, *known) if t)))
    return questions


def engine_answers(rfp: RFP) -> list[AnswerInput]:
    """Every answered answer of the RFP: a text answer's value as its text, otherwise the typed
    value with the vendor's comment as the text; attachments by their file names."""
    files: dict[int, list[str]] = {}
    for answer_id, name in Attachment.objects.filter(answer__response__rfp=rfp).values_list(
        "answer_id", "original_name"
    ):
        files.setdefault(answer_id, []).append(name)
    answers = []
    rows = (
        Answer.objects.filter(response__rfp=rfp, state=AnswerState.ANSWERED)
        .values_list("id", "response__vendor_id", "question__key", "question__type", "value", "comment")
        .order_by("id")
    )
    for answer_id, vendor_id, key, kind, value, comment in rows:
        if kind in TEXT_TYPES:
            text = value if isinstance(value, str) else ""
            if comment:
                text = f"{text}\n{comment}" if text else comment
            typed = None
        else:
            text, typed = comment or "", value
        answers.append(AnswerInput(answer_id, vendor_id, key, text, typed, tuple(files.get(answer_id, ()))))
    return answers


def analysis_for_rfp(rfp: RFP) -> Analysis:
    return analyse(engine_questions(rfp), engine_answers(rfp), data.expectations(), data.relations())
