"""E-mail sent by a worker on the "mail" queue, so that a page that invites twenty vendors or
publishes a clarification to all of them answers at once, and a mail server that is slow or down
delays messages instead of failing the page.

The messages are rendered in the request (in its language, with its links) and handed over whole;
the worker only delivers them, one recipient per message as the callers make them. When the
broker cannot be reached the messages are sent from the request instead: a late page is better
than a lost invitation.
"""

import logging
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

logger = logging.getLogger(__name__)


def as_payload(message: EmailMessage) -> dict:
    return {"subject": message.subject, "body": message.body, "from_email": message.from_email, "to": message.to}


def from_payload(payload: dict) -> EmailMessage:
    return EmailMessage(payload["subject"], payload["body"], payload["from_email"], payload["to"])


def send_now(messages: Sequence[EmailMessage]) -> int:
    return get_connection().send_messages(list(messages)) or 0


def queue_mail(messages: Sequence[EmailMessage]) -> int:
    """Hands the messages to the mail queue; returns how many were handed over (or sent)."""
    if not messages:
        return 0
    if not settings.MAIL_QUEUE:
        return send_now(messages)
    import config.celery  # noqa: F401 - the broker settings, loaded only when there is mail to hand over
    from jobs.tasks import deliver_mail

    payload = [as_payload(message) for message in messages]
    try:
        deliver_mail.apply_async(args=[payload], queue="mail")
    except Exception:  # kombu raises its own and the socket's errors: any of them means "not queued"
        logger.warning("The mail queue cannot be reached; sending %d message(s) from the request", len(payload))
        return send_now(messages)
    return len(payload)
