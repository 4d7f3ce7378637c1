"""Project-wide request checks that belong to no app."""

import time

from django.core.exceptions import BadRequest
from django.http import HttpRequest


def _address_has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists())


class RefuseNulInAddressMiddleware:
    """Answers 400 for an address with a NUL character in its path or query string. No RFP
    reference, file name or search holds one, and PostgreSQL refuses it in a query (a server
    error), so it can only be tampering. Forms refuse a NUL in what is posted, with a message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if _address_has_nul(request):
            raise BadRequest("NUL character in the address")
        return self.get_response(request)


SESSION_REFRESH_SECONDS = 60
REFRESHED = "_refreshed"


def mark_session_refreshed(sender, request, user, **kwargs) -> None:
    """Logging in saves the session with a fresh expiry: the next minute's requests need not."""
    if request is not None and hasattr(request, "session"):
        request.session[REFRESHED] = int(time.time())


class SlidingSessionMiddleware:
    """Sessions end after SESSION_COOKIE_AGE idle seconds. Saving the session on every request
    would keep that exact, at the cost of a database write per request (every autosave, every
    poll of a job's progress); this moves the expiry on at most once a minute instead, so the idle
    limit holds to within a minute. Placed after SessionMiddleware, so it runs before the session
    is saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(REFRESHED, 0) >= SESSION_REFRESH_SECONDS:
                session[REFRESHED] = now
        return response
