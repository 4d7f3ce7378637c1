"""The three price methods (scoring/engine/price.py) and the price-formula stress test
(scoring/engine/stress.py): the relative formula can reverse a ranking when a bid comes or goes,
the absolute ones cannot, and the stress test names the formulas and splits that change the
winner."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.engine import (
    PRICE_LINEAR,
    PRICE_PER_QUALITY_POINT,
    PRICE_RELATIVE,
    TIE_TOLERANCE,
    AnswerInput,
    Config,
    QuestionSpec,
    SectionSpec,
    VendorInput,
    linear_price_points,
    rank,
    score_prices,
    value_index,
)
from scoring.engine.stress import price_stress
from tests.scoring.test_engine import PROPERTY, rfps

QUALITY = (QuestionSpec("q", "tech", 1),)


def tender(bids: dict[str, tuple[int, float]], weights=(50, 50)):
    """Vendors with a technical score set by one human-scored question (points 0-5, so technical
    = points x 20) and a price; the technical and price sections weighted as given."""
    sections = [SectionSpec("tech", "Quality", weights[0]), SectionSpec("price", "Price", weights[1], "price")]
    vendors = [VendorInput(name, name, price, n) for n, (name, (_points, price)) in enumerate(bids.items())]
    answers = [AnswerInput(name, "q", "answered", "", (("e1", points),)) for name, (points, _price) in bids.items()]
    return sections, list(QUALITY), vendors, answers


def order(result) -> list[str]:
    return [v.vendor_id for v in result.vendors]


# The example of the issue: technical 100 at 200, 60 at 100 and 0 at 50, weights 50/50.
EXAMPLE = {"A": (5, 200.0), "B": (3, 100.0), "C": (0, 50.0)}


def test_the_relative_formula_reverses_two_vendors_when_the_cheapest_bid_leaves():
    sections, questions, vendors, answers = tender(EXAMPLE)
    assert order(rank(sections, questions, vendors, answers, Config())) == ["A", "B", "C"]
    without_c = tender({k: v for k, v in EXAMPLE.items() if k != "C"})
    assert order(rank(*without_c, Config())) == ["B", "A"]


def test_the_linear_formula_keeps_the_order_when_the_cheapest_bid_leaves():
    config = Config(price_method=PRICE_LINEAR, price_ceiling=250, price_floor=0)
    full = rank(*tender(EXAMPLE), config)
    fewer = rank(*tender({k: v for k, v in EXAMPLE.items() if k != "C"}), config)
    assert order(full) == ["A", "B", "C"] and order(fewer) == ["A", "B"]
    # Each bid's points are its own: 100 x (250 - price) / 250.
    assert [v.price_score for v in full.vendors] == pytest.approx([20.0, 60.0, 80.0])
    assert [v.total for v in fewer.vendors] == [v.total for v in full.vendors[:2]]


def test_linear_points_run_from_the_floor_to_the_ceiling_and_stay_within_0_and_100():
    assert linear_price_points(4_000_000, 5_000_000, 3_000_000) == pytest.approx(50)
    assert linear_price_points(2_800_000, 5_000_000, 3_000_000) == 100
    assert linear_price_points(5_200_000, 5_000_000, 3_000_000) == 0
    assert linear_price_points(4_000_000, 5_000_000, 3_000_000, "higher_is_better") == pytest.approx(50)
    with pytest.raises(ValueError):
        linear_price_points(1, 3, 3)


def test_linear_scoring_still_refuses_a_price_of_zero_or_less():
    outcome = score_prices([0, -5, 4_000_000], method=PRICE_LINEAR, ceiling=5_000_000, floor=3_000_000)
    assert outcome.invalid == (True, True, False)
    assert outcome.scores == (0.0, 0.0, pytest.approx(50))


@pytest.mark.parametrize(
    "values",
    [
        {"price_method": "cheapest"},
        {"price_method": PRICE_LINEAR},
        {"price_method": PRICE_LINEAR, "price_ceiling": 100, "price_floor": 100},
        {"price_method": PRICE_LINEAR, "price_ceiling": -1, "price_floor": -5},
    ],
)
def test_a_price_method_without_what_it_needs_is_refused(values):
    with pytest.raises(ValueError):
        Config(**values)


def test_price_per_quality_point_orders_by_technical_score_per_unit_of_price():
    sections, questions, vendors, answers = tender({"A": (5, 200.0), "B": (3, 100.0), "C": (1, 50.0)})
    result = rank(sections, questions, vendors, answers, Config(price_method=PRICE_PER_QUALITY_POINT))
    # Technical per unit of price: A 100/200 = 0.5, B 60/100 = 0.6, C 20/50 = 0.4.
    assert order(result) == ["B", "A", "C"]
    assert [v.total for v in result.vendors] == pytest.approx([100.0, 100 * 0.5 / 0.6, 100 * 0.4 / 0.6])
    assert value_index([50.0, None], [100.0, 80.0], [True, True]) == [100.0, None]


def _never_reordered(full, fewer, gone: str) -> None:
    """Every pair of the remaining vendors whose totals are more than a tie apart keeps its order,
    and no remaining vendor's total moves."""
    before = [v for v in full.vendors if v.vendor_id != gone]
    position = {v.vendor_id: i for i, v in enumerate(fewer.vendors)}
    totals = {v.vendor_id: v.total for v in fewer.vendors}
    for i, a in enumerate(before):
        assert totals[a.vendor_id] == a.total
        for b in before[i + 1 :]:
            apart = a.excluded != b.excluded or (
                a.total is not None and b.total is not None and a.total - b.total > TIE_TOLERANCE + 1e-9
            )
            if apart:
                assert position[a.vendor_id] < position[b.vendor_id], (a.vendor_id, b.vendor_id)


def _rank_without(sections, questions, vendors, answers, config, gone: str):
    return rank(
        sections,
        questions,
        [v for v in vendors if v.id != gone],
        [a for a in answers if a.vendor_id != gone],
        config,
    )


@PROPERTY
@given(rfps(), st.data())
def test_under_the_linear_method_removing_any_vendor_never_reorders_the_rest(rfp, data):
    sections, questions, vendors, answers, config = rfp
    floor = data.draw(st.integers(0, 600))
    config = dataclasses.replace(
        config, price_method=PRICE_LINEAR, price_floor=floor, price_ceiling=floor + data.draw(st.integers(1, 800))
    )
    full = rank(sections, questions, vendors, answers, config)
    gone = data.draw(st.sampled_from([v.id for v in vendors]))  # any vendor: the winner, the cheapest
    fewer = _rank_without(sections, questions, vendors, answers, config, gone)
    _never_reordered(full, fewer, gone)


@PROPERTY
@given(rfps(), st.data())
def test_under_price_per_quality_point_removing_any_vendor_never_reorders_the_rest(rfp, data):
    sections, questions, vendors, answers, config = rfp
    config = dataclasses.replace(config, price_method=PRICE_PER_QUALITY_POINT)
    full = rank(sections, questions, vendors, answers, config)
    gone = data.draw(st.sampled_from([v.id for v in vendors]))
    fewer = _rank_without(sections, questions, vendors, answers, config, gone)
    before = [v for v in full.vendors if v.vendor_id != gone]
    position = {v.vendor_id: i for i, v in enumerate(fewer.vendors)}
    ratio = {v.vendor_id: v.total for v in fewer.vendors}
    for i, a in enumerate(before):
        for b in before[i + 1 :]:
            if a.excluded != b.excluded:
                assert position[a.vendor_id] < position[b.vendor_id]
            elif (
                a.total is not None
                and b.total is not None
                and ratio[a.vendor_id] - ratio[b.vendor_id] > 2 * TIE_TOLERANCE
            ):
                # Both indices are divided by one common best ratio: the gap can only grow.
                assert position[a.vendor_id] < position[b.vendor_id]


def _stress(bids, **kwargs):
    names = list(bids)
    vendors = [VendorInput(n, n, None, i) for i, n in enumerate(names)]
    scenarios = price_stress(
        [bids[n][0] for n in names], [bids[n][1] for n in names], [False] * len(names), vendors, **kwargs
    )
    return {(s.method, s.technical_share): (None if s.winner is None else names[s.winner]) for s in scenarios}


def test_the_stress_test_finds_the_splits_where_a_cheap_bid_wins():
    # Quality 90 at 4.0 million against quality 60 at 2.5 million.
    winners = _stress({"Premium": (90.0, 4_000_000.0), "Budget": (60.0, 2_500_000.0)})
    assert winners[(PRICE_RELATIVE, 50)] == "Budget"  # 45 + 31.25 against 30 + 50
    assert winners[(PRICE_RELATIVE, 80)] == "Premium"
    assert winners[(PRICE_LINEAR, 50)] == "Budget"  # between the bids: Premium 0 price points, Budget 100
    assert winners[(PRICE_PER_QUALITY_POINT, None)] == "Budget"  # 60 / 2.5 against 90 / 4.0
    assert len(winners) == 9


def test_the_stress_test_agrees_everywhere_when_one_bid_is_better_and_cheaper():
    winners = _stress({"Better": (90.0, 2_000_000.0), "Worse": (60.0, 3_000_000.0)}, ceiling=4e6, floor=1e6)
    assert set(winners.values()) == {"Better"}


def test_the_stress_test_needs_a_valid_price():
    assert price_stress([80.0, 70.0], [None, 0], [False, False], [VendorInput(1, "a"), VendorInput(2, "b")]) == ()
