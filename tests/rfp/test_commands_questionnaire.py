"""export_questionnaire and import_questionnaire: files in, files out, and one clear line on bad input."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from rfp.exporters import rfp_document
from rfp.models import RFP, MemberRole, Status


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()


def questions_of(document: dict) -> list:
    return [(s["key"], s["weight"], s["questions"]) for s in document["sections"]]


@pytest.mark.parametrize("suffix", ["json", "xlsx"])
def test_an_rfp_goes_out_and_comes_back_as_a_new_draft(draft_rfp, paula, tmp_path, suffix):
    path = tmp_path / f"questionnaire.{suffix}"
    assert run("export_questionnaire", draft_rfp.reference, "-o", str(path)) == (
        f"Wrote 10 questions in 2 sections to {path}."
    )
    output = run("import_questionnaire", str(path))
    rfp = RFP.objects.exclude(pk=draft_rfp.pk).get()
    assert output == (
        f'Created draft {rfp.reference} "Customer service outsourcing 2027" owned by paula: 10 questions in 2 sections.'
    )
    assert rfp.status == Status.DRAFT
    assert questions_of(rfp_document(rfp)) == questions_of(rfp_document(draft_rfp))


def test_the_bank_goes_out_whole(db, tmp_path):
    path = tmp_path / "bank.json"
    assert run("export_questionnaire", "bank", "-o", str(path)) == f"Wrote 120 questions in 16 sections to {path}."
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "shortlist-questionnaire" and document["source"] == "bank"
    assert "rfp" not in document


def test_import_options_set_title_deadline_owner_and_reference(draft_rfp, paula, piotr, tmp_path):
    path = tmp_path / "q.xlsx"
    run("export_questionnaire", draft_rfp.reference, "-o", str(path))
    deadline = (timezone.localdate() + timedelta(days=60)).isoformat()
    run(
        "import_questionnaire",
        str(path),
        "--title",
        "Back-office 2028",
        "--deadline",
        deadline,
        "--by",
        "piotr",
        "--reference",
        "RFP-2028-007",
    )
    rfp = RFP.objects.get(reference="RFP-2028-007")
    assert rfp.title == "Back-office 2028"
    assert timezone.localtime(rfp.deadline).isoformat().startswith(f"{deadline}T17:00")
    assert list(rfp.members.values_list("user__username", "role")) == [("piotr", MemberRole.PROCUREMENT)]


@pytest.fixture
def exported_json(draft_rfp, tmp_path) -> Path:
    path = tmp_path / "q.json"
    run("export_questionnaire", draft_rfp.reference, "-o", str(path))
    return path


def refusal(*args) -> str:
    rfps = RFP.objects.count()
    with pytest.raises(CommandError) as raised:
        run(*args)
    assert RFP.objects.count() == rfps, "nothing is saved on bad input"
    message = str(raised.value)
    assert "\n" not in message
    return message


def test_an_unknown_reference_is_refused(db, tmp_path):
    assert refusal("export_questionnaire", "RFP-1999-404", "-o", str(tmp_path / "q.json")) == (
        "No RFP with the reference 'RFP-1999-404'."
    )


def test_an_unknown_extension_is_refused(draft_rfp, tmp_path):
    assert refusal("export_questionnaire", draft_rfp.reference, "-o", str(tmp_path / "q.csv")) == (
        "Unknown file type '.csv': the output must end in .json or .xlsx."
    )
    assert refusal("import_questionnaire", str(tmp_path / "q.txt")) == (
        "Unknown file type '.txt': give a .json or .xlsx file."
    )


def test_an_unwritable_output_is_refused(draft_rfp, tmp_path):
    message = refusal("export_questionnaire", draft_rfp.reference, "-o", str(tmp_path / "missing" / "q.json"))
    assert message.startswith("Cannot write ") and "No such file or directory" in message


def test_an_unreadable_file_is_refused(db, tmp_path):
    assert refusal("import_questionnaire", str(tmp_path / "absent.json")) == (
        f"Cannot read {tmp_path / 'absent.json'}: No such file or directory."
    )


def test_invalid_json_is_refused(paula, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"sections": [', encoding="utf-8")
    assert refusal("import_questionnaire", str(path)) == (
        "broken.json was not imported, 1 problem: The file is not valid JSON: Expecting value at line 1, column 15."
    )


def test_an_invalid_questionnaire_lists_its_first_problems_on_one_line(exported_json, paula):
    document = json.loads(exported_json.read_text(encoding="utf-8"))
    for section in document["sections"]:
        section["weight"] = 10
        for question in section["questions"]:
            question["rubric"] = None
    exported_json.write_text(json.dumps(document), encoding="utf-8")
    message = refusal("import_questionnaire", str(exported_json))
    assert message.startswith("q.json was not imported, 8 problems: Section 1 (")
    assert message.endswith("a scored question needs a 0-5 rubric or an auto-scoring rule; and 5 more.")


def test_a_bad_owner_or_a_missing_one_is_refused(exported_json, omar):
    assert refusal("import_questionnaire", str(exported_json), "--by", "omar") == (
        "--by 'omar' is not an active procurement user."
    )
    User.objects.filter(role="procurement").update(is_active=False)
    assert refusal("import_questionnaire", str(exported_json)) == (
        "There is no procurement user to own the RFP: create one, or pass --by USERNAME."
    )


def test_a_bad_deadline_or_reference_is_refused(exported_json, draft_rfp):
    assert refusal("import_questionnaire", str(exported_json), "--deadline", "next friday") == (
        "--deadline 'next friday' is not an ISO date or date and time, e.g. 2027-03-01T17:00."
    )
    assert refusal("import_questionnaire", str(exported_json), "--deadline", "2001-05-01") == (
        "--deadline 2001-05-01 is in the past; give a future date."
    )
    message = refusal("import_questionnaire", str(exported_json), "--reference", draft_rfp.reference)
    assert message.endswith(f"An RFP with the reference {draft_rfp.reference} already exists.")


def test_manage_py_exits_non_zero_with_one_line_and_no_traceback(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("not json", encoding="utf-8")
    env = os.environ | {
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "import_questionnaire", str(path)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "CommandError: broken.json was not imported, 1 problem: The file is not valid JSON: "
        "Expecting value at line 1, column 1."
    ]
