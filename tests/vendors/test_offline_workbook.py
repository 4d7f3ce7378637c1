"""The offline workbook: what the vendor downloads, and the round trip back into the answers."""

import datetime

import pytest
import time_machine

from rfp.models import AuditEntry, QuestionType
from tests.factories import AnswerFactory, QuestionFactory
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
from vendors.models import Answer, AnswerState, ResponseStatus


@pytest.fixture
def questions(world):
    return add_every_question_type(world.rfp)


@pytest.fixture
def response(world, questions):
    return world.responses["vendor"]


def saved(response, key):
    return Answer.objects.get(response=response, question__key=key)


# --- what the vendor downloads ------------------------------------------------------------------


def test_the_workbook_has_instructions_answers_and_a_very_hidden_key(response):
    workbook = exported(response)
    assert workbook.sheetnames == ["Instructions", "Answers", "_lists", "_key"]
    assert workbook["_key"].sheet_state == "veryHidden"
    assert workbook["_lists"].sheet_state == "hidden"
    assert workbook["Instructions"].sheet_state == "visible"
    assert workbook.security.lockStructure  # Excel will not let the vendor rename or delete sheets


def test_the_instructions_give_the_deadline_in_utc_and_in_the_vendors_zone(response, world):
    workbook = exported(response, tz_name="Asia/Manila")
    text = "\n".join(
        str(cell.value) for row in workbook["Instructions"].iter_rows() for cell in row if cell.value is not None
    )
    utc = world.rfp.deadline.astimezone(datetime.UTC)
    manila = world.rfp.deadline.astimezone(datetime.timezone(datetime.timedelta(hours=8)))
    assert f"{utc:%Y-%m-%d %H:%M}" in text
    assert "Deadline (Asia/Manila)" in text
    assert f"{manila:%Y-%m-%d %H:%M}" in text
    assert "N/A" in text
    assert "do not change the Key column" in text
    assert "Only the Answer and Comment columns are read" in text


def test_the_answers_sheet_has_the_agreed_columns_and_one_row_per_question(response, world):
    sheet = exported(response)["Answers"]
    header = [cell.value for cell in sheet[1]]
    assert header == ["Key", "Section", "Question", "Type", "Required", "Guidance", "Unit", "Answer", "Comment"]
    keys = [sheet.cell(row=row, column=1).value for row in range(2, sheet.max_row + 1)]
    question_keys = [q.key for q in world.questions]
    assert [key for key in keys if key] == question_keys
    assert sheet.freeze_panes == "A2"
    assert sheet.page_setup.orientation == "landscape"


def test_sections_get_a_styled_header_row_before_their_questions(response, world):
    sheet = exported(response)["Answers"]
    first_section = world.sections[0]
    assert sheet.cell(row=2, column=1).value is None
    assert sheet.cell(row=2, column=2).value == first_section.title
    assert sheet.cell(row=2, column=2).font.bold
    assert sheet.cell(row=3, column=1).value == world.questions[0].key


def test_questions_are_locked_and_only_answer_and_comment_cells_are_open(response):
    workbook = exported(response)
    sheet = workbook["Answers"]
    row = row_of(workbook, "ops-seats")
    assert sheet.protection.sheet
    assert sheet.cell(row=row, column=3).protection.locked
    assert not answer_cell(workbook, "ops-seats").protection.locked
    assert not comment_cell(workbook, "ops-seats").protection.locked
    assert answer_cell(workbook, "ops-cert").protection.locked  # files go through the portal


def _validation_for(workbook, key):
    sheet = workbook["Answers"]
    coordinate = answer_cell(workbook, key).coordinate
    found = [dv for dv in sheet.data_validations.dataValidation if coordinate in dv.sqref]
    assert len(found) == 1, f"{key} should have exactly one validation"
    return found[0]


def test_answer_cells_carry_drop_downs_and_number_percentage_and_date_checks(response):
    workbook = exported(response)
    choice = _validation_for(workbook, "ops-channel")
    assert choice.type == "list"
    sheet_name, cells = choice.formula1.split("!")
    lists = workbook["_lists"]
    labels = [cell.value for row in lists[cells.replace("$", "")] for cell in row]
    assert labels == ["Voice", "Email", "Chat, web", "Social"]
    assert _validation_for(workbook, "ops-iso").type == "list"
    number = _validation_for(workbook, "ops-seats")
    assert (number.type, number.operator, number.formula1) == ("decimal", "greaterThanOrEqual", "0")
    percentage = _validation_for(workbook, "ops-fcr")
    assert (percentage.type, percentage.formula1, percentage.formula2) == ("decimal", "0", "100")
    assert _validation_for(workbook, "ops-start").type == "date"


def test_required_answers_still_blank_are_highlighted(response):
    workbook = exported(response)
    sheet = workbook["Answers"]
    [(cells, rules)] = [(str(cf.sqref), cf.rules) for cf in sheet.conditional_formatting]
    assert cells == f"H2:H{sheet.max_row}"
    assert rules[0].formula == ['AND($E2="Yes",LEN(TRIM($H2))=0)']


def test_multiple_choice_questions_list_their_choices_in_the_guidance(response):
    workbook = exported(response)
    guidance = workbook["Answers"].cell(row=row_of(workbook, "ops-channels"), column=6).value
    assert "Voice; Email; Chat, web; Social" in guidance
    assert "semicolon" in guidance


def test_optional_questions_offer_n_a_in_their_drop_down(world, response):
    question = QuestionFactory(
        section=world.sections[0],
        key="opt-choice",
        type=QuestionType.SINGLE_CHOICE,
        required=False,
        rubric=None,
        choices=[{"label": "A"}, {"label": "B"}],
    )
    workbook = exported(response)
    validation = _validation_for(workbook, question.key)
    cells = validation.formula1.split("!")[1].replace("$", "")
    labels = [cell.value for row in workbook["_lists"][cells] for cell in row]
    assert labels == ["A", "B", "N/A"]


def test_saved_answers_are_pre_filled_with_their_types(response, questions):
    AnswerFactory(response=response, question=questions["ops-seats"], value=450, comment="across 3 sites")
    AnswerFactory(response=response, question=questions["ops-start"], value="2027-03-01")
    AnswerFactory(response=response, question=questions["ops-channels"], value=["Voice", "Social"])
    AnswerFactory(response=response, question=questions["ops-notes"], state=AnswerState.NOT_APPLICABLE, value=None)
    workbook = exported(response)
    assert answer_cell(workbook, "ops-seats").value == 450
    assert comment_cell(workbook, "ops-seats").value == "across 3 sites"
    assert answer_cell(workbook, "ops-start").value == datetime.datetime(2027, 3, 1)
    assert answer_cell(workbook, "ops-channels").value == "Voice; Social"
    assert answer_cell(workbook, "ops-notes").value == "N/A"


def test_a_vendors_text_never_becomes_a_formula_in_excel(response, questions):
    AnswerFactory(response=response, question=questions["ops-name"], value='=HYPERLINK("http://evil","x")')
    AnswerFactory(response=response, question=questions["ops-notes"], value="@SUM(1)", comment="+44 20 7946 0000")
    workbook = exported(response)
    cells = [answer_cell(workbook, "ops-name"), answer_cell(workbook, "ops-notes"), comment_cell(workbook, "ops-notes")]
    assert [cell.data_type for cell in cells] == ["s", "s", "s"]
    assert [cell.value for cell in cells] == ['\'=HYPERLINK("http://evil","x")', "'@SUM(1)", "'+44 20 7946 0000"]


def test_buyer_text_that_looks_like_a_formula_is_written_as_text(world, response):
    question = world.questions[1]
    question.text = "=1+1 is how many agents?"
    question.save()
    workbook = exported(response)
    cell = workbook["Answers"].cell(row=row_of(workbook, question.key), column=3)
    assert cell.data_type == "s"
    assert cell.value == "=1+1 is how many agents?"


def test_the_key_names_rfp_vendor_version_and_questions_and_is_signed(response, world):
    workbook = exported(response)
    key = workbook["_key"]
    assert key["B3"].value == world.rfp.reference
    assert key["B4"].value == "northwind-contact"
    assert key["B5"].value == world.rfp.questionnaire_version
    assert len(key["B7"].value) == 64
    listed = [key.cell(row=row, column=2).value for row in range(10, 10 + len(world.questions))]
    assert listed == [q.key for q in world.questions]


def test_ravis_workbook_holds_only_bluepeaks_answers(world, questions):
    northwind, bluepeak = world.responses["vendor"], world.responses["rival"]
    AnswerFactory(response=northwind, question=questions["ops-name"], value="Northwind secret plan")
    AnswerFactory(response=bluepeak, question=questions["ops-name"], value="Bluepeak plan")
    workbook = exported(bluepeak)
    values = [cell.value for row in workbook["Answers"].iter_rows() for cell in row]
    assert "Bluepeak plan" in values
    assert "Northwind secret plan" not in values
    assert workbook["_key"]["B4"].value == "bluepeak-bpo"


# --- the round trip ------------------------------------------------------------------------------


def test_a_filled_in_workbook_saves_every_type_of_answer(response, world):
    workbook = exported(response)
    answer_cell(workbook, "ops-fcr").number_format = "0%"  # Excel does this when you type 35%
    content = fill(
        workbook,
        {
            "ops-iso": "Yes",
            "ops-channel": "chat, web",
            "ops-channels": "Voice; Social",
            "ops-seats": 450,
            "ops-fcr": 0.35,
            "ops-start": datetime.datetime(2027, 3, 1),
            "ops-name": "'=1+1 is our motto",
            "ops-notes": "N/A",
            world.questions[0].key: 31.5,
            world.questions[1].key: "Weekly governance calls with the client's VMO.",
        },
        comments={"ops-seats": "across 3 sites"},
    )
    check = offline.apply_workbook(response=response, content=content, by=world.users["vendor"])
    assert len(check.changes) == 10
    assert saved(response, "ops-iso").value == "Yes"
    assert saved(response, "ops-channel").value == "Chat, web"
    assert saved(response, "ops-channels").value == ["Voice", "Social"]
    assert saved(response, "ops-seats").value == 450
    assert saved(response, "ops-seats").comment == "across 3 sites"
    assert saved(response, "ops-fcr").value == 35
    assert saved(response, "ops-start").value == "2027-03-01"
    assert saved(response, "ops-name").value == "=1+1 is our motto"
    assert saved(response, "ops-notes").state == AnswerState.NOT_APPLICABLE
    assert saved(response, world.questions[0].key).value == 31.5
    assert all(a.updated_by == world.users["vendor"] and a.version == 1 for a in response.answers.all())


def test_saving_bumps_versions_and_writes_one_audit_entry(response, world, questions):
    AnswerFactory(response=response, question=questions["ops-seats"], value=400, version=3)
    content = fill(exported(response), {"ops-seats": 500, "ops-name": "Northwind"})
    offline.apply_workbook(response=response, content=content, by=world.users["vendor"])
    assert saved(response, "ops-seats").version == 4
    entry = AuditEntry.objects.get(action="response.offline_import")
    assert entry.actor == world.users["vendor"]
    assert entry.before["ops-seats"]["answer"] == "400"
    assert entry.after["ops-seats"]["answer"] == "500"


def test_a_text_answer_starting_with_equals_survives_a_round_trip_unchanged(response, questions):
    AnswerFactory(response=response, question=questions["ops-name"], value="=Northwind= (brand name)", version=2)
    check = offline.check_workbook(response=response, content=save(exported(response)))
    assert check.ok
    assert check.changes == []


def test_an_unchanged_workbook_changes_nothing(response, questions, world):
    AnswerFactory(response=response, question=questions["ops-iso"], value="Yes", version=2)
    AnswerFactory(response=response, question=questions["ops-channels"], value=["Voice", "Chat, web"], version=2)
    AnswerFactory(response=response, question=questions["ops-seats"], value=12.5, comment="two\r\nlines", version=2)
    AnswerFactory(response=response, question=questions["ops-fcr"], value=35, version=2)
    AnswerFactory(response=response, question=questions["ops-start"], value="2027-03-01", version=2)
    AnswerFactory(response=response, question=questions["ops-notes"], state=AnswerState.NOT_APPLICABLE, value=None)
    AnswerFactory(response=response, question=questions["ops-cert"], value="1 file", comment="see the PDF")
    before = answers_state(response)
    check = offline.apply_workbook(response=response, content=save(exported(response)), by=world.users["vendor"])
    assert check.changes == []
    assert check.unchanged == len(world.questions)
    assert answers_state(response) == before
    assert not AuditEntry.objects.filter(action="response.offline_import").exists()


def test_clearing_an_answer_in_the_workbook_blanks_it(response, questions, world):
    AnswerFactory(response=response, question=questions["ops-name"], value="Old name", version=1)
    content = fill(exported(response), {"ops-name": None})
    offline.apply_workbook(response=response, content=content, by=world.users["vendor"])
    answer = saved(response, "ops-name")
    assert (answer.state, answer.value, answer.version) == (AnswerState.BLANK, None, 2)


def test_file_questions_are_not_read_from_the_workbook_but_their_comment_is(response, questions, world):
    AnswerFactory(response=response, question=questions["ops-cert"], value="1 file")
    workbook = exported(response)
    answer_cell(workbook, "ops-cert").value = "hacked"
    content = fill(workbook, comments={"ops-cert": "ISO 27001 certificate attached online"})
    offline.apply_workbook(response=response, content=content, by=world.users["vendor"])
    answer = saved(response, "ops-cert")
    assert answer.value == "1 file"
    assert answer.comment == "ISO 27001 certificate attached online"


def test_an_answer_changed_online_after_the_download_is_kept_when_the_vendor_left_it_alone(response, questions, world):
    AnswerFactory(response=response, question=questions["ops-seats"], value=400, version=1)
    workbook = exported(response)
    Answer.objects.filter(response=response, question=questions["ops-seats"]).update(value=420, version=2)
    content = fill(workbook, {"ops-name": "Northwind"})
    check = offline.apply_workbook(response=response, content=content, by=world.users["vendor"])
    assert check.kept_online == ["ops-seats"]
    assert saved(response, "ops-seats").value == 420
    assert saved(response, "ops-name").value == "Northwind"


def test_an_answer_changed_both_online_and_in_the_workbook_is_a_conflict(response, questions, world):
    AnswerFactory(response=response, question=questions["ops-seats"], value=400, version=1)
    workbook = exported(response)
    Answer.objects.filter(response=response, question=questions["ops-seats"]).update(value=420, version=2)
    content = fill(workbook, {"ops-seats": 500, "ops-name": "Northwind"})
    before = answers_state(response)
    with pytest.raises(offline.WorkbookRefused) as refused:
        offline.apply_workbook(response=response, content=content, by=world.users["vendor"])
    [problem] = refused.value.check.problems
    assert "(ops-seats): this answer was changed online after the workbook was downloaded" in problem
    assert answers_state(response) == before


def test_the_same_workbook_imported_twice_changes_nothing_the_second_time(response, world):
    content = fill(exported(response), {"ops-seats": 450})
    offline.apply_workbook(response=response, content=content, by=world.users["vendor"])
    check = offline.apply_workbook(response=response, content=content, by=world.users["vendor"])
    assert check.changes == []
    assert saved(response, "ops-seats").version == 1


# --- refusals: submitted, late ---------------------------------------------------------------------


def test_a_submitted_response_refuses_uploads_until_it_is_reopened(response, world):
    response.status = ResponseStatus.SUBMITTED
    response.save()
    check = offline.check_workbook(response=response, content=fill(exported(response), {"ops-seats": 9}))
    assert check.refused
    assert "Reopen" in check.problems[0]
    assert not Answer.objects.filter(response=response).exists()


def test_uploads_after_the_deadline_are_refused(response, world):
    content = fill(exported(response), {"ops-seats": 9})
    late = time_machine.travel(world.rfp.deadline + datetime.timedelta(minutes=1))
    with late, pytest.raises(offline.WorkbookRefused) as refused:
        offline.apply_workbook(response=response, content=content, by=world.users["vendor"])
    assert "deadline" in refused.value.check.problems[0]
    assert not Answer.objects.filter(response=response).exists()
