"""One validator for auto-scoring rules and knockouts: whatever a questionnaire import (or the
builder's form) accepts, the scoring engine accepts, and the other way round."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rfp.forms import KNOCKOUT_OPS, RULE_KINDS
from rfp.questionnaire import question_problems
from scoring import engine

NUMBERS = st.one_of(st.integers(-20, 120), st.floats(-20, 120, allow_nan=False), st.sampled_from(["10", "x", ""]))
POINTS = st.one_of(st.none(), st.integers(-1, 6), st.floats(-1, 6, allow_nan=False), st.sampled_from(["3", "five"]))
OPTIONAL_NUMBERS = st.one_of(st.none(), NUMBERS)


@st.composite
def rules(draw):
    kind = draw(st.sampled_from([*engine.RULE_KINDS, "steps", None]))
    if kind == "bands":
        bands = draw(
            st.lists(
                st.fixed_dictionaries({"min": OPTIONAL_NUMBERS, "max": OPTIONAL_NUMBERS, "points": POINTS}),
                max_size=3,
            )
        )
        return {"kind": kind, "bands": bands}
    if kind == "linear":
        return {"kind": kind, "worst": draw(OPTIONAL_NUMBERS), "best": draw(OPTIONAL_NUMBERS)}
    return {"kind": kind}


def _question(rule: dict, choices: list) -> dict:
    numeric = rule.get("kind") in ("bands", "linear")
    return {
        "key": "q1",
        "text": "How many agents per team leader?",
        "type": "number" if numeric else "single_choice",
        "weight": 1,
        "choices": [] if numeric else choices,
        "auto_rule": rule,
    }


def _engine_accepts(rule: dict, choices: list) -> bool:
    try:
        engine.compile_rule(rule, choices)
    except (ValueError, TypeError):
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(rules(), st.lists(POINTS, min_size=2, max_size=4))
def test_the_import_accepts_a_rule_exactly_when_the_engine_does(rule, points):
    choices = [{"label": f"Option {i}", "points": p} for i, p in enumerate(points)]
    question = _question(rule, choices)
    imported = not question_problems(question)
    assert imported == _engine_accepts(rule, question["choices"]), question_problems(question)


def test_a_band_whose_minimum_is_above_its_maximum_is_refused_by_the_import():
    question = _question({"kind": "bands", "bands": [{"min": 10, "max": 5, "points": 3}]}, [])
    assert any("minimum below the maximum" in problem for problem in question_problems(question))


@st.composite
def knockouts(draw):
    op = draw(st.sampled_from([*engine.KNOCKOUT_OPS, "between", None]))
    value = draw(st.one_of(st.none(), NUMBERS, st.sampled_from(["Yes", "No", ""])))
    return {"op": op, "value": value}


@settings(max_examples=300, deadline=None)
@given(knockouts())
def test_a_knockout_the_import_accepts_is_one_the_engine_accepts(knockout):
    numeric = knockout["op"] in ("min", "max")
    question = {
        "key": "ko",
        "text": "Do you hold ISO 27001 for the proposed sites?",
        "type": "number" if numeric else "multi_choice",
        "weight": 1,
        "scored": False,
        "choices": [] if numeric else [{"label": "Yes"}, {"label": "No"}],
        "knockout": knockout,
    }
    problems = question_problems(question)
    try:
        engine.check_knockout(knockout)
        engine_accepts = True
    except ValueError:
        engine_accepts = False
    if not problems:
        assert engine_accepts
        engine.knockout_passes(knockout, "Yes")  # and ranking can evaluate it
    if engine_accepts and knockout["op"] in ("min", "max", "answered"):
        assert not problems


@pytest.mark.parametrize(("choices", "kinds"), [(KNOCKOUT_OPS, engine.KNOCKOUT_OPS), (RULE_KINDS, engine.RULE_KINDS)])
def test_the_builder_offers_exactly_the_engines_kinds(choices, kinds):
    assert [value for value, _label in choices if value] == list(kinds)
