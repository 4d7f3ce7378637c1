"""Inviting vendors by e-mail, joining through the link, accepting and declining."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Role, User
from rfp.models import AuditEntry, Status
from tests.factories import InvitationFactory, RFPFactory, VendorFactory
from vendors.models import Invitation, InvitationStatus, Vendor


def invite(client, world, **data):
    return client.post(reverse("vendors:invite", kwargs={"ref": world.rfp.reference}), data, follow=True)


def join_path(message) -> str:
    return re.search(r"http://[^/\s]+(/vendor/join/[0-9a-f-]+/)", message.body).group(1)


def test_procurement_invites_a_new_company_and_its_contact_gets_a_join_link(world, login, paula):
    reply = invite(
        login(paula),
        world,
        name="Lisbon Voice Services",
        country="Portugal",
        sites="Lisbon, Porto",
        languages="Portuguese, English",
        seats="300",
        certifications="ISO 27001",
        email="Bids@LisbonVoice.example",
    )
    assert "Invitation e-mailed to" in reply.content.decode()
    vendor = Vendor.objects.get(name="Lisbon Voice Services")
    assert vendor.sites == ["Lisbon", "Porto"] and vendor.certifications == ["ISO 27001"]
    invitation = Invitation.objects.get(vendor=vendor)
    assert invitation.email == "bids@lisbonvoice.example" and invitation.status == InvitationStatus.PENDING
    message = mail.outbox[-1]
    assert message.to == ["bids@lisbonvoice.example"]
    assert world.rfp.reference in message.subject
    assert join_path(message) == reverse("vendors:join", kwargs={"token": invitation.token})


def test_a_new_contact_sets_a_password_joins_the_company_and_lands_on_the_rfp(world, client, paula):
    vendor = VendorFactory(name="Lisbon Voice Services")
    invitation = InvitationFactory(
        rfp=world.rfp, vendor=vendor, email="bids@lisbonvoice.example", status=InvitationStatus.PENDING
    )
    path = reverse("vendors:join", kwargs={"token": invitation.token})
    assert "Create your account" in client.get(path).content.decode()
    reply = client.post(
        path,
        {
            "action": "join",
            "first_name": "Inês",
            "last_name": "Costa",
            "time_zone": "Europe/Lisbon",
            "password1": "Tagus-river-2027",
            "password2": "Tagus-river-2027",
        },
    )
    assert reply.status_code == 302 and reply.url == reverse("vendors:rfp", kwargs={"ref": world.rfp.reference})
    user = User.objects.get(username="bids@lisbonvoice.example")
    assert user.role == Role.VENDOR and user.company == vendor and user.timezone == "Europe/Lisbon"
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert client.get(reply.url).status_code == 200  # logged in, answering


def test_a_weak_or_mismatched_password_is_refused_with_a_message(world, client):
    invitation = InvitationFactory(rfp=world.rfp, vendor=VendorFactory(name="Tiny BPO"), email="a@tiny.example")
    path = reverse("vendors:join", kwargs={"token": invitation.token})
    page = client.post(
        path,
        {
            "action": "join",
            "first_name": "A",
            "last_name": "B",
            "time_zone": "UTC",
            "password1": "123",
            "password2": "123",
        },
    ).content.decode()
    assert "too short" in page or "too common" in page
    mismatch = client.post(
        path,
        {
            "action": "join",
            "first_name": "A",
            "last_name": "B",
            "time_zone": "UTC",
            "password1": "Tagus-river-2027",
            "password2": "Tagus-river-2028",
        },
    ).content.decode()
    assert "The two passwords differ" in mismatch
    assert not User.objects.filter(username="a@tiny.example").exists()


def test_an_existing_colleague_logs_in_and_accepts(world, login, ana):
    invitation = Invitation.objects.get(rfp=world.rfp, vendor=world.vendors["vendor"])
    invitation.status = InvitationStatus.PENDING
    invitation.save()
    client = login(ana)
    path = reverse("vendors:join", kwargs={"token": invitation.token})
    assert "Accept and start answering" in client.get(path).content.decode()
    client.post(path, {"action": "accept"})
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED


def test_someone_from_another_company_cannot_accept_through_the_link(world, login, ravi):
    invitation = Invitation.objects.get(rfp=world.rfp, vendor=world.vendors["vendor"])
    invitation.status = InvitationStatus.PENDING
    invitation.save()
    client = login(ravi)
    path = reverse("vendors:join", kwargs={"token": invitation.token})
    assert "This invitation is for another company" in client.get(path).content.decode()
    client.post(path, {"action": "accept"})
    client.post(path, {"action": "decline", "reason": "Sabotage"})
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_declining_records_the_reason_logs_it_and_shows_it_to_procurement(world, login, ana, paula):
    client = login(ana)
    client.post(
        reverse("vendors:decline", kwargs={"ref": world.rfp.reference}), {"reason": "No Arabic-speaking capacity."}
    )
    invitation = Invitation.objects.get(rfp=world.rfp, vendor=world.vendors["vendor"])
    assert invitation.status == InvitationStatus.DECLINED
    assert invitation.decline_reason == "No Arabic-speaking capacity."
    assert AuditEntry.objects.filter(action="invitation.declined", rfp=world.rfp).exists()
    assert client.get(reverse("vendors:rfp", kwargs={"ref": world.rfp.reference})).status_code == 404
    page = login(paula).get(reverse("vendors:invitations", kwargs={"ref": world.rfp.reference})).content.decode()
    assert "No Arabic-speaking capacity." in page


def test_declining_needs_a_reason(world, login, ana):
    login(ana).post(reverse("vendors:decline", kwargs={"ref": world.rfp.reference}), {"reason": "  "})
    assert Invitation.objects.get(rfp=world.rfp, vendor=world.vendors["vendor"]).status == InvitationStatus.ACCEPTED


def test_the_contact_can_decline_from_the_link_without_an_account(world, client):
    invitation = InvitationFactory(rfp=world.rfp, vendor=VendorFactory(name="Tiny BPO"), email="a@tiny.example")
    client.post(
        reverse("vendors:join", kwargs={"token": invitation.token}), {"action": "decline", "reason": "Too small."}
    )
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED


def test_a_draft_rfp_cannot_be_invited_to(world, login, paula, northwind):
    world.rfp.status = Status.DRAFT
    world.rfp.save()
    Invitation.objects.all().delete()
    reply = invite(login(paula), world, vendor=str(northwind.pk), email="bids@northwind.example")
    assert "no changes are accepted" in reply.content.decode()
    assert not Invitation.objects.exists()


def test_an_invited_company_is_not_invited_twice_and_a_new_company_name_must_be_new(world, login, paula):
    client = login(paula)
    invite(client, world, name="Northwind Contact", email="x@example.test")
    assert Vendor.objects.filter(name="Northwind Contact").count() == 1
    assert Invitation.objects.filter(rfp=world.rfp).count() == 2


def test_the_dashboard_shows_only_the_companys_own_invitations_with_progress(world, login, ana, ravi, bluepeak):
    other = RFPFactory(reference="RFP-2027-900", title="Bluepeak-only tender", status=Status.OPEN)
    InvitationFactory(rfp=other, vendor=bluepeak)
    page = login(ana).get(reverse("vendors:dashboard")).content.decode()
    assert world.rfp.title in page and "Bluepeak-only tender" not in page
    assert "0 of 10 required answered" in page and "Not started" in page
    assert "Bluepeak-only tender" in login(ravi).get(reverse("vendors:dashboard")).content.decode()


def test_the_dashboard_counts_queries_independently_of_the_number_of_invitations(world, login, ana, northwind):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(ana)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("vendors:dashboard"))
    for _n in range(5):
        InvitationFactory(rfp=RFPFactory(status=Status.OPEN), vendor=northwind)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("vendors:dashboard"))
    assert len(few) == len(many)


@pytest.mark.parametrize("persona", ["ana", "ravi"])
def test_vendors_never_see_the_buyers_invitation_pages(world, login, persona, request):
    user = request.getfixturevalue(persona)
    assert login(user).get(reverse("vendors:invitations", kwargs={"ref": world.rfp.reference})).status_code == 404
