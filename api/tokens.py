"""Writes of API tokens: make one (the plain token is returned once and never stored), revoke one,
and find the token a request carries."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken, TokenScope
from config.text_rules import check_names
from rfp.audit import audit_log

PREFIX = "slk_"  # marks a Shortlist token in logs and secret scanners
LIFETIMES = (30, 90, 365)  # days


def digest_of(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


def token_create(*, user, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with the plain token, which is shown once."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the token a name, e.g. the system that will use it.")})
    check_names([name], field=_("The name"), key="name")
    if scope not in TokenScope.values or days not in LIFETIMES:
        raise ValidationError(_("Choose a scope and a lifetime from the lists."))
    plain = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:80],
        prefix=plain[:12],
        digest=digest_of(plain),
        scope=scope,
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit_log(action="api_token.created", actor=user, obj=token, after={"name": token.name, "scope": scope})
    return token, plain


def token_revoke(*, user, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).first()
    if token is None:
        raise ValidationError(_("This token is already revoked, or it is not yours."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_log(action="api_token.revoked", actor=user, obj=token, after={"name": token.name})
    return token


def token_for(plain: str) -> ApiToken | None:
    """The active token with this value, or None (unknown, revoked or expired)."""
    if not plain.startswith(PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(plain)).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # at most a write a minute
    return token
