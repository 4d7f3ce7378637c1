"""The cost model against figures computed by hand (the arithmetic is written beside each)."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from sourcing.costs import CostInputs, Kind, VendorPrice, abnormally_low, break_even_year, compare, whole
from sourcing.rules import HybridPlan, Option

# A 10-seat center with free space for 4, no telephony of its own; round figures.
SMALL = CostInputs(
    seats=10,
    years=3,
    free_space_seats=4,
    has_cc_technology=False,
    fte_per_seat=D("1.2"),
    agent_salary=D("30000"),
    benefits_rate=D("20"),
    agents_per_team_leader=D("10"),
    team_leader_salary=D("40000"),
    attrition_rate=D("40"),
    replacement_cost=D("10000"),
    hiring_training_cost=D("5000"),
    management_overhead_rate=D("10"),
    space_cost_per_seat_year=D("5000"),
    fit_out_per_seat=D("3000"),
    equipment_per_seat=D("2000"),
    telephony_setup_per_seat=D("1500"),
    software_per_seat_year=D("1000"),
    ccaas_per_seat_month=D("100"),
    vendor_management_fte=D("0.5"),
    vendor_manager_salary=D("60000"),
    benchmark_price_per_seat_year=None,
    yearly_increase=D("0"),
)
VENDOR_A = VendorPrice(1, "Vendor A", D("600000"))
VENDOR_B = VendorPrice(2, "Vendor B", D("700000"))


def amounts(option) -> dict[str, D]:
    return {line.label: line.amount for line in option.lines}


def test_in_house_set_up_running_and_managerial_costs_match_the_hand_computation():
    in_house = compare(SMALL, [VENDOR_A]).in_house
    assert amounts(in_house) == {
        "Space fit-out": D(18000),  # (10 seats - 4 free) = 6 new seats x 3,000
        "Equipment": D(20000),  # 10 x 2,000
        "Telephony and software set-up": D(15000),  # 10 x 1,500
        "Hiring and training the first team": D(60000),  # 10 x 1.2 FTE x 5,000
        "Space: rent and facilities": D(30000),  # 6 new seats x 5,000
        "Agent wages and benefits": D(432000),  # 10 x 1.2 x 30,000 x 1.20
        "Team leaders": D(57600),  # 12 FTE / 10 x 40,000 x 1.20
        "Attrition": D(48000),  # 12 FTE x 40% x 10,000
        "Telephony and software, yearly": D(10000),  # 10 x 1,000
        "Center management, planning, QA and HR": D(48960),  # 10% x (432,000 + 57,600)
    }
    assert in_house.setup == 113000  # 18,000 + 20,000 + 15,000 + 60,000
    assert in_house.running == 577600  # 30,000 + 432,000 + 57,600 + 48,000 + 10,000
    assert in_house.managerial == 48960


def test_in_house_years_put_the_set_up_in_year_one_and_cumulate():
    years = compare(SMALL, [VENDOR_A]).in_house.years
    assert [y.financial for y in years] == [690600, 577600, 577600]  # 113,000 + 577,600 in year 1
    assert [y.managerial for y in years] == [48960, 48960, 48960]
    assert [y.cumulative for y in years] == [739560, 1366120, 1992680]
    assert [y.cumulative_financial for y in years] == [690600, 1268200, 1845800]


def test_hosted_swaps_the_telephony_for_cloud_ccaas_per_seat_and_month():
    hosted = compare(SMALL, [VENDOR_A]).option("hosted")
    lines = amounts(hosted)
    assert "Telephony and software set-up" not in lines
    assert lines["Cloud CCaaS licences"] == 12000  # 10 seats x 12 months x 100
    assert hosted.setup == 98000  # 18,000 + 20,000 + 60,000
    assert [y.cumulative for y in hosted.years] == [726560, 1355120, 1983680]  # 98,000 + 579,600 + 48,960 ...


def test_owning_telephony_removes_its_set_up_cost_and_says_so():
    owned = compare(replace(SMALL, has_cc_technology=True), [VENDOR_A]).in_house
    line = next(line for line in owned.lines if line.label == "Telephony and software set-up")
    assert line.amount == 0 and line.formula == "you own contact-center telephony"


def test_each_vendor_costs_its_yearly_price_plus_the_buyers_vendor_management():
    comparison = compare(SMALL, [VENDOR_A, VENDOR_B])
    a = comparison.option("vendor:1")
    assert a.kind == Option.OUTSOURCED and a.setup == 0
    assert a.running == 600000
    assert a.managerial == 36000  # 0.5 FTE x 60,000 x 1.20
    assert [y.cumulative for y in a.years] == [636000, 1272000, 1908000]


def test_financial_and_managerial_costs_are_kept_apart():
    """docs/domain.md: outsourcing saves managerial cost surely, financial cost not always."""
    comparison = compare(SMALL, [VENDOR_A, VENDOR_B])
    in_house, b = comparison.in_house, comparison.option("vendor:2")
    assert all(line.kind in (Kind.SETUP, Kind.RUNNING, Kind.MANAGERIAL) for line in in_house.lines)
    assert in_house.total_managerial == 146880  # 3 x 48,960
    assert in_house.total_financial == 1845800
    assert in_house.total == in_house.total_financial + in_house.total_managerial
    assert b.total_managerial == 108000 < in_house.total_managerial  # 3 x 36,000


def test_break_even_is_the_first_year_in_house_cumulates_no_more_than_the_option():
    comparison = compare(SMALL, [VENDOR_A, VENDOR_B])
    # Against B: 739,560 > 736,000 in year 1, then 1,366,120 <= 1,472,000 in year 2.
    assert comparison.option("vendor:2").break_even_year == 2
    # Financial cost only: 690,600 <= 700,000 already in year 1.
    assert comparison.option("vendor:2").break_even_financial_year == 1
    # Against A: 739,560 > 636,000; 1,366,120 > 1,272,000; 1,992,680 > 1,908,000: not within 3 years.
    assert comparison.option("vendor:1").break_even_year is None
    assert comparison.in_house.break_even_year is None


@pytest.mark.parametrize(
    ("base", "other", "year"),
    [
        ([5, 10, 15], [4, 8, 12], None),
        ([5, 10, 15], [5, 9, 13], 1),
        ([7, 10, 13], [4, 8, 12], None),
        ([7, 10, 13], [4, 8, 13], 3),
    ],
)
def test_break_even_year_on_plain_series(base, other, year):
    assert break_even_year(base, other) == year


def test_peaks_add_seasonal_wages_and_hiring_to_in_house_and_seats_for_the_capacity():
    peaks = replace(SMALL, peak_extra_seats=4, peak_months=3)
    lines = amounts(compare(peaks, [VENDOR_A]).in_house)
    assert lines["Peak agents' wages and benefits"] == D("43200")  # 4 x 1.2 x 3/12 = 1.2 FTE x 30,000 x 1.20
    assert lines["Hiring and training seasonal agents"] == 24000  # 4 x 1.2 x 5,000 every season
    assert lines["Team leaders"] == D("63360")  # (12 + 1.2) / 10 x 40,000 x 1.20
    assert lines["Equipment"] == 28000  # (10 + 4) seats x 2,000
    assert lines["Space fit-out"] == 30000  # (14 - 4) x 3,000


def test_hybrid_keeps_the_rest_in_house_and_pays_the_reference_price_for_the_share_sent_out():
    inputs = replace(SMALL, peak_extra_seats=4, peak_months=3, hybrid=HybridPlan(outsource_peaks=True, simple_share=20))
    hybrid = compare(inputs, [VendorPrice(1, "Vendor A", D("660000"))]).option("hybrid")
    lines = amounts(hybrid)
    # 2 of 10 seats go out (20%); seat-months out = 2 x 12 + 4 peak seats x 3 = 36 of 10 x 12 + 12 = 132.
    assert lines["Outsourced part"] == 180000  # 36 / 132 x 660,000
    assert lines["Agent wages and benefits"] == D("345600")  # 8 seats x 1.2 x 30,000 x 1.20
    assert lines["Cloud CCaaS licences"] == 9600  # 8 x 12 x 100 (no telephony of its own: hosted)
    assert "Peak agents' wages and benefits" not in lines
    assert lines["Center management, planning, QA and HR"] == D("39168")  # 10% x (345,600 + 46,080)
    assert whole(lines["Vendor management and QA"]) == 9818  # 36,000 x 36/132
    assert hybrid.setup == 76000  # fit-out (8 - 4) x 3,000 + 8 x 2,000 + 8 x 1.2 x 5,000
    trace = next(line.trace for line in hybrid.lines if line.label == "Outsourced part")
    assert "36 of 132 seat-months (27.3%)" in trace and "Vendor A" in trace


def test_no_hybrid_when_there_is_nothing_to_split_off():
    comparison = compare(SMALL, [VENDOR_A])
    assert comparison.option("hybrid") is None
    assert any("No hybrid option" in note for note in comparison.notes)


def test_indexation_raises_running_costs_and_prices_from_year_two():
    indexed = compare(replace(SMALL, yearly_increase=D("10")), [VENDOR_A])
    a = indexed.option("vendor:1")
    assert [y.financial for y in a.years] == [600000, 660000, 726000]  # x 1.10 a year
    assert indexed.in_house.years[1].financial == D("635360")  # 577,600 x 1.10; the set-up is not repeated


def test_without_vendor_prices_the_benchmark_price_stands_in():
    inputs = replace(SMALL, peak_extra_seats=4, peak_months=3, benchmark_price_per_seat_year=D("40000"))
    bench = compare(inputs, []).option("benchmark")
    assert bench.running == 440000  # (10 + 4 x 3/12) seats x 40,000


def test_without_any_price_only_the_in_house_options_are_costed():
    comparison = compare(SMALL, [])
    assert [o.key for o in comparison.options] == ["in_house", "hosted"]
    assert comparison.notes


def test_invalid_and_abnormally_low_prices_are_set_apart():
    prices = [VendorPrice(1, "Cheap", D("100")), VendorPrice(2, "B", D("200")), VendorPrice(3, "C", D("200"))]
    assert abnormally_low(prices) == {1}  # 100 <= 60% of the mean of the others (200)
    comparison = compare(SMALL, [*prices, VendorPrice(4, "Zero", D("0"))])
    assert comparison.option("vendor:4") is None
    assert comparison.option("vendor:1").abnormally_low
    assert comparison.cheapest_outsourced.label == "B"
    assert len(comparison.notes) >= 2


def test_every_figure_carries_its_formula_and_inputs():
    in_house = compare(SMALL, [VENDOR_A]).in_house
    traces = [line.trace for line in in_house.lines]
    assert "Agent wages and benefits: 10 seats × 1.2 FTE/seat × 30,000 × (1 + 20% benefits) = 432,000" in traces
    assert "Attrition: 12 agent FTE × 40% attrition a year × 10,000 replacement cost = 48,000" in traces
    assert "Center management, planning, QA and HR: 10% × 489,600 wages of agents and team leaders = 48,960" in traces


def test_the_model_refuses_zero_seats_or_years():
    with pytest.raises(ValueError):
        compare(replace(SMALL, years=0), [])
    with pytest.raises(ValueError):
        compare(replace(SMALL, seats=0), [])
