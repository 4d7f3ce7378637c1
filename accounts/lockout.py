"""What django-axes records of a login attempt (the user name tried, the address it came from), and
the log line when a lock applies."""

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def attempted_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The user name of a login attempt as django-axes records it: cut to the longest user name
    there can be, so that a 10,000-character guess is counted, not a database error."""
    from accounts.models import User

    source = credentials if credentials is not None else request.POST
    limit = User._meta.get_field(User.USERNAME_FIELD).max_length
    return str(source.get("username") or "")[:limit]


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def client_address(request: HttpRequest) -> str | None:
    """The address a login attempt is counted against. Behind TRUSTED_PROXY_COUNT proxies it is
    the entry of X-Forwarded-For that the outermost of them wrote, counted from the right: entries
    further left come from the client and could be anything. Anything that is not an address falls
    back to the connection's own address, which the database column accepts."""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < count or not _is_address(hops[-count]):
        return remote
    return hops[-count]


def _who(username: str | None) -> str:
    """The account for the log, named only when it exists: a password typed into the user name
    field by mistake must not end up in the log."""
    from accounts.models import User

    if username and User.objects.filter(**{User.USERNAME_FIELD: username}).exists():
        return f"account {username!r}"
    return "a user name that is no account"


def log_lockout(sender, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs) -> None:
    """One warning each time the lock applies (on the failure that reaches the limit, then on each
    refused attempt), for the operator: axes's own lines mask the user name and the address."""
    logger.warning(
        "Login locked out after too many wrong passwords: %s, address %s, for up to %d minutes.",
        _who(username),
        ip_address,
        round(settings.AXES_COOLOFF_TIME * 60),
    )
