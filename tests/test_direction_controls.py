"""Invisible direction controls (U+202A-U+202E, U+2066-U+2069) change the order in which text is
drawn: "Coral " + U+202E + "tsoC" reads "Coral Cost". Names and titles refuse them; a vendor's
answers and comments keep them, but every page, the score matrix and the PDF show them isolated,
so that nothing around the vendor's text is reordered."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from config.text_rules import FSI, PDF, PDI, RLO
from reports.excel import ScoreMatrixExporter
from reports.pdf import ReportRenderer
from rfp import services as rfp_services
from rfp.exporters import rfp_document
from rfp.importers import ImportProblems, read_questionnaire_file
from rfp.models import RFP, QuestionType
from tests.factories import AnswerFactory, QuestionFactory, UserFactory
from tests.reports.conftest import build_evaluated_rfp
from tests.reports.pdf_text import pdf_pages
from tests.scoring.access_cases import prepare_evaluation
from tests.vendors.offline_support import answer_cell, comment_cell, exported, save
from tests.vendors.portal_data import pdf
from vendors import offline
from vendors import services as vendor_services
from vendors.models import Answer, Attachment, Vendor

SPOOFED = f"Coral {RLO}tsoC"  # reads "Coral Cost"
ANSWER = f"We pay a bonus to {RLO}Coral tsoC"  # an override the vendor never closed
ISOLATED_ANSWER = f"{FSI}We pay a bonus to {RLO}Coral tsoC{PDF}{PDI}"


def refused_because_of_the_control(message: str) -> bool:
    return "contains an invisible direction control character (U+202E)" in message and message.endswith("Remove it.")


# --- names and titles refuse them ----------------------------------------------------------------


def test_a_vendor_name_that_would_read_coral_cost_is_refused_and_nothing_is_saved(paula):
    with pytest.raises(ValidationError) as refused:
        vendor_services.vendor_create(by=paula, name=SPOOFED)
    assert refused.value.message_dict == {
        "name": [
            "The company name contains an invisible direction control character (U+202E), which could make it "
            "read differently from what was typed. Remove it."
        ]
    }
    assert not Vendor.objects.exists()


def test_the_invite_page_shows_why_the_name_is_refused(world, login, paula):
    reply = login(paula).post(
        reverse("vendors:invite", kwargs={"ref": world.rfp.reference}),
        {"name": SPOOFED, "email": "bids@coral.example.test"},
    )
    assert "The company name contains an invisible direction control character (U+202E)" in reply.content.decode()
    assert not Vendor.objects.filter(name=SPOOFED).exists()


def test_the_admin_refuses_it_too(world, client):
    support = UserFactory(username="support", role=Role.PROCUREMENT, is_staff=True, is_superuser=True)
    client.force_login(support)
    reply = client.post(
        reverse("admin:vendors_vendor_add"),
        {"name": SPOOFED, "slug": "coral", "sites": "[]", "languages": "[]", "certifications": "[]"},
    )
    assert "invisible direction control character (U+202E)" in reply.content.decode()
    assert not Vendor.objects.filter(slug="coral").exists()


def test_a_persons_name_with_a_control_is_refused(world, ana):
    with pytest.raises(ValidationError) as refused:
        vendor_services.colleague_add(
            company=world.vendors["vendor"],
            email="joao@northwind.example.test",
            first_name=SPOOFED,
            last_name="Reis",
            by=ana,
        )
    assert refused_because_of_the_control(refused.value.message_dict["first_name"][0])


def test_an_rfp_title_and_a_section_title_with_a_control_are_refused(draft_rfp, paula):
    with pytest.raises(ValidationError) as refused:
        rfp_services.rfp_update(rfp=draft_rfp, by=paula, title=f"Customer {RLO}ecivres")
    assert refused_because_of_the_control(refused.value.message_dict["title"][0])
    section = draft_rfp.sections.first()
    with pytest.raises(ValidationError) as refused:
        rfp_services.section_save(section=section, by=paula, title=f"Exit {RLO}ytiunitnoc")
    assert refused_because_of_the_control(refused.value.message_dict["title"][0])
    assert RFP.objects.get(pk=draft_rfp.pk).title == "Customer service outsourcing 2027"


def test_an_attachment_name_that_hides_its_real_type_is_refused(world, ana):
    question = QuestionFactory(section=world.sections[0], type=QuestionType.FILE, rubric=None)
    disguised = f"report{RLO}xcod.pdf"  # shows as "reportfdp.docx"
    with pytest.raises(ValidationError) as refused:
        vendor_services.attachment_add(
            response=world.responses["vendor"], question=question, upload=pdf(disguised), by=ana
        )
    assert refused.value.messages[0].startswith("The file name contains an invisible direction control")
    assert not Attachment.objects.exists()


def test_an_imported_questionnaire_with_a_control_in_a_section_title_is_refused(draft_rfp):
    document = rfp_document(draft_rfp)
    document["sections"][1]["title"] = f"Pricing {RLO}gnikaeP"
    with pytest.raises(ImportProblems) as refused:
        read_questionnaire_file("questionnaire.json", json.dumps(document).encode())
    [problem] = refused.value.problems
    assert problem.startswith("Section 2 (Pricing")
    assert "The section title contains an invisible direction control character (U+202E)" in problem


def test_the_builder_refuses_a_control_in_a_question_text(draft_rfp, paula):
    question = draft_rfp.sections.first().questions.first()
    with pytest.raises(ValidationError) as refused:
        rfp_services.question_save(question=question, by=paula, text=f"Do you {RLO}ton need a VMO?")
    assert refused_because_of_the_control(refused.value.message_dict["text"][0])


# --- answers keep them, isolated wherever they are shown -----------------------------------------


@pytest.fixture
def spoofing_answer(world):
    """The vendor's submitted answer to a long-text question, with an override it never closed."""
    prepare_evaluation(world)
    answer = world.extra["answer"]
    answer.value, answer.comment = ANSWER, f"See {RLO}exenna"
    answer.save(update_fields=["value", "comment"])
    return answer


def test_the_buyers_bid_page_shows_the_answer_and_comment_isolated(world, login, paula, spoofing_answer):
    page = (
        login(paula)
        .get(
            reverse(
                "vendors:buyer_response",
                kwargs={"ref": world.rfp.reference, "response_id": world.responses["vendor"].pk},
            )
        )
        .content.decode()
    )
    assert ISOLATED_ANSWER in page
    assert f"{FSI}See {RLO}exenna{PDF}{PDI}" in page
    assert ANSWER + "<" not in page, "the override never reaches the markup after it unclosed"


def test_the_vendors_own_read_only_page_shows_it_isolated(world, login, ana, spoofing_answer):
    section = spoofing_answer.question.section
    page = (
        login(ana)
        .get(reverse("vendors:section", kwargs={"ref": world.rfp.reference, "section_id": section.pk}))
        .content.decode()
    )
    assert ISOLATED_ANSWER in page


def test_the_answer_box_still_holds_exactly_what_the_vendor_typed(world, login, ana):
    question = world.questions[1]
    AnswerFactory(response=world.responses["vendor"], question=question, value=ANSWER, comment=SPOOFED, version=1)
    page = (
        login(ana)
        .get(reverse("vendors:section", kwargs={"ref": world.rfp.reference, "section_id": question.section_id}))
        .content.decode()
    )
    assert f">{ANSWER}</textarea>" in page and f">{SPOOFED}</textarea>" in page
    assert ISOLATED_ANSWER not in page


def test_the_offline_workbook_cell_is_the_vendors_own_text_and_comes_back_unchanged(world):
    question = world.questions[1]
    response = world.responses["vendor"]
    AnswerFactory(response=response, question=question, value=ANSWER, comment=SPOOFED, version=1)
    workbook = exported(response)
    assert answer_cell(workbook, question.key).value == ANSWER
    assert comment_cell(workbook, question.key).value == SPOOFED
    check = offline.check_workbook(response=response, content=save(workbook))
    assert check.ok and check.changes == []


@pytest.fixture
def evaluated_with_spoofing(paula, omar, dana):
    rfp, _vendors = build_evaluated_rfp(procurement=paula, evaluators=[omar], executive=dana)
    answer = Answer.objects.get(question__key="turnover-03", response__vendor__name="Coral Coast Outsourcing")
    answer.value = ANSWER
    answer.save(update_fields=["value"])
    return rfp


def test_the_score_matrix_cell_holds_the_answer_isolated(evaluated_with_spoofing):
    _name, _type, content = ScoreMatrixExporter(evaluated_with_spoofing).generate()
    workbook = load_workbook(io.BytesIO(content))
    # Sheets are named by section code; row 1 holds the full section title.
    [sheet] = [ws for ws in workbook.worksheets if "Agent attrition and workforce" in str(ws["A1"].value)]
    [cell] = [c for row in sheet.iter_rows(min_row=5) for c in row if "bonus" in str(c.value)]
    assert cell.value == ISOLATED_ANSWER
    assert cell.data_type == "s"


def test_the_report_isolates_the_answer_and_the_words_around_it_keep_their_order(evaluated_with_spoofing):
    renderer = ReportRenderer(evaluated_with_spoofing, appendix=True)
    assert ISOLATED_ANSWER in renderer.html()
    lines = [line.strip() for page in pdf_pages(renderer.generate()[2]) for line in page.splitlines()]
    at = lines.index("We pay a bonus to Cost laroC")  # the vendor's own override, kept for its own words
    assert lines[at - 1] == "Coral Coast Outsourcing · 2 (panel)"
    assert lines[at + 1] == "Omar Haddad: 2 — Omar on Coral Coast Outsourcing"
