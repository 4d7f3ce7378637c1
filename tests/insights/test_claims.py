"""The claims to verify: each bid's figures, certifications and commitments in the sentence they
came in, on a page, in an Excel download and in the executive report's appendix; a price still
sealed stays out."""

import io

import openpyxl
import pytest
from django.urls import reverse

from insights.models import Claim
from insights.services import analyse_rfp
from scoring.models import EvaluationSettings
from tests.scoring.access_cases import prepare_evaluation
from vendors.models import Answer

pytestmark = pytest.mark.django_db

PROMISE = (
    "We hold ISO/IEC 27001 for both sites. Our abandonment rate last year was 3.5% across the account. "
    "We commit to answering 80% of calls within 20 seconds."
)


@pytest.fixture
def claimed(world):
    prepare_evaluation(world)
    question = [q for q in world.sections[0].questions.order_by("order", "id") if not q.auto_rule][0]
    Answer.objects.filter(response=world.responses["vendor"], question=question).update(
        value="=cmd|' /C calc'!A0 " + PROMISE
    )
    analyse_rfp(rfp=world.rfp)
    return world


def test_the_claims_page_shows_each_claim_in_its_sentence(claimed, login):
    world = claimed
    assert Claim.objects.filter(rfp=world.rfp, kind="certification").exists()
    html = login(world.users["executive"]).get(reverse("insights:claims", kwargs={"ref": world.rfp.reference}))
    page = html.content.decode()
    assert "Our abandonment rate last year was 3.5% across the account." in page
    assert "Certification or standard" in page and world.vendors["vendor"].name in page


def test_the_claims_workbook_has_a_row_per_claim_that_never_runs_as_a_formula(claimed, login):
    world = claimed
    response = login(world.users["procurement"]).get(
        reverse("insights:claims_xlsx", kwargs={"ref": world.rfp.reference})
    )
    assert response["Content-Disposition"].endswith('-claims-to-verify.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)]
    assert len(rows) == Claim.objects.filter(rfp=world.rfp).count()
    assert any("3.5%" in (row[4] or "") for row in rows)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_a_sealed_price_is_not_listed_as_a_claim(world, login):
    from tests.factories import QuestionFactory

    world.rfp.two_envelope = True
    world.rfp.save(update_fields=["two_envelope"])
    price = QuestionFactory(section=world.sections[0], key="pricing-01", type="number", is_price=True, scored=False)
    prepare_evaluation(world)
    Answer.objects.filter(question=price).update(value=4_650_000.0)
    analyse_rfp(rfp=world.rfp)
    assert Claim.objects.filter(answer__question=price).exists()
    page = login(world.users["procurement"]).get(reverse("insights:claims", kwargs={"ref": world.rfp.reference}))
    assert "4650000" not in page.content.decode() and "4,650,000" not in page.content.decode()
    EvaluationSettings.objects.update_or_create(
        rfp=world.rfp, defaults={"price_opened": True, "price_opened_for": [r.pk for r in world.responses.values()]}
    )
    page = login(world.users["procurement"]).get(reverse("insights:claims", kwargs={"ref": world.rfp.reference}))
    assert "4650000" in page.content.decode()
