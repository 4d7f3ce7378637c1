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
