"""Make or buy in the real browser: a procurement lead describes the contact center, gets a
recommendation with its rules and the cost chart, and a bad number is explained, not saved."""

import pytest

from sourcing.models import Assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_paula_describes_a_seasonal_center_and_gets_a_hybrid_with_its_costs(page, log_in, live_server, paula):
    log_in(paula)
    page.goto(f"{live_server.url}/sourcing/new/")
    page.fill("input[name=title]", "Make or buy: customer service")
    page.fill("input[name=seats]", "60")
    page.fill("input[name=peak_extra_seats]", "15")
    page.fill("input[name=peak_months]", "3")
    page.fill("input[name=free_space_seats]", "20")
    page.check("input[name=rhythm][value=permanent_seasonal]")
    page.fill("input[name=agent_salary]", "30,000")
    page.get_by_role("button", name="Save and see the recommendation").last.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#verdict").inner_text() == "Hybrid"
    assert page.get_by_text("R-PERMANENT-PLUS-SEASONAL").first.is_visible()
    chart = page.locator("figure.sl-mob-chart svg")
    assert chart.is_visible() and chart.bounding_box()["width"] > 600
    assert page.get_by_role("heading", name="Cost per year: financial and managerial").is_visible()


def test_negative_seats_and_zero_years_are_explained_and_nothing_is_saved(page, log_in, live_server, paula):
    log_in(paula)
    page.goto(f"{live_server.url}/sourcing/new/")
    page.fill("input[name=seats]", "-5")
    page.fill("input[name=years]", "0")
    page.fill("input[name=agent_salary]", "lots")
    page.get_by_role("button", name="Save and see the recommendation").last.click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Nothing was saved: correct these 3 fields (marked below)").is_visible()
    assert page.get_by_text("A contact center needs at least one seat.").is_visible()
    assert page.get_by_text("Compare over 1 to 5 years.").is_visible()
    assert page.get_by_text("Agent salary a year must be a number, such as 38000.").is_visible()
    assert not Assessment.objects.exists()
