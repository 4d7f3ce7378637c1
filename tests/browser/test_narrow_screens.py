"""At 390 px (a phone), the busiest pages never scroll sideways: wide tables and charts scroll
inside their own frame."""

import pytest

from tests.access.bid_world import make_bids, price_opened

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_ranking_dashboard_scoring_and_answer_pages_fit_a_phone(world, browser, live_server):
    make_bids(world)
    price_opened(world)
    for section in world.sections:  # the bank's titles are long; the page must wrap them
        section.title = "Communication of needs and goals with the vendor management office (VMO)"
        section.save(update_fields=["title"])
    ref = world.rfp.reference
    s1 = world.extra["s1"].pk
    pages = {
        "procurement": [f"/evaluation/{ref}/ranking/", f"/reports/{ref}/", f"/vendor/rfps/{ref}/invitations/"],
        "evaluator": [f"/evaluation/{ref}/sections/{s1}/", f"/evaluation/{ref}/"],
        "executive": [f"/reports/{ref}/"],
        "vendor": [f"/vendor/rfps/{ref}/sections/{s1}/", "/vendor/"],
    }
    too_wide = []
    for persona, urls in pages.items():
        context = browser.new_context(viewport={"width": 390, "height": 844})
        context.add_cookies([_session_cookie(world.users[persona], live_server.url)])
        page = context.new_page()
        for url in urls:
            reply = page.goto(live_server.url + url)
            assert reply.status == 200, url
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                too_wide.append(f"{persona} {url}: {width} px")
        context.close()
    assert not too_wide


def _session_cookie(user, url: str) -> dict:
    """Signs the persona in without the login form: this test is about layout, not logging in."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": url,
    }


@pytest.mark.parametrize("language", ["en", "he"])
def test_the_heat_maps_vendor_names_stay_in_view_while_its_cells_scroll(world, browser, live_server, language):
    from django.conf import settings

    make_bids(world)
    price_opened(world)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    language_cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
    context.add_cookies([_session_cookie(world.users["procurement"], live_server.url), language_cookie])
    page = context.new_page()
    page.goto(f"{live_server.url}/evaluation/{world.rfp.reference}/ranking/")
    frame = page.locator(".sl-heatmap-frame").first
    names = frame.locator(".sl-heatmap-names")
    before = names.bounding_box()
    # Scroll the cells to their far end: leftwards on a right-to-left page.
    frame.evaluate("f => f.scrollBy({left: (getComputedStyle(f).direction === 'rtl' ? -1 : 1) * f.scrollWidth})")
    page.wait_for_timeout(100)
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth"), "the cells are wider than a phone"
    assert frame.evaluate("f => Math.abs(f.scrollLeft) > 0")
    frame.screenshot(path=f"/tmp/shots/heatmap-scrolled-{language}.png")
    after = names.bounding_box()
    assert after["x"] == pytest.approx(before["x"], abs=1), "the names did not move with the cells"
    context.close()
