"""The lead resampled over the panel's scores: a panel that agrees leaves no doubt, a panel that
splits makes a small lead a near tie, and the share of resamples the leader wins matches the
probability worked out by hand."""

import pytest

from scoring.engine import (
    AnswerInput,
    Config,
    QuestionSpec,
    SectionSpec,
    VendorInput,
    lead_is_near_tie,
    lead_uncertainty,
    rank,
)
from tests.scoring.engine_helpers import answer_columns

SECTIONS = [SectionSpec("s", "Service", 100, "technical")]


def _answer(vendor, question, *points, consensus=None):
    return AnswerInput(vendor, question, "answered", None, tuple((f"e{i}", p) for i, p in enumerate(points)), consensus)


def _uncertainty(answers, questions, vendors=("lead", "next"), config=None, **kwargs):
    config = config or Config()
    vendor_inputs = [VendorInput(v, v.title(), None, None) for v in vendors]
    result = rank(SECTIONS, questions, vendor_inputs, answers, config)
    return lead_uncertainty(SECTIONS, questions, vendor_inputs, answers, result, config, **kwargs), result


def test_a_panel_that_agrees_leaves_the_lead_as_it_is():
    questions = [QuestionSpec(f"q{i}", "s", 1) for i in range(3)]
    answers = [_answer("lead", q.id, 4, 4, 4) for q in questions] + [_answer("next", q.id, 3, 3, 3) for q in questions]
    found, _result = _uncertainty(answers, questions)
    assert found.lead == pytest.approx(20.0)
    assert found.low == pytest.approx(20.0) and found.high == pytest.approx(20.0)
    assert found.leader_ahead == 1.0 and not found.within_panel_uncertainty


def test_a_split_panel_turns_a_small_lead_into_a_near_tie():
    questions = [QuestionSpec("q1", "s", 1), QuestionSpec("q2", "s", 1)]
    answers = [
        _answer("lead", "q1", 5, 1),
        _answer("lead", "q2", 3, 3),
        _answer("next", "q1", 3, 2),
        _answer("next", "q2", 3, 3),
    ]
    found, result = _uncertainty(answers, questions)
    assert [v.vendor_id for v in result.vendors] == ["lead", "next"]
    assert found.lead == pytest.approx(5.0)  # (3 + 3) / 2 vs (2.5 + 3) / 2 points, x 20 / 2
    assert found.low < 0 < found.high
    assert lead_is_near_tie(found, 0.9, share_floor=0.75)


def test_the_share_of_resamples_the_leader_wins_matches_the_exact_probability():
    # One question each. The leader's two evaluators gave 5 and 1 (mean 3); resampled, the mean
    # is 5, 3 or 1 with probabilities 1/4, 1/2, 1/4. The runner-up's gave 2 and 2. The leader
    # stays ahead unless both draws are the 1: P = 3/4.
    questions = [QuestionSpec("q1", "s", 1)]
    answers = [_answer("lead", "q1", 5, 1), _answer("next", "q1", 2, 2)]
    found, _result = _uncertainty(answers, questions, resamples=20_000, seed=7)
    assert found.leader_ahead == pytest.approx(0.75, abs=0.01)
    assert found.low == pytest.approx(-20.0) and found.high == pytest.approx(60.0)


def test_a_consensus_score_is_not_resampled():
    questions = [QuestionSpec("q1", "s", 1)]
    answers = [_answer("lead", "q1", 5, 1, consensus=4), _answer("next", "q1", 2, 2)]
    found, _result = _uncertainty(answers, questions)
    assert found.low == found.high == pytest.approx(40.0)


def test_the_median_panel_resamples_medians():
    questions = [QuestionSpec("q1", "s", 1)]
    answers = [_answer("lead", "q1", 5, 5, 1), _answer("next", "q1", 4, 4, 4)]
    found, _result = _uncertainty(answers, questions, config=Config(aggregate="median"), resamples=4000)
    # Median of three draws from {5, 5, 1}: 1 when at least two draws are the 1 (P = 7/27).
    assert 1 - found.leader_ahead == pytest.approx(7 / 27, abs=0.02)


def test_columns_and_objects_give_the_same_resamples():
    questions = [QuestionSpec("q1", "s", 1), QuestionSpec("q2", "s", 2)]
    answers = [
        _answer("lead", "q1", 5, 2),
        _answer("lead", "q2", 4, 3),
        _answer("next", "q1", 4, 4),
        _answer("next", "q2", 1, 5),
    ]
    vendors = [VendorInput(v, v.title(), None, None) for v in ("lead", "next")]
    result = rank(SECTIONS, questions, vendors, answers)
    from_objects = lead_uncertainty(SECTIONS, questions, vendors, answers, result, seed=3)
    from_columns = lead_uncertainty(
        SECTIONS, questions, vendors, answer_columns(answers, vendors, questions), result, seed=3
    )
    assert from_objects == from_columns


def test_fewer_than_two_valid_vendors_have_no_lead():
    questions = [QuestionSpec("q1", "s", 1)]
    found, _result = _uncertainty([_answer("lead", "q1", 4)], questions, vendors=("lead",))
    assert found is None


def test_a_leader_that_wins_few_weight_variations_is_a_near_tie_even_with_a_sure_panel():
    questions = [QuestionSpec("q1", "s", 1)]
    found, _result = _uncertainty([_answer("lead", "q1", 5, 5), _answer("next", "q1", 1, 1)], questions)
    assert not lead_is_near_tie(found, 0.9, share_floor=0.75)
    assert lead_is_near_tie(found, 0.6, share_floor=0.75)
