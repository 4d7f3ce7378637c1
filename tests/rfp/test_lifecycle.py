"""The RFP lifecycle: draft -> open -> closed -> evaluation -> decided -> archived.

Each allowed move changes the status and writes an audit entry with the status before and after;
each refused move raises TransitionError with a reason, changes nothing and writes nothing.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from rfp import services
from rfp.models import AuditEntry, Section, Status

pytestmark = pytest.mark.django_db


def put(rfp, status: str):
    rfp.status = status
    rfp.save(update_fields=["status"])
    return rfp


def assert_moved(rfp, before: str, after: str) -> None:
    rfp.refresh_from_db()
    assert rfp.status == after
    entry = AuditEntry.objects.get(rfp=rfp, action=f"rfp.{after}")
    assert entry.before == {"status": before}
    assert entry.after == {"status": after}


def assert_refused(rfp, status: str, call, match: str) -> None:
    entries = AuditEntry.objects.count()
    with pytest.raises(services.TransitionError, match=match):
        call()
    rfp.refresh_from_db()
    assert rfp.status == status
    assert AuditEntry.objects.count() == entries


# --- allowed ------------------------------------------------------------------------------------


def test_a_complete_draft_is_published(paula, draft_rfp):
    services.rfp_publish(rfp=draft_rfp, by=paula)
    assert_moved(draft_rfp, Status.DRAFT, Status.OPEN)
    assert draft_rfp.published_at is not None


def test_an_open_rfp_closes_after_its_deadline(paula, draft_rfp):
    put(draft_rfp, Status.OPEN)
    with time_machine.travel(draft_rfp.deadline + timedelta(minutes=1)):
        services.rfp_close(rfp=draft_rfp, by=paula)
    assert_moved(draft_rfp, Status.OPEN, Status.CLOSED)


def test_a_closed_rfp_goes_into_evaluation(paula, draft_rfp):
    services.rfp_start_evaluation(rfp=put(draft_rfp, Status.CLOSED), by=paula, without_bids=True)
    assert_moved(draft_rfp, Status.CLOSED, Status.EVALUATION)


def test_an_rfp_in_evaluation_is_decided(paula, draft_rfp):
    services.rfp_decide(rfp=put(draft_rfp, Status.EVALUATION), by=paula)
    assert_moved(draft_rfp, Status.EVALUATION, Status.DECIDED)


def test_a_decided_rfp_is_archived(paula, draft_rfp):
    services.rfp_archive(rfp=put(draft_rfp, Status.DECIDED), by=paula)
    assert_moved(draft_rfp, Status.DECIDED, Status.ARCHIVED)


# --- refused -----------------------------------------------------------------------------------


def test_a_draft_with_problems_is_not_published(paula, draft_rfp):
    Section.objects.filter(rfp=draft_rfp).update(weight=10)
    assert_refused(draft_rfp, Status.DRAFT, lambda: services.rfp_publish(rfp=draft_rfp, by=paula), "total 20")


def test_a_draft_with_a_past_deadline_is_not_published(paula, draft_rfp):
    draft_rfp.deadline = timezone.now() - timedelta(days=1)
    draft_rfp.save()
    assert_refused(draft_rfp, Status.DRAFT, lambda: services.rfp_publish(rfp=draft_rfp, by=paula), "future")


def test_an_open_rfp_does_not_close_before_its_deadline(paula, draft_rfp):
    put(draft_rfp, Status.OPEN)
    assert_refused(draft_rfp, Status.OPEN, lambda: services.rfp_close(rfp=draft_rfp, by=paula), "not passed")


def test_a_draft_cannot_be_closed(paula, draft_rfp):
    draft_rfp.deadline = timezone.now() - timedelta(days=1)
    draft_rfp.save()
    assert_refused(draft_rfp, Status.DRAFT, lambda: services.rfp_close(rfp=draft_rfp, by=paula), "draft cannot")


def test_an_open_rfp_cannot_skip_to_evaluation(paula, draft_rfp):
    put(draft_rfp, Status.OPEN)
    assert_refused(
        draft_rfp, Status.OPEN, lambda: services.rfp_start_evaluation(rfp=draft_rfp, by=paula), "open cannot"
    )


def test_an_archived_rfp_cannot_be_published_again(paula, draft_rfp):
    put(draft_rfp, Status.ARCHIVED)
    assert_refused(draft_rfp, Status.ARCHIVED, lambda: services.rfp_publish(rfp=draft_rfp, by=paula), "archived cannot")


def test_a_draft_cannot_be_decided_or_archived(paula, draft_rfp):
    assert_refused(draft_rfp, Status.DRAFT, lambda: services.rfp_decide(rfp=draft_rfp, by=paula), "draft cannot")
    assert_refused(draft_rfp, Status.DRAFT, lambda: services.rfp_archive(rfp=draft_rfp, by=paula), "draft cannot")


# --- through the pages -------------------------------------------------------------------------


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_refused_publication_shows_every_reason_and_changes_nothing(login, paula, draft_rfp):
    Section.objects.filter(rfp=draft_rfp).update(weight=10)
    draft_rfp.deadline = timezone.now() - timedelta(hours=1)
    draft_rfp.save()
    response = login(paula).post(reverse("rfp:publish", args=[draft_rfp.reference]), follow=True)
    shown = messages_of(response)
    assert "Section weights total 20; they must total 100." in shown
    assert "The deadline must be in the future." in shown
    draft_rfp.refresh_from_db()
    assert draft_rfp.status == Status.DRAFT


def test_publishing_from_the_builder_opens_the_rfp(login, paula, draft_rfp):
    response = login(paula).post(reverse("rfp:publish", args=[draft_rfp.reference]), follow=True)
    assert any("published" in m for m in messages_of(response))
    draft_rfp.refresh_from_db()
    assert draft_rfp.status == Status.OPEN


def test_closing_early_from_the_page_says_why(login, paula, draft_rfp):
    put(draft_rfp, Status.OPEN)
    response = login(paula).post(reverse("rfp:close", args=[draft_rfp.reference]), follow=True)
    assert "The deadline has not passed yet." in messages_of(response)
    draft_rfp.refresh_from_db()
    assert draft_rfp.status == Status.OPEN


@pytest.mark.parametrize(
    ("url_name", "start", "end"),
    [
        ("rfp:start_evaluation", Status.CLOSED, Status.EVALUATION),
        ("rfp:archive", Status.DECIDED, Status.ARCHIVED),
    ],
)
def test_each_lifecycle_button_moves_the_rfp_one_step(login, paula, draft_rfp, url_name, start, end):
    put(draft_rfp, start)
    login(paula).post(reverse(url_name, args=[draft_rfp.reference]), {"without_bids": "1"})  # none was submitted
    assert_moved(draft_rfp, start, end)


def test_the_builder_offers_only_the_legal_next_step(login, paula, draft_rfp):
    client = login(paula)
    page = client.get(reverse("rfp:detail", args=[draft_rfp.reference])).content.decode()
    assert reverse("rfp:publish", args=[draft_rfp.reference]) in page
    assert reverse("rfp:close", args=[draft_rfp.reference]) not in page
    put(draft_rfp, Status.OPEN)
    page = client.get(reverse("rfp:detail", args=[draft_rfp.reference])).content.decode()
    assert reverse("rfp:publish", args=[draft_rfp.reference]) not in page
    assert reverse("rfp:close", args=[draft_rfp.reference]) not in page  # the deadline is still ahead
    draft_rfp.deadline = timezone.now() - timedelta(minutes=5)
    draft_rfp.save()
    page = client.get(reverse("rfp:detail", args=[draft_rfp.reference])).content.decode()
    assert reverse("rfp:close", args=[draft_rfp.reference]) in page


def test_an_evaluator_cannot_publish(login, omar, draft_rfp):
    from tests.factories import MemberFactory

    MemberFactory(rfp=draft_rfp, user=omar, role="evaluator")
    response = login(omar).post(reverse("rfp:publish", args=[draft_rfp.reference]))
    assert response.status_code == 404
    draft_rfp.refresh_from_db()
    assert draft_rfp.status == Status.DRAFT
