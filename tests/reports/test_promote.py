"""Promoting a decided RFI's shortlist into a new draft RFP, and the demo's own decision."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reports import selectors, services
from reports.demo import DEMO_RFP_REFERENCE, seed_demo_shortlist
from rfp.models import RFP, Kind, MemberRole, Status
from rfp.services import bank_load
from vendors.models import InvitationStatus

RATIONALE = "Harbor and Vistula lead on attrition and security."


@pytest.fixture
def decided(evaluated, paula, django_capture_on_commit_callbacks):
    chosen = [evaluated.vendors_by_name[n].pk for n in ("Harbor Premium Contact", "Vistula Nearshore CX")]
    services.shortlist_save(rfp=evaluated, by=paula, vendor_ids=chosen, rationale=RATIONALE)
    with django_capture_on_commit_callbacks(execute=True):
        services.shortlist_publish(rfp=evaluated, by=paula)
    evaluated.refresh_from_db()
    return evaluated


def in_a_month():
    return timezone.now() + timedelta(days=30)


def test_promotion_creates_a_draft_rfp_with_the_rfi_questions_and_invites_only_the_shortlisted(decided, paula):
    promoted = services.shortlist_promote(rfp=decided, by=paula, deadline=in_a_month(), title="Customer service RFP")
    assert promoted.status == Status.DRAFT and promoted.kind == Kind.RFP
    assert promoted.source_rfp == decided and promoted.title == "Customer service RFP"
    assert promoted.sections.count() == decided.sections.count()
    keys = lambda rfp: sorted(rfp.sections.values_list("questions__key", flat=True))  # noqa: E731
    assert keys(promoted) == keys(decided)
    invited = dict(promoted.invitations.values_list("vendor__name", "status"))
    assert invited == {
        "Harbor Premium Contact": InvitationStatus.PENDING,
        "Vistula Nearshore CX": InvitationStatus.PENDING,
    }
    roles = dict(promoted.members.values_list("user__username", "role"))
    assert roles == {
        "paula": MemberRole.PROCUREMENT,
        "omar": MemberRole.EVALUATOR,
        "lena": MemberRole.EVALUATOR,
        "dana": MemberRole.EXECUTIVE,
    }


def test_promotion_can_take_chosen_sections_of_the_bank_instead(decided, paula):
    bank_load()
    promoted = services.shortlist_promote(
        rfp=decided,
        by=paula,
        deadline=in_a_month(),
        questions=services.QUESTIONS_FROM_BANK,
        bank_sections=["pricing", "exit"],
    )
    assert sorted(promoted.sections.values_list("key", flat=True)) == ["exit", "pricing"]
    assert sum(promoted.sections.values_list("weight", flat=True)) == 100


def test_only_a_published_shortlist_can_be_promoted(evaluated, paula):
    with pytest.raises(ValidationError):
        services.shortlist_promote(rfp=evaluated, by=paula, deadline=in_a_month())
    assert not RFP.objects.filter(source_rfp=evaluated).exists()


def test_the_promote_page_refuses_a_past_deadline_and_creates_nothing(decided, paula, login):
    url = reverse("reports:promote", kwargs={"ref": decided.reference})
    page = login(paula).post(url, {"title": "RFP", "deadline": "2020-01-01T10:00", "questions": "source"})
    assert page.status_code == 200
    assert "deadline must be in the future" in page.content.decode()
    assert not RFP.objects.filter(source_rfp=decided).exists()


def test_the_promote_page_creates_the_draft_and_opens_it(decided, paula, login):
    url = reverse("reports:promote", kwargs={"ref": decided.reference})
    deadline = timezone.localtime(in_a_month()).strftime("%Y-%m-%dT%H:%M")
    response = login(paula).post(url, {"title": "Customer service RFP", "deadline": deadline, "questions": "source"})
    promoted = RFP.objects.get(source_rfp=decided)
    assert response.status_code == 302
    assert response.url == reverse("rfp:detail", kwargs={"ref": promoted.reference})


def test_the_demo_decision_shortlists_the_top_three_valid_vendors_and_promotes_them(evaluated, paula):
    promoted = seed_demo_shortlist(evaluated, paula)
    evaluated.refresh_from_db()
    shortlist = selectors.shortlist_of(evaluated)
    assert evaluated.status == Status.DECIDED and shortlist.is_published
    names = [entry.vendor.name for entry in shortlist.entries.all()]
    assert names == ["Harbor Premium Contact", "Vistula Nearshore CX", "Coral Coast Outsourcing"]
    assert "Atlas Multilingual Services is excluded" in shortlist.rationale
    assert promoted.reference == DEMO_RFP_REFERENCE and promoted.status == Status.DRAFT
    assert sorted(promoted.invitations.values_list("vendor__name", flat=True)) == sorted(names)
    assert seed_demo_shortlist(evaluated, paula) == promoted, "running it again changes nothing"
