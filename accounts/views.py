"""Account pages that Django's own views do not cover: the lockout page django-axes shows, and the
user name it records for an attempt."""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def locked_out(request: HttpRequest, credentials=None, *args, **kwargs) -> HttpResponse:
    """The login page again, with the reason and when to try again, answered 429 (Too Many
    Requests). django-axes calls this for a locked user name or address, whatever the password."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    message = _(
        "Too many wrong passwords: this account or this address is locked for %(minutes)s minutes. "
        "Try again later, reset your password, or ask an administrator to unlock it."
    ) % {"minutes": minutes}
    form = AuthenticationForm(request)
    return render(request, "accounts/login.html", {"form": form, "locked_message": message}, status=429)


def attempted_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The user name of a login attempt as django-axes records it: cut to the longest user name
    there can be, so that a 10,000-character guess is counted, not a database error."""
    from accounts.models import User

    source = credentials if credentials is not None else request.POST
    limit = User._meta.get_field(User.USERNAME_FIELD).max_length
    return str(source.get("username") or "")[:limit]
