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
    assert "Our abandonment rate last year was <mark>3.5%</mark> across the account." in page
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
    assert any("3.5%" in str(row[4] or "") for row in rows)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    # The claim stands out in bold inside its sentence, as the page marks it.
    rich = openpyxl.load_workbook(io.BytesIO(response.content), rich_text=True).active
    contexts = [row[4].value for row in rich.iter_rows(min_row=5)]
    marked = next(c for c in contexts if "abandonment" in str(c))
    bold = [block.text for block in marked if not isinstance(block, str) and block.font.b]
    assert bold == ["3.5%"] and str(marked) == "Our abandonment rate last year was 3.5% across the account."


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


def _vendor_section(page: str, vendor) -> str:
    """The page's card for one vendor's claims."""
    start = page.index(f'id="claims-{vendor.pk}"')
    return page[start : page.index("</section>", start)]


def test_each_claim_is_marked_in_its_sentence_and_the_vendors_text_stays_text(claimed, login):
    world = claimed
    page = login(world.users["procurement"]).get(reverse("insights:claims", kwargs={"ref": world.rfp.reference}))
    mine = _vendor_section(page.content.decode(), world.vendors["vendor"])
    assert "Our abandonment rate last year was <mark>3.5%</mark> across the account." in mine
    assert "We hold <mark>ISO/IEC 27001</mark> for both sites." in mine
    assert "We commit to answering 80% of calls within <mark>20 seconds</mark>." in mine
    # The vendor's text is escaped around the mark.
    assert "=cmd|&#x27; /C calc&#x27;!A0 We hold" in mine and "=cmd|' /C" not in mine


def test_a_claim_in_a_right_to_left_sentence_is_marked_inside_the_isolated_sentence(world, login):
    from config.text_rules import FSI, PDF, PDI, RLO

    prepare_evaluation(world)
    question = [q for q in world.sections[0].questions.order_by("order", "id") if not q.auto_rule][0]
    arabic = (
        "نحن نلتزم بالرد على 80% من المكالمات خلال 20 ثانية. معدل التخلي كان 3.5% في العام الماضي. "
        "المدير بخبرة 20 عاماً في مراكز الاتصال."
    )
    hebrew = f"שיעור הנטישה היה 4.5% בשנה שעברה {RLO}<b>"
    Answer.objects.filter(response=world.responses["vendor"], question=question).update(value=arabic)
    Answer.objects.filter(response=world.responses["rival"], question=question).update(value=hebrew)
    analyse_rfp(rfp=world.rfp)
    page = login(world.users["procurement"]).get(reverse("insights:claims", kwargs={"ref": world.rfp.reference}))
    html = page.content.decode()
    mine = _vendor_section(html, world.vendors["vendor"])
    # The sentence keeps its own direction (dir="auto" on the cell, the line isolated) and the claim
    # is marked where it stands in it.
    assert f'dir="auto">{FSI}معدل التخلي كان <mark>3.5%</mark> في العام الماضي.{PDI}</td>' in mine
    assert "خلال <mark>20 ثانية</mark>." in mine
    # The tanween stays with its letter, inside the mark.
    assert "بخبرة <mark>20 عاماً</mark> في" in mine
    theirs = _vendor_section(html, world.vendors["rival"])
    # A direction control the vendor left open is closed inside the sentence, after the mark; the
    # vendor's markup stays text.
    assert f"{FSI}שיעור הנטישה היה <mark>4.5%</mark> בשנה שעברה {RLO}&lt;b&gt;{PDF}{PDI}" in theirs


def test_a_typed_percentage_is_shown_with_its_unit_on_the_page_and_in_the_workbook(claimed, login):
    world = claimed
    percentage = world.sections[0].questions.order_by("order", "id").first()
    assert percentage.type == "percentage"
    assert Answer.objects.get(response=world.responses["vendor"], question=percentage).value == 30.0
    client = login(world.users["procurement"])
    page = client.get(reverse("insights:claims", kwargs={"ref": world.rfp.reference})).content.decode()
    mine = _vendor_section(page, world.vendors["vendor"])
    assert '<td lang="en">\u206830%\u2069</td>' in mine  # in the page's direction: no letter to take one from
    workbook = client.get(reverse("insights:claims_xlsx", kwargs={"ref": world.rfp.reference}))
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content)).active
    typed = [row for row in sheet.iter_rows(min_row=5, values_only=True) if row[1] == percentage.key]
    assert typed and {row[4] for row in typed} == {"30%", "50%"}  # Northwind's and Bluepeak's


def test_a_question_with_several_claims_is_shown_once_over_them(claimed, login):
    world = claimed
    question = [q for q in world.sections[0].questions.order_by("order", "id") if not q.auto_rule][0]
    assert Claim.objects.filter(answer__question=question, answer__response=world.responses["vendor"]).count() >= 4
    page = login(world.users["executive"]).get(reverse("insights:claims", kwargs={"ref": world.rfp.reference}))
    mine = _vendor_section(page.content.decode(), world.vendors["vendor"])
    assert mine.count(question.text) == 1 and mine.count(f">{question.key}<") == 1
    # The question heads its group of rows for assistive technology; the columns have their headers.
    group = mine[mine.index(f">{question.key}<") - 200 : mine.index(question.text)]
    assert '<th scope="rowgroup" colspan="2">' in group
    assert '<th scope="col" class="sl-claims-kind">Kind</th><th scope="col">In context</th>' in mine
    assert mine.count("<tbody>") == len({row.question_key for row in _rows(world, "vendor")})


def _rows(world, key):
    from insights.selectors import claims_list
    from vendors.bid_view import results_rule

    [vendor] = claims_list(world.rfp, results_rule(world.rfp), vendor_ids=[world.vendors[key].pk])
    return vendor.rows


def test_the_reports_appendix_marks_each_claim_and_names_each_question_once(claimed):
    from reports.pdf import ReportRenderer

    world = claimed
    html = ReportRenderer(world.rfp).html()
    assert "Appendix: claims to verify" in html
    appendix = html[html.index('id="claims"') :]
    appendix = appendix[: appendix.index("</section>")]
    assert "Our abandonment rate last year was <mark>3.5%</mark> across the account." in appendix
    question = [q for q in world.sections[0].questions.order_by("order", "id") if not q.auto_rule][0]
    northwind = appendix[appendix.index(world.vendors["vendor"].name) :]
    northwind = northwind[: northwind.index("</table>")]
    assert northwind.count(question.text) == 1 and '<th scope="rowgroup" colspan="2">' in northwind
    assert "30%" in northwind
