"""Procurement reminds the invited companies that have not submitted: each company is e-mailed on
its own, those that submitted or declined are left alone, and the page says who was reminded."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rfp.models import AuditEntry
from vendors.models import Invitation, InvitationStatus, ResponseStatus


def remind(client, world):
    return client.post(reverse("vendors:remind", kwargs={"ref": world.rfp.reference}), follow=True)


def test_each_company_that_has_not_submitted_gets_its_own_reminder(world, login, paula, ana, ravi):
    reply = remind(login(paula), world)
    page = reply.content.decode()
    assert "A reminder is on its way to 2 companies." in page
    by_company = {}
    for message in mail.outbox:
        assert len(message.to) == 1  # never a shared To: line
        by_company.setdefault("Northwind" in message.body, []).extend(message.to)
    northwind, bluepeak = world.vendors["vendor"], world.vendors["rival"]
    assert ana.email.lower() in by_company[True]
    assert ravi.email.lower() in by_company[False]
    assert all(northwind.name not in m.body for m in mail.outbox if ravi.email.lower() in m.to)
    assert all(bluepeak.name not in m.body for m in mail.outbox if ana.email.lower() in m.to)
    assert all(world.rfp.reference in m.subject and "not submitted" in m.subject for m in mail.outbox)
    assert reverse("vendors:rfp", kwargs={"ref": world.rfp.reference}) in mail.outbox[0].body
    assert Invitation.objects.filter(rfp=world.rfp, reminded_at__isnull=False).count() == 2
    assert page.count("reminded ") == 2
    entry = AuditEntry.objects.get(action="invitation.reminded")
    assert entry.actor == paula and sorted(entry.after["vendors"]) == sorted([northwind.name, bluepeak.name])


def test_companies_that_submitted_or_declined_are_not_reminded(world, login, paula, ana, ravi):
    world.responses["rival"].status = ResponseStatus.SUBMITTED
    world.responses["rival"].save()
    reply = remind(login(paula), world)
    assert "A reminder is on its way to 1 company." in reply.content.decode()
    assert {address for m in mail.outbox for address in m.to} >= {ana.email.lower()}
    assert not any(ravi.email.lower() in m.to for m in mail.outbox)

    Invitation.objects.filter(rfp=world.rfp, vendor=world.vendors["vendor"]).update(status=InvitationStatus.DECLINED)
    mail.outbox.clear()
    reply = remind(login(paula), world)
    assert "there is no one to remind" in reply.content.decode()
    assert mail.outbox == []
    assert "Send reminders" not in reply.content.decode()


def test_after_the_deadline_nobody_is_reminded(world, login, paula):
    world.rfp.deadline = timezone.now() - timedelta(minutes=1)
    world.rfp.save()
    reply = remind(login(paula), world)
    assert "The deadline passed" in reply.content.decode()
    assert mail.outbox == [] and not Invitation.objects.filter(reminded_at__isnull=False).exists()


@pytest.mark.parametrize("persona", ["evaluator", "executive", "vendor", "outsider"])
def test_only_procurement_may_send_reminders(world, login, persona):
    reply = login(world.users[persona]).post(reverse("vendors:remind", kwargs={"ref": world.rfp.reference}))
    assert reply.status_code in (403, 404)
    assert mail.outbox == [] and not Invitation.objects.filter(reminded_at__isnull=False).exists()


def test_the_page_offers_reminders_only_while_someone_is_waiting(world, login, paula):
    page = login(paula).get(reverse("vendors:invitations", kwargs={"ref": world.rfp.reference})).content.decode()
    assert "2 invited companies have neither submitted nor declined." in page
    assert "Send reminders" in page


def test_the_daily_reminder_e_mails_each_company_once_when_the_deadline_is_near(world, ana, ravi):
    from django.core.management import call_command

    world.rfp.deadline = timezone.now() + timedelta(days=2)
    world.rfp.save()
    # Bluepeak was reminded by hand a week ago, before the last three days began: it hears again.
    Invitation.objects.filter(rfp=world.rfp, vendor=world.vendors["rival"]).update(
        reminded_at=timezone.now() - timedelta(days=7)
    )
    out = io.StringIO()
    call_command("send_reminders", days=3, stdout=out)
    assert out.getvalue().strip() == f"{world.rfp.reference}: companies reminded: 2"
    assert {address for m in mail.outbox for address in m.to} >= {ana.email.lower(), ravi.email.lower()}
    entry = AuditEntry.objects.get(action="invitation.reminded")
    assert entry.actor is None and entry.after["automatic"] is True
    # The next day: everyone was reminded inside the window, so nobody is e-mailed twice.
    mail.outbox.clear()
    out = io.StringIO()
    call_command("send_reminders", days=3, stdout=out)
    assert out.getvalue().strip() == "No reminder due." and not mail.outbox


def test_the_daily_reminder_waits_for_the_window_and_skips_those_who_submitted(world, ana, ravi):
    from django.core.management import call_command

    world.rfp.deadline = timezone.now() + timedelta(days=10)
    world.rfp.save()
    call_command("send_reminders", days=3, stdout=io.StringIO())
    assert not mail.outbox
    world.rfp.deadline = timezone.now() + timedelta(days=1)
    world.rfp.save()
    world.responses["rival"].status = ResponseStatus.SUBMITTED
    world.responses["rival"].save()
    call_command("send_reminders", days=3, stdout=io.StringIO())
    addresses = {address for m in mail.outbox for address in m.to}
    assert ana.email.lower() in addresses and ravi.email.lower() not in addresses
