"""One archive check for every workbook the app reads: the questionnaire import and the vendor's
offline answers refuse the same hostile files with the same message."""

import io
import zipfile

import openpyxl
import pytest

from rfp.importers import ImportProblems, read_questionnaire_file
from tests.vendors.test_offline_bad_input import patch_central_directory
from vendors.offline import _archive_problems


def _workbook() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


def _with_part(name: str, data: bytes, compression=zipfile.ZIP_DEFLATED) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_workbook())) as source, zipfile.ZipFile(output, "w", compression) as target:
        for entry in source.infolist():
            target.writestr(entry.filename, source.read(entry.filename))
        target.writestr(name, data)
    return output.getvalue()


def _questionnaire_problems(content: bytes) -> list[str]:
    with pytest.raises(ImportProblems) as raised:
        read_questionnaire_file("q.xlsx", content)
    return raised.value.problems


HOSTILE = {
    "encrypted": (lambda: patch_central_directory(_workbook(), "xl/workbook.xml", 8, "<H", 0x1), "encrypted"),
    "compression bomb": (lambda: _with_part("xl/media/pad.bin", b"\0" * (5 * 1024 * 1024)), "not a real Excel file"),
    "entities": (
        lambda: _with_part("xl/extra.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'),
        "DOCTYPE or ENTITY",
    ),
    "bzip2": (lambda: _with_part("xl/other.bin", b"data", zipfile.ZIP_BZIP2), "compression method"),
    "old xls": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "old-format .xls"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_both_importers_refuse_a_hostile_workbook_with_the_same_message(kind, db):
    build, words = HOSTILE[kind]
    content = build()
    offline = _archive_problems(content)
    assert len(offline) == 1 and words in offline[0]
    assert _questionnaire_problems(content) == offline
