"""The questions of an RFP as the engine sees them, and which answers the ranking reads.

:func:`_question_table` reads every question of the RFP in one query; :func:`_submitted_answers`
is the queryset of the answers of submitted bids (no query until it is evaluated).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from rfp.models import RFP, Question
from scoring import engine
from vendors.models import Answer, ResponseStatus


@dataclass(frozen=True)
class _QuestionTable:
    specs: list[engine.QuestionSpec]
    value_questions: set[int]  # the questions whose answers a rule, a knockout or the price reads
    price_question: int | None


def question_spec(
    *,
    id: int,  # noqa: A002 - the engine's field name
    section_id: int,
    weight,
    scored: bool,
    required: bool,
    is_price: bool,
    auto_rule: dict | None,
    choices: list | None,
    knockout: dict | None,
    knockout_reason: str,
    text: str,
    price_section_ids: set[int],
) -> engine.QuestionSpec:
    """The engine's view of one question, the only place it is built (the ranking and the reports):
    price questions and every question of a price section are scored by the price formula, not as
    answers; a knockout without a reason of its own gets one that names the question."""
    return engine.QuestionSpec(
        id=id,
        section_id=section_id,
        weight=float(weight),
        scored=scored and not is_price and section_id not in price_section_ids,
        required=required,
        auto_rule=auto_rule or None,
        choices=choices or (),
        knockout=knockout or None,
        # Only a knockout's reason is ever shown: spare the translation for the others.
        knockout_reason=knockout_reason
        or (_("Knockout not met: %(question)s") % {"question": text[:80]} if knockout else ""),
    )


def _question_table(rfp: RFP, price_section_ids: set[int]) -> _QuestionTable:
    question_rows = list(
        Question.objects.filter(section__rfp=rfp)
        .order_by("section__order", "order", "id")
        .values_list(
            "id",
            "section_id",
            "weight",
            "scored",
            "required",
            "auto_rule",
            "choices",
            "knockout",
            "knockout_reason",
            "is_price",
            "text",
        )
    )
    questions, value_questions, price_question = [], set(), None
    for qid, sid, weight, scored, required, rule, choices, knockout, reason, is_price, text in question_rows:
        questions.append(
            question_spec(
                id=qid,
                section_id=sid,
                weight=weight,
                scored=scored,
                required=required,
                is_price=is_price,
                auto_rule=rule,
                choices=choices,
                knockout=knockout,
                knockout_reason=reason,
                text=text,
                price_section_ids=price_section_ids,
            )
        )
        if rule or knockout or is_price:
            value_questions.add(qid)
        if is_price and price_question is None:
            price_question = qid
    return _QuestionTable(questions, value_questions, price_question)


def _submitted_answers(rfp: RFP):
    return Answer.objects.filter(response__rfp=rfp, response__status=ResponseStatus.SUBMITTED)
