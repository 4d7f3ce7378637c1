"""Every kind of bad upload gets its own clear message and changes nothing."""

import io
import struct
import zipfile

import openpyxl
import pytest
from defusedxml import EntitiesForbidden

from config import xlsx_safety
from rfp.models import AuditEntry, Status
from tests.factories import AnswerFactory, InvitationFactory, ResponseFactory, RFPFactory, make_questionnaire
from tests.vendors.offline_support import (
    add_every_question_type,
    answer_cell,
    answers_state,
    comment_cell,
    exported,
    fill,
    row_of,
    save,
)
from vendors import offline
from vendors.models import Answer

ANSWERS_PART = "xl/worksheets/sheet2.xml"


@pytest.fixture
def questions(world):
    return add_every_question_type(world.rfp)


@pytest.fixture
def response(world, questions):
    response = world.responses["vendor"]
    AnswerFactory(response=response, question=questions["ops-seats"], value=400, version=1)
    return response


@pytest.fixture
def workbook(response):
    return exported(response)


def refused(response, content: bytes) -> list[str]:
    """The problems of a refused upload, after proving that nothing was saved."""
    before = answers_state(response)
    audit_entries = AuditEntry.objects.count()
    with pytest.raises(offline.WorkbookRefused) as refusal:
        offline.apply_workbook(response=response, content=content, by=None)
    assert answers_state(response) == before
    assert AuditEntry.objects.count() == audit_entries
    assert refusal.value.check.changes == [] or refusal.value.check.problems
    return refusal.value.check.problems


def only_problem(response, content: bytes) -> str:
    problems = refused(response, content)
    assert len(problems) == 1, problems
    return problems[0]


def rezip(content: bytes, replace: dict[str, bytes]) -> bytes:
    """The same archive with some parts replaced or added, as a tool that edits the XML would write it."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry.filename, replace.get(entry.filename, source.read(entry.filename)))
        for name in replace.keys() - set(source.namelist()):
            target.writestr(name, replace[name])
    return output.getvalue()


def patch_central_directory(content: bytes, name: str, offset: int, fmt: str, value: int) -> bytes:
    """Rewrite one field of an entry's central-directory record (sizes, flags), leaving its data alone."""
    data = bytearray(content)
    position = data.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length].decode() == name:
            struct.pack_into(fmt, data, position + offset, value)
            return bytes(data)
        position = data.find(b"PK\x01\x02", position + 4)
    raise AssertionError(f"{name} not in the archive")


# --- not a workbook at all ------------------------------------------------------------------------


def test_an_empty_file_is_refused(response):
    assert only_problem(response, b"") == "The file is empty."


def test_a_csv_file_is_not_an_xlsx(response):
    assert only_problem(response, b"Key,Answer\nops-seats,450\n") == "This is not an Excel workbook (.xlsx)."


def test_an_old_xls_file_is_refused_with_advice(response):
    problem = only_problem(response, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "save it as an Excel Workbook (.xlsx)" in problem


def test_a_zip_that_is_not_a_workbook_is_refused(response):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert only_problem(response, output.getvalue()) == "This is not an Excel workbook (.xlsx)."


def test_a_corrupt_zip_is_refused(response):
    assert "damaged or incomplete" in only_problem(response, b"PK\x03\x04" + bytes(range(256)) * 8)


def test_a_workbook_with_damaged_compressed_data_is_refused(response, workbook):
    content = bytearray(save(workbook))
    start = content.find(ANSWERS_PART.encode()) + len(ANSWERS_PART) + 40
    content[start : start + 200] = bytes(200)
    problem = only_problem(response, bytes(content))
    assert "damaged" in problem


def test_a_truncated_upload_is_refused(response, workbook):
    content = save(workbook)
    assert "damaged or incomplete" in only_problem(response, content[: len(content) // 2])


def test_an_oversized_file_is_refused_before_it_is_opened(response, workbook, settings):
    settings.MAX_UPLOAD_BYTES = 4096
    problem = only_problem(response, save(workbook))
    assert problem.startswith("The file is ") and "the limit is" in problem


# --- zip bombs and XML tricks ---------------------------------------------------------------------


def test_a_zip_bomb_with_a_highly_compressed_entry_is_refused(response, workbook):
    bomb = b"<x>" + b"0" * (40 * 1024 * 1024) + b"</x>"
    content = rezip(save(workbook), {"xl/worksheets/sheet9.xml": bomb})
    assert len(content) < 1024 * 1024
    assert "damaged or is not a real Excel file" in only_problem(response, content)


def test_a_zip_that_declares_a_huge_uncompressed_size_is_refused(response, workbook):
    # Offset 24 of a central-directory record is the entry's uncompressed size.
    content = patch_central_directory(save(workbook), ANSWERS_PART, 24, "<I", 0xFFFFFFF0)
    assert "would unpack to" in only_problem(response, content)


def test_a_zip_with_thousands_of_entries_is_refused(response, workbook):
    content = rezip(save(workbook), {f"xl/media/pad{n}.bin": b"x" for n in range(xlsx_safety.MAX_PARTS)})
    assert "parts; a real workbook needs far fewer" in only_problem(response, content)


def test_an_encrypted_entry_is_refused(response, workbook):
    content = patch_central_directory(save(workbook), ANSWERS_PART, 8, "<H", 0x1)
    assert "encrypted" in only_problem(response, content)


BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE worksheet [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="2"><c r="H2" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""


def test_a_billion_laughs_entity_bomb_in_the_sheet_xml_is_refused(response, workbook):
    content = rezip(save(workbook), {ANSWERS_PART: BILLION_LAUGHS})
    assert "DOCTYPE or ENTITY" in only_problem(response, content)


def test_openpyxl_itself_parses_through_defusedxml_and_refuses_entities(response, workbook):
    # Our own DOCTYPE check comes first; this proves the second line of defence is there too.
    assert openpyxl.DEFUSEDXML is True
    content = rezip(save(workbook), {ANSWERS_PART: BILLION_LAUGHS})
    with pytest.raises(ValueError) as failure:
        openpyxl.load_workbook(io.BytesIO(content))
    assert isinstance(failure.value.__context__, EntitiesForbidden)


def test_an_external_entity_in_shared_strings_is_refused(response, workbook):
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>'
    )
    content = rezip(save(workbook), {"xl/sharedStrings.xml": xxe})
    assert "DOCTYPE or ENTITY" in only_problem(response, content)


# --- someone else's workbook ----------------------------------------------------------------------


def test_a_workbook_of_another_rfp_is_refused(response, world, northwind):
    other = RFPFactory(reference="RFP-2027-900", status=Status.OPEN)
    make_questionnaire(other)
    InvitationFactory(rfp=other, vendor=northwind)
    other_response = ResponseFactory(rfp=other, vendor=northwind)
    problem = only_problem(response, save(exported(other_response)))
    assert problem == f"This workbook is for RFP-2027-900, not for {world.rfp.reference}. Upload it on that RFP's page."


def test_a_workbook_of_another_vendor_is_refused(response, world):
    rival_workbook = exported(world.responses["rival"])
    assert "made for another vendor company" in only_problem(response, fill(rival_workbook, {"ops-seats": 1}))


def test_a_workbook_of_an_older_questionnaire_version_is_refused(response, workbook, world):
    content = fill(workbook, {"ops-seats": 500})
    world.rfp.questionnaire_version = 2
    world.rfp.save()
    problem = only_problem(response, content)
    assert "version 1 of the questionnaire, which is now at version 2" in problem


def test_a_tampered_key_is_refused(response, workbook):
    workbook["_key"]["B4"] = "bluepeak-bpo"
    assert "hidden key has been changed" in only_problem(response, save(workbook))


def test_a_tampered_question_list_in_the_key_is_refused(response, workbook):
    workbook["_key"].cell(row=offline.KEY_QUESTIONS_ROW, column=3).value = 99  # a forged answer version
    assert "hidden key has been changed" in only_problem(response, save(workbook))


def test_a_workbook_without_its_key_sheet_is_refused(response, workbook):
    del workbook["_key"]
    assert "hidden key sheet is missing" in only_problem(response, save(workbook))


def test_a_home_made_workbook_is_refused(response):
    home_made = openpyxl.Workbook()
    home_made.active.title = "Answers"
    home_made.active.append(["Key", "Answer"])
    home_made.active.append(["ops-seats", 450])
    assert "hidden key sheet is missing" in only_problem(response, save(home_made))


def test_a_renamed_answers_sheet_is_refused(response, workbook):
    workbook["Answers"].title = "Antworten"
    problem = only_problem(response, save(workbook))
    assert "The sheet 'Answers' is missing" in problem
    assert "Antworten" in problem


# --- bad rows ---------------------------------------------------------------------------------------


def test_a_tampered_question_key_is_refused(response, workbook):
    row = row_of(workbook, "ops-seats")
    workbook["Answers"].cell(row=row, column=offline.KEY_COL).value = "ops-seats-2"
    problems = refused(response, save(workbook))
    assert f"Answers, row {row}: 'ops-seats-2' is not a question of this questionnaire." in problems[0]
    assert "the row of question ops-seats is missing" in problems[1]


def test_a_deleted_row_is_refused(response, workbook):
    workbook["Answers"].delete_rows(row_of(workbook, "ops-name"))
    assert "the row of question ops-name is missing. Do not delete rows." in only_problem(response, save(workbook))


def test_a_formula_in_an_answer_cell_is_refused(response, workbook):
    row = row_of(workbook, "ops-seats")
    problem = only_problem(response, fill(workbook, {"ops-seats": "=SUM(400,100)"}))
    assert problem.startswith(f"Answers, row {row} (ops-seats): the answer is a formula")


def test_a_formula_in_a_comment_cell_is_refused(response, workbook):
    comment_cell(workbook, "ops-name").value = '=HYPERLINK("http://evil.example","click")'
    assert "(ops-name): the comment is a formula" in only_problem(response, save(workbook))


def test_text_in_a_number_cell_is_refused(response, workbook):
    row = row_of(workbook, "ops-seats")
    assert only_problem(response, fill(workbook, {"ops-seats": "abc"})) == (
        f"Answers, row {row} (ops-seats): 'abc' is not a number."
    )


def test_a_choice_not_in_the_list_is_refused(response, workbook):
    problem = only_problem(response, fill(workbook, {"ops-channel": "Carrier pigeon"}))
    assert "(ops-channel): 'Carrier pigeon' is not one of the choices (Voice, Email, Chat, web, Social)." in problem


def test_a_date_that_is_not_a_date_is_refused(response, workbook):
    assert "(ops-start): Enter the date as YYYY-MM-DD." in only_problem(response, fill(workbook, {"ops-start": "soon"}))


def test_a_percentage_above_100_is_refused(response, workbook):
    assert "(ops-fcr): A percentage is between 0 and 100." in only_problem(response, fill(workbook, {"ops-fcr": 140}))


def test_every_bad_row_is_reported_at_once_and_good_rows_are_not_saved_either(response, workbook):
    content = fill(workbook, {"ops-seats": "many", "ops-channel": "Fax", "ops-name": "Northwind"})
    problems = refused(response, content)
    assert [problem.split(": ", 1)[0].rsplit(" ", 1)[-1] for problem in problems] == ["(ops-channel)", "(ops-seats)"]
    assert not Answer.objects.filter(response=response, question__key="ops-name").exists()


def test_an_excel_error_value_is_refused(response, workbook):
    cell = answer_cell(workbook, "ops-seats")
    cell.value = "#DIV/0!"
    cell.data_type = "e"
    assert "(ops-seats): the answer shows the Excel error #DIV/0!" in only_problem(response, save(workbook))
