"""What a token may do: a read-only token reads; a read-write token also writes. A signed-in web
session (the docs page trying a call) writes as the user would on the pages."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from api.models import ApiToken


class TokenScopePermission(BasePermission):
    message = _("This token is read-only: make a read-and-write token to change anything.")

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS or not isinstance(request.auth, ApiToken):
            return True
        return request.auth.can_write
