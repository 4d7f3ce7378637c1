"""Account pages that Django's own views do not cover as they are: the lockout page django-axes
shows, and a password reset that also lifts the lock on the user name."""

from axes.utils import reset as reset_lockout
from django.conf import settings
from django.contrib.auth import views as auth_views
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


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's view, and then the lock on the user name is lifted: whoever opened the e-mailed
    link owns the mailbox. django-axes keeps each failure as one row per user name and address, so
    the guesses at the old password also stop counting against the addresses they came from; other
    guesses from those addresses still count."""

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_lockout(username=form.user.get_username())
        return response
