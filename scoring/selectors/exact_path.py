"""The exact path of the ranking: one AnswerInput per answer, every score row read.

It is the reference the fast path (:mod:`scoring.selectors.fast_path`) is tested against, and
the path the ranking takes when the fast one cannot give the same result. Reads, in five
queries: the answers, the JSON values the rules, knockouts and the price read, the conflicts of
interest, the submitted scores, and the consensus scores.
"""

from itertools import repeat, starmap
from typing import Any

from rfp.models import RFP
from scoring import engine
from scoring.models import ConflictDeclaration, Consensus, Score
from scoring.selectors.questions import _QuestionTable, _submitted_answers
from scoring.selectors.reads import fetch_rows, group_by_first, json_values
from vendors.models import AnswerState, ResponseStatus


def _exact_answers(rfp: RFP, table: _QuestionTable) -> tuple[list[engine.AnswerInput], dict[int, Any]]:
    answers_qs = _submitted_answers(rfp)
    answer_rows = fetch_rows(answers_qs.values_list("id", "response__vendor_id", "question_id", "state"))
    # Only the answers that a rule, a knockout or the price formula reads need their JSON value.
    values = json_values(
        fetch_rows(answers_qs.filter(question_id__in=table.value_questions).values_list("id", "value"))
    )
    scores = submitted_scores(rfp)
    consensus = dict(Consensus.objects.filter(answer__response__rfp=rfp).values_list("answer_id", "points"))

    # Columns rather than rows, and starmap rather than a Python loop: at 80,000 answers the
    # interpreter's per-row work is most of the cost of building the inputs.
    ids, vendor_ids, question_ids, states = zip(*answer_rows, strict=True) if answer_rows else ((), (), (), ())
    answers = list(
        starmap(
            engine.AnswerInput,
            zip(
                vendor_ids,
                question_ids,
                states,
                map(values.get, ids),
                map(scores.get, ids, repeat(())),
                map(consensus.get, ids) if consensus else repeat(None),
                strict=False,
            ),
        )
    )
    prices = {
        vendor: values.get(aid)
        for aid, vendor, qid, state in answer_rows
        if qid == table.price_question and state == AnswerState.ANSWERED
    }
    return answers, prices


def submitted_scores(rfp: RFP) -> dict[int, list[tuple[int, int]]]:
    """Submitted individual scores as {answer id: [(evaluator id, points), ...]}.

    A score given before the evaluator declared a conflict with the vendor stops counting (the
    row stays, for the audit).
    """
    scores = Score.objects.filter(
        answer__response__rfp=rfp, answer__response__status=ResponseStatus.SUBMITTED, submitted_at__isnull=False
    )
    conflicts = list(
        ConflictDeclaration.objects.filter(rfp=rfp, conflict=True).values_list("evaluator_id", "vendor_id")
    )
    for evaluator, vendor in conflicts:
        scores = scores.exclude(evaluator_id=evaluator, answer__response__vendor_id=vendor)
    return group_by_first(fetch_rows(scores.values_list("answer_id", "evaluator_id", "points")))
