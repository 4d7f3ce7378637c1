"""The assessment pages as the buyer team sees them, and what the executive report receives."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rfp.models import MemberRole
from scoring.models import EvaluationSettings
from sourcing.demo import seed_demo_assessment
from sourcing.selectors import report_data
from tests.factories import MemberFactory, RFPFactory
from tests.sourcing.factories import AssessmentFactory
from tests.sourcing.support import open_prices, price_question, submit_prices


@pytest.fixture
def priced_rfp(paula, omar, dana):
    rfp = RFPFactory(reference="RFI-2027-001", title="Customer service outsourcing 2027")
    MemberFactory(rfp=rfp, user=paula, role=MemberRole.PROCUREMENT)
    MemberFactory(rfp=rfp, user=omar, role=MemberRole.EVALUATOR)
    MemberFactory(rfp=rfp, user=dana, role=MemberRole.EXECUTIVE)
    price_question(rfp)
    open_prices(rfp)
    return rfp


def test_the_detail_page_shows_the_recommendation_the_costs_and_the_chart(login, paula, priced_rfp):
    submit_prices(priced_rfp, {"Northwind Contact": 2_400_000, "Bluepeak BPO": 2_100_000})
    assessment = AssessmentFactory(rfp=priced_rfp, owner=paula)
    page = login(paula).get(reverse("sourcing:detail", args=[assessment.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "R-PERMANENT" in html and "Outsourcing practice" in html
    assert "<svg" in html and "Cumulative cost per option" in html
    assert "Northwind Contact" in html and "Bluepeak BPO" in html
    assert "Financial" in html and "Managerial" in html
    assert "Agent wages and benefits" in html  # the traces


def test_the_executive_reads_the_assessment_but_cannot_edit_it(login, dana, paula, priced_rfp):
    assessment = AssessmentFactory(rfp=priced_rfp, owner=paula)
    page = login(dana).get(reverse("sourcing:detail", args=[assessment.pk]))
    assert page.status_code == 200
    assert reverse("sourcing:edit", args=[assessment.pk]) not in page.content.decode()


def _detail_queries(client, assessment) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("sourcing:detail", args=[assessment.pk])).status_code == 200
    return len(queries)


def test_the_detail_page_runs_as_many_queries_for_twenty_vendors_as_for_two(login, paula, priced_rfp):
    client = login(paula)
    assessment = AssessmentFactory(rfp=priced_rfp, owner=paula)
    submit_prices(priced_rfp, {f"Vendor {n:02d}": 2_000_000 + n * 50_000 for n in range(2)})
    with_two = _detail_queries(client, assessment)
    submit_prices(priced_rfp, {f"Vendor {n:02d}": 2_000_000 + n * 50_000 for n in range(2, 20)})
    with_twenty = _detail_queries(client, assessment)
    assert with_two == with_twenty
    # Six for the page, three for the bid rule (membership, envelope, price sections), one audit entry,
    # two for the session when its idle expiry moves on (at most once a minute).
    assert with_twenty <= 12


def test_the_list_shows_own_standalone_and_team_assessments_only(login, paula, piotr, priced_rfp):
    AssessmentFactory(rfp=priced_rfp, owner=paula, title="Attached to the RFI")
    AssessmentFactory(owner=paula, title="Paula's own sketch")
    AssessmentFactory(owner=piotr, title="Piotr's private sketch")
    html = login(paula).get(reverse("sourcing:list")).content.decode()
    assert "Attached to the RFI" in html and "Paula&#x27;s own sketch" in html
    assert "Piotr" not in html


def test_the_demo_rfi_carries_a_completed_hybrid_assessment_with_a_break_even(paula, priced_rfp):
    submit_prices(
        priced_rfp,
        {
            "Harbor Premium Contact": 4_650_000,
            "Vistula Nearshore CX": 3_420_000,
            "Coral Coast Outsourcing": 1_590_000,
            "Atlas": 3_050_000,
            "Meridian": 2_980_000,
        },
    )
    assessment = seed_demo_assessment(priced_rfp, paula)
    assert seed_demo_assessment(priced_rfp, paula) == assessment  # running the seed twice changes nothing
    data = report_data(assessment)
    assert data["recommendation"]["option"] == "hybrid"
    assert data["rfp"] == "RFI-2027-001"
    labels = [o["label"] for o in data["options"]]
    assert labels[:3] == ["In-house", "Hosted (CCaaS)", "Hybrid"]
    assert "Coral Coast Outsourcing" in labels
    assert any(o["break_even_year"] for o in data["options"][1:])
    assert "break" in data["break_even"].lower()
    assert data["chart_svg"].startswith("<svg")
    assert all(r["source"].startswith("Outsourcing practice") for r in data["reasons"])


def test_the_list_runs_as_many_queries_for_many_assessments_as_for_one(login, paula):
    client = login(paula)
    AssessmentFactory(owner=paula)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("sourcing:list"))
    AssessmentFactory.create_batch(15, owner=paula)
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("sourcing:list")).content.decode()
    assert len(one) == len(many)
    assert html.count("sl-mob-pill ") == 16  # each row shows its recommendation


def test_sealed_prices_stay_sealed_until_the_deadline(login, paula, world):
    price_question(world.rfp)
    submit_prices(world.rfp, {"Contoso Care": 2_400_000})
    assessment = AssessmentFactory(rfp=world.rfp, owner=paula)
    html = login(paula).get(reverse("sourcing:detail", args=[assessment.pk])).content.decode()
    assert "stay sealed until the deadline" in html
    assert "2,400,000" not in html
    assert "Outsourced (benchmark price)" in html


def test_two_envelopes_keep_prices_from_everyone_until_the_envelope_opens(login, paula, omar, dana, priced_rfp):
    priced_rfp.two_envelope = True
    priced_rfp.save(update_fields=["two_envelope"])
    submit_prices(priced_rfp, {"Northwind Contact": 2_400_000})
    assessment = AssessmentFactory(rfp=priced_rfp, owner=paula)
    url = reverse("sourcing:detail", args=[assessment.pk])
    for buyer in (paula, omar, dana):
        assert "Northwind Contact" not in login(buyer).get(url).content.decode()
    bids = list(priced_rfp.responses.values_list("pk", flat=True))
    EvaluationSettings.objects.create(rfp=priced_rfp, price_opened=True, price_opened_for=bids)
    assert "Northwind Contact" in login(paula).get(url).content.decode()
    assert "Northwind Contact" in login(dana).get(url).content.decode()  # results, as in the report
    # Omar has not declared whether he has a conflict with Northwind: he reads nothing of its bid.
    assert "Northwind Contact" not in login(omar).get(url).content.decode()


def test_answers_still_in_progress_are_not_prices(paula, priced_rfp):
    from vendors.models import Response, ResponseStatus

    submit_prices(priced_rfp, {"Northwind Contact": 2_400_000, "Bluepeak BPO": 2_100_000})
    Response.objects.filter(vendor__name="Bluepeak BPO").update(status=ResponseStatus.IN_PROGRESS)
    labels = [o["label"] for o in report_data(AssessmentFactory(rfp=priced_rfp, owner=paula))["options"]]
    assert "Northwind Contact" in labels and "Bluepeak BPO" not in labels


def test_the_report_section_speaks_of_in_house_hybrid_break_even_and_the_recommendation(paula, priced_rfp):
    submit_prices(priced_rfp, {"Harbor Premium Contact": 4_650_000, "Meridian CX": 2_980_000})
    data = report_data(seed_demo_assessment(priced_rfp, paula))
    words = " ".join(
        [
            data["recommendation"]["label"],
            data["break_even"],
            data["decisive"]["text"],
            *(o["label"] for o in data["options"]),
        ]
    ).lower()
    assert all(word in words for word in ("in-house", "hybrid", "break"))
    assert data["decisive"]["rule_id"] == "R-PERMANENT-PLUS-SEASONAL"
    assert all(
        set(y) == {"year", "financial", "managerial", "total", "cumulative"}
        for o in data["options"]
        for y in o["years"]
    )
    assert all(o["traces"] for o in data["options"])
