"""E-mail goes through the "mail" queue (jobs/mail.py). The suite runs the queue's task eagerly;
a real worker delivering it is tested end to end in tests/browser/test_background_reports.py."""

import kombu.pools
import pytest
from django.core import mail
from django.core.mail import EmailMessage

from jobs.mail import queue_mail


@pytest.fixture
def unreachable_broker(settings):
    from config.celery import app

    def use(url: str, eager: bool) -> None:
        app.conf.broker_url = url
        app.conf.task_always_eager = eager
        # kombu keeps its pools in a registry of its own: closing one there would leave every later
        # task in this process with a closed pool, so the registry is emptied instead.
        kombu.pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    use("redis://127.0.0.1:1/0", eager=False)  # nothing listens on port 1
    yield
    use(settings.CELERY_BROKER_URL, eager=True)


def _messages():
    return [
        EmailMessage("Reminder", "Your response is not submitted yet.", "shortlist@localhost", [address])
        for address in ("bids@northwind.example.test", "bids@bluepeak.example.test")
    ]


def test_the_queued_messages_arrive_whole_one_recipient_each():
    assert queue_mail(_messages()) == 2
    assert [m.to for m in mail.outbox] == [["bids@northwind.example.test"], ["bids@bluepeak.example.test"]]
    assert {(m.subject, m.body) for m in mail.outbox} == {("Reminder", "Your response is not submitted yet.")}


def test_when_the_queue_cannot_be_reached_the_request_sends_the_mail_itself(unreachable_broker, caplog):
    assert queue_mail(_messages()) == 2
    assert len(mail.outbox) == 2
    assert "The mail queue cannot be reached; sending 2 message(s) from the request" in caplog.text


def test_with_the_queue_switched_off_the_request_sends_the_mail(settings):
    settings.MAIL_QUEUE = False
    assert queue_mail(_messages()) == 2 and len(mail.outbox) == 2
