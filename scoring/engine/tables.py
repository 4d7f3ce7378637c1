"""The questionnaire checked and turned into arrays, once per ranking.

Sections: ids unique, kind ``technical`` or ``price`` (at most one price section), weights
numbers ``>= 0`` that total 100 (within 1e-6, for 33.33 + 33.33 + 33.34). Questions: in a known
section, weights ``>= 0``; a question counts when it is scored and in a technical section
(questions in the price section are not scored one by one: the price formula is). Auto rules
and knockouts are validated and compiled here, so a malformed one fails before any answer is
read.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from scoring.engine.rules import CompiledRule, check_knockout, compile_rule
from scoring.engine.specs import PRICE, TECHNICAL, QuestionSpec, SectionSpec
from scoring.engine.values import _WEIGHT_TOTAL_TOLERANCE, _is_weight


@dataclass(frozen=True)
class _Sections:
    ids: list[Hashable]
    index: dict[Hashable, int]
    weights: np.ndarray
    technical: np.ndarray  # bool per section
    price_col: int | None


@dataclass(frozen=True)
class _Questions:
    ids: list[Hashable]
    index: dict[Hashable, int]
    section: np.ndarray  # section index per question
    weight: np.ndarray
    counts: np.ndarray  # bool: scored and in a technical section
    required: np.ndarray
    rules: list[CompiledRule | None]  # compiled auto rule, counting questions only
    has_rule: np.ndarray
    knockouts: list[tuple[int, Mapping[str, Any], str]]


def _section_table(sections: Sequence[SectionSpec]) -> _Sections:
    if not sections:
        raise ValueError("The questionnaire has no sections to score.")
    ids = [s.id for s in sections]
    index = _index(ids, "section")
    for s in sections:
        if s.kind not in (TECHNICAL, PRICE):
            raise ValueError(f"Section {s.title!r}: kind must be 'technical' or 'price'.")
        if not _is_weight(s.weight):
            raise ValueError(f"Section {s.title!r}: weight must be a number >= 0, not {s.weight!r}.")
    weights = np.array([float(s.weight) for s in sections])
    total = float(weights.sum())
    if abs(total - 100.0) > _WEIGHT_TOTAL_TOLERANCE:
        raise ValueError(f"Section weights must total 100; they total {total:g}.")
    price_cols = [i for i, s in enumerate(sections) if s.kind == PRICE]
    if len(price_cols) > 1:
        raise ValueError("Only one section can hold the price.")
    technical = np.array([s.kind == TECHNICAL for s in sections])
    return _Sections(ids, index, weights, technical, price_cols[0] if price_cols else None)


def _index(ids: Sequence[Hashable], what: str) -> dict[Hashable, int]:
    index = {key: i for i, key in enumerate(ids)}
    if len(index) != len(ids):
        dup = next(key for i, key in enumerate(ids) if index[key] != i)
        raise ValueError(f"Duplicate {what} id {dup!r}.")
    return index


def _question_table(questions: Sequence[QuestionSpec], sections: _Sections) -> _Questions:
    ids = [q.id for q in questions]
    index = _index(ids, "question")
    section, weight, counts, rules, knockouts = [], [], [], [], []
    for position, q in enumerate(questions):
        if q.section_id not in sections.index:
            raise ValueError(f"Question {q.id!r} is in unknown section {q.section_id!r}.")
        if not _is_weight(q.weight):
            raise ValueError(f"Question {q.id!r}: weight must be a number >= 0, not {q.weight!r}.")
        s = sections.index[q.section_id]
        # Questions in the price section are not scored one by one: the price formula is.
        counting = bool(q.scored) and bool(sections.technical[s])
        section.append(s)
        weight.append(float(q.weight))
        counts.append(counting)
        rule = q.auto_rule if counting else None
        rules.append(compile_rule(rule, q.choices) if rule is not None else None)
        if q.knockout is not None:
            check_knockout(q.knockout)
            reason = q.knockout_reason or f"Knockout not met: question {q.id}"
            knockouts.append((position, q.knockout, reason))
    return _Questions(
        ids=ids,
        index=index,
        section=np.array(section, dtype=np.intp),
        weight=np.array(weight, dtype=float),
        counts=np.array(counts, dtype=bool),
        required=np.array([bool(q.required) for q in questions], dtype=bool),
        rules=rules,
        has_rule=np.array([r is not None for r in rules], dtype=bool),
        knockouts=knockouts,
    )
