"""E-mails of the vendor portal, rendered from templates/emails/<name>_subject.txt and <name>.txt.

Every recipient gets a message of their own: vendors must never see each other's addresses, and a
published clarification must not reveal who asked it.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from jobs.mail import queue_mail


def absolute_url(name: str, **kwargs) -> str:
    """A link that works from a mail client: SITE_URL plus the path."""
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def send_templated(*, template: str, to: Iterable[str], context: dict) -> int:
    """One message per address, handed to the mail queue; returns how many."""
    addresses = sorted({address.strip().lower() for address in to if address and address.strip()})
    if not addresses:
        return 0
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    body = render_to_string(f"emails/{template}.txt", context)
    messages = [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses]
    return queue_mail(messages)
