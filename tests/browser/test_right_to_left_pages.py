"""Every persona's main pages in Hebrew and Arabic, on a desktop (1366 px) and a phone (390 px):
the page runs right to left, nothing scrolls sideways, and the page's own words (menus, buttons,
form labels, headings) are translated. Screenshots land in /tmp/shots/rtl for a person to look at."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.access.bid_world import make_bids, price_opened
from tests.browser.test_accessibility import main_pages
from tests.browser.test_narrow_screens import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/rtl")
WIDTHS = (1366, 390)
CHROME = "nav a, button, label, h1, .btn"
READ_CHROME = f"""() => Array.from(document.querySelectorAll({CHROME!r}))
  .filter(e => e.offsetParent !== null).map(e => e.innerText.trim()).filter(Boolean)"""


# Words that stay Latin in every language: the product's name, acronyms and file formats.
LATIN = re.compile(r"(?<![A-Za-z])(Shortlist|RFI|RFP|PDF|Excel|TOPSIS|AHP|WSM|CSV|JSON|SLA|KPI|API)(?![A-Za-z])")


def content_of(world) -> list[str]:
    """What people typed, longest first: it stays in their language on every page."""
    texts = [world.rfp.title, *(s.title for s in world.sections), *(q.text for q in world.questions)]
    texts += [v.name for v in world.vendors.values()] + [u.get_full_name() for u in world.users.values()]
    return sorted(set(texts), key=len, reverse=True)


def english_left(texts: list[str], content: list[str]) -> list[str]:
    """The page's own words still in English once typed content and Latin acronyms are set aside."""
    left = []
    for text in texts:
        rest = text
        for typed in content:
            rest = rest.replace(typed, " ")
        if re.search(r"[A-Za-z]{3}", LATIN.sub(" ", rest)):
            left.append(text)
    return left


@pytest.mark.parametrize("language", ["he", "ar"])
def test_main_pages_read_right_to_left_at_desktop_and_phone_widths(world, browser, live_server, language):
    make_bids(world)
    price_opened(world)
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for persona, urls in main_pages(world).items():
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            language_cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
            context.add_cookies([_session_cookie(world.users[persona], live_server.url), language_cookie])
            page = context.new_page()
            for number, url in enumerate(urls):
                assert page.goto(live_server.url + url).status == 200, url
                where = f"{persona} {url} at {width} px"
                if page.evaluate("[document.documentElement.dir, document.documentElement.lang]") != ["rtl", language]:
                    problems.append(f"{where}: not marked right to left in {language}")
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    problems.append(f"{where}: {scroll} px wide")
                english = english_left(page.evaluate(READ_CHROME), content_of(world))
                problems += [f"{where}: English {text!r}" for text in english]
                page.screenshot(path=str(SHOTS / f"{language}-{width}-{persona}-{number}.png"), full_page=True)
            context.close()
    assert not problems, "\n".join(problems)
