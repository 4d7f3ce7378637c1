"""Omar's walk through a two-envelope evaluation in the real Chromium: he reads the section he is
assigned and nothing else of the bids, and no price until procurement opens the envelope."""

import pytest
from playwright.sync_api import expect

from tests.access.bid_world import PRICES, make_bids, marker, price_opened

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_evaluator_reads_his_section_only_and_no_price_before_the_envelope_opens(world, page, live_server, log_in):
    make_bids(world)
    ref = world.rfp.reference
    price = f"{PRICES['vendor']:,}"
    log_in(world.users["evaluator"])

    page.goto(f"{live_server.url}/evaluation/{ref}/")
    expect(page.locator("main")).not_to_contain_text(price)
    page.get_by_role("link", name="Score").first.click()
    expect(page.locator("main")).to_contain_text(marker("vendor", "S1"))
    expect(page.locator("main")).not_to_contain_text(marker("vendor", "S2"))

    page.goto(f"{live_server.url}/vendor/rfps/{ref}/invitations/")
    page.locator("tr", has_text="Northwind Contact").get_by_role("link", name="Read answers").click()
    main = page.locator("main")
    expect(main).to_contain_text(marker("vendor", "S1"))
    expect(main).to_contain_text("You see the sections assigned to you")
    expect(main).not_to_contain_text(marker("vendor", "S2"))
    expect(main).not_to_contain_text("NW-pricing-schedule.pdf")
    expect(main).not_to_contain_text(str(PRICES["vendor"]))

    page.goto(f"{live_server.url}/evaluation/{ref}/sections/{world.extra['s2'].pk}/")
    expect(page.locator("body")).not_to_contain_text(marker("vendor", "S2"))

    price_opened(world)
    page.goto(f"{live_server.url}/evaluation/{ref}/")
    expect(page.locator("main")).to_contain_text(price)
