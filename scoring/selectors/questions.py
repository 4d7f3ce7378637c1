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
            engine.QuestionSpec(
                id=qid,
                section_id=sid,
                weight=float(weight),
                scored=scored and not is_price and sid not in price_section_ids,
                required=required,
                auto_rule=rule or None,
                choices=choices or (),
                knockout=knockout or None,
                # Only a knockout's reason is ever shown: spare the translation for the others.
                knockout_reason=reason
                or (_("Knockout not met: %(question)s") % {"question": text[:80]} if knockout else ""),
            )
        )
        if rule or knockout or is_price:
            value_questions.add(qid)
        if is_price and price_question is None:
            price_question = qid
    return _QuestionTable(questions, value_questions, price_question)


def _submitted_answers(rfp: RFP):
    return Answer.objects.filter(response__rfp=rfp, response__status=ResponseStatus.SUBMITTED)
