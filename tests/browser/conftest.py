"""Playwright driving the system Chromium (Debian's package; Playwright cannot download its own
browser here). Browser tests use pytest-django's live_server, so they need the transactional db."""

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def log_in(page, live_server):
    """Log a persona in through the real login form."""
    from tests.factories import PASSWORD

    def _log_in(user):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page

    return _log_in


# Reports each Content-Security-Policy refusal to the test. Playwright injects this script through
# the browser's debugging protocol, so the policy under test does not block the watcher itself.
_WATCH_POLICY = """
document.addEventListener("securitypolicyviolation", function (event) {
  window.reportPolicyViolation(event.violatedDirective + " refused " + (event.blockedURI || "inline code"));
});
"""


@pytest.fixture
def policy_violations(page):
    """The CSP violations on every page this test's tab opens, from the page's own event and from
    Chromium's console line for the same refusal (so one refusal may appear twice; tests expect none)."""
    refused = []

    def report(text: str) -> None:
        refused.append(text)

    def console(message) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.expose_function("reportPolicyViolation", report)
    page.add_init_script(_WATCH_POLICY)
    page.on("console", console)
    return refused
