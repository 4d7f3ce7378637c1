"""Every page of an RFP shares one header, laid out the same wherever it appears: the title at the
same size, the actions side by side on one row, the buyer and the deadline apart, and icons drawn
from the one icon set the app ships, never an emoji that a system may lack."""

import pytest

from tests.access.bid_world import make_bids
from tests.browser.test_narrow_screens import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAYOUT = """() => {
  const title = document.querySelector('.sl-rfp-title');
  const actions = [...document.querySelectorAll('.sl-rfp-actions > *')]
    .map(e => Math.round(e.getBoundingClientRect().top));
  const meta = [...document.querySelectorAll('.sl-rfp-meta > span')].map(e => e.getBoundingClientRect());
  return {
    size: getComputedStyle(title).fontSize,
    rows: new Set(actions).size,
    gap: meta.length > 1 ? meta[1].left - meta[0].right : null,
    emoji: /[\\u{1F300}-\\u{1FAFF}\\u2600-\\u26FF]/u.test(document.body.innerText),
  };
}"""


def test_the_rfp_header_looks_the_same_on_every_tab(world, browser, live_server):
    make_bids(world)
    ref = world.rfp.reference
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_cookies([_session_cookie(world.users["procurement"], live_server.url)])
    page = context.new_page()
    seen = {}
    for url in (
        f"/rfps/{ref}/",
        f"/rfps/{ref}/team/",
        f"/vendor/rfps/{ref}/invitations/",
        f"/vendor/rfps/{ref}/questions-from-vendors/",
        f"/vendor/rfps/{ref}/addenda/",
        f"/rfps/{ref}/audit/",
    ):
        assert page.goto(live_server.url + url).status == 200, url
        seen[url] = page.evaluate(LAYOUT)
    context.close()
    assert {layout["size"] for layout in seen.values()} == {seen[f"/rfps/{ref}/"]["size"]}, seen
    assert all(layout["rows"] == 1 for layout in seen.values()), seen
    assert all(layout["gap"] is None or abs(layout["gap"]) >= 8 for layout in seen.values()), seen
    assert not any(layout["emoji"] for layout in seen.values()), seen
