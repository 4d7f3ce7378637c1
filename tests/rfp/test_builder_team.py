"""The team page (who is on an RFP, in which role), cloning, the audit log and the bank page."""

import pytest
from django.urls import reverse

from rfp import services
from rfp.models import RFP, AuditEntry, MemberRole, RFPMember, Section, Status
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def members_url(rfp) -> str:
    return reverse("rfp:members", args=[rfp.reference])


def add(client, rfp, identifier: str, role: str = MemberRole.EVALUATOR):
    return client.post(reverse("rfp:member_add", args=[rfp.reference]), {"identifier": identifier, "role": role})


def test_paula_adds_omar_by_username_as_an_evaluator(login, paula, omar, draft_rfp):
    response = add(login(paula), draft_rfp, "omar")
    assert response.status_code == 302
    assert RFPMember.objects.get(rfp=draft_rfp, user=omar).role == MemberRole.EVALUATOR


def test_paula_adds_dana_by_e_mail_as_an_executive(login, paula, dana, draft_rfp):
    add(login(paula), draft_rfp, "DANA@example.test", MemberRole.EXECUTIVE)
    assert RFPMember.objects.get(rfp=draft_rfp, user=dana).role == MemberRole.EXECUTIVE


def test_an_unknown_user_is_refused_with_a_message(login, paula, draft_rfp):
    response = add(login(paula), draft_rfp, "nobody@example.test")
    assert response.status_code == 200
    assert "No buyer user has the username or e-mail" in response.content.decode()
    assert draft_rfp.members.count() == 1


def test_a_vendor_user_cannot_be_added(login, paula, ana, draft_rfp):
    response = add(login(paula), draft_rfp, "ana")
    assert "No buyer user" in response.content.decode()
    assert not RFPMember.objects.filter(user=ana).exists()


def test_paula_cannot_demote_herself_as_the_only_procurement_member(login, paula, draft_rfp):
    response = add(login(paula), draft_rfp, "paula", MemberRole.EXECUTIVE)
    assert "only procurement member" in response.content.decode()
    assert RFPMember.objects.get(rfp=draft_rfp, user=paula).role == MemberRole.PROCUREMENT


def test_removing_a_member_takes_them_off_the_team(login, paula, omar, draft_rfp):
    member = MemberFactory(rfp=draft_rfp, user=omar, role=MemberRole.EVALUATOR)
    client = login(paula)
    response = client.post(reverse("rfp:member_remove", args=[draft_rfp.reference, member.pk]), follow=True)
    assert "Omar Haddad is no longer on the team." in response.content.decode()
    assert not RFPMember.objects.filter(pk=member.pk).exists()
    assert client.get(members_url(draft_rfp)).status_code == 200


def test_removing_the_last_procurement_member_is_refused(login, paula, draft_rfp):
    member = RFPMember.objects.get(rfp=draft_rfp, user=paula)
    response = login(paula).post(reverse("rfp:member_remove", args=[draft_rfp.reference, member.pk]), follow=True)
    assert "cannot be removed" in response.content.decode()
    assert RFPMember.objects.filter(pk=member.pk).exists()


def test_an_evaluator_sees_the_team_but_no_controls(login, omar, draft_rfp):
    MemberFactory(rfp=draft_rfp, user=omar, role=MemberRole.EVALUATOR)
    page = login(omar).get(members_url(draft_rfp)).content.decode()
    assert "Paula Lind" in page
    assert "Add member" not in page
    assert "Remove" not in page


def test_a_member_of_another_rfp_cannot_be_removed_through_this_one(login, paula, omar, draft_rfp):
    other = MemberFactory(user=omar, role=MemberRole.EVALUATOR)
    response = login(paula).post(reverse("rfp:member_remove", args=[draft_rfp.reference, other.pk]))
    assert response.status_code == 404
    assert RFPMember.objects.filter(pk=other.pk).exists()


# --- clone -------------------------------------------------------------------------------------


def test_cloning_makes_a_draft_and_opens_it(login, paula, draft_rfp):
    draft_rfp.status = Status.ARCHIVED
    draft_rfp.save()
    response = login(paula).post(reverse("rfp:clone", args=[draft_rfp.reference]))
    clone = RFP.objects.exclude(pk=draft_rfp.pk).get()
    assert response.url == reverse("rfp:detail", args=[clone.reference])
    assert clone.status == Status.DRAFT
    assert Section.objects.filter(rfp=clone).count() == 2


def test_a_clone_that_cannot_be_made_says_why_and_makes_nothing(login, paula, draft_rfp):
    draft_rfp.title = "T" * 200  # "Copy of ..." would be too long
    draft_rfp.save()
    response = login(paula).post(reverse("rfp:clone", args=[draft_rfp.reference]), follow=True)
    assert "The copy could not be made" in response.content.decode()
    assert RFP.objects.count() == 1


def test_cloning_needs_a_post(login, paula, draft_rfp):
    assert login(paula).get(reverse("rfp:clone", args=[draft_rfp.reference])).status_code == 405


# --- audit log ---------------------------------------------------------------------------------


def test_the_audit_log_shows_who_changed_what_from_what_to_what(login, paula, draft_rfp):
    section = draft_rfp.sections.order_by("order").first()
    services.section_save(section=section, by=paula, weight=42)
    page = login(paula).get(reverse("rfp:audit", args=[draft_rfp.reference])).content.decode()
    assert "section.saved" in page
    assert "Paula Lind" in page
    assert '<span class="sl-change-before">50.00</span>' in page
    assert '<span class="sl-change-after">42' in page


def test_the_audit_log_is_paginated(login, paula, draft_rfp):
    for _ in range(60):
        AuditEntry.objects.create(rfp=draft_rfp, actor=paula, action="test.entry")
    client = login(paula)
    assert "Page 1 of 2" in client.get(reverse("rfp:audit", args=[draft_rfp.reference])).content.decode()
    assert client.get(reverse("rfp:audit", args=[draft_rfp.reference]) + "?page=99").status_code == 200


def test_an_evaluator_cannot_read_the_audit_log(login, omar, draft_rfp):
    MemberFactory(rfp=draft_rfp, user=omar, role=MemberRole.EVALUATOR)
    assert login(omar).get(reverse("rfp:audit", args=[draft_rfp.reference])).status_code == 404


# --- the bank ----------------------------------------------------------------------------------


def test_the_bank_page_loads_the_bank_and_shows_rubrics_rules_and_benchmarks(login, paula):
    page = login(paula).get(reverse("rfp:bank")).content.decode()
    assert "SLA and KPI consistency" in page
    assert "Points per choice" in page
    assert "Linear: 120 or worse scores 0, 20 or better scores 5." in page
    assert "Average agent attrition is about 40% a year" in page
    assert "Rubric for evaluators" in page
    assert "sl-badge knockout" in page
    assert "Edit in admin" not in page


def test_staff_get_a_link_to_edit_bank_questions_in_the_admin(login, paula):
    paula.is_staff = True
    paula.save()
    page = login(paula).get(reverse("rfp:bank")).content.decode()
    assert "Edit in admin" in page


def test_evaluators_do_not_reach_the_bank(login, omar):
    assert login(omar).get(reverse("rfp:bank")).status_code == 404
