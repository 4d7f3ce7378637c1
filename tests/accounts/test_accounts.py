"""Accounts that resist attack: lockout after repeated wrong passwords, password reset by e-mail
with a link that works once, sessions that end after idle time."""

import re
from datetime import timedelta

import time_machine
from axes.utils import reset
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD

LOGIN = "/accounts/login/"


def _try(client: Client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_twenty_wrong_passwords_lock_the_account_until_an_administrator_unlocks_it(paula):
    client = Client()
    for _ in range(19):
        assert _try(client, "paula", "wrong-password").status_code == 200
    assert _try(client, "paula", "wrong-password").status_code == 429  # the twentieth locks
    refused = _try(client, "paula", PASSWORD)
    assert refused.status_code == 429 and "locked" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # The same user name from another address is locked too.
    assert _try(Client(), "paula", PASSWORD, address="198.51.100.9").status_code == 429
    reset(username="paula")
    assert _try(client, "paula", PASSWORD).status_code == 302


def test_the_lock_lifts_by_itself_after_the_lockout_time(paula, settings):
    client = Client()
    for _ in range(20):
        _try(client, "paula", "wrong-password")
    assert _try(client, "paula", PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert _try(client, "paula", PASSWORD).status_code == 302


def test_one_address_guessing_many_user_names_is_locked(paula, omar):
    client = Client()
    for n in range(20):
        _try(client, f"nobody-{n}", "wrong-password", address="192.0.2.50")
    assert _try(client, "omar", PASSWORD, address="192.0.2.50").status_code == 429
    assert _try(Client(), "omar", PASSWORD, address="192.0.2.51").status_code == 302


def test_a_password_reset_email_arrives_and_its_link_works_once(paula):
    paula.email = "paula@buyer.example"
    paula.save()
    client = Client()
    page = client.post(reverse("accounts:password_reset"), {"email": "paula@buyer.example"}, follow=True)
    assert "Check your mailbox" in page.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["paula@buyer.example"]
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    new = "a-new-long-passphrase-2027"
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": new, "new_password2": new},
        follow=True,
    )
    assert "Your new password is saved" in done.content.decode()
    assert _try(Client(), "paula", new).status_code == 302
    again = Client().get(link, follow=True).content.decode()
    assert "This link no longer works" in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(db):
    page = Client().post(reverse("accounts:password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert "Check your mailbox" in page.content.decode() and not mail.outbox


def test_a_weak_new_password_is_refused_with_the_validators_message(paula, login):
    page = login(paula).post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert "too common" in page.content.decode() or "entirely numeric" in page.content.decode()


def test_a_weak_password_through_the_reset_link_is_refused_with_the_validators_messages(paula):
    paula.email = "paula@buyer.example"
    paula.save()
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": "paula@buyer.example"})
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    page = client.post(form_url, {"new_password1": "1234567", "new_password2": "1234567"})
    text = page.content.decode()
    assert page.status_code == 200 and "Choose a new password" in text
    assert "too short" in text and "too common" in text and "entirely numeric" in text
    assert _try(Client(), "paula", PASSWORD).status_code == 302  # the old password still works


def test_a_session_left_idle_past_the_limit_is_signed_out(paula, settings):
    client = Client()
    client.force_login(paula)
    assert client.get(reverse("rfp:list")).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=100)):
        assert client.get(reverse("rfp:list")).status_code == 200  # active within the limit
    with time_machine.travel(timezone.now() + timedelta(minutes=100 + 121)):
        reply = client.get(reverse("rfp:list"))
        assert reply.status_code == 302 and LOGIN in reply["Location"]


def test_the_idle_expiry_moves_on_without_a_session_write_on_every_request(paula):
    client = Client()
    client.force_login(paula)
    client.get(reverse("rfp:list"))
    from django.contrib.sessions.models import Session

    def expiry():
        return Session.objects.get(session_key=client.session.session_key).expire_date

    first = expiry()
    with time_machine.travel(timezone.now() + timedelta(seconds=20)):
        client.get(reverse("rfp:list"))
        assert expiry() == first  # within the minute: not written again
    with time_machine.travel(timezone.now() + timedelta(minutes=30)):
        client.get(reverse("rfp:list"))
        assert expiry() > first + timedelta(minutes=29)  # later: moved on from this request
