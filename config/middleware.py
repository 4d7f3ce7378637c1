"""Project-wide request checks that belong to no app."""

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
