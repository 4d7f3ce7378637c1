"""axe-core (from the npm registry, pinned in package.json) checks every persona's main pages in
English and Hebrew against WCAG 2.1 A and AA: no serious or critical violation."""

import json

import pytest
from django.conf import settings

from tests.access.bid_world import make_bids, price_opened

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def main_pages(world) -> dict:
    ref, s1 = world.rfp.reference, world.extra["s1"].pk
    return {
        "procurement": [
            "/rfps/",
            f"/rfps/{ref}/",
            f"/rfps/{ref}/team/",
            f"/vendor/rfps/{ref}/invitations/",
            f"/evaluation/{ref}/",
            f"/evaluation/{ref}/ranking/",
            f"/reports/{ref}/",
        ],
        "evaluator": [f"/evaluation/{ref}/", f"/evaluation/{ref}/sections/{s1}/"],
        "executive": [f"/reports/{ref}/"],
        "vendor": ["/vendor/", f"/vendor/rfps/{ref}/", f"/vendor/rfps/{ref}/sections/{s1}/"],
    }


def _session(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.mark.parametrize("language", ["en", "he"])
def test_every_personas_main_pages_have_no_serious_accessibility_violation(world, browser, live_server, language):
    make_bids(world)
    price_opened(world)
    found = {}
    for persona, urls in main_pages(world).items():
        # bypass_csp: the checker is injected into the page by the test, not served as part of it
        context = browser.new_context(bypass_csp=True, locale="he-IL" if language == "he" else "en-GB")
        context.add_cookies(
            [
                {"name": settings.SESSION_COOKIE_NAME, "value": _session(world.users[persona]), "url": live_server.url},
                {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
            ]
        )
        page = context.new_page()
        for url in urls:
            assert page.goto(live_server.url + url).status == 200, url
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(RUN_AXE)
            if violations:
                found[f"{persona} {url}"] = violations
        context.close()
    assert not found, json.dumps(found, indent=1)
