"""export_response and import_response: the offline workbook from the command line."""

import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tests.factories import AnswerFactory, InvitationFactory, VendorFactory
from tests.vendors.offline_support import add_every_question_type, answer_cell, answers_state, fill
from vendors.models import Answer, InvitationStatus

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def questions(world):
    return add_every_question_type(world.rfp)


@pytest.fixture
def response(world, questions):
    response = world.responses["vendor"]
    AnswerFactory(response=response, question=questions["ops-seats"], value=400, version=1)
    return response


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def export(world, tmp_path, vendor: str = "northwind-contact") -> Path:
    path = tmp_path / "answers.xlsx"
    run("export_response", world.rfp.reference, vendor, "-o", str(path))
    return path


def test_export_response_writes_the_vendors_workbook(world, response, tmp_path):
    path = export(world, tmp_path)
    workbook = openpyxl.load_workbook(path)
    assert workbook["_key"]["B4"].value == "northwind-contact"
    assert answer_cell(workbook, "ops-seats").value == 400


def test_the_vendor_can_be_named_by_its_name_as_well_as_its_slug(world, response, tmp_path):
    path = export(world, tmp_path, vendor="bluepeak bpo")
    assert openpyxl.load_workbook(path)["_key"]["B4"].value == "bluepeak-bpo"


def test_import_response_saves_the_changes(world, response, tmp_path):
    path = export(world, tmp_path)
    path.write_bytes(fill(openpyxl.load_workbook(path), {"ops-seats": 520, "ops-iso": "No"}))
    output = run("import_response", world.rfp.reference, "northwind-contact", str(path))
    assert "Saved 2 answers for Northwind Contact" in output
    seats = Answer.objects.get(response=response, question__key="ops-seats")
    assert (seats.value, seats.version, seats.updated_by) == (520, 2, None)


def test_import_response_of_an_unchanged_workbook_says_no_changes(world, response, tmp_path):
    path = export(world, tmp_path)
    before = answers_state(response)
    assert "No changes" in run("import_response", world.rfp.reference, "Northwind Contact", str(path))
    assert answers_state(response) == before


def test_a_dry_run_lists_the_changes_and_saves_nothing(world, response, tmp_path):
    path = export(world, tmp_path)
    path.write_bytes(fill(openpyxl.load_workbook(path), {"ops-seats": 520}))
    output = run("import_response", world.rfp.reference, "northwind-contact", str(path), "--dry-run")
    assert "ops-seats: '400' -> '520'" in output
    assert Answer.objects.get(response=response, question__key="ops-seats").value == 400


def test_import_response_refuses_a_bad_workbook_with_the_web_uploads_message(world, response, tmp_path):
    path = export(world, tmp_path)
    path.write_bytes(fill(openpyxl.load_workbook(path), {"ops-seats": "abc", "ops-name": "Northwind"}))
    before = answers_state(response)
    with pytest.raises(CommandError) as error:
        run("import_response", world.rfp.reference, "northwind-contact", str(path))
    assert "Nothing was saved." in str(error.value)
    assert "(ops-seats): 'abc' is not a number." in str(error.value)
    assert "\n" not in str(error.value)
    assert answers_state(response) == before


def test_import_response_refuses_another_vendors_workbook(world, response, tmp_path):
    path = export(world, tmp_path, vendor="bluepeak-bpo")
    with pytest.raises(CommandError, match="made for another vendor company"):
        run("import_response", world.rfp.reference, "northwind-contact", str(path))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["RFI-1999-404", "northwind-contact"], "No RFP with the reference 'RFI-1999-404'."),
        (["RFI-2027-077", "nobody-inc"], "No vendor company named 'nobody-inc'"),
        (["RFI-2027-077", "uninvited-bpo"], "Uninvited BPO was not invited to RFI-2027-077."),
    ],
)
def test_the_commands_name_what_they_cannot_find(world, response, tmp_path, args, message):
    VendorFactory(name="Uninvited BPO")
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run("export_response", *args, "-o", str(tmp_path / "x.xlsx"))
    path = export(world, tmp_path)
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run("import_response", *args, str(path))


def test_import_response_refuses_a_missing_file(world, response, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_response", world.rfp.reference, "northwind-contact", str(tmp_path / "missing.xlsx"))


def test_export_response_refuses_an_unwritable_path(world, response, tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        run("export_response", world.rfp.reference, "northwind-contact", "-o", str(tmp_path / "no" / "dir.xlsx"))


def test_a_failing_command_exits_non_zero_with_one_line_and_no_traceback(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "import_response", "RFI-2027-001", "northwind", str(tmp_path / "missing.xlsx")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("CommandError: Cannot read")
    assert "Traceback" not in result.stderr


def test_import_response_starts_the_response_of_a_vendor_who_had_none(world, questions, tmp_path):
    vendor = VendorFactory(name="Cedar Contact")
    InvitationFactory(rfp=world.rfp, vendor=vendor)
    path = tmp_path / "cedar.xlsx"
    run("export_response", world.rfp.reference, "cedar-contact", "-o", str(path))
    path.write_bytes(fill(openpyxl.load_workbook(path), {"ops-seats": 75}))
    run("import_response", world.rfp.reference, "cedar-contact", str(path))
    assert Answer.objects.get(response__vendor=vendor, question__key="ops-seats").value == 75


def test_a_vendor_that_declined_gets_no_workbook(world, questions, tmp_path):
    vendor = VendorFactory(name="Cedar Contact")
    InvitationFactory(rfp=world.rfp, vendor=vendor, status=InvitationStatus.DECLINED)
    with pytest.raises(CommandError, match="Cedar Contact declined the invitation"):
        run("export_response", world.rfp.reference, "cedar-contact", "-o", str(tmp_path / "x.xlsx"))
