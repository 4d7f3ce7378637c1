"""The bid rule on its own: a table of facts and what each role may read, the two-envelope default,
the envelope that opens only for bids reaching the pass mark, and the executive's grant."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rfp import services as rfp_services
from rfp.models import RFP, AuditEntry, MemberRole, Status
from scoring import services
from scoring.access import Evaluation, settings_for
from scoring.models import Assignment
from tests.factories import QuestionFactory
from tests.scoring.access_cases import prepare_evaluation
from tests.scoring.test_evaluator_visibility import _priced
from vendors.bid_view import BidFacts, bid_rule, decide

S1, S2, PRICE_SECTION = 11, 12, 13
NORTHWIND, BLUEPEAK = 21, 22
NW_BID, BP_BID = 31, 32

BASE = BidFacts(
    role=MemberRole.PROCUREMENT,
    status=Status.EVALUATION,
    sealed=False,
    two_envelope=True,
    price_opened=False,
    price_opened_for=frozenset(),
    blind=False,
    bids_granted=False,
    assigned_section_ids=frozenset({S1}),
    cleared_vendor_ids=frozenset({NORTHWIND, BLUEPEAK}),
    price_section_ids=frozenset({PRICE_SECTION}),
)


class Q:
    """A question as the rule sees it: its section and whether it is the price."""

    def __init__(self, section_id: int, is_price: bool = False):
        self.section_id, self.is_price = section_id, is_price


TECH_1, TECH_2, PRICE = Q(S1), Q(S2), Q(PRICE_SECTION, is_price=True)
PRICE_IN_A_TECHNICAL_SECTION = Q(S1, is_price=True)


def reads(facts: BidFacts, question: Q, vendor: int = NORTHWIND, bid: int = NW_BID) -> bool:
    return decide(facts).may_read_answer(vendor_id=vendor, response_id=bid, question=question)


OPEN_FOR_BOTH = {"price_opened": True, "price_opened_for": frozenset({NW_BID, BP_BID})}

TABLE = [
    # (who and when, question, vendor, bid, may read)
    ({}, TECH_2, NORTHWIND, NW_BID, True),
    ({}, PRICE, NORTHWIND, NW_BID, False),
    ({"sealed": True}, TECH_1, NORTHWIND, NW_BID, False),
    (OPEN_FOR_BOTH, PRICE, NORTHWIND, NW_BID, True),
    ({"price_opened": True, "price_opened_for": frozenset({BP_BID})}, PRICE, NORTHWIND, NW_BID, False),
    ({"two_envelope": False}, PRICE, NORTHWIND, NW_BID, True),
    ({"role": MemberRole.EVALUATOR}, TECH_1, NORTHWIND, NW_BID, True),
    ({"role": MemberRole.EVALUATOR}, TECH_2, NORTHWIND, NW_BID, False),
    ({"role": MemberRole.EVALUATOR}, PRICE_IN_A_TECHNICAL_SECTION, NORTHWIND, NW_BID, False),
    ({"role": MemberRole.EVALUATOR, **OPEN_FOR_BOTH}, PRICE_IN_A_TECHNICAL_SECTION, NORTHWIND, NW_BID, True),
    ({"role": MemberRole.EVALUATOR, "status": Status.CLOSED}, TECH_1, NORTHWIND, NW_BID, False),
    ({"role": MemberRole.EVALUATOR, "cleared_vendor_ids": frozenset({BLUEPEAK})}, TECH_1, NORTHWIND, NW_BID, False),
    ({"role": MemberRole.EVALUATOR, "cleared_vendor_ids": frozenset({BLUEPEAK})}, TECH_1, BLUEPEAK, BP_BID, True),
    ({"role": MemberRole.EVALUATOR, "status": Status.DECIDED}, TECH_1, NORTHWIND, NW_BID, True),
    ({"role": MemberRole.EXECUTIVE, **OPEN_FOR_BOTH}, TECH_1, NORTHWIND, NW_BID, False),
    ({"role": MemberRole.EXECUTIVE, "bids_granted": True, **OPEN_FOR_BOTH}, PRICE, NORTHWIND, NW_BID, True),
    ({"role": MemberRole.EXECUTIVE, "bids_granted": True}, PRICE, NORTHWIND, NW_BID, False),
    ({"role": None, **OPEN_FOR_BOTH}, TECH_1, NORTHWIND, NW_BID, False),
]


@pytest.mark.parametrize(("changes", "question", "vendor", "bid", "allowed"), TABLE)
def test_the_rule_gives_each_role_and_state_exactly_its_share(changes, question, vendor, bid, allowed):
    assert reads(replace(BASE, **changes), question, vendor, bid) is allowed


def test_an_executive_reads_open_prices_as_results_but_never_opens_a_bid():
    rule = decide(replace(BASE, role=MemberRole.EXECUTIVE, **OPEN_FOR_BOTH))
    assert rule.may_read_price(vendor_id=NORTHWIND, response_id=NW_BID)
    assert not rule.may_read_vendor(NORTHWIND)


def test_an_evaluator_reads_prices_only_of_vendors_they_are_cleared_for():
    rule = decide(replace(BASE, role=MemberRole.EVALUATOR, cleared_vendor_ids=frozenset({BLUEPEAK}), **OPEN_FOR_BOTH))
    assert rule.may_read_price(vendor_id=BLUEPEAK, response_id=BP_BID)
    assert not rule.may_read_price(vendor_id=NORTHWIND, response_id=NW_BID)


def test_blind_mode_hides_names_from_the_panel_only():
    assert decide(replace(BASE, role=MemberRole.EVALUATOR, blind=True)).blind
    assert not decide(replace(BASE, blind=True)).blind


def test_a_new_rfp_has_two_envelopes_and_the_create_form_proposes_them(paula):
    from rfp.forms import RFPSettingsForm

    assert RFP._meta.get_field("two_envelope").default is True
    assert RFPSettingsForm().fields["two_envelope"].initial is True


def test_switching_the_envelope_off_while_drafting_is_logged(draft_rfp, paula):
    rfp_services.rfp_update(rfp=draft_rfp, by=paula, two_envelope=True)
    rfp_services.rfp_update(rfp=draft_rfp, by=paula, two_envelope=False)
    entry = AuditEntry.objects.filter(rfp=draft_rfp, action="rfp.updated").latest("at")
    assert entry.before["two_envelope"] is True and entry.after["two_envelope"] is False


def _score_everything(world, points_for: dict[str, int]) -> None:
    omar = world.users["evaluator"]
    evaluation = Evaluation(rfp=world.rfp, role=MemberRole.EVALUATOR, settings=settings_for(world.rfp))
    for assignment in Assignment.objects.filter(evaluator=omar):
        for (key, _qid), answer in world.extra["answers"].items():
            if answer.question.section_id == assignment.section_id and not answer.question.auto_rule:
                services.score_save(
                    answer=answer, evaluator=omar, assignment=assignment, points=points_for[key], comment="seen"
                )
        services.section_submit(assignment=assignment, evaluation=evaluation, by=omar)


def test_the_envelope_opens_only_for_bids_that_reach_the_technical_pass_mark(world):
    prepare_evaluation(world)
    _priced(world, two_envelope=True)
    world.rfp.technical_pass_mark = Decimal("60")
    world.rfp.save(update_fields=["technical_pass_mark"])
    _score_everything(world, {"vendor": 4, "rival": 2})
    paula = world.users["procurement"]
    services.price_envelope_open(rfp=world.rfp, by=paula)
    northwind, bluepeak = world.responses["vendor"], world.responses["rival"]
    rule = bid_rule(paula, world.rfp)
    assert rule.price_visible(northwind.pk) and not rule.price_visible(bluepeak.pk)
    entry = AuditEntry.objects.get(rfp=world.rfp, action="evaluation.price_opened")
    assert entry.after["opened_for"] == [northwind.pk] and entry.after["kept_sealed"] == [bluepeak.pk]


def test_the_envelope_stays_shut_until_every_technical_score_is_in(world):
    prepare_evaluation(world)
    _priced(world, two_envelope=True)
    with pytest.raises(ValidationError, match="not complete"):
        services.price_envelope_open(rfp=world.rfp, by=world.users["procurement"])
    assert not bid_rule(world.users["procurement"], world.rfp).prices_open


def test_procurement_grants_an_executive_the_bids_and_the_grant_is_logged(world):
    paula, dana = world.users["procurement"], world.users["executive"]
    prepare_evaluation(world)
    member = world.rfp.members.get(user=dana)
    assert not bid_rule(dana, world.rfp).may_read_vendor(world.vendors["vendor"].pk)
    rfp_services.member_grant_bids(member=member, by=paula, granted=True)
    assert bid_rule(dana, world.rfp).may_read_vendor(world.vendors["vendor"].pk)
    entry = AuditEntry.objects.get(rfp=world.rfp, action="member.bids_granted")
    assert entry.before["bids_granted"] is False and entry.after["bids_granted"] is True


def test_only_an_executive_can_be_granted_the_bids(world):
    member = world.rfp.members.get(user=world.users["evaluator"])
    with pytest.raises(ValidationError, match="executive"):
        rfp_services.member_grant_bids(member=member, by=world.users["procurement"], granted=True)


def test_the_team_page_grants_and_withdraws_the_bids(world, login):
    from django.urls import reverse

    client = login(world.users["procurement"])
    member = world.rfp.members.get(user=world.users["executive"])
    url = reverse("rfp:member_bids", kwargs={"ref": world.rfp.reference, "member_id": member.pk})
    page = client.post(url, {"granted": "1"}, follow=True).content.decode()
    assert "may now read the bids" in page and "Reads the bids and their files" in page
    page = client.post(url, {"granted": "0"}, follow=True).content.decode()
    assert "reads the results only" in page and "Reads the results only" in page


def test_a_price_question_outside_the_price_section_is_price_content_too(world):
    section = world.sections[0]
    question = QuestionFactory(section=section, is_price=True)
    rule = decide(replace(BASE, price_section_ids=frozenset()))
    assert rule.is_price_content(question)
