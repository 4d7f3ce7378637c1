"""Tasks of the "mail" queue (see jobs/mail.py)."""

import smtplib

from celery import shared_task

from jobs.mail import from_payload, send_now


@shared_task(
    name="jobs.tasks.deliver_mail",
    acks_late=True,
    reject_on_worker_lost=True,
    # A mail server that is down or refuses for a moment: try again later, up to about an hour.
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=900,
    max_retries=8,
)
def deliver_mail(payload: list[dict]) -> int:
    return send_now([from_payload(item) for item in payload])
