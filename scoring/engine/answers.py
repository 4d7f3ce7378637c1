"""One answer: its state, where its points come from, and the aggregate over evaluators.

* Points come from the question's auto-scoring rule, otherwise from the evaluators (mean or
  median of their individual scores). A moderated consensus score overrides both, without
  touching the individual scores. Precedence: consensus, auto rule, evaluators' aggregate.
* Answer states: ``answered``; ``blank`` (counts 0 and is flagged); ``na`` (left out of the
  numerator and the denominator); and *not yet scored* (answered, human-scored, no score yet:
  left out like ``na`` and the ranking is marked provisional). A missing answer is blank.
* An answer is flagged as a disagreement when ``max - min`` of the evaluators' points reaches
  ``Config.disagreement_range``.

:func:`score_answer` scores one answer; :func:`~scoring.engine.rank` applies the same rules to
every answer at once (:mod:`scoring.engine.grid`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from scoring.engine.rules import auto_points
from scoring.engine.specs import ANSWERED, BLANK, NA, AnswerInput, AnswerScore, Config, QuestionSpec
from scoring.engine.values import _EPS, _check_points


def aggregate_points(points: Sequence[float], method: str = "mean") -> float | None:
    """Mean (default) or median of the evaluators' points; None without any points."""
    if not points:
        return None
    values = sorted(float(p) for p in points)
    if method == "median":
        mid = len(values) // 2
        return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
    if method != "mean":
        raise ValueError(f"aggregate must be 'mean' or 'median', not {method!r}.")
    return math.fsum(values) / len(values)


def score_answer(question: QuestionSpec, answer: AnswerInput | None, config: Config = Config()) -> AnswerScore:  # noqa: B008
    """How one answer scores, with the same rules :func:`rank` applies in bulk.

    Precedence: consensus, then the auto-scoring rule, then the evaluators' aggregate. An
    answered human-scored question without any of these is *not yet scored*.
    """
    if not question.scored:
        return AnswerScore(None, "not_scored", None, None, False)
    if answer is None or answer.state == BLANK:
        return AnswerScore(0.0, BLANK, None, None, False)
    if answer.state == NA:
        return AnswerScore(None, NA, None, None, False)
    if answer.state != ANSWERED:
        raise ValueError(f"Unknown answer state {answer.state!r}.")
    points = [_check_points(p, "Evaluator score") for _, p in answer.scores]
    spread = max(points) - min(points) if points else None
    if answer.consensus is not None:
        return AnswerScore(_check_points(answer.consensus, "Consensus"), "scored", "consensus", spread, False)
    if question.auto_rule is not None:
        auto = auto_points(question.auto_rule, question.choices, answer.value)
        if auto is not None:
            return AnswerScore(auto, "scored", "auto", spread, False)
    if not points:
        return AnswerScore(None, "not_yet_scored", None, None, False)
    disagreement = spread is not None and spread >= config.disagreement_range - _EPS
    return AnswerScore(aggregate_points(points, config.aggregate), "scored", "evaluators", spread, disagreement)
