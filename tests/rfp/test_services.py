"""The builder's services: creating from the bank, cloning, reordering, weights and the team."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rfp import services
from rfp.models import RFP, AuditEntry, BankQuestion, BankSection, MemberRole, Question, RFPMember, Status
from tests.factories import MemberFactory, RFPFactory

pytestmark = pytest.mark.django_db


def rfp_fields(**overrides) -> dict:
    fields = RFPFactory.build()
    values = {name: getattr(fields, name) for name in services.RFP_FIELDS}
    return values | overrides


def weights(rfp: RFP) -> list[Decimal]:
    return [s.weight for s in rfp.sections.order_by("order", "id")]


# --- create from the bank ----------------------------------------------------------------------


def test_creating_from_the_whole_bank_copies_every_section_with_weights_totalling_100(paula):
    services.bank_load()
    rfp = services.rfp_create_from_bank(by=paula, **rfp_fields(kind="RFP"))
    assert rfp.sections.count() == BankSection.objects.count()
    assert Question.objects.filter(section__rfp=rfp).count() == BankQuestion.objects.count()
    assert sum(weights(rfp)) == Decimal("100")
    assert rfp.reference.startswith("RFP-")
    assert RFPMember.objects.get(rfp=rfp, user=paula).role == MemberRole.PROCUREMENT


def test_creating_from_a_subset_of_the_bank_rescales_its_weights_to_100(paula):
    services.bank_load()
    rfp = services.rfp_create_from_bank(by=paula, section_keys=["sla", "security", "pricing"], **rfp_fields())
    assert [s.key for s in rfp.sections.order_by("order")] == ["sla", "security", "pricing"]
    assert weights(rfp) == [Decimal("25"), Decimal("25"), Decimal("50")]


def test_loading_the_bank_twice_leaves_it_alone():
    first = services.bank_load()
    assert first > 0
    assert services.bank_load() == 0
    assert BankQuestion.objects.count() == first


# --- clone -------------------------------------------------------------------------------------


def test_a_clone_is_a_new_draft_with_every_question_copied(paula, draft_rfp):
    draft_rfp.status = Status.OPEN
    draft_rfp.save()
    clone = services.rfp_clone(rfp=draft_rfp, by=paula)
    original = list(Question.objects.filter(section__rfp=draft_rfp).order_by("section__order", "order"))
    copied = list(Question.objects.filter(section__rfp=clone).order_by("section__order", "order"))
    assert clone.status == Status.DRAFT
    assert clone.reference != draft_rfp.reference
    assert [(q.key, q.text, q.type, q.rubric, q.auto_rule) for q in copied] == [
        (q.key, q.text, q.type, q.rubric, q.auto_rule) for q in original
    ]
    assert weights(clone) == weights(draft_rfp)
    assert AuditEntry.objects.filter(rfp=clone, action="rfp.cloned").exists()


# --- reorder -----------------------------------------------------------------------------------


def test_moving_a_section_down_swaps_it_with_the_next_one(paula, draft_rfp):
    first, second = draft_rfp.sections.order_by("order", "id")
    services.section_move(section=first, by=paula, direction=1)
    assert list(draft_rfp.sections.order_by("order", "id")) == [second, first]
    assert AuditEntry.objects.filter(rfp=draft_rfp, action="section.moved").exists()


def test_moving_the_first_question_up_changes_nothing(paula, draft_rfp):
    section = draft_rfp.sections.order_by("order").first()
    before = list(section.questions.order_by("order", "id"))
    services.question_move(question=before[0], by=paula, direction=-1)
    assert list(section.questions.order_by("order", "id")) == before


def test_moving_a_question_up_swaps_it_with_the_one_before(paula, draft_rfp):
    section = draft_rfp.sections.order_by("order").first()
    questions = list(section.questions.order_by("order", "id"))
    services.question_move(question=questions[2], by=paula, direction=-1)
    assert list(section.questions.order_by("order", "id"))[1:3] == [questions[2], questions[1]]


def test_reordering_an_open_rfp_is_refused(paula, draft_rfp):
    draft_rfp.status = Status.OPEN
    draft_rfp.save()
    section = draft_rfp.sections.first()
    with pytest.raises(ValidationError, match="addendum"):
        services.section_move(section=section, by=paula, direction=1)


# --- weights -----------------------------------------------------------------------------------


def test_a_question_weight_of_zero_is_refused(paula, draft_rfp):
    question = Question.objects.filter(section__rfp=draft_rfp).first()
    with pytest.raises(ValidationError):
        services.question_save(question=question, by=paula, weight=Decimal("0"))
    question.refresh_from_db()
    assert question.weight == Decimal("1")


def test_a_negative_question_weight_is_refused(paula, draft_rfp):
    question = Question.objects.filter(section__rfp=draft_rfp).first()
    with pytest.raises(ValidationError):
        services.question_save(question=question, by=paula, weight=Decimal("-2"))


def test_a_negative_section_weight_is_refused(paula, draft_rfp):
    section = draft_rfp.sections.first()
    with pytest.raises(ValidationError):
        services.section_save(section=section, by=paula, weight=Decimal("-5"))


def test_publishing_is_refused_with_the_reason_when_weights_do_not_total_100(paula, draft_rfp):
    section = draft_rfp.sections.order_by("order").first()
    services.section_save(section=section, by=paula, weight=Decimal("38"))
    with pytest.raises(services.TransitionError) as refused:
        services.rfp_publish(rfp=draft_rfp, by=paula)
    assert "Section weights total 88; they must total 100." in refused.value.messages
    draft_rfp.refresh_from_db()
    assert draft_rfp.status == Status.DRAFT


# --- the team ----------------------------------------------------------------------------------


def test_adding_a_buyer_to_the_team_is_logged(paula, omar, draft_rfp):
    member = services.member_set(rfp=draft_rfp, user=omar, role=MemberRole.EVALUATOR, by=paula)
    assert member.role == MemberRole.EVALUATOR
    assert AuditEntry.objects.filter(rfp=draft_rfp, action="member.set").exists()


def test_a_vendor_user_cannot_join_the_team(paula, ana, draft_rfp):
    with pytest.raises(ValidationError, match="buyer"):
        services.member_set(rfp=draft_rfp, user=ana, role=MemberRole.EVALUATOR, by=paula)


def test_the_last_procurement_member_cannot_be_removed(paula, draft_rfp):
    member = RFPMember.objects.get(rfp=draft_rfp, user=paula)
    with pytest.raises(ValidationError, match="only procurement member"):
        services.member_remove(member=member, by=paula)
    assert RFPMember.objects.filter(pk=member.pk).exists()


def test_the_last_procurement_member_cannot_be_demoted(paula, draft_rfp):
    with pytest.raises(ValidationError, match="only procurement member"):
        services.member_set(rfp=draft_rfp, user=paula, role=MemberRole.EVALUATOR, by=paula)
    assert RFPMember.objects.get(rfp=draft_rfp, user=paula).role == MemberRole.PROCUREMENT


def test_a_procurement_member_can_leave_when_another_one_stays(paula, piotr, draft_rfp):
    MemberFactory(rfp=draft_rfp, user=piotr, role=MemberRole.PROCUREMENT)
    member = RFPMember.objects.get(rfp=draft_rfp, user=paula)
    services.member_remove(member=member, by=piotr)
    assert not RFPMember.objects.filter(pk=member.pk).exists()
    entry = AuditEntry.objects.get(rfp=draft_rfp, action="member.removed")
    assert entry.before == {"user": "paula", "role": "procurement"}


def test_removing_an_evaluator_keeps_their_user(paula, omar, draft_rfp):
    member = MemberFactory(rfp=draft_rfp, user=omar, role=MemberRole.EVALUATOR)
    services.member_remove(member=member, by=paula)
    assert not RFPMember.objects.filter(pk=member.pk).exists()
    omar.refresh_from_db()
