"""An evaluated RFI for the report tests: four sections on the contact-center risk areas, vendors
with submitted answers, two evaluators' scores (one disagreement settled by consensus), a
knocked-out vendor and a price section.

The figures follow the demo's vendor profiles: Harbor (premium, low attrition), Vistula
(nearshore), Coral (attrition 55%, one team leader per 25 agents) and Atlas (no PCI DSS
attestation: knocked out).
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Role
from rfp.models import MemberRole, QuestionType, SectionKind, Status
from scoring.models import Consensus, Score
from tests.factories import (
    AnswerFactory,
    InvitationFactory,
    MemberFactory,
    QuestionFactory,
    ResponseFactory,
    RFPFactory,
    SectionFactory,
    UserFactory,
    VendorFactory,
)
from vendors.models import AnswerState, ResponseStatus

ATTRITION_BANDS = {
    "kind": "bands",
    "bands": [
        {"min": None, "max": 20, "points": 5},
        {"min": 20, "max": 30, "points": 4},
        {"min": 30, "max": 40, "points": 3},
        {"min": 40, "max": 55, "points": 2},
        {"min": 55, "max": 80, "points": 1},
        {"min": 80, "max": None, "points": 0},
    ],
}
SPAN_BANDS = {
    "kind": "bands",
    "bands": [
        {"min": None, "max": 8, "points": 4},
        {"min": 8, "max": 13, "points": 5},
        {"min": 13, "max": 16, "points": 4},
        {"min": 16, "max": 21, "points": 2},
        {"min": 21, "max": None, "points": 0},
    ],
}
ATTRITION_BENCHMARK = "Average agent attrition is about 40% a year."
SPAN_BENCHMARK = "8-12 agents per team leader is typical; more than 20 is a red flag."
PCI_REASON = "No PCI DSS service-provider attestation for card payments."

# name: attrition %, PCI DSS, agents per team leader, yearly price, (omar, lena) points per human question
PROFILES = {
    "Harbor Premium Contact": (21, "Yes", 10, 4_650_000, [(5, 4), (4, 4), (5, 5)]),
    "Vistula Nearshore CX": (29, "Yes", 12, 3_420_000, [(4, 4), (5, 4), (4, 3)]),
    "Coral Coast Outsourcing": (55, "Yes", 25, 1_590_000, [(2, 2), (1, 3), (2, 1)]),
    "Atlas Multilingual Services": (34, "No", 14, 3_050_000, [(3, 3), (2, 3), (3, 4)]),
}


def _filler_profile(index: int) -> tuple:
    """Extra vendors for the scale tests: plausible, distinct figures."""
    attrition = 18 + (index * 7) % 50
    return (attrition, "Yes", 9 + index % 14, 2_000_000 + 37_000 * index, [(1 + index % 5, 2 + index % 4)] * 3)


def build_evaluated_rfp(*, procurement, evaluators, executive=None, extra_vendors: int = 0, reference="RFI-2027-090"):
    """An RFP in evaluation, every answer scored; returns (rfp, {vendor name: vendor})."""
    rfp = RFPFactory(
        reference=reference,
        title="Customer service outsourcing 2027",
        buyer="Northern Lights Telecom",
        status=Status.EVALUATION,
        deadline=timezone.now() - timedelta(days=10),
    )
    MemberFactory(rfp=rfp, user=procurement, role=MemberRole.PROCUREMENT)
    for evaluator in evaluators:
        MemberFactory(rfp=rfp, user=evaluator, role=MemberRole.EVALUATOR)
    if executive is not None:
        MemberFactory(rfp=rfp, user=executive, role=MemberRole.EXECUTIVE)

    attrition = SectionFactory(rfp=rfp, key="turnover", title="Agent attrition and workforce", weight=30, order=1)
    security = SectionFactory(rfp=rfp, key="security", title="Cybersecurity and data protection", weight=30, order=2)
    oversight = SectionFactory(rfp=rfp, key="oversight", title="Management oversight and quality", weight=20, order=3)
    pricing = SectionFactory(rfp=rfp, key="pricing", title="Pricing", weight=20, order=4, kind=SectionKind.PRICE)
    q_attrition = QuestionFactory(
        section=attrition,
        key="turnover-01",
        type=QuestionType.PERCENTAGE,
        text="What was your annual agent attrition last year?",
        rubric=None,
        auto_rule=ATTRITION_BANDS,
        benchmark=ATTRITION_BENCHMARK,
        order=1,
    )
    q_retention = QuestionFactory(section=attrition, key="turnover-03", text="How do you retain agents?", order=2)
    q_pci = QuestionFactory(
        section=security,
        key="security-04",
        type=QuestionType.YES_NO,
        text="Do you hold a PCI DSS service-provider attestation?",
        choices=[{"label": "Yes", "points": 5}, {"label": "No", "points": 0}],
        rubric=None,
        auto_rule={"kind": "choice_points"},
        knockout={"op": "equals", "value": "Yes"},
        knockout_reason=PCI_REASON,
        order=1,
    )
    q_security = QuestionFactory(section=security, key="security-02", text="Describe your security team.", order=2)
    q_span = QuestionFactory(
        section=oversight,
        key="oversight-01",
        type=QuestionType.NUMBER,
        unit="agents",
        text="How many agents will report to each team leader?",
        rubric=None,
        auto_rule=SPAN_BANDS,
        benchmark=SPAN_BENCHMARK,
        order=1,
    )
    q_quality = QuestionFactory(section=oversight, key="oversight-04", text="Describe your QA programme.", order=2)
    q_price = QuestionFactory(
        section=pricing,
        key="pricing-01",
        type=QuestionType.NUMBER,
        unit="USD",
        text="What is your total yearly price?",
        rubric=None,
        is_price=True,
        scored=False,
        order=1,
    )
    human = [q_retention, q_security, q_quality]

    profiles = dict(PROFILES)
    for index in range(extra_vendors):
        profiles[f"Scale Vendor {index + 1:03d}"] = _filler_profile(index)
    vendors = {}
    submitted = timezone.now() - timedelta(days=12)
    for position, (name, (attr, pci, span, price, marks)) in enumerate(profiles.items()):
        vendor = VendorFactory(name=name, contact_email=f"bids@{position}.example.test")
        vendors[name] = vendor
        InvitationFactory(rfp=rfp, vendor=vendor)
        response = ResponseFactory(
            rfp=rfp,
            vendor=vendor,
            status=ResponseStatus.SUBMITTED,
            submitted_at=submitted + timedelta(minutes=position),
        )
        AnswerFactory(response=response, question=q_attrition, value=float(attr))
        AnswerFactory(response=response, question=q_pci, value=pci)
        AnswerFactory(response=response, question=q_span, value=float(span))
        AnswerFactory(response=response, question=q_price, value=float(price))
        for question, points in zip(human, marks, strict=True):
            answer = AnswerFactory(
                response=response,
                question=question,
                value=f"{name} answers: {question.text}",
                state=AnswerState.ANSWERED,
            )
            for evaluator, given in zip(evaluators, points, strict=False):
                Score.objects.create(
                    answer=answer,
                    evaluator=evaluator,
                    points=given,
                    comment=f"{evaluator.first_name} on {name}",
                    submitted_at=timezone.now(),
                )
            if len(evaluators) > 1 and abs(points[0] - points[1]) >= 2:
                Consensus.objects.create(
                    answer=answer, points=2, reason="Moderated: the evidence supports 2.", set_by=procurement
                )
    return rfp, vendors


@pytest.fixture
def lena(db):
    return UserFactory(username="lena", first_name="Lena", last_name="Berg", role=Role.EVALUATOR)


@pytest.fixture
def evaluated(paula, omar, lena, dana):
    rfp, vendors = build_evaluated_rfp(procurement=paula, evaluators=[omar, lena], executive=dana)
    rfp.vendors_by_name = vendors
    return rfp


def price_of(name: str) -> Decimal:
    return Decimal(PROFILES[name][3])
