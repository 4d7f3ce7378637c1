"""An RFP has a language, chosen when it is created: questions taken from the bank come in it, and
the vendor reads the questionnaire and the offline workbook in it, whatever language the vendor's
menus are in."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from rfp.bank import i18n
from rfp.models import RFP, Status
from tests.factories import InvitationFactory, ResponseFactory
from tests.rfp.test_builder_pages import create_data
from vendors import offline

PERSIAN = i18n.load("fa")


@pytest.fixture
def persian_rfp(login, paula, northwind):
    """Paula, whose menus are in English, creates an RFP in Persian from two bank sections."""
    login(paula).post(reverse("rfp:create"), create_data(language="fa", bank_sections=["sla", "security"]))
    rfp = RFP.objects.get(title="Contact-center partner 2028")
    rfp.status = Status.OPEN
    rfp.save()
    InvitationFactory(rfp=rfp, vendor=northwind)
    ResponseFactory(rfp=rfp, vendor=northwind)
    return rfp


def persian_text(question) -> str:
    return PERSIAN["questions"][question.key]["text"]


def test_questions_from_the_bank_come_in_the_rfps_language(persian_rfp):
    assert persian_rfp.language == "fa"
    sections = list(persian_rfp.sections.order_by("order"))
    assert [s.title for s in sections] == [PERSIAN["sections"][s.key]["title"] for s in sections]
    for question in persian_rfp.sections.get(key="security").questions.all():
        assert question.text == persian_text(question)
        assert question.guidance == (PERSIAN["questions"][question.key]["guidance"] or question.guidance)
        labels = [choice["label"] for choice in question.choices or []]
        assert labels == PERSIAN["questions"][question.key]["choices"]


def test_a_bank_knockout_that_names_a_choice_names_it_in_the_rfps_language(persian_rfp):
    knockouts = [q for q in persian_rfp.sections.get(key="security").questions.all() if q.knockout]
    assert knockouts
    for question in knockouts:
        if question.knockout.get("op") in ("equals", "includes"):
            assert question.knockout["value"] in [choice["label"] for choice in question.choices]


def test_the_language_cannot_change_once_the_questions_are_written(login, paula, persian_rfp):
    data = create_data(language="en", deadline="2031-03-01T17:00")
    login(paula).post(reverse("rfp:edit", kwargs={"ref": persian_rfp.reference}), data)
    persian_rfp.refresh_from_db()
    assert persian_rfp.language == "fa"


def test_the_vendor_reads_persian_questions_under_english_menus(login, ana, persian_rfp):
    section = persian_rfp.sections.get(key="security")
    page = login(ana).get(reverse("vendors:section", kwargs={"ref": persian_rfp.reference, "section_id": section.pk}))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'lang="en"' in html  # the vendor's menus
    for question in section.questions.all():
        assert persian_text(question) in html
    assert 'lang="fa"' in html  # the questionnaire is marked as Persian for screen readers and fonts


def test_the_offline_workbook_is_persian_and_right_to_left(login, ana, persian_rfp):
    response = persian_rfp.responses.get()
    workbook = openpyxl.load_workbook(io.BytesIO(offline.build_workbook(response)))
    assert workbook.sheetnames[:2] == ["راهنما", "پاسخ‌ها"]
    for name in workbook.sheetnames[:2]:
        assert workbook[name].sheet_view.rightToLeft
    answers = workbook["پاسخ‌ها"]
    texts = {cell.value for row in answers.iter_rows() for cell in row if isinstance(cell.value, str)}
    for question in persian_rfp.sections.get(key="security").questions.all():
        assert persian_text(question) in texts
    assert "Question" not in {cell.value for cell in answers[1]}  # the header row is Persian too


def upload_filled(client, rfp, answers: dict) -> str:
    """The vendor fills the Persian workbook as Excel would save it and uploads it."""
    workbook = openpyxl.load_workbook(io.BytesIO(offline.build_workbook(rfp.responses.get())))
    sheet = workbook["پاسخ‌ها"]
    for row in range(2, sheet.max_row + 1):
        key = sheet.cell(row=row, column=offline.KEY_COL).value
        if key in answers:
            sheet.cell(row=row, column=offline.ANSWER_COL).value = answers[key]
    content = io.BytesIO()
    workbook.save(content)
    url = reverse("vendors:offline_upload", kwargs={"ref": rfp.reference})
    page = client.post(url, {"workbook": SimpleUploadedFile("answers.xlsx", content.getvalue())})
    assert page.status_code == 200
    return page.content.decode()


def test_a_persian_workbook_comes_back_in(login, ana, persian_rfp):
    question = persian_rfp.sections.get(key="sla").questions.filter(type="long_text").first()
    page = upload_filled(login(ana), persian_rfp, {question.key: "پاسخ ما: گزارش ماهانه با شاخص‌های SLA."})
    assert "Save 1 answer" in page


def test_persian_separators_and_not_applicable_are_understood(login, ana, persian_rfp):
    """Two choices separated by the Arabic semicolon, and N/A as the Persian workbook offers it."""
    multi = persian_rfp.sections.get(key="security").questions.get(key="security-06")
    optional = next(q for s in persian_rfp.sections.all() for q in s.questions.all() if not q.required)
    optional.type = "short_text"
    optional.save()
    first, second = multi.choice_labels[:2]
    with translation.override("fa"):
        not_applicable = translation.gettext("N/A")
    page = upload_filled(login(ana), persian_rfp, {multi.key: f"{first}؛ {second}", optional.key: not_applicable})
    assert "Save 2 answers" in page, page[page.find("problem") - 200 : page.find("problem") + 400]
