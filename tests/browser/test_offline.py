"""The offline Excel round trip in the real Chromium: Ana downloads her workbook, fills it in, uploads it,
reads the preview and saves. Set OFFLINE_SHOTS=/some/folder to keep screenshots of each page."""

import io
import os
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.factories import AnswerFactory
from tests.vendors.offline_support import add_every_question_type, fill
from vendors import offline
from vendors.models import Answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(page, name: str) -> None:
    folder = os.environ.get("OFFLINE_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_ana_answers_in_excel_previews_the_changes_and_saves_them(page, live_server, log_in, world, tmp_path):
    questions = add_every_question_type(world.rfp)
    response = world.responses["vendor"]
    AnswerFactory(response=response, question=questions["ops-seats"], value=400, comment="Lisbon only", version=1)
    log_in(world.users["vendor"])
    page.goto(f"{live_server.url}/vendor/rfps/{world.rfp.reference}/offline/")
    expect(page.get_by_role("heading", name="Answer offline in Excel")).to_be_visible()
    shoot(page, "1-offline-page")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download workbook (.xlsx)").click()
    download = download_info.value
    assert download.suggested_filename == f"{world.rfp.reference}-northwind-contact-answers.xlsx"
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    filled = tmp_path / "filled.xlsx"
    filled.write_bytes(
        fill(
            workbook,
            {"ops-seats": 520, "ops-channels": "Voice; Chat, web", "ops-name": "Northwind Contact Lisbon"},
            comments={"ops-seats": "Lisbon and Porto"},
        )
    )

    page.set_input_files("input[type=file]", str(filled))
    page.get_by_role("button", name="Check the workbook").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", name="Check your workbook before saving")).to_be_visible()
    expect(page.locator(".sl-offline-changes tbody tr:not(.sl-offline-section)")).to_have_count(3)
    shoot(page, "2-preview")
    assert Answer.objects.get(response=response, question=questions["ops-seats"]).value == 400

    page.get_by_role("button", name="Save 3 answers").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("Saved 3 answers from your workbook.")).to_be_visible()
    shoot(page, "3-saved")
    seats = Answer.objects.get(response=response, question=questions["ops-seats"])
    assert (seats.value, seats.comment, seats.version) == (520, "Lisbon and Porto", 2)


def test_ana_sees_every_problem_of_a_bad_workbook_and_cannot_save(page, live_server, log_in, world, tmp_path):
    questions = add_every_question_type(world.rfp)
    log_in(world.users["vendor"])
    workbook = openpyxl.load_workbook(
        io.BytesIO(offline.build_workbook(world.responses["vendor"], tz_name="Europe/Lisbon"))
    )
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(fill(workbook, {"ops-seats": "about 500", "ops-channel": "Carrier pigeon", "ops-fcr": "=A1*2"}))
    page.goto(f"{live_server.url}/vendor/rfps/{world.rfp.reference}/offline/")
    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="Check the workbook").click()
    page.wait_for_load_state("networkidle")
    problems = page.locator(".sl-offline-problems li")
    expect(problems).to_have_count(3)
    expect(problems.first).to_contain_text("(ops-channel): 'Carrier pigeon' is not one of the choices")
    expect(page.get_by_role("button", name="Save")).to_have_count(0)
    shoot(page, "4-problems")
    assert not Answer.objects.filter(question__in=questions.values()).exists()
