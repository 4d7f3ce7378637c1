"""Krippendorff's alpha for the panel's ordinal scores, checked against the `krippendorff`
package (an independent implementation, a test-only dependency) on random panels; its
bootstrap interval; and the flag on an evaluator who scores apart from the rest of the panel.

The package takes a coders x units matrix with nan for a missing score and returns nan when
nothing varies (0 / 0); it raises ValueError when no unit has two scores. Ours returns None in
both cases."""

import math
import warnings

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.engine.reliability import alpha_with_interval, ordinal_alpha, panel_bias

POINTS = st.integers(min_value=0, max_value=5)


@st.composite
def panels(draw):
    """2-6 evaluators, 1-30 answers, each score present or missing."""
    evaluators = draw(st.integers(min_value=2, max_value=6))
    answers = draw(st.integers(min_value=1, max_value=30))
    return [[draw(st.one_of(st.none(), POINTS)) for _unit in range(answers)] for _evaluator in range(evaluators)]


def _oracle(matrix) -> float | None:
    data = np.array([[np.nan if v is None else float(v) for v in row] for row in matrix])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            value = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal", value_domain=range(6))
    except ValueError:
        return None
    return None if math.isnan(value) else float(value)


def _units(matrix) -> list[list[int]]:
    return [[row[j] for row in matrix if row[j] is not None] for j in range(len(matrix[0]))]


@settings(max_examples=300, deadline=None)
@given(panels())
def test_alpha_matches_the_krippendorff_package_on_random_panels(matrix):
    expected, found = _oracle(matrix), ordinal_alpha(_units(matrix))
    if expected is None:
        assert found is None
    else:
        assert found == pytest.approx(expected, abs=1e-9)


def test_a_panel_that_always_agrees_has_alpha_one():
    assert ordinal_alpha([[4, 4, 4], [2, 2], [5, 5], [0, 0, 0]]) == pytest.approx(1.0)


def test_alpha_by_hand_for_a_small_panel():
    # Two evaluators, three answers: (1, 1), (2, 3), (3, 3). Coincidences: o11 = 2, o23 = o32 = 1,
    # o33 = 2; n1 = 2, n2 = 1, n3 = 3, n = 6. Ordinal distances: d(2,3) = (1 + 3 - 2)^2 = 4,
    # d(1,2) = (2 + 1 - 1.5)^2 = 2.25, d(1,3) = (2 + 1 + 3 - 2.5)^2 = 12.25.
    # Observed: 2 * 4 = 8. Expected: 2 * (n1 n2 d12 + n1 n3 d13 + n2 n3 d23) = 2 * (4.5 + 73.5 + 12) = 180.
    # alpha = 1 - (6 - 1) * 8 / 180 = 0.7777...
    assert ordinal_alpha([[1, 1], [2, 3], [3, 3]]) == pytest.approx(1 - 5 * 8 / 180)


def test_answers_scored_once_are_left_out_and_no_variation_is_undefined():
    assert ordinal_alpha([[3], [4]]) is None
    assert ordinal_alpha([[3, 3], [3, 3]]) is None
    assert ordinal_alpha([[1, 1], [2, 3], [3, 3], [5]]) == ordinal_alpha([[1, 1], [2, 3], [3, 3]])


def _panel(answers: int, seed: int) -> list[list[int]]:
    rng = np.random.default_rng(seed)
    quality = rng.integers(0, 6, size=answers)
    return [[int(np.clip(q + rng.integers(-1, 2), 0, 5)) for _e in range(3)] for q in quality]


def test_the_interval_holds_the_estimate_is_repeatable_and_narrows_with_more_answers():
    small, large = _panel(20, 1), _panel(400, 1)
    estimate = alpha_with_interval(small)
    assert estimate.low <= estimate.alpha <= estimate.high
    assert alpha_with_interval(small) == estimate
    wide = estimate.high - estimate.low
    narrow = alpha_with_interval(large).high - alpha_with_interval(large).low
    assert narrow < wide / 2
    assert (estimate.units, estimate.values) == (20, 60)


def test_one_pairable_answer_has_an_estimate_but_no_interval():
    estimate = alpha_with_interval([[1, 4], [2]])
    assert estimate.alpha is not None and estimate.low is None and estimate.units == 1


def test_a_harsh_evaluator_is_flagged_with_their_offset():
    scores = []
    for answer in range(10):
        scores += [(answer, "omar", 4), (answer, "lena", 4), (answer, "farid", 2)]
    biases = {b.evaluator: b for b in panel_bias(scores)}
    assert biases["farid"].flagged and biases["farid"].mean_offset == pytest.approx(-2.0)
    # Farid alone pulls the others' offsets to +1; with him left out, Omar and Lena agree.
    assert not biases["omar"].flagged and biases["omar"].mean_offset == pytest.approx(0.0)
    assert [b.evaluator for b in panel_bias(scores)] == ["omar", "lena", "farid"]


def test_a_panel_that_agrees_flags_nobody_and_few_shared_answers_flag_nobody():
    agree = [(a, e, 3) for a in range(10) for e in ("omar", "lena")]
    assert not any(b.flagged for b in panel_bias(agree))
    few = [(a, e, 5 if e == "omar" else 1) for a in range(4) for e in ("omar", "lena", "farid")]
    assert not any(b.flagged for b in panel_bias(few))
    assert {b.answers for b in panel_bias(few)} == {4}


def test_with_two_evaluators_nobody_can_be_said_to_be_apart():
    pair = [(a, e, 5 if e == "omar" else 1) for a in range(10) for e in ("omar", "lena")]
    assert not any(b.flagged for b in panel_bias(pair))


def test_krippendorffs_2011_worked_example():
    """The 4 observers x 12 units example of Krippendorff (2011), points 1 to 5: ordinal .815."""
    matrix = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    ours = ordinal_alpha(_units(matrix))
    assert round(ours, 3) == 0.815
    assert ours == pytest.approx(_oracle(matrix), abs=1e-12)


@pytest.mark.parametrize(
    ("units", "meaning"),
    [([], "no answers"), ([[3], [4], []], "no answer scored twice"), ([[2, 2], [2, 2, 2], [4]], "nothing varies")],
)
def test_undefined_alpha_is_none(units, meaning):
    assert ordinal_alpha(units) is None, meaning


@pytest.mark.parametrize("units", [[[0, 6]], [[-1, 2]]])
def test_points_outside_0_to_5_are_refused(units):
    with pytest.raises(ValueError):
        ordinal_alpha(units)
