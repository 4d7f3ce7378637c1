"""Waits the browser tests share."""


def wait_for_htmx(page):
    """htmx loads deferred: a click or keystroke before it binds the page's forms would go unheard
    (autosave) or post the whole form. Call after a click that navigates, before typing."""
    page.wait_for_function("() => document.readyState === 'complete' && window.htmx !== undefined")
