"""The RFP builder, driven in the real Chromium: create from the bank, live weights, preview."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rfp.models import RFP, Section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def create_rfp_from_the_bank(page, live_server) -> RFP:
    page.goto(f"{live_server.url}/rfps/")
    page.get_by_role("link", name="New RFI/RFP").first.click()
    page.get_by_label("RFP (request for proposal)").check()
    page.get_by_label("Title").fill("Contact-center partner 2028")
    page.get_by_label("Buying organisation").fill("Northern Lights Telecom")
    page.get_by_label("Summary for vendors").fill("First-line customer service on voice and chat.")
    page.get_by_role("checkbox", name="Voice", exact=True).check()
    page.get_by_role("checkbox", name="Chat", exact=True).check()
    page.get_by_label("Voice volume").fill("1200000")
    page.get_by_label("Languages").fill("English, Polish")
    deadline = (timezone.localtime() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    page.fill("input[name=deadline]", deadline)
    page.get_by_role("button", name="Create draft").click()
    page.wait_for_load_state("networkidle")
    return RFP.objects.get(title="Contact-center partner 2028")


def test_paula_creates_an_rfp_from_the_bank_and_previews_it(page, live_server, log_in, paula):
    log_in(paula)
    rfp = create_rfp_from_the_bank(page, live_server)
    assert page.url.endswith(f"/rfps/{rfp.reference}/")
    expect(page.locator(".sl-status")).to_have_text("Draft")
    expect(page.get_by_test_id("weight-total")).to_have_text("100 / 100")
    expect(page.locator("#weight-total")).to_contain_text("Section weights total exactly 100.")
    expect(page.locator(".sl-builder-section")).to_have_count(16)
    expect(page.get_by_text("Ready to publish.")).to_be_visible()

    page.get_by_role("link", name="Vendor preview").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("Responses due")).to_be_visible()
    expect(page.get_by_text("First-line customer service on voice and chat.")).to_be_visible()
    attrition = page.locator(".sl-preview-question", has_text="annual agent attrition").first
    expect(attrition.locator(".sl-guidance")).to_contain_text("divided by the average agent headcount")
    expect(attrition.locator("input[type=number]")).to_be_visible()
    expect(page.get_by_text("Mandatory requirement").first).to_be_visible()
    expect(page.locator(".sl-vendor-view")).not_to_contain_text("Rubric")


def test_changing_a_section_weight_updates_the_total_live(page, live_server, log_in, paula):
    log_in(paula)
    rfp = create_rfp_from_the_bank(page, live_server)
    section = Section.objects.get(rfp=rfp, key="sla")
    original = section.weight
    weight = page.locator(f"#weight-{section.pk}")
    weight.fill(str(original + 12))
    expect(page.get_by_test_id("weight-total")).to_have_text("112 / 100")
    expect(page.locator("#weight-total")).to_contain_text("12 points over 100")
    expect(page.locator("#weight-total")).to_have_class(re.compile("is-bad"))
    expect(page.locator(f"#toc-weight-{section.pk}")).to_have_text(re.compile(r"^\d+"))
    expect(page.get_by_text("Before you can publish")).to_be_visible()

    weight.fill(str(original))
    expect(page.get_by_test_id("weight-total")).to_have_text("100 / 100")
    expect(page.locator("#weight-total")).to_have_class(re.compile("is-good"))
    expect(page.locator(f"#weight-feedback-{section.pk}")).to_have_text("Saved")
    section.refresh_from_db()
    assert section.weight == original


def test_a_word_limit_counter_counts_as_the_vendor_types(page, live_server, log_in, paula):
    log_in(paula)
    rfp = create_rfp_from_the_bank(page, live_server)
    page.goto(f"{live_server.url}/rfps/{rfp.reference}/preview/")
    area = page.locator("textarea[data-word-limit]").first
    limit = area.get_attribute("data-word-limit")
    area.fill("We run weekly governance calls")
    expect(page.locator(f"#{area.get_attribute('id')}-count")).to_have_text(f"5 of {limit} words")
