"""Clarifications: vendors ask privately; procurement answers and publishes to every invited vendor
without the asker's identity."""

from django.core import mail
from django.urls import reverse

from accounts.models import Role
from rfp.models import AuditEntry, Clarification
from tests.factories import InvitationFactory, UserFactory, VendorFactory
from vendors.models import InvitationStatus


def ask(client, world, text, question=None):
    data = {"text": text, "question": str(question.pk) if question else ""}
    return client.post(reverse("vendors:clarifications", kwargs={"ref": world.rfp.reference}), data, follow=True)


def vendor_page(client, world) -> str:
    return client.get(reverse("vendors:clarifications", kwargs={"ref": world.rfp.reference})).content.decode()


def test_a_vendor_asks_privately_and_procurement_is_told(world, login, ana, ravi, paula):
    ask(login(ana), world, "Northwind asks: is weekend cover in scope?", world.questions[1])
    clarification = Clarification.objects.get()
    assert clarification.vendor == world.vendors["vendor"] and clarification.asked_by == ana
    assert clarification.question == world.questions[1]
    assert mail.outbox[-1].to == [paula.email]
    assert "Northwind asks" in vendor_page(login(ana), world)
    assert "Northwind asks" not in vendor_page(login(ravi), world)
    buyer = login(paula).get(reverse("vendors:buyer_clarifications", kwargs={"ref": world.rfp.reference}))
    assert "Northwind asks" in buyer.content.decode() and "Northwind Contact" in buyer.content.decode()


def test_an_empty_question_is_refused(world, login, ana):
    page = ask(login(ana), world, "   ").content.decode()
    assert "This field is required" in page
    assert not Clarification.objects.exists()


def test_publishing_shows_the_reworded_qa_to_every_invited_vendor_without_the_asker(world, login, ana, ravi, paula):
    ask(login(ana), world, "We at Northwind wonder: is weekend cover in scope?")
    clarification = Clarification.objects.get()
    mail.outbox.clear()
    login(paula).post(
        reverse("vendors:answer_clarification", kwargs={"ref": world.rfp.reference, "pk": clarification.pk}),
        {
            f"c{clarification.pk}-text": "Is weekend cover in scope?",
            f"c{clarification.pk}-answer": "Yes, Saturdays 09:00-17:00.",
            f"c{clarification.pk}-publish": "on",
        },
    )
    clarification.refresh_from_db()
    assert clarification.published_at is not None and clarification.answered_by == paula
    rival_page = vendor_page(login(ravi), world)
    assert "Is weekend cover in scope?" in rival_page and "Saturdays 09:00-17:00" in rival_page
    assert "Northwind" not in rival_page.split("Clarifications")[-1].split("Ask the buyer")[0]
    assert "Asked by your company" not in rival_page
    assert "Asked by your company" in vendor_page(login(ana), world)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert ana.email in recipients and ravi.email in recipients
    assert all(len(message.to) == 1 for message in mail.outbox)  # nobody sees the others' addresses
    assert all("Northwind" not in message.body for message in mail.outbox)
    assert AuditEntry.objects.filter(action="clarification.published").exists()


def test_declined_vendors_are_not_notified(world, login, ana, paula):
    declined = VendorFactory(name="Quiet BPO")
    InvitationFactory(rfp=world.rfp, vendor=declined, email="quiet@bpo.example", status=InvitationStatus.DECLINED)
    UserFactory(username="quiet", role=Role.VENDOR, company=declined)
    ask(login(ana), world, "A question?")
    clarification = Clarification.objects.get()
    mail.outbox.clear()
    login(paula).post(
        reverse("vendors:answer_clarification", kwargs={"ref": world.rfp.reference, "pk": clarification.pk}),
        {
            f"c{clarification.pk}-text": "A question?",
            f"c{clarification.pk}-answer": "An answer.",
            f"c{clarification.pk}-publish": "on",
        },
    )
    recipients = {address for message in mail.outbox for address in message.to}
    assert "quiet@bpo.example" not in recipients and "quiet@example.test" not in recipients
    assert recipients


def test_publishing_without_an_answer_is_refused(world, login, ana, paula):
    ask(login(ana), world, "A question?")
    clarification = Clarification.objects.get()
    reply = login(paula).post(
        reverse("vendors:answer_clarification", kwargs={"ref": world.rfp.reference, "pk": clarification.pk}),
        {f"c{clarification.pk}-text": "A question?", f"c{clarification.pk}-publish": "on"},
        follow=True,
    )
    assert "Write an answer before publishing" in reply.content.decode()
    clarification.refresh_from_db()
    assert clarification.published_at is None


def test_a_private_answer_is_seen_by_the_asker_only(world, login, ana, ravi, paula):
    ask(login(ana), world, "Private question?")
    clarification = Clarification.objects.get()
    login(paula).post(
        reverse("vendors:answer_clarification", kwargs={"ref": world.rfp.reference, "pk": clarification.pk}),
        {f"c{clarification.pk}-text": "Private question?", f"c{clarification.pk}-answer": "Private answer."},
    )
    assert "Private answer." in vendor_page(login(ana), world)
    assert "Private answer." not in vendor_page(login(ravi), world)
