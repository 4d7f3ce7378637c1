"""Helpers for the offline workbook tests: a questionnaire with every question type, and a vendor
filling in the exported workbook with openpyxl the way Excel would save it."""

import io

import openpyxl

from rfp.models import QuestionType
from tests.factories import QuestionFactory, SectionFactory
from vendors import offline
from vendors.models import Answer, Response

YES_NO = [{"label": "Yes"}, {"label": "No"}]
CHANNELS = [{"label": "Voice"}, {"label": "Email"}, {"label": "Chat, web"}, {"label": "Social"}]


def add_every_question_type(rfp) -> dict:
    """An "Operations" section holding one question of each type; returns them by key."""
    section = SectionFactory(rfp=rfp, key="operations", title="Operations", weight=0, order=99)
    specs = [
        ("ops-iso", QuestionType.YES_NO, {"choices": YES_NO}),
        ("ops-channel", QuestionType.SINGLE_CHOICE, {"choices": CHANNELS}),
        ("ops-channels", QuestionType.MULTI_CHOICE, {"choices": CHANNELS}),
        ("ops-seats", QuestionType.NUMBER, {"unit": "seats"}),
        ("ops-fcr", QuestionType.PERCENTAGE, {}),
        ("ops-start", QuestionType.DATE, {}),
        ("ops-name", QuestionType.SHORT_TEXT, {}),
        ("ops-notes", QuestionType.LONG_TEXT, {"required": False, "word_limit": 50}),
        ("ops-cert", QuestionType.FILE, {"required": False}),
    ]
    made = {}
    for order, (key, qtype, extra) in enumerate(specs, start=1):
        made[key] = QuestionFactory(
            section=section, key=key, type=qtype, text=f"Question {key}?", order=order, rubric=None, **extra
        )
    return made


def exported(response: Response, tz_name: str = "UTC") -> openpyxl.Workbook:
    """The workbook as the vendor opens it."""
    return openpyxl.load_workbook(io.BytesIO(offline.build_workbook(response, tz_name=tz_name)))


def row_of(workbook: openpyxl.Workbook, key: str) -> int:
    sheet = workbook[offline.ANSWERS_SHEET]
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row=row, column=offline.KEY_COL).value == key:
            return row
    raise AssertionError(f"no row for {key}")


def answer_cell(workbook: openpyxl.Workbook, key: str):
    return workbook[offline.ANSWERS_SHEET].cell(row=row_of(workbook, key), column=offline.ANSWER_COL)


def comment_cell(workbook: openpyxl.Workbook, key: str):
    return workbook[offline.ANSWERS_SHEET].cell(row=row_of(workbook, key), column=offline.COMMENT_COL)


def fill(workbook: openpyxl.Workbook, answers: dict | None = None, comments: dict | None = None) -> bytes:
    """Type answers and comments into the workbook and save it."""
    for key, value in (answers or {}).items():
        answer_cell(workbook, key).value = value
    for key, value in (comments or {}).items():
        comment_cell(workbook, key).value = value
    return save(workbook)


def save(workbook: openpyxl.Workbook) -> bytes:
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def answers_state(response: Response) -> list[tuple]:
    """Everything saved for a response, to prove that a refused upload changed nothing."""
    return list(
        Answer.objects.filter(response=response)
        .order_by("question_id")
        .values_list("question_id", "state", "value", "comment", "version", "updated_by_id")
    )
