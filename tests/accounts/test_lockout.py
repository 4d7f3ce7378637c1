"""The lockout against password guessing, beyond the basic lock: what lifts it, what must not,
how the page and the log show it, and which address it counts behind a proxy."""

import logging
import re
from datetime import timedelta

import time_machine
from axes.models import AccessAttempt
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from tests.factories import PASSWORD, UserFactory

LOGIN = "/accounts/login/"
ATTACKER = "203.0.113.66"
ATTEMPT_FAILURES = ">20<"  # the failure count in the admin's list of attempts


def _try(username: str, password: str, address: str = ATTACKER, client: Client | None = None, **headers):
    client = client or Client()
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def _fail(username: str, times: int, address: str = ATTACKER, **headers) -> None:
    for _ in range(times):
        _try(username, "wrong-password", address, **headers)


def _reset_link(email: str) -> str:
    Client().post(reverse("accounts:password_reset"), {"email": email})
    return re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[-1].body).group(1)


def _set_new_password(link: str, password: str):
    client = Client()
    form = client.get(link, follow=True)
    return client.post(form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}, follow=True)


def test_logging_in_as_someone_else_does_not_wipe_the_guesses_against_a_user(paula, omar):
    _fail("paula", 19)
    assert _try("omar", PASSWORD).status_code == 302  # a real account, from the guesser's address
    assert _try("paula", "wrong-password").status_code == 429  # still the twentieth guess


def test_the_locked_page_is_the_login_page_with_the_reason_and_the_lock_is_logged(paula, caplog):
    with caplog.at_level(logging.WARNING, logger="accounts.lockout"):
        _fail("paula", 20)
        page = _try("paula", PASSWORD)
    text = page.content.decode()
    assert page.status_code == 429
    assert "locked for 30 minutes" in text and "Log in to Shortlist" in text
    assert 'name="password"' in text and "Forgot your password?" in text
    logged = [r.getMessage() for r in caplog.records if r.name == "accounts.lockout"]
    assert len(logged) == 2  # the twentieth failure, then the refused right password
    assert "account 'paula', address 203.0.113.66" in logged[0]


def test_a_password_typed_as_the_user_name_stays_out_of_the_lockout_log(db, caplog):
    with caplog.at_level(logging.WARNING, logger="accounts.lockout"):
        _fail("MySecret-Passw0rd", 20)
    logged = " ".join(r.getMessage() for r in caplog.records if r.name == "accounts.lockout")
    assert "a user name that is no account" in logged and "MySecret" not in logged


def test_an_administrator_unlocks_an_account_from_the_admin(paula):
    _fail("paula", 20)
    support = UserFactory(username="support", role=Role.PROCUREMENT, is_staff=True, is_superuser=True)
    admin = Client()
    admin.force_login(support)
    listing = admin.get("/admin/axes/accessattempt/").content.decode()
    assert "paula" in listing and ATTEMPT_FAILURES in listing
    attempt = AccessAttempt.objects.get(username="paula")
    admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert _try("paula", PASSWORD).status_code == 302


def test_an_administrator_unlocks_an_account_from_the_command_line(paula):
    _fail("paula", 20)
    assert _try("paula", PASSWORD, address="198.51.100.40").status_code == 429
    call_command("axes_reset_username", "paula")
    assert _try("paula", PASSWORD, address="198.51.100.40").status_code == 302


def test_the_limit_and_the_lockout_time_follow_the_settings(paula, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = 10 / 60
    _fail("paula", 3)
    refused = _try("paula", PASSWORD)
    assert refused.status_code == 429 and "locked for 10 minutes" in refused.content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert _try("paula", PASSWORD).status_code == 302


def test_a_new_password_from_the_emailed_link_lifts_the_lock_on_the_user_name(paula):
    paula.email = "paula@buyer.example"
    paula.save()
    _fail("paula", 20)
    assert _try("paula", PASSWORD, address="198.51.100.20").status_code == 429
    done = _set_new_password(_reset_link("paula@buyer.example"), "a-fresh-long-passphrase-2027")
    assert "Your new password is saved" in done.content.decode()
    assert _try("paula", "a-fresh-long-passphrase-2027", address="198.51.100.20").status_code == 302


def test_a_new_password_for_one_user_leaves_the_guesses_at_others_counted(paula, omar):
    paula.email = "paula@buyer.example"
    paula.save()
    _fail("paula", 10)
    _fail("omar", 10)
    _set_new_password(_reset_link("paula@buyer.example"), "a-fresh-long-passphrase-2027")
    _fail("omar", 9)
    assert _try("omar", "wrong-password").status_code == 429  # the twentieth guess at omar's password


def test_behind_a_trusted_proxy_each_visitor_is_counted_by_its_own_address(paula, omar, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for n in range(20):
        _try(f"nobody-{n}", "wrong-password", proxy, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert _try("omar", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=ATTACKER).status_code == 429
    assert _try("omar", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="198.51.100.30").status_code == 302


def test_without_a_trusted_proxy_a_forged_forwarded_address_does_not_escape_the_lock(paula, omar):
    for n in range(20):
        _try(f"nobody-{n}", "wrong-password", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert _try("omar", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_a_proxy_header_that_is_no_address_counts_against_the_connection(paula, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    _fail("paula", 20, address="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    assert _try("paula", PASSWORD, "10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.31").status_code == 429
