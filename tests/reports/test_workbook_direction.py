"""Workbooks read right to left (column A on the right) when their words are Hebrew, Arabic or
Persian, as Excel shows a sheet written in those languages."""

import io

import openpyxl
import pytest
from django.utils import translation

from reports.excel import ScoreMatrixExporter
from rfp.exporters import ExcelExporter, bank_document


def directions(content: bytes) -> set[bool]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return {bool(sheet.sheet_view.rightToLeft) for sheet in workbook.worksheets}


@pytest.mark.parametrize(("language", "right_to_left"), [("he", True), ("ar", True), ("fa", True), ("pl", False)])
def test_the_score_matrix_follows_the_readers_direction(evaluated, language, right_to_left):
    with translation.override(language):
        _name, _type, content = ScoreMatrixExporter(evaluated).generate()
    assert directions(content) == {right_to_left}


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "right_to_left"), [("ar", True), ("en", False)])
def test_the_exported_question_bank_follows_the_readers_direction(language, right_to_left):
    with translation.override(language):
        content = ExcelExporter(bank_document()).render()
    assert directions(content) == {right_to_left}
