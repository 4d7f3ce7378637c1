"""Tests of the pure scoring engine: worked examples from the literature, the answer states and
flags, and properties checked against independent implementations (pymcdm, AHPy)."""

import copy
import math
import statistics
import warnings
from itertools import combinations

import ahpy
import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pymcdm import normalizations
from pymcdm.methods import TOPSIS

from scoring.engine import (
    FLAG_ABNORMALLY_LOW,
    FLAG_BELOW_PASS_MARK,
    FLAG_BLANK,
    FLAG_DISAGREEMENT,
    FLAG_INVALID_PRICE,
    FLAG_NOT_YET_SCORED,
    SAATY_1980_RANDOM_INDEX,
    TIE_TOLERANCE,
    AnswerInput,
    Config,
    QuestionSpec,
    SectionSpec,
    VendorInput,
    ahp_matrix_from_upper,
    ahp_weights,
    answer_spread,
    auto_points,
    compile_rule,
    evaluator_agreement,
    kendalls_w,
    knockout_passes,
    price_points,
    rank,
    rank_from_section_scores,
    robustness,
    score_answer,
    score_prices,
    topsis,
    weight_sensitivity,
)
from tests.scoring.engine_helpers import check_section_weights

PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

YES_NO = ({"label": "Yes", "points": 5}, {"label": "No", "points": 0})


# --------------------------------------------------------------------------------------------
# Builders: a one-section RFP unless a test says otherwise
# --------------------------------------------------------------------------------------------


def section(id="s", weight=100, kind="technical"):
    return SectionSpec(id, id.title(), weight, kind)


def question(id, section="s", weight=1, **kwargs):
    return QuestionSpec(id, section, weight, **kwargs)


def answer(vendor, question, *points, state="answered", value=None, consensus=None):
    scores = tuple((f"evaluator{i}", p) for i, p in enumerate(points))
    return AnswerInput(vendor, question, state, value, scores, consensus)


def vendor(id, price=None, submitted_at=None, name=None):
    return VendorInput(id, name or id.title(), price, submitted_at)


def by_id(result):
    return {v.vendor_id: v for v in result.vendors}


def one_section_rank(answers, vendors=("a", "b"), questions=None, config=None):
    questions = questions or [question("q1"), question("q2")]
    vendors = [vendor(v) for v in vendors]
    return rank([section()], questions, vendors, answers, config or Config())


# --------------------------------------------------------------------------------------------
# Worked examples
# --------------------------------------------------------------------------------------------


def test_topsis_reproduces_tzeng_and_huang_worked_example():
    closeness = topsis([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], [0.3, 0.4, 0.3])
    assert closeness == pytest.approx([0.5037, 0.6581, 0.7482, 0.3340], abs=5e-5)


def test_topsis_reproduces_hwang_and_yoon_fighter_aircraft_with_a_cost_criterion():
    matrix = [
        [2.0, 1500, 20000, 5.5, 5, 9],
        [2.5, 2700, 18000, 6.5, 3, 5],
        [1.8, 2000, 21000, 4.5, 7, 7],
        [2.2, 1800, 20000, 5.0, 5, 5],
    ]
    benefit = [True, True, True, False, True, True]
    closeness = topsis(matrix, [0.2, 0.1, 0.1, 0.1, 0.2, 0.3], benefit)
    assert closeness == pytest.approx([0.643, 0.268, 0.613, 0.312], abs=1e-3)


def drinks_matrix():
    """Saaty (2008): coffee, wine, tea, beer, soda, milk, water; upper triangle by row."""
    return ahp_matrix_from_upper(
        [
            9,
            5,
            2,
            1,
            1,
            1 / 2,
            1 / 3,
            1 / 9,
            1 / 9,
            1 / 9,
            1 / 9,
            1 / 3,
            1 / 4,
            1 / 3,
            1 / 9,
            1 / 2,
            1,
            1 / 3,
            2,
            1 / 2,
            1 / 3,
        ]
    )


def test_ahp_reproduces_saaty_drinks_example():
    result = ahp_weights(drinks_matrix())
    assert result.priorities == pytest.approx([0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327], abs=1e-3)
    assert sum(result.priorities) == pytest.approx(1.0)
    assert result.lambda_max == pytest.approx(7.1766, abs=1e-4)
    assert result.cr == pytest.approx(0.022, abs=1e-3)
    assert result.ri == 1.32
    assert result.consistent
    assert result.random_index_table == SAATY_1980_RANDOM_INDEX


def test_georgia_price_example_scores_272_7_of_300_points():
    assert price_points(55_000, 50_000, max_points=300) == pytest.approx(272.7, abs=0.05)
    assert price_points(55_000, 50_000, max_points=300) == pytest.approx(300 * 50 / 55)


def test_georgia_example_through_the_ranking_gives_the_higher_bid_90_909_percent():
    sections = [section("tech", 70), section("price", 30, kind="price")]
    vendors = [vendor("low", price=50_000), vendor("high", price=55_000)]
    answers = [answer("low", "q1", 4), answer("high", "q1", 4)]
    result = by_id(rank(sections, [question("q1", "tech")], vendors, answers))
    assert result["low"].price_score == 100
    assert result["high"].price_score == pytest.approx(90.909, abs=1e-3)
    assert result["high"].sections["price"] * 3 == pytest.approx(272.7, abs=0.05)
    assert result["high"].total == pytest.approx(0.7 * 80 + 0.3 * 100 * 50 / 55)


# --------------------------------------------------------------------------------------------
# Auto-scoring
# --------------------------------------------------------------------------------------------

CHOICES = (
    {"label": "ISO 27001 and SOC 2", "points": 5},
    {"label": "ISO 27001", "points": 4},
    {"label": "In progress", "points": 1},
    {"label": "Other", "points": None},
)


def test_single_choice_scores_the_points_of_the_chosen_label():
    assert auto_points({"kind": "choice_points"}, CHOICES, "ISO 27001") == 4


def test_choice_labels_match_regardless_of_case_and_spaces_and_booleans_stand_for_yes_no():
    assert auto_points({"kind": "choice_points"}, CHOICES, "  iso 27001 ") == 4
    assert auto_points({"kind": "choice_points"}, YES_NO, True) == 5
    assert auto_points({"kind": "choice_points"}, YES_NO, False) == 0


def test_multiple_choice_sums_the_chosen_points_capped_at_five():
    choices = [{"label": c, "points": 2} for c in ("Voice", "Email", "Chat", "Social")]
    rule = {"kind": "choice_points"}
    assert auto_points(rule, choices, ["Voice", "Email"]) == 4
    assert auto_points(rule, choices, ["Voice", "Email", "Chat"]) == 5
    assert auto_points(rule, choices, ["Voice", "voice"]) == 2
    assert auto_points(rule, choices, []) == 0


def test_choice_without_points_or_unknown_label_cannot_be_auto_scored():
    rule = {"kind": "choice_points"}
    assert auto_points(rule, CHOICES, "Other") is None
    assert auto_points(rule, CHOICES, "Something else") is None
    assert auto_points(rule, CHOICES, ["ISO 27001", "Other"]) is None
    assert auto_points(rule, CHOICES, None) is None


BANDS = {
    "kind": "bands",
    "bands": [
        {"min": None, "max": 20, "points": 5},
        {"min": 20, "max": 40, "points": 3},
        {"min": 40, "max": None, "points": 0},
    ],
}


@pytest.mark.parametrize(
    ("attrition", "points"),
    [
        (-5, 5),
        (0, 5),
        (19.99, 5),
        (20, 3),
        (39.9, 3),
        (40, 0),
        (250, 0),
    ],
)
def test_bands_include_their_minimum_and_exclude_their_maximum(attrition, points):
    assert auto_points(BANDS, (), attrition) == points


def test_a_value_outside_every_band_cannot_be_scored():
    rule = {"kind": "bands", "bands": [{"min": 0, "max": 10, "points": 2}]}
    assert auto_points(rule, (), 10) is None


@pytest.mark.parametrize(("fcr", "points"), [(50, 0), (60, 0), (70, 2.5), (80, 5), (95, 5)])
def test_linear_rule_interpolates_between_worst_and_best_and_clamps(fcr, points):
    assert auto_points({"kind": "linear", "worst": 60, "best": 80}, (), fcr) == points


@pytest.mark.parametrize(("seconds", "points"), [(10, 5), (20, 5), (40, 2.5), (60, 0), (90, 0)])
def test_linear_rule_with_best_below_worst_means_lower_is_better(seconds, points):
    assert auto_points({"kind": "linear", "worst": 60, "best": 20}, (), seconds) == points


@pytest.mark.parametrize("value", [None, "", "n/a", float("nan"), float("inf"), True, [3]])
def test_numeric_rules_cannot_score_values_that_are_not_finite_numbers(value):
    assert auto_points({"kind": "linear", "worst": 0, "best": 10}, (), value) is None
    assert auto_points(BANDS, (), value) is None


@pytest.mark.parametrize(
    "rule",
    [
        {"kind": "magic"},
        {},
        {"kind": "linear", "worst": 5, "best": 5},
        {"kind": "linear", "worst": "low", "best": 5},
        {"kind": "bands", "bands": []},
        {"kind": "bands", "bands": [{"min": 10, "max": 5, "points": 1}]},
        {"kind": "bands", "bands": [{"min": 0, "max": 5, "points": 7}]},
    ],
)
def test_malformed_rules_raise_value_error(rule):
    with pytest.raises(ValueError):
        auto_points(rule, (), 3)


def test_choice_points_outside_zero_to_five_raise_value_error():
    with pytest.raises(ValueError, match="0 to 5"):
        auto_points({"kind": "choice_points"}, [{"label": "Yes", "points": 10}], "Yes")


def test_a_choice_without_a_label_raises_value_error():
    with pytest.raises(ValueError, match="label"):
        auto_points({"kind": "choice_points"}, [{"points": 1}], "Yes")


answer_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-50, 150),
    st.just(10**400),  # too large for a float
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["Yes", "no", " ISO 27001", "x"]),
    st.lists(st.sampled_from(["Voice", "Email", "Yes", "Other"]), max_size=3),
)


@PROPERTY
@given(st.lists(answer_values, max_size=20))
def test_bulk_auto_scoring_agrees_with_scoring_one_value_at_a_time(values):
    multi = [
        {"label": "Voice", "points": 3},
        {"label": "Email", "points": 3},
        {"label": "Other", "points": None},
        *YES_NO,
        *CHOICES[:2],
    ]
    for rule in (
        compile_rule({"kind": "choice_points"}, multi),
        compile_rule(BANDS),
        compile_rule({"kind": "linear", "worst": 80, "best": 20}),
    ):
        one_by_one = [np.nan if (p := rule(v)) is None else p for v in values]
        np.testing.assert_array_equal(rule.many(values), np.array(one_by_one, dtype=float))


# --------------------------------------------------------------------------------------------
# Knockouts
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "value", "passes"),
    [
        ({"op": "equals", "value": "Yes"}, "Yes", True),
        ({"op": "equals", "value": "Yes"}, "yes ", True),
        ({"op": "equals", "value": "Yes"}, "No", False),
        ({"op": "equals", "value": True}, "Yes", True),
        ({"op": "equals", "value": 3}, 3.0, True),
        ({"op": "equals", "value": ["A", "B"]}, ["b", "a"], True),
        ({"op": "equals", "value": ["A", "B"]}, ["A"], False),
        ({"op": "min", "value": 80}, 80, True),
        ({"op": "min", "value": 80}, 79.99, False),
        ({"op": "min", "value": 80}, "eighty", False),
        ({"op": "max", "value": 10}, 10, True),
        ({"op": "max", "value": 10}, 10.5, False),
        ({"op": "includes", "value": "PCI DSS"}, ["ISO 27001", "PCI DSS"], True),
        ({"op": "includes", "value": "PCI DSS"}, ["ISO 27001"], False),
        ({"op": "includes", "value": ["ISO 27001", "PCI DSS"]}, ["PCI DSS", "ISO 27001"], True),
        ({"op": "includes", "value": ["ISO 27001", "PCI DSS"]}, ["PCI DSS"], False),
        ({"op": "includes", "value": "Voice"}, "Voice", True),
        ({"op": "answered"}, "Anything", True),
        ({"op": "answered"}, "   ", False),
        ({"op": "answered"}, [], False),
    ],
)
def test_knockout_conditions(condition, value, passes):
    assert knockout_passes(condition, value) is passes


@pytest.mark.parametrize("state", ["blank", "na"])
@pytest.mark.parametrize(
    "condition",
    [
        {"op": "answered"},
        {"op": "equals", "value": "Yes"},
        {"op": "min", "value": 0},
    ],
)
def test_blank_or_not_applicable_answer_fails_every_knockout(state, condition):
    assert knockout_passes(condition, "Yes" if condition["op"] != "min" else 5, state) is False


@pytest.mark.parametrize(
    "condition",
    [
        {"op": "between", "value": 1},
        {"value": 1},
        {"op": "min", "value": "high"},
        {"op": "equals"},
    ],
)
def test_malformed_knockout_conditions_raise_value_error(condition):
    with pytest.raises(ValueError):
        knockout_passes(condition, "Yes")


def knockout_rfp(answers, vendors):
    questions = [
        question(
            "iso",
            scored=False,
            choices=YES_NO,
            knockout={"op": "equals", "value": "Yes"},
            knockout_reason="No ISO 27001 certificate for the proposed sites",
        ),
        question("q1"),
    ]
    return rank([section()], questions, vendors, answers)


def test_failed_knockout_excludes_the_vendor_but_keeps_it_in_the_ranking_below_valid_ones():
    answers = [
        answer("star", "iso", value="No"),
        answer("star", "q1", 5),
        answer("plain", "iso", value="Yes"),
        answer("plain", "q1", 1),
    ]
    result = knockout_rfp(answers, [vendor("star"), vendor("plain")])
    assert [v.vendor_id for v in result.vendors] == ["plain", "star"]
    star = result.vendors[1]
    assert star.knocked_out and star.excluded and star.rank == 2
    assert star.total == 100  # still scored, so the panel sees what it loses
    assert star.knockout_reasons == ("No ISO 27001 certificate for the proposed sites",)
    assert result.winner.vendor_id == "plain"


def test_a_missing_answer_to_a_knockout_question_fails_it():
    answers = [answer("a", "q1", 3), answer("b", "iso", value="Yes"), answer("b", "q1", 3)]
    result = by_id(knockout_rfp(answers, [vendor("a"), vendor("b")]))
    assert result["a"].knocked_out and not result["b"].knocked_out


def test_knockout_without_a_reason_gets_a_default_one():
    questions = [question("q1", knockout={"op": "min", "value": 3})]
    result = rank([section()], questions, [vendor("a")], [answer("a", "q1", 3, value=1)])
    assert result.vendors[0].knockout_reasons == ("Knockout not met: question q1",)


# --------------------------------------------------------------------------------------------
# Answer states and aggregation over evaluators
# --------------------------------------------------------------------------------------------


def test_blank_answer_counts_zero_and_is_flagged():
    result = by_id(
        one_section_rank(
            [
                answer("a", "q1", 4),
                answer("a", "q2", state="blank"),
                answer("b", "q1", 4),
                answer("b", "q2", 4),
            ]
        )
    )
    assert result["a"].sections["s"] == 40  # (4/5 + 0) / 2
    assert FLAG_BLANK in result["a"].flags and result["a"].counts.blank == 1
    assert FLAG_BLANK not in result["b"].flags


def test_a_missing_answer_counts_as_blank():
    result = by_id(one_section_rank([answer("a", "q1", 4), answer("b", "q1", 4), answer("b", "q2", 4)]))
    assert result["a"].sections["s"] == 40
    assert result["a"].counts.blank == 1 and FLAG_BLANK in result["a"].flags


def test_not_applicable_answer_leaves_numerator_and_denominator():
    result = by_id(
        one_section_rank(
            [
                answer("a", "q1", 4),
                answer("a", "q2", 1, state="na"),
                answer("b", "q1", 4),
                answer("b", "q2", 4),
            ]
        )
    )
    assert result["a"].sections["s"] == 80
    assert result["a"].counts.na == 1
    assert result["a"].flags == ()


def test_section_where_everything_is_not_applicable_has_no_score_and_leaves_the_total():
    sections = [section("ops", 60), section("security", 40)]
    questions = [question("q1", "ops"), question("q2", "security")]
    answers = [answer("a", "q1", 3), answer("a", "q2", state="na")]
    result = rank(sections, questions, [vendor("a")], answers).vendors[0]
    assert result.sections == {"ops": 60, "security": None}
    assert result.total == 60 and result.technical == 60


def test_answer_without_any_score_is_not_yet_scored_and_makes_the_ranking_provisional():
    result = one_section_rank([answer("a", "q1", 5), answer("a", "q2"), answer("b", "q1", 4), answer("b", "q2", 4)])
    a = by_id(result)["a"]
    assert result.provisional
    assert a.sections["s"] == 100  # left out until scored, not counted as zero
    assert FLAG_NOT_YET_SCORED in a.flags and a.counts.not_yet_scored == 1


def test_a_fully_scored_ranking_is_not_provisional():
    result = one_section_rank([answer(v, q, 3) for v in "ab" for q in ("q1", "q2")])
    assert not result.provisional


def test_consensus_overrides_the_aggregate_and_leaves_individual_scores_alone():
    answers = [answer("a", "q1", 1, 2, 5, consensus=4), answer("a", "q2", 4)]
    before = copy.deepcopy(answers)
    result = by_id(one_section_rank(answers, vendors=("a",)))
    assert result["a"].sections["s"] == 80
    assert answers == before
    assert answers[0].scores == (("evaluator0", 1), ("evaluator1", 2), ("evaluator2", 5))
    # The disagreement was moderated: it no longer needs attention.
    assert FLAG_DISAGREEMENT not in result["a"].flags


def test_auto_rule_overrides_evaluator_scores_but_consensus_overrides_both():
    questions = [question("q1", auto_rule={"kind": "choice_points"}, choices=YES_NO)]
    scored = one_section_rank([answer("a", "q1", 1, value="Yes")], ("a",), questions)
    moderated = one_section_rank([answer("a", "q1", 1, value="Yes", consensus=2)], ("a",), questions)
    assert scored.vendors[0].total == 100
    assert moderated.vendors[0].total == 40


def test_an_answer_the_auto_rule_cannot_score_falls_back_to_the_evaluators():
    questions = [question("q1", auto_rule={"kind": "choice_points"}, choices=CHOICES)]
    scored = one_section_rank([answer("a", "q1", 3, value="Other")], ("a",), questions)
    waiting = one_section_rank([answer("a", "q1", value="Other")], ("a",), questions)
    assert scored.vendors[0].total == 60
    assert waiting.provisional and waiting.vendors[0].total is None


@pytest.mark.parametrize(
    ("points", "flagged"),
    [
        ((1, 3), True),
        ((0, 5, 3), True),
        ((2, 3.5), False),
        ((4,), False),
    ],
)
def test_range_of_two_points_or_more_between_evaluators_raises_a_disagreement_flag(points, flagged):
    result = one_section_rank([answer("a", "q1", *points)], ("a",), [question("q1")])
    assert (FLAG_DISAGREEMENT in result.vendors[0].flags) is flagged
    assert result.vendors[0].counts.disagreements == int(flagged)


def test_disagreement_range_is_configurable():
    result = one_section_rank([answer("a", "q1", 2, 3)], ("a",), [question("q1")], Config(disagreement_range=1))
    assert FLAG_DISAGREEMENT in result.vendors[0].flags


def test_mean_is_the_default_aggregate_and_median_an_option():
    answers = [answer("a", "q1", 0, 4, 5)]
    mean = one_section_rank(answers, ("a",), [question("q1")])
    median = one_section_rank(answers, ("a",), [question("q1")], Config(aggregate="median"))
    assert mean.vendors[0].total == pytest.approx(60)
    assert median.vendors[0].total == pytest.approx(80)
    even = one_section_rank([answer("a", "q1", 1, 2, 4, 5)], ("a",), [question("q1")], Config(aggregate="median"))
    assert even.vendors[0].total == pytest.approx(60)


def test_question_weights_weight_the_section_mean():
    questions = [question("q1", weight=3), question("q2", weight=1)]
    result = one_section_rank([answer("a", "q1", 5), answer("a", "q2", 1)], ("a",), questions)
    assert result.vendors[0].total == pytest.approx(100 * (3 * 1 + 1 * 0.2) / 4)


def test_informational_questions_do_not_count():
    questions = [question("q1"), question("info", scored=False)]
    result = one_section_rank([answer("a", "q1", 5), answer("a", "info", state="blank")], ("a",), questions)
    assert result.vendors[0].total == 100
    assert result.vendors[0].counts.blank == 0


def test_a_blank_required_question_is_flagged_even_when_informational():
    questions = [question("q1"), question("info", scored=False, required=True)]
    result = one_section_rank([answer("a", "q1", 5)], ("a",), questions)
    assert result.vendors[0].counts.blank_required == 1
    assert FLAG_BLANK in result.vendors[0].flags


@pytest.mark.parametrize("points", [-1, 5.5, float("nan")])
def test_evaluator_or_consensus_score_outside_zero_to_five_raises(points):
    with pytest.raises(ValueError, match="0-5"):
        one_section_rank([answer("a", "q1", points)], ("a",), [question("q1")])
    with pytest.raises(ValueError, match="0-5"):
        one_section_rank([answer("a", "q1", consensus=points)], ("a",), [question("q1")])


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ([answer("a", "q1", 3), answer("a", "q1", 4)], "more than one answer"),
        ([answer("zz", "q1", 3)], "unknown vendor"),
        ([answer("a", "q9", 3)], "unknown question"),
        ([answer("a", "q1", 3, state="skipped")], "unknown answer state"),
    ],
)
def test_inconsistent_answers_raise_value_error(answers, message):
    with pytest.raises(ValueError, match=message):
        one_section_rank(answers, ("a",), [question("q1")])


@pytest.mark.parametrize("weights", [(50, 40), (60, 60), (0, 0), (-10, 110)])
def test_section_weights_not_totalling_100_raise_value_error(weights):
    sections = [section("x", weights[0]), section("y", weights[1])]
    with pytest.raises(ValueError, match="100|>= 0"):
        rank(sections, [], [vendor("a")], [])
    with pytest.raises(ValueError, match="100|>= 0"):
        check_section_weights(sections)


def test_section_weights_may_be_decimals_that_total_100():
    from decimal import Decimal

    sections = [section(k, Decimal("33.33")) for k in "xy"] + [section("z", Decimal("33.34"))]
    questions = [question(f"q{k}", k) for k in "xyz"]
    answers = [answer("a", f"q{k}", 5) for k in "xyz"]
    assert rank(sections, questions, [vendor("a")], answers).vendors[0].total == pytest.approx(100)


@pytest.mark.parametrize(
    "options",
    [
        {"aggregate": "mode"},
        {"price_direction": "cheapest"},
        {"technical_pass_mark": 120},
        {"abnormal_low_ratio": 0},
        {"disagreement_range": -1},
    ],
)
def test_config_refuses_unknown_options(options):
    with pytest.raises(ValueError):
        Config(**options)


def test_score_answer_explains_each_state():
    q = question("q1")
    assert score_answer(q, None).status == "blank"
    assert score_answer(q, answer("a", "q1", state="na")).points is None
    assert score_answer(q, answer("a", "q1")).status == "not_yet_scored"
    scored = score_answer(q, answer("a", "q1", 1, 4))
    assert (scored.points, scored.source, scored.spread, scored.disagreement) == (
        2.5,
        "evaluators",
        3,
        True,
    )
    assert score_answer(question("i", scored=False), answer("a", "i", 5)).status == "not_scored"


# --------------------------------------------------------------------------------------------
# Price
# --------------------------------------------------------------------------------------------


def priced_rank(prices, config=None, answers=None, questions=None):
    sections = [section("tech", 60), section("price", 40, kind="price")]
    vendors = [vendor(f"v{i}", price=p) for i, p in enumerate(prices)]
    questions = questions or [question("q1", "tech")]
    answers = answers or [answer(v.id, "q1", 3) for v in vendors]
    return by_id(rank(sections, questions, vendors, answers, config or Config()))


@pytest.mark.parametrize("bad", [0, -100, None])
def test_zero_negative_or_missing_price_is_an_invalid_bid_scoring_zero(bad):
    result = priced_rank([100_000, bad])
    assert result["v1"].price_score == 0
    assert FLAG_INVALID_PRICE in result["v1"].flags
    assert result["v0"].price_score == 100 and FLAG_INVALID_PRICE not in result["v0"].flags


@pytest.mark.parametrize("bad", [0, -100, None])
def test_an_invalid_price_ranks_the_bid_below_every_valid_one_whatever_its_quality(bad):
    """The best technical answers with a price of zero must never come first: an invalid price is an
    invalid bid, excluded like a knockout (and so never shortlisted)."""
    vendors_ = [vendor("good", price=100_000), vendor("free", price=bad)]
    sections = [section("tech", 60), section("price", 40, kind="price")]
    answers = [answer("good", "q1", 2), answer("free", "q1", 5)]
    result = rank(sections, [question("q1", "tech")], vendors_, answers, Config())
    assert [r.vendor_id for r in result.vendors] == ["good", "free"]
    assert result.vendors[1].excluded and FLAG_INVALID_PRICE in result.vendors[1].flags
    assert not result.vendors[0].excluded


def test_bid_40_percent_or_more_below_the_mean_of_the_others_is_abnormally_low():
    result = priced_rank([100, 100, 60, 61])
    # v2: others' mean is 87; 60 is 31% below it. Lower it to 52.2 (40% below 87):
    assert FLAG_ABNORMALLY_LOW not in result["v2"].flags
    result = priced_rank([100, 100, 52.2, 61])
    assert FLAG_ABNORMALLY_LOW in result["v2"].flags
    assert FLAG_ABNORMALLY_LOW not in result["v3"].flags
    assert FLAG_ABNORMALLY_LOW not in priced_rank([100, 100, 52.3, 61])["v2"].flags


def test_abnormally_low_threshold_is_configurable():
    assert FLAG_ABNORMALLY_LOW in priced_rank([100, 75], Config(abnormal_low_ratio=0.25))["v1"].flags
    assert FLAG_ABNORMALLY_LOW not in priced_rank([100, 75])["v1"].flags


def test_knocked_out_bid_does_not_set_the_lowest_price():
    questions = [question("q1", "tech", knockout={"op": "min", "value": 1})]
    answers = [
        answer("v0", "q1", 3, value=0),
        answer("v1", "q1", 3, value=1),
        answer("v2", "q1", 3, value=1),
    ]
    result = priced_rank([50, 100, 200], answers=answers, questions=questions)
    assert result["v0"].knocked_out
    assert result["v1"].price_score == 100 and result["v2"].price_score == 50
    assert result["v0"].price_score == 100  # capped: it cannot outscore the best valid bid


def test_higher_is_better_direction_scores_this_price_over_the_highest():
    result = priced_rank([200, 150], Config(price_direction="higher_is_better"))
    assert result["v0"].price_score == 100 and result["v1"].price_score == 75
    assert not any(FLAG_ABNORMALLY_LOW in v.flags for v in result.values())


def test_vendors_below_the_technical_pass_mark_are_excluded_and_do_not_set_the_lowest_price():
    answers = [answer("v0", "q1", 2), answer("v1", "q1", 4), answer("v2", "q1", 5)]
    result = priced_rank([10, 40, 60], Config(technical_pass_mark=70), answers)
    weak = result["v0"]
    assert FLAG_BELOW_PASS_MARK in weak.flags and weak.excluded and not weak.knocked_out
    assert weak.price_score is None and weak.rank == 3  # envelope never opened
    assert result["v1"].price_score == 100 and result["v2"].price_score == pytest.approx(200 / 3)
    assert result["v1"].rank == 1
    assert weak.total == weak.technical == 40  # no price score: the total is technical only
    assert FLAG_ABNORMALLY_LOW not in weak.flags  # an unopened price is never compared


def test_a_vendor_exactly_on_the_pass_mark_passes():
    result = priced_rank([10, 20], Config(technical_pass_mark=60), [answer("v0", "q1", 3), answer("v1", "q1", 3)])
    assert not any(v.excluded for v in result.values())


def test_price_without_a_price_section_is_informational():
    result = rank(
        [section()],
        [question("q1")],
        [vendor("a", price=10), vendor("b")],
        [answer("a", "q1", 2), answer("b", "q1", 3)],
    )
    a, b = by_id(result)["a"], by_id(result)["b"]
    assert a.price_score == 100 and b.price_score is None
    assert b.flags == () and result.vendors[0].vendor_id == "b"


def test_score_prices_without_any_eligible_valid_bid_gives_no_price_score():
    outcome = score_prices([100, 0], eligible=[False, True])
    assert outcome.scores == (None, 0.0) and outcome.best_price is None


# --------------------------------------------------------------------------------------------
# Ties and what-if re-ranking
# --------------------------------------------------------------------------------------------


def test_equal_totals_are_ordered_by_technical_score_then_submission_then_name():
    # Two columns: technical then price (40 %). Totals all 76.
    scores = [[60, 100], [80, 70], [80, 70], [80, 70], [80, 70]]
    ranking = rank_from_section_scores(
        scores,
        [60, 40],
        technical=[True, False],
        names=["Cheap", "Zeta", "Alpha", "Beta", "Early"],
        submitted_at=[5, 3, 3, None, 1],
    )
    assert ranking.totals == pytest.approx([76] * 5)
    # Higher technical first (Cheap last), then earlier submission, then name; no time last.
    assert ranking.order == (4, 2, 1, 3, 0)
    assert ranking.ranks == (5, 3, 2, 4, 1)


def test_totals_within_the_tie_tolerance_are_tied_and_go_to_the_tie_breaks():
    ranking = rank_from_section_scores([[70.004], [69.999]], [100], names=["B", "A"])
    assert ranking.order == (1, 0)  # 0.005 apart: tied, the name decides
    ranking = rank_from_section_scores([[70.01], [69.99]], [100], names=["B", "A"])
    assert ranking.order == (0, 1)


def test_the_tolerance_is_one_stated_distance_not_a_rounding():
    # Rounding to 0.01 tied 80.006 with 80.014 (both 80.01) and split 80.004 from 80.006.
    apart = rank_from_section_scores([[80.006], [80.014]], [100], names=["A", "B"])
    assert apart.order == (1, 0)  # 0.008 apart: B is ahead
    close = rank_from_section_scores([[80.006], [80.004]], [100], names=["B", "A"])
    assert close.order == (1, 0)  # 0.002 apart: tied, the name decides
    assert TIE_TOLERANCE == 0.005


def test_a_tie_is_measured_from_the_best_of_the_group_so_it_does_not_chain():
    ranking = rank_from_section_scores([[80.000], [80.004], [80.008]], [100], names=["C", "B", "A"])
    # 80.008 and 80.004 tie; 80.000 is 0.008 below the best of that group, so it comes after.
    assert ranking.order == (2, 1, 0)


def test_ties_in_a_full_ranking_go_to_the_earlier_submission():
    vendors = [vendor("late", submitted_at=20), vendor("early", submitted_at=10)]
    answers = [answer("late", "q1", 3), answer("early", "q1", 3)]
    result = rank([section()], [question("q1")], vendors, answers)
    assert [v.vendor_id for v in result.vendors] == ["early", "late"]


def test_excluded_vendors_stay_below_in_what_if_rankings():
    ranking = rank_from_section_scores([[90], [10]], [100], excluded=[True, False])
    assert ranking.order == (1, 0)


def test_rank_from_section_scores_refuses_weights_not_totalling_100():
    with pytest.raises(ValueError, match="100"):
        rank_from_section_scores([[1, 2]], [50, 49])


# --------------------------------------------------------------------------------------------
# Random RFPs for property tests
# --------------------------------------------------------------------------------------------

CHOICE_LABELS = ["Yes", "No", "Partly", "Other"]
CHOICE_POINTS = (
    {"label": "Yes", "points": 5},
    {"label": "No", "points": 0},
    {"label": "Partly", "points": 2.5},
    {"label": "Other", "points": None},
)


@st.composite
def weights_totalling_100(draw, parts):
    cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=parts - 1, max_size=parts - 1)))
    return [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]


@st.composite
def rfps(draw):
    """(sections, questions, vendors, answers, config) of a small random RFP."""
    n_tech = draw(st.integers(1, 3))
    has_price = draw(st.booleans())
    weights = draw(weights_totalling_100(n_tech + has_price))
    sections = [SectionSpec(f"s{i}", f"Section {i}", weights[i]) for i in range(n_tech)]
    if has_price:
        sections.append(SectionSpec("price", "Price", weights[-1], "price"))

    questions = []
    for s in range(n_tech):
        for j in range(draw(st.integers(1, 4))):
            kind = draw(st.sampled_from(["human", "human", "choice", "linear", "informational"]))
            questions.append(
                QuestionSpec(
                    f"s{s}q{j}",
                    f"s{s}",
                    draw(st.integers(0, 4)),
                    scored=kind != "informational",
                    auto_rule={
                        "choice": {"kind": "choice_points"},
                        "linear": {"kind": "linear", "worst": 20, "best": 80},
                    }.get(kind),
                    choices=CHOICE_POINTS if kind == "choice" else (),
                )
            )
    if draw(st.booleans()):
        questions.append(
            QuestionSpec(
                "ko",
                "s0",
                1,
                scored=False,
                choices=YES_NO,
                knockout={"op": "equals", "value": "Yes"},
            )
        )

    vendors = [
        VendorInput(
            f"v{k}",
            f"Vendor {k}",
            draw(st.one_of(st.none(), st.integers(-10, 1000))) if has_price else None,
            draw(st.one_of(st.none(), st.integers(0, 5))),
        )
        for k in range(draw(st.integers(2, 6)))
    ]

    answers = []
    for v in vendors:
        for q in questions:
            state = draw(st.sampled_from(["answered"] * 4 + ["blank", "na", "missing"]))
            if state == "missing":
                continue
            if q.id == "ko":
                value = draw(st.sampled_from(["Yes", "Yes", "No"]))
            elif q.auto_rule and q.auto_rule["kind"] == "linear":
                value = draw(st.floats(0, 100))
            else:
                value = draw(st.sampled_from(CHOICE_LABELS))
            points = draw(st.lists(st.integers(0, 5), max_size=3))
            consensus = draw(st.one_of(st.none(), st.none(), st.integers(0, 5)))
            answers.append(
                AnswerInput(
                    v.id,
                    q.id,
                    state,
                    value,
                    tuple((f"e{i}", p) for i, p in enumerate(points)),
                    consensus,
                )
            )
    config = Config(
        aggregate=draw(st.sampled_from(["mean", "median"])),
        technical_pass_mark=draw(st.one_of(st.none(), st.integers(0, 80))),
    )
    return sections, questions, vendors, answers, config


def oracle_points(question, answer, config) -> float | None:
    """An answer's points as the README states the rules, written again here without the engine:
    informational and not-applicable answers and answers not yet scored count nowhere (None);
    a blank or missing answer counts 0; a consensus overrides everything; then the auto-scoring
    rule; then the mean or median of the evaluators' points."""
    if not question.scored:
        return None
    if answer is None or answer.state == "blank":
        return 0.0
    if answer.state == "na":
        return None
    if answer.consensus is not None:
        return float(answer.consensus)
    rule = question.auto_rule or {}
    if rule.get("kind") == "choice_points":
        table = {choice["label"]: choice["points"] for choice in question.choices}
        if table.get(answer.value) is not None:
            return float(table[answer.value])
    if rule.get("kind") == "linear":
        share = (float(answer.value) - rule["worst"]) / (rule["best"] - rule["worst"])
        return 5.0 * min(max(share, 0.0), 1.0)
    given = [points for _evaluator, points in answer.scores]
    if not given:
        return None
    return float(statistics.median(given) if config.aggregate == "median" else statistics.fmean(given))


def oracle_section_scores(sections, questions, vendors, answers, config) -> dict:
    """Each technical section's score: weighted mean of points / 5 x 100 over the answers that count."""
    by_key = {(a.vendor_id, a.question_id): a for a in answers}
    expected = {}
    for v in vendors:
        for s in sections:
            if s.kind != "technical":
                continue
            counted = [
                (q.weight, points)
                for q in questions
                if q.section_id == s.id and (points := oracle_points(q, by_key.get((v.id, q.id)), config)) is not None
            ]
            denominator = sum(weight for weight, _points in counted)
            numerator = sum(weight * points / 5 for weight, points in counted)
            expected[v.id, s.id] = 100 * numerator / denominator if denominator else None
    return expected


@PROPERTY
@given(rfps())
def test_section_scores_match_an_answer_by_answer_recomputation(rfp):
    sections, questions, vendors, answers, config = rfp
    result = rank(*rfp)
    expected = oracle_section_scores(*rfp)
    for v in result.vendors:
        for s in sections:
            if s.kind == "technical":
                assert v.sections[s.id] == pytest.approx(expected[v.vendor_id, s.id], abs=1e-9)


@PROPERTY
@given(rfps())
def test_totals_are_the_weighted_sum_of_independently_computed_sections_and_stay_within_0_and_100(rfp):
    """Total = sum of section weight x section score / 100, the technical sections recomputed by
    the oracle above (the price section's score is the engine's, checked by the price tests)."""
    sections, _questions, _vendors, _answers, _config = rfp
    result = rank(*rfp)
    oracle = oracle_section_scores(*rfp)
    for v in result.vendors:
        scores = [oracle[v.vendor_id, s.id] if s.kind == "technical" else v.sections[s.id] for s in sections]
        if v.total is not None and None not in scores:
            expected = math.fsum(s.weight * score / 100 for s, score in zip(sections, scores, strict=True))
            assert v.total == pytest.approx(expected, abs=1e-9)
        assert v.total is None or -1e-9 <= v.total <= 100 + 1e-9
        assert v.technical is None or -1e-9 <= v.technical <= 100 + 1e-9


@PROPERTY
@given(rfps())
def test_excluded_vendors_never_rank_above_valid_ones(rfp):
    result = rank(*rfp)
    flags = [v.excluded for v in result.vendors]
    assert flags == sorted(flags)
    assert [v.rank for v in result.vendors] == list(range(1, len(result.vendors) + 1))
    assert all(v.knocked_out == bool(v.knockout_reasons) for v in result.vendors)


@PROPERTY
@given(rfps(), st.data())
def test_removing_a_losing_vendor_never_reorders_the_others(rfp, data):
    sections, questions, vendors, answers, config = rfp
    result = rank(*rfp)
    loser = data.draw(st.sampled_from(result.vendors[1:]))
    # The price formula is relative to the best bid: removing that bid rescales the others.
    assume(loser.excluded or loser.price_score is None or loser.price_score < 100)
    fewer = rank(
        sections,
        questions,
        [v for v in vendors if v.id != loser.vendor_id],
        [a for a in answers if a.vendor_id != loser.vendor_id],
        config,
    )
    before = [v for v in result.vendors if v.vendor_id != loser.vendor_id]
    assert [v.vendor_id for v in fewer.vendors] == [v.vendor_id for v in before]
    assert [v.total for v in fewer.vendors] == [v.total for v in before]


@PROPERTY
@given(rfps(), st.lists(st.integers(0, 5), min_size=1, max_size=3))
def test_consensus_never_changes_individual_scores_and_makes_them_irrelevant(rfp, other):
    sections, questions, vendors, answers, config = rfp
    frozen = copy.deepcopy(answers)
    result = rank(*rfp)
    assert answers == frozen
    # Rewriting the individual scores behind a consensus changes nothing in the result.
    rescored = [
        AnswerInput(
            a.vendor_id,
            a.question_id,
            a.state,
            a.value,
            tuple((f"e{i}", p) for i, p in enumerate(other)),
            a.consensus,
        )
        if a.consensus is not None
        else a
        for a in answers
    ]
    again = rank(sections, questions, vendors, rescored, config)
    strip = lambda r: [(v.vendor_id, v.total, v.sections) for v in r.vendors]  # noqa: E731
    assert strip(again) == strip(result)


@PROPERTY
@given(rfps())
def test_what_if_ranking_from_the_section_matrix_reproduces_the_ranking(rfp):
    sections, _, vendors, _, _ = rfp
    result = rank(*rfp)
    by_vendor = {v.id: v for v in vendors}
    ranking = rank_from_section_scores(
        result.section_matrix([s.id for s in sections]),
        [s.weight for s in sections],
        technical=[s.kind == "technical" for s in sections],
        excluded=[v.excluded for v in result.vendors],
        names=[v.name for v in result.vendors],
        submitted_at=[by_vendor[v.vendor_id].submitted_at for v in result.vendors],
    )
    assert ranking.order == tuple(range(len(result.vendors)))
    assert ranking.totals == tuple(v.total for v in result.vendors)


# --------------------------------------------------------------------------------------------
# TOPSIS and AHP against independent implementations
# --------------------------------------------------------------------------------------------


@st.composite
def decision_problems(draw):
    n_alt, n_crit = draw(st.integers(2, 6)), draw(st.integers(1, 5))
    matrix = np.array(
        draw(
            st.lists(
                st.lists(st.floats(1, 1000), min_size=n_crit, max_size=n_crit),
                min_size=n_alt,
                max_size=n_alt,
            )
        )
    )
    weights = np.array(draw(st.lists(st.floats(0.01, 1), min_size=n_crit, max_size=n_crit)))
    benefit = draw(st.lists(st.booleans(), min_size=n_crit, max_size=n_crit))
    return matrix, weights / weights.sum(), benefit


@PROPERTY
@given(decision_problems())
def test_topsis_matches_pymcdm_with_vector_normalisation(problem):
    matrix, weights, benefit = problem
    assume(np.ptp(matrix, axis=0).max() > 1e-6)  # all alternatives equal: C is 0/0
    types = np.where(benefit, 1, -1)
    reference = TOPSIS(normalization_function=normalizations.vector_normalization)
    expected = reference(matrix, weights, types, validation=False)
    assert topsis(matrix, weights, benefit) == pytest.approx(expected, abs=1e-9)


def test_topsis_gives_one_when_every_alternative_is_the_same():
    assert topsis([[3, 4], [3, 4]], [0.5, 0.5]) == (1.0, 1.0)


SAATY_SCALE = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]
AHPY_SAATY_RI = {3: 0.52, 4: 0.89, 5: 1.11, 6: 1.25, 7: 1.35, 8: 1.40}


@PROPERTY
@given(
    st.integers(2, 8).flatmap(
        lambda n: st.lists(st.sampled_from(SAATY_SCALE), min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2)
    )
)
def test_ahp_priorities_match_ahpy_and_the_consistency_index_agrees(upper):
    matrix = ahp_matrix_from_upper(upper)
    n = len(matrix)
    comparisons = {(f"c{i}", f"c{j}"): matrix[i][j] for i, j in combinations(range(n), 2)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = ahpy.Compare("x", comparisons, precision=10, random_index="saaty")
    result = ahp_weights(matrix)
    expected = [reference.target_weights[f"c{i}"] for i in range(n)]
    # AHPy's power iteration gives nan for some extreme matrices (e.g. upper triangle
    # [1/9, 7, 1/9, 1/9, 1/9, 1/9, 3, 9, 1/9, 9]): no reference to compare with there.
    assume(all(math.isfinite(w) for w in expected))
    assert result.priorities == pytest.approx(expected, abs=1e-6)
    if n >= 3:  # AHPy divides by another RI table: compare the index, not the ratio
        assert result.ci == pytest.approx(reference.consistency_ratio * AHPY_SAATY_RI[n], abs=1e-6)
        assert result.cr == pytest.approx(result.ci / SAATY_1980_RANDOM_INDEX[n])


def test_inconsistent_judgements_give_a_consistency_ratio_above_the_limit():
    # A over B, B over C, yet C strongly over A.
    result = ahp_weights(ahp_matrix_from_upper([5, 1 / 7, 5]))
    assert result.cr > 0.10 and not result.consistent


def test_a_perfectly_consistent_matrix_has_zero_consistency_ratio():
    result = ahp_weights(ahp_matrix_from_upper([2, 4, 2]))  # 4 = 2 x 2
    assert result.priorities == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert result.cr == pytest.approx(0, abs=1e-12) and result.consistent


def test_one_or_two_items_are_always_consistent():
    assert ahp_weights([[1]]).priorities == (1.0,)
    two = ahp_weights(ahp_matrix_from_upper([3]))
    assert two.priorities == pytest.approx([0.75, 0.25]) and two.cr == 0 and two.consistent


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1, 3], [3, 1]], "reciprocal"),
        ([[1, 12], [1 / 12, 1]], "scale"),
        ([[1, -2], [-0.5, 1]], "positive"),
        ([[2, 3], [1 / 3, 2]], "diagonal"),
        ([[1, 2, 3], [0.5, 1, 1]], "square"),
        ([[1, "x"], [1, 1]], "numbers"),
        ([[1] * 11 for _ in range(11)], "at most 10"),
    ],
)
def test_invalid_ahp_input_raises_value_error(matrix, message):
    with pytest.raises(ValueError, match=message):
        ahp_weights(matrix)


def test_upper_triangle_of_the_wrong_length_raises_value_error():
    with pytest.raises(ValueError, match="upper triangle"):
        ahp_matrix_from_upper([2, 3])


# --------------------------------------------------------------------------------------------
# Sensitivity and robustness
# --------------------------------------------------------------------------------------------


def test_sensitivity_of_a_two_vendor_example_by_hand():
    # Totals at 50/50: A = 70, B = 65, gap 5. Section 0 favours A by 20, section 1 B by 10.
    result = weight_sensitivity([[80, 60], [60, 70]], [50, 50], section_ids=["ops", "people"], vendor_ids=["A", "B"])
    ops, people = result.sections
    assert result.leader == "A"
    assert ops.change == pytest.approx(-50 / 3) and ops.direction == -1
    assert ops.new_weight == pytest.approx(100 / 3) and ops.rival == "B"
    assert people.change == pytest.approx(50 / 3) and people.direction == 1
    assert people.new_weight == pytest.approx(200 / 3)
    assert result.margin in (ops, people)


def test_a_leader_best_on_every_section_cannot_be_overturned_by_one_weight():
    result = weight_sensitivity([[90, 80], [60, 70]], [50, 50])
    assert result.sections == (None, None) and result.margin is None


def totals_at(scores, fractions):
    return np.asarray(scores, float) @ np.asarray(fractions, float)


def shifted(fractions, k, new_weight):
    """Set weight k and rescale the others proportionally, as the analysis assumes."""
    out = np.asarray(fractions, float) * (1 - new_weight) / (1 - fractions[k])
    out[k] = new_weight
    return out


@st.composite
def score_matrices(draw):
    n_v, n_s = draw(st.integers(2, 5)), draw(st.integers(2, 4))
    scores = draw(st.lists(st.lists(st.floats(0, 100), min_size=n_s, max_size=n_s), min_size=n_v, max_size=n_v))
    weights = draw(st.lists(st.floats(0.05, 1), min_size=n_s, max_size=n_s))
    return scores, weights


@PROPERTY
@given(score_matrices())
def test_applying_the_reported_weight_change_slightly_beyond_changes_the_winner(problem):
    scores, weights = problem
    fractions = np.array(weights) / sum(weights)
    totals = totals_at(scores, fractions)
    leader = int(np.argmax(totals))
    assume(np.sort(totals)[-1] - np.sort(totals)[-2] > 1e-3)
    result = weight_sensitivity(scores, weights)
    assert result.leader == leader
    for k, change in enumerate(result.sections):
        if change is None:
            continue
        beyond = (change.new_weight / sum(weights)) + change.direction * 1e-6
        if not 0 <= beyond < 1:
            continue
        moved = totals_at(scores, shifted(fractions, k, beyond))
        assert int(np.argmax(moved)) != leader
        assert int(np.argmax(moved)) == change.rival or moved[change.rival] > moved[leader]


@PROPERTY
@given(score_matrices())
def test_weight_changes_smaller_than_the_reported_one_keep_the_winner(problem):
    scores, weights = problem
    fractions = np.array(weights) / sum(weights)
    totals = totals_at(scores, fractions)
    leader = int(np.argmax(totals))
    assume(np.sort(totals)[-1] - np.sort(totals)[-2] > 1e-3)
    result = weight_sensitivity(scores, weights)
    for k, change in enumerate(result.sections):
        limit = math.inf if change is None else abs(change.change) / sum(weights) * (1 - 1e-6)
        for new in np.linspace(0, 1 - 1e-9, 41):
            if abs(new - fractions[k]) < limit:
                moved = totals_at(scores, shifted(fractions, k, new))
                assert int(np.argmax(moved)) == leader
    found = [abs(c.change) for c in result.sections if c is not None]
    assert (result.margin is None) == (not found)
    if found:
        assert abs(result.margin.change) == min(found)


def test_sensitivity_needs_two_eligible_vendors():
    assert weight_sensitivity([[1, 2], [3, 4]], [50, 50], eligible=[True, False]) is None


def test_sensitivity_ignores_ineligible_rivals():
    result = weight_sensitivity([[80, 60], [60, 70], [0, 100]], [50, 50], eligible=[True, True, False])
    assert {c.rival for c in result.sections if c is not None} == {1}


@PROPERTY
@given(score_matrices(), st.integers(0, 2**32 - 1), st.floats(0, 0.9))
def test_robustness_is_deterministic_for_a_seed_and_shares_sum_to_one(problem, seed, spread):
    scores, weights = problem
    first = robustness(scores, weights, spread=spread, samples=300, seed=seed)
    again = robustness(scores, weights, spread=spread, samples=300, seed=seed)
    assert first == again
    assert sum(first.shares) == pytest.approx(1.0)
    assert all(0 <= s <= 1 for s in first.shares)


def test_robustness_without_spread_gives_the_leader_every_sample():
    result = robustness([[80, 60], [60, 70]], [50, 50], spread=0, samples=50)
    assert result.shares == (1.0, 0.0)


def test_robustness_never_crowns_an_ineligible_vendor():
    result = robustness([[100, 100], [60, 70], [70, 60]], [50, 50], spread=0.5, seed=7, eligible=[False, True, True])
    assert result.shares[0] == 0 and sum(result.shares) == pytest.approx(1)
    assert 0 < result.shares[1] < 1  # a close race: both rivals win some samples


def test_robustness_renormalises_over_sections_with_a_score():
    result = robustness([[90, None], [100, 75]], [50, 50], spread=0, samples=10)
    assert result.shares == (1.0, 0.0)  # 90 against 87.5, not 45 against 87.5


# --------------------------------------------------------------------------------------------
# Agreement between evaluators
# --------------------------------------------------------------------------------------------


def test_kendalls_w_is_one_for_full_agreement_and_zero_for_opposite_rankings():
    assert kendalls_w([[1, 2, 3, 4], [10, 20, 30, 40], [0, 1, 2, 3]]) == pytest.approx(1)
    assert kendalls_w([[1, 2, 3, 4], [4, 3, 2, 1]]) == pytest.approx(0)


def test_kendalls_w_corrects_for_ties_by_hand():
    # Ranks (1.5, 1.5, 3) and (1, 2, 3): rank sums 2.5, 3.5, 6; S = 6.5; T = 2^3 - 2 = 6.
    # W = 12 x 6.5 / (2^2 x (27 - 3) - 2 x 6) = 78 / 84.
    assert kendalls_w([[1, 1, 2], [1, 2, 3]]) == pytest.approx(78 / 84)


def test_kendalls_w_is_undefined_without_enough_raters_objects_or_variation():
    assert kendalls_w([[1, 2, 3]]) is None
    assert kendalls_w([[1], [2]]) is None
    assert kendalls_w([[1, 1], [2, 2]]) is None


def spearman(a, b):
    ra, rb = np.argsort(np.argsort(a)), np.argsort(np.argsort(b))
    return np.corrcoef(ra, rb)[0, 1]


@PROPERTY
@given(
    st.integers(2, 5).flatmap(
        lambda m: st.integers(3, 7).flatmap(lambda n: st.lists(st.permutations(list(range(n))), min_size=m, max_size=m))
    )
)
def test_kendalls_w_agrees_with_the_mean_spearman_correlation_without_ties(rankings):
    # Without ties, the mean pairwise Spearman rho equals (m W - 1) / (m - 1).
    m = len(rankings)
    w = kendalls_w(rankings)
    mean_rho = np.mean([spearman(a, b) for a, b in combinations(rankings, 2)])
    assert mean_rho == pytest.approx((m * w - 1) / (m - 1), abs=1e-9)


def test_answer_spread_gives_range_and_population_standard_deviation():
    spread = answer_spread([1, 3, 5])
    assert (spread.n, spread.range) == (3, 4)
    assert spread.sd == pytest.approx(math.sqrt(8 / 3))
    assert answer_spread([]) is None


def test_evaluator_agreement_ranks_vendors_per_evaluator_over_shared_questions():
    answers = [
        AnswerInput("a", "q1", scores=(("ann", 5), ("bob", 4), ("cy", 1))),
        AnswerInput("b", "q1", scores=(("ann", 3), ("bob", 2), ("cy", 3))),
        AnswerInput("c", "q1", scores=(("ann", 1), ("bob", 0))),
    ]
    agreement = evaluator_agreement(answers)
    assert agreement.per_answer["a", "q1"].range == 4
    assert agreement.evaluators == ("ann", "bob")  # cy did not score vendor c
    assert agreement.kendalls_w == pytest.approx(1)
