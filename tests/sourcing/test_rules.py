"""Each recommendation rule, case by case, against the docs/domain.md sentence it encodes (quoted in
the docstring). Profiles start from a neutral center and change only what the rule reads."""

from dataclasses import replace

import pytest

from sourcing.rules import (
    SOURCES,
    Complexity,
    Focus,
    Hours,
    Knowledge,
    Option,
    Profile,
    Rhythm,
    Role,
    Sensitivity,
    hybrid_plan,
    recommend,
)

# Permanent, medium complexity, 40 seats with space for all, owned telephony, nothing else said.
NEUTRAL = Profile(seats=40, free_space_seats=40, has_cc_technology=True)


def profile(**changes) -> Profile:
    return replace(NEUTRAL, **changes)


def reason(rec, rule_id):
    return next(r for r in rec.reasons if r.rule_id == rule_id)


def test_a_neutral_permanent_center_with_space_stays_in_house_by_the_permanent_rule():
    """docs/domain.md, size and rhythm: "permanent work: in-house is an option";
    with free space and permanent work, consider in-house."""
    rec = recommend(NEUTRAL)
    assert rec.option == Option.IN_HOUSE
    assert rec.decisive.rule_id == "R-PERMANENT"


def test_complexity_rule_keeps_deep_knowledge_calls_in_house():
    """docs/domain.md, two rules of thumb: "complexity (calls need broad, deep knowledge of
    the organisation and its internal interfaces: in-house fits)"."""
    rec = recommend(profile(knowledge=Knowledge.DEEP, free_space_seats=0))
    assert rec.option == Option.IN_HOUSE
    assert rec.decisive.rule_id == "R-COMPLEXITY"


def test_volume_rule_outsources_many_short_focused_calls():
    """docs/domain.md, two rules of thumb: "volume (many short, focused calls where the agent
    need not know every detail: outsourcing fits)"."""
    rec = recommend(profile(simple_share=70))
    assert rec.option == Option.OUTSOURCED
    assert rec.decisive.rule_id == "R-VOLUME"


def test_volume_rule_needs_more_than_half_of_the_contacts_to_be_simple():
    """ "Many short, focused calls" is read as: more than half of the contacts."""
    assert recommend(profile(simple_share=50)).option == Option.IN_HOUSE
    assert recommend(profile(simple_share=51)).option == Option.OUTSOURCED


def test_core_product_is_not_outsourced():
    """docs/domain.md: "If the contact center is part of the core product, do not outsource
    it, except overflow or simple calls." Even when every other rule says outsource."""
    rec = recommend(profile(core_product=True, simple_share=10, rhythm=Rhythm.CAMPAIGNS, proven_model=False))
    assert rec.option == Option.IN_HOUSE
    assert rec.decisive.rule_id == "R-CORE-PRODUCT"
    assert rec.outsource == []


def test_core_product_may_send_out_overflow_and_simple_calls_only():
    """docs/domain.md: "... except overflow or simple calls": the hybrid names exactly those."""
    rec = recommend(
        profile(
            core_product=True, rhythm=Rhythm.PERMANENT_SEASONAL, peak_extra_seats=10, peak_months=2, simple_share=30
        )
    )
    assert rec.option == Option.HYBRID
    assert rec.decisive.rule_id == "R-CORE-PRODUCT"
    assert rec.outsource == ["Overflow in peaks (10 extra seats)", "Simple calls (30% of contacts)"]


def test_one_to_five_seats_are_easy_in_house():
    """docs/domain.md, size and rhythm: "1 to 5 seats: in-house is easy"."""
    rec = recommend(profile(seats=5, free_space_seats=0))
    assert rec.option == Option.IN_HOUSE
    assert rec.decisive.rule_id == "R-SIZE-1-5-SEATS"
    assert recommend(profile(seats=6, free_space_seats=0)).decisive.rule_id != "R-SIZE-1-5-SEATS"


def test_permanent_plus_seasonal_campaigns_is_hybrid():
    """docs/domain.md, size and rhythm: "permanent plus seasonal campaigns: hybrid (permanent
    in-house, campaigns outsourced)"."""
    rec = recommend(profile(rhythm=Rhythm.PERMANENT_SEASONAL, peak_extra_seats=12, peak_months=3))
    assert rec.option == Option.HYBRID
    assert rec.decisive.rule_id == "R-PERMANENT-PLUS-SEASONAL"
    assert rec.keep_in_house[0] == "The permanent work (40 seats all year)"
    assert rec.outsource[0] == "Seasonal campaigns and peaks (12 extra seats, 3 months a year)"


@pytest.mark.parametrize("rhythm", [Rhythm.CAMPAIGNS, Rhythm.ONE_OFF])
def test_campaigns_only_are_outsourced(rhythm):
    """docs/domain.md, size and rhythm: "campaigns only: outsource"."""
    rec = recommend(profile(rhythm=rhythm, knowledge=Knowledge.DEEP))
    assert rec.option == Option.OUTSOURCED
    assert rec.decisive.rule_id == "R-CAMPAIGNS-ONLY"


def test_an_unproven_business_model_is_tested_in_outsourcing_first():
    """docs/domain.md, size and rhythm: "Test an unproven business model in outsourcing first."
    It comes before the size and rhythm rules: a 3-seat test is still a test."""
    rec = recommend(profile(proven_model=False, seats=3))
    assert rec.option == Option.OUTSOURCED
    assert rec.decisive.rule_id == "R-UNPROVEN-MODEL"


def test_low_complexity_outsourcing_is_cost_focused():
    """docs/domain.md, three strategies: "low complexity, novices trained briefly:
    cost-focused outsourcing"."""
    rec = recommend(profile(simple_share=80, complexity=Complexity.LOW))
    assert (rec.option, rec.focus) == (Option.OUTSOURCED, Focus.COST)
    assert "R-STRATEGY-LOW" in rec.rule_ids()


@pytest.mark.parametrize("complexity", [Complexity.MEDIUM, Complexity.HIGH])
def test_medium_complexity_outsourcing_seeks_a_quality_partner(complexity):
    """docs/domain.md, three strategies: "medium complexity with dynamic processes:
    quality-focused partner more expert than you". Higher complexity that is still outsourced asks for the same."""
    rec = recommend(profile(simple_share=80, complexity=complexity))
    assert (rec.option, rec.focus) == (Option.OUTSOURCED, Focus.QUALITY)
    assert "R-STRATEGY-MEDIUM" in rec.rule_ids()


def test_value_creation_outsources_but_keeps_the_analysts_in_house():
    """docs/domain.md, three strategies: "value creation: outsource but keep in-house analysts
    who mine the center's data"."""
    rec = recommend(profile(simple_share=80, complexity=Complexity.LOW, data_analysts=True))
    assert (rec.option, rec.focus) == (Option.OUTSOURCED, Focus.VALUE)
    assert "R-STRATEGY-VALUE" in rec.rule_ids()
    assert "Analysts who mine the center's data to improve products and services" in rec.keep_in_house


def test_the_focus_applies_to_outsourced_recommendations_only():
    assert recommend(NEUTRAL).focus is None
    assert recommend(profile(rhythm=Rhythm.PERMANENT_SEASONAL, peak_extra_seats=5, peak_months=2)).focus is None


def test_hybrid_outsources_the_simple_work_and_keeps_deep_knowledge_calls():
    """docs/domain.md, hybrid: "outsource the simple work (data cleansing, lead warming,
    appointment setting) and keep the calls that need deep knowledge of the business in-house"."""
    rec = recommend(profile(knowledge=Knowledge.DEEP, simple_share=30))
    assert rec.option == Option.HYBRID
    assert rec.decisive.rule_id == "R-HYBRID-SIMPLE-WORK"
    assert rec.outsource == ["Simple work: data cleansing, lead warming, appointment setting (30% of contacts)"]
    assert rec.keep_in_house[0] == "Calls that need deep knowledge of the business and its internal interfaces"
    assert reason(rec, "R-COMPLEXITY").role == Role.SUPPORTING


def test_a_small_simple_share_is_not_worth_a_hybrid_split():
    """Below 20% of simple work, deep-knowledge calls keep the whole service in-house."""
    assert recommend(profile(knowledge=Knowledge.DEEP, simple_share=19)).option == Option.IN_HOUSE


def test_control_and_belonging_support_keeping_the_work():
    """docs/domain.md, control and belonging: "in-house agents feel part of the organisation,
    are more loyal and reach internal information easily"."""
    rec = recommend(profile(wants_control=True))
    assert rec.option == Option.IN_HOUSE
    assert reason(rec, "R-CONTROL-BELONGING").role == Role.SUPPORTING


def test_control_wanted_but_overruled_is_shown_as_a_reason_against():
    rec = recommend(profile(wants_control=True, simple_share=80))
    assert rec.option == Option.OUTSOURCED
    assert reason(rec, "R-CONTROL-BELONGING").role == Role.COUNTER


def test_flexibility_and_longer_hours_weigh_against_in_house():
    """docs/domain.md, control and belonging: "outsourcing brings flexibility, longer hours
    and no set-up cost"."""
    rec = recommend(profile(hours=Hours.ALWAYS))
    assert rec.option == Option.IN_HOUSE
    assert reason(rec, "R-FLEXIBILITY").role == Role.COUNTER
    assert "R-FLEXIBILITY" not in recommend(NEUTRAL).rule_ids()


def test_no_free_space_means_outsourcing():
    """docs/domain.md, costs: "people need space, kitchens, cloakrooms and HR, not only
    desks"; without free space, decide on outsourcing."""
    rec = recommend(profile(free_space_seats=10))
    assert rec.option == Option.OUTSOURCED
    assert rec.decisive.rule_id == "R-SPACE"


def test_hosted_keeps_control_without_space_for_a_platform():
    """docs/domain.md, three models: "hosted (the buyer runs the center on cloud CCaaS
    tools)": the buyer who wants control but lacks the space keeps its own agents on cloud tools."""
    rec = recommend(profile(free_space_seats=10, wants_control=True))
    assert rec.option == Option.HOSTED
    assert rec.decisive.rule_id == "R-HOSTED"
    assert reason(rec, "R-SPACE").role == Role.COUNTER


def test_hosted_runs_the_in_house_work_when_the_buyer_owns_no_telephony():
    """docs/domain.md, three models:
    in-house work without owned contact-center technology runs on cloud CCaaS."""
    rec = recommend(profile(has_cc_technology=False))
    assert rec.option == Option.HOSTED
    assert rec.decisive.rule_id == "R-HOSTED"
    assert "R-PERMANENT" in rec.rule_ids()


def test_a_hybrid_without_telephony_runs_its_in_house_part_on_the_cloud():
    rec = recommend(
        profile(has_cc_technology=False, rhythm=Rhythm.PERMANENT_SEASONAL, peak_extra_seats=5, peak_months=2)
    )
    assert rec.option == Option.HYBRID
    assert reason(rec, "R-HOSTED").role == Role.SUPPORTING


def test_sensitive_data_sets_a_security_condition_on_outsourcing():
    """docs/domain.md, cybersecurity: "Involve the buyer's risk owners; check ... exactly
    as one would check an internal department"; data security is the main challenge."""
    rec = recommend(profile(simple_share=80, data_sensitivity=Sensitivity.HIGH))
    assert reason(rec, "R-DATA-SENSITIVITY").role == Role.CONDITION
    hybrid = recommend(
        profile(data_sensitivity=Sensitivity.HIGH, rhythm=Rhythm.PERMANENT_SEASONAL, peak_extra_seats=5, peak_months=2)
    )
    assert "Contacts that handle the most sensitive data" in hybrid.keep_in_house
    assert "R-DATA-SENSITIVITY" not in recommend(NEUTRAL).rule_ids()


def test_outsourcing_keeps_quality_control_and_rules_on_what_stays_behind():
    """docs/domain.md: "Quality control is the buyer's job either way" and "when the
    contract ends, agent knowledge and databases do not stay with the buyer unless the contract
    rules on handing them over"."""
    rec = recommend(profile(simple_share=80))
    assert {"R-QUALITY-CONTROL", "R-EXIT-KNOWLEDGE"} <= set(rec.rule_ids())
    assert rec.keep_in_house == ["Quality control: scripts, QA procedures and KPI reviews from day one"]
    assert "R-EXIT-KNOWLEDGE" not in recommend(NEUTRAL).rule_ids()


def test_several_languages_ask_for_language_tests_when_outsourcing():
    """docs/domain.md, language and culture: accent and idiom problems; cultural fit is
    part of customer experience and the buyer does not control who is hired."""
    rec = recommend(profile(simple_share=80, languages=("English", "Polish")))
    assert "English, Polish" in reason(rec, "R-LANGUAGE-CULTURE").text
    assert "R-LANGUAGE-CULTURE" not in recommend(profile(simple_share=80, languages=("English",))).rule_ids()


def test_every_recommendation_reminds_that_financial_and_managerial_costs_differ():
    """docs/domain.md, costs: "outsourcing saves managerial cost surely, financial cost not
    always"."""
    assert "R-FINANCIAL-MANAGERIAL" in recommend(NEUTRAL).rule_ids()


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"simple_share": 80},
        {"knowledge": Knowledge.DEEP, "simple_share": 30},
        {"rhythm": Rhythm.CAMPAIGNS},
        {"core_product": True},
        {"free_space_seats": 0, "wants_control": True, "has_cc_technology": False},
    ],
)
def test_every_reason_names_a_rule_written_in_domain_md_and_one_rule_decides(changes):
    rec = recommend(profile(**changes))
    assert all(r.rule_id in SOURCES and r.source.startswith("Outsourcing practice") for r in rec.reasons)
    assert sum(r.role == Role.DECISIVE for r in rec.reasons) == 1


def test_the_recommendation_is_deterministic():
    p = profile(knowledge=Knowledge.DEEP, simple_share=25, languages=("English", "Arabic"))
    assert recommend(p) == recommend(p)


def test_the_hybrid_plan_prices_peaks_and_a_real_share_of_simple_work():
    assert hybrid_plan(profile(rhythm=Rhythm.PERMANENT_SEASONAL, peak_extra_seats=5, peak_months=2)).outsource_peaks
    assert hybrid_plan(profile(simple_share=25)).simple_share == 25
    assert not hybrid_plan(profile(simple_share=10)).is_split
