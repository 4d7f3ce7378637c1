"""The user's own page of API tokens: make one (shown once), see when each was last used, revoke."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from api import tokens as token_service
from api.models import TokenScope


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"), max_length=80, help_text=gettext_lazy("What will use it, e.g. “Contract system”.")
    )
    scope = forms.ChoiceField(label=gettext_lazy("Scope"), choices=TokenScope.choices, initial=TokenScope.READ)
    days = forms.TypedChoiceField(
        label=gettext_lazy("Expires after"),
        coerce=int,
        choices=[(d, ngettext_lazy("%(n)d day", "%(n)d days", "n") % {"n": d}) for d in token_service.LIFETIMES],
        initial=90,
    )


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    plain = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, plain = token_service.token_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            form = TokenForm()
    return render(request, "api/tokens.html", {"form": form, "plain": plain, "tokens": request.user.api_tokens.all()})


@login_required
@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token = token_service.token_revoke(user=request.user, token_id=token_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api:tokens")
