"""Importing a questionnaire in the real Chromium: a bad workbook is explained, a good one opens as a draft."""

import io
import os
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from rfp.exporters import ExcelExporter, rfp_document
from rfp.models import RFP
from tests.rfp.test_questionnaire_io import make_rich_rfp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots/io"))


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_piotr_imports_an_edited_workbook_after_fixing_what_it_says(page, live_server, log_in, paula, piotr, tmp_path):
    content = ExcelExporter(rfp_document(make_rich_rfp(paula))).render()
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    workbook["Questionnaire"]["I3"] = "heavy"
    workbook["Questionnaire"]["G4"] = '=IF(TRUE,"Yes")'
    broken = tmp_path / "care-2028.xlsx"
    workbook.save(broken)
    good = tmp_path / "care-2028-fixed.xlsx"
    good.write_bytes(content)

    log_in(piotr)
    page.goto(f"{live_server.url}/rfps/new/import/")
    expect(page.get_by_role("heading", name="Import a questionnaire")).to_be_visible()
    shoot(page, "import-empty")

    page.get_by_label("Questionnaire file").set_input_files(str(broken))
    page.get_by_role("button", name="Import as a new draft").click()
    page.wait_for_load_state("networkidle")
    problems = page.locator("#import-problems li")
    expect(page.locator("#import-problems")).to_contain_text("The file was not imported: 2 problems to fix.")
    expect(problems.nth(0)).to_contain_text("Questionnaire, row 3, column I (Weight): 'heavy' is not a number.")
    expect(problems.nth(1)).to_contain_text("Questionnaire, row 4, column G: formulas are not accepted")
    shoot(page, "import-problems")
    assert RFP.objects.count() == 1

    page.get_by_label("Questionnaire file").set_input_files(str(good))
    page.get_by_label("Title").fill("Customer care 2028")
    page.get_by_role("button", name="Import as a new draft").click()
    page.wait_for_load_state("networkidle")
    rfp = RFP.objects.get(title="Customer care 2028")
    assert page.url.endswith(f"/rfps/{rfp.reference}/")
    expect(page.get_by_text("created as a draft from care-2028-fixed.xlsx: 10 questions in 2 sections")).to_be_visible()
    shoot(page, "import-done")


def test_the_import_page_mirrors_for_right_to_left_languages(page, live_server, log_in, paula):
    log_in(paula)
    page.context.add_cookies([{"name": "django_language", "value": "he", "url": live_server.url}])
    page.goto(f"{live_server.url}/rfps/new/import/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    form, help_card = page.locator(".sl-io-form"), page.locator(".sl-io-help")
    assert form.bounding_box()["x"] > help_card.bounding_box()["x"]  # the form starts on the right
    shoot(page, "import-rtl")
