"""The front door, driven in the real Chromium."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_procurement_lead_logs_in_sees_her_rfps_and_logs_out(page, live_server, log_in, paula):
    log_in(paula)
    assert "/rfps/" in page.url
    assert page.get_by_text("Paula Lind").is_visible()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/accounts/login/")
    assert page.get_by_role("heading", name="Log in to Shortlist").is_visible()


def test_a_wrong_password_is_refused_with_a_message(page, live_server, paula):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "paula")
    page.fill("input[name=password]", "not-her-password")
    page.click("button[type=submit]")
    # expect() waits for the answer to the post; is_visible() right after the click raced it.
    expect(page.get_by_text("Please enter a correct username and password")).to_be_visible()
    assert "/accounts/login/" in page.url


def test_switching_to_hebrew_turns_the_page_right_to_left(page, live_server, log_in, paula):
    log_in(paula)
    page.select_option("#sl-language", "he")
    # The form posts and the page reloads; expect() waits for the new page instead of racing it.
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "he")
