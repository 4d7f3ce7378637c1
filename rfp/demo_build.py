"""Builds the demo world step by step through the same services the pages use, so that the demo
shows what the product really does with such data: the RFI was published, answered, closed and
evaluated; its shortlist was promoted into an RFP that vendors are answering now."""

from datetime import timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reports.demo import seed_demo_shortlist
from rfp import demo
from rfp.models import RFP, MemberRole
from rfp.services import member_add, rfp_close, rfp_create_from_bank, rfp_publish
from scoring.demo import seed_evaluation
from sourcing.demo import seed_demo_assessment
from vendors.demo import record_demo_submission, seed_demo_answers
from vendors.services import clarification_answer, clarification_ask, invitation_accept, invitation_create

RFI_DEADLINE_DAYS_AGO = 12
EVALUATION_DEADLINE_DAYS_AGO = 6
BAFO_DEADLINE_DAYS_AGO = 20


def build_demo(out, language: str = "en") -> None:
    """The whole demo written in `language`: the questionnaire from the bank, the vendors' profiles
    and answers, the evaluators' comments, the shortlist's rationale and the make-or-buy study."""
    with translation.override(language):
        _build(out, language)


def _build(out, language: str) -> None:
    buyers = demo.create_buyers()
    vendors = demo.create_vendors()
    paula = buyers["paula"]
    fields = demo.rfi_fields(language)
    rfi = rfp_create_from_bank(by=paula, reference="RFI-2027-001", deadline=demo.demo_deadline(7), **fields)
    _add_team(rfi, buyers)
    rfp_publish(rfp=rfi, by=paula)
    _answer_and_submit(rfi, vendors, paula)
    move_deadline_to_past(rfi, RFI_DEADLINE_DAYS_AGO)
    rfp_close(rfp=rfi, by=paula)
    summary = seed_evaluation(rfi, [buyers["omar"], buyers["lena"], buyers["farid"]], by=paula)
    seed_demo_assessment(rfi, paula)
    out.write(
        f"  {rfi.reference}: {rfi.sections.count()} sections, {len(vendors)} vendors answered, "
        f"{summary['scores']} evaluator scores, shortlist published"
    )
    rfp = seed_demo_shortlist(rfi, paula)
    rfp_publish(rfp=rfp, by=paula)
    in_progress = _answers_in_progress(rfp, vendors)
    out.write(f"  {rfp.reference}: promoted from the shortlist, open, {in_progress} vendors answering")
    third = _evaluation_in_progress(buyers, vendors, language)
    out.write(f"  {third.reference}: in evaluation, omar half-way through his sections, one disagreement to moderate")
    fourth, round_ = _best_and_final(buyers, vendors, language)
    out.write(
        f"  {fourth.reference}: evaluated, then best and final offers from its two leaders "
        f"({len(round_.changes)} answers revised and scored again)"
    )


def _evaluation_in_progress(buyers: dict, vendors: list, language: str) -> RFP:
    """A third tender that closed last week: lena and farid submitted their scores, omar is
    half-way through his, and one answer split the panel, so every persona has work to do."""
    paula = buyers["paula"]
    fields = demo.evaluation_rfp_fields(language)
    rfp = rfp_create_from_bank(
        by=paula,
        reference="RFP-2027-003",
        deadline=demo.demo_deadline(7),
        section_keys=demo.EVALUATION_RFP_SECTIONS,
        **fields,
    )
    _add_team(rfp, buyers)
    rfp_publish(rfp=rfp, by=paula)
    _answer_and_submit(rfp, vendors, paula, days_ago=EVALUATION_DEADLINE_DAYS_AGO)
    move_deadline_to_past(rfp, EVALUATION_DEADLINE_DAYS_AGO)
    rfp_close(rfp=rfp, by=paula)
    seed_evaluation(rfp, [buyers["omar"], buyers["lena"], buyers["farid"]], by=paula, halfway=buyers["omar"])
    return rfp


def _best_and_final(buyers: dict, vendors: list, language: str):
    """A fourth tender, scored in full, then a best-and-final round for its two leading bids (see
    negotiation.demo): the round's page, the ranking and the PDF show what moved each of them."""
    from negotiation.demo import seed_demo_round

    paula = buyers["paula"]
    rfp = rfp_create_from_bank(
        by=paula,
        reference="RFP-2027-004",
        deadline=demo.demo_deadline(7),
        section_keys=demo.BAFO_RFP_SECTIONS,
        **demo.evaluation_rfp_fields(language, demo.BAFO_RFP_FIELDS),
    )
    _add_team(rfp, buyers)
    rfp_publish(rfp=rfp, by=paula)
    _answer_and_submit(rfp, vendors, paula, days_ago=BAFO_DEADLINE_DAYS_AGO)
    move_deadline_to_past(rfp, BAFO_DEADLINE_DAYS_AGO)
    rfp_close(rfp=rfp, by=paula)
    seed_evaluation(rfp, [buyers["omar"], buyers["lena"], buyers["farid"]], by=paula)
    return rfp, seed_demo_round(rfp, procurement=paula, vendors=vendors)


def _answers_in_progress(rfp: RFP, vendors: list) -> int:
    """The shortlisted vendors accept; all but the last have started answering."""
    by_vendor = {vendor.pk: (user, profile) for vendor, user, profile in vendors}
    invitations = list(rfp.invitations.select_related("vendor").order_by("vendor__name"))
    for invitation in invitations[:-1]:
        user, profile = by_vendor[invitation.vendor_id]
        invitation_accept(invitation=invitation, by=user)
        seed_demo_answers(rfp.responses.get(vendor=invitation.vendor), profile, by=user, complete=False)
    _clarifications(rfp, [(invitation.vendor, by_vendor[invitation.vendor_id][0]) for invitation in invitations[:-1]])
    return len(invitations) - 1


def _clarifications(rfp: RFP, vendors: list) -> None:
    """Vendors' questions while they answer: one answered and published to every bidder, one still
    waiting for procurement."""
    paula = rfp.members.filter(role=MemberRole.PROCUREMENT).first().user
    pricing = rfp.sections.filter(key="pricing").first()
    question = pricing.questions.filter(key="pricing-04").first() if pricing else None
    (first, first_user), *others = vendors
    asked = clarification_ask(
        rfp=rfp, vendor=first, by=first_user, text=_(demo.CLARIFICATIONS[0][0]), question=question
    )
    clarification_answer(
        clarification=asked, text=asked.text, answer=_(demo.CLARIFICATIONS[0][1]), publish=True, by=paula
    )
    if others:
        second, second_user = others[0]
        clarification_ask(rfp=rfp, vendor=second, by=second_user, text=_(demo.CLARIFICATIONS[1][0]))


def _add_team(rfp: RFP, buyers: dict) -> None:
    paula = buyers["paula"]
    for username in ("omar", "lena", "farid"):
        member_add(rfp=rfp, user=buyers[username], role=MemberRole.EVALUATOR, by=paula)
    member_add(rfp=rfp, user=buyers["dana"], role=MemberRole.EXECUTIVE, by=paula)


def _answer_and_submit(rfp: RFP, vendors: list, by, days_ago: int = RFI_DEADLINE_DAYS_AGO) -> None:
    for days_before, (vendor, user, profile) in enumerate(vendors, start=1):
        invitation = invitation_create(rfp=rfp, vendor=vendor, email=user.email, by=by)
        invitation_accept(invitation=invitation, by=user)
        response = rfp.responses.get(vendor=vendor)
        seed_demo_answers(response, profile, by=user)
        submitted_at = timezone.now() - timedelta(days=days_ago + days_before, hours=days_before * 3)
        record_demo_submission(response, by=user, at=submitted_at)


def move_deadline_to_past(rfp: RFP, days_ago: int) -> None:
    """Demo data tells a story that already happened: the RFI ran and closed before today. The
    deadline is set in the past directly, as no service may do that to a live RFP."""
    rfp.deadline = (timezone.now() - timedelta(days=days_ago)).replace(minute=0, second=0, microsecond=0)
    rfp.save(update_fields=["deadline"])
