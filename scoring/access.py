"""Who may reach which part of an evaluation. Every scoring view fetches through these helpers.

The rules, in one place:
- Procurement members run the evaluation: set-up, progress, moderation, prices, weights.
- Evaluator members score only the sections they are assigned, only in status "evaluation",
  only the vendors they declared no conflict with, and see prices only once the envelope is open.
- Executive members read results (the ranking) and change nothing.
- What of a bid's content each of them may read (sections, answers, files, prices, names) is
  decided by vendors.bid_view alone; the scoring pages ask it for every answer they show.
- Vendor users, and buyers who are not members, get 404 for all of it.
An object the user may not see answers 404, never 403, so that nothing leaks its existence.
"""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from rfp.access import rfp_membership
from rfp.models import RFP, MemberRole, SectionKind, Status
from scoring.models import Assignment, ConflictDeclaration, EvaluationSettings
from vendors.models import Answer, ResponseStatus

SETUP_STATUSES = frozenset({Status.OPEN, Status.CLOSED, Status.EVALUATION, Status.DECIDED, Status.ARCHIVED})
SCORING_STATUSES = frozenset({Status.EVALUATION})
RESULT_STATUSES = frozenset({Status.EVALUATION, Status.DECIDED, Status.ARCHIVED})
EVERY_MEMBER = frozenset(MemberRole.values)
PROCUREMENT = frozenset({MemberRole.PROCUREMENT})
RESULT_READERS = frozenset({MemberRole.PROCUREMENT, MemberRole.EXECUTIVE})


@dataclass
class Evaluation:
    """An RFP seen by one member: their role on it and the evaluation's settings."""

    rfp: RFP
    role: str
    settings: EvaluationSettings

    @property
    def is_procurement(self) -> bool:
        return self.role == MemberRole.PROCUREMENT

    @property
    def is_evaluator(self) -> bool:
        return self.role == MemberRole.EVALUATOR

    @property
    def is_executive(self) -> bool:
        return self.role == MemberRole.EXECUTIVE

    @property
    def is_scoring_open(self) -> bool:
        return self.rfp.status == Status.EVALUATION

    @property
    def shows_moderation(self) -> bool:
        return self.is_procurement and self.rfp.status in SCORING_STATUSES

    @property
    def shows_ranking(self) -> bool:
        return self.role in RESULT_READERS and self.rfp.status in RESULT_STATUSES

    @property
    def prices_visible(self) -> bool:
        """Prices are sealed in a second envelope until procurement opens it."""
        return not self.rfp.two_envelope or self.settings.price_opened

    @property
    def blind_for_user(self) -> bool:
        """Blind mode hides names from the panel; procurement runs the process and keeps them."""
        return self.settings.blind and self.is_evaluator


def settings_for(rfp: RFP) -> EvaluationSettings:
    """The RFP's evaluation settings, or unsaved defaults when procurement never changed them."""
    found = EvaluationSettings.objects.filter(rfp=rfp).first()
    return found or EvaluationSettings(rfp=rfp)


def get_evaluation(
    user, reference: str, *, roles: frozenset = EVERY_MEMBER, statuses: frozenset = SETUP_STATUSES
) -> Evaluation:
    """The RFP if the user is a member with one of `roles` and the RFP is in one of `statuses`."""
    rfp = get_object_or_404(RFP, reference=reference)
    membership = rfp_membership(user, rfp)
    if membership is None or membership.role not in roles or rfp.status not in statuses:
        raise Http404("No such evaluation.")
    if membership.role == MemberRole.EVALUATOR and rfp.status not in RESULT_STATUSES:
        raise Http404("No such evaluation.")  # the panel has nothing to see before scoring starts
    return Evaluation(rfp=rfp, role=membership.role, settings=settings_for(rfp))


def get_assignment(user, reference: str, section_id: int) -> tuple[Evaluation, Assignment]:
    """An evaluator's own assignment to a section of the RFP."""
    evaluation = get_evaluation(user, reference, roles=frozenset({MemberRole.EVALUATOR}), statuses=RESULT_STATUSES)
    assignment = get_object_or_404(
        Assignment.objects.select_related("section"),
        section__rfp=evaluation.rfp,
        section_id=section_id,
        evaluator=user,
    )
    return evaluation, assignment


def cleared_vendor_ids(rfp: RFP, evaluator) -> set[int]:
    """Vendors the evaluator declared no conflict with: the only ones whose answers they see."""
    return set(
        ConflictDeclaration.objects.filter(rfp=rfp, evaluator=evaluator, conflict=False).values_list(
            "vendor_id", flat=True
        )
    )


def _bid_answer(rfp: RFP, answer_id: int) -> Answer:
    return get_object_or_404(
        Answer.objects.select_related("question__section", "response__vendor"),
        pk=answer_id,
        response__rfp=rfp,
        response__status=ResponseStatus.SUBMITTED,
    )


def is_human_scored(question) -> bool:
    return question.scored and not question.is_auto_scored and question.section.kind == SectionKind.TECHNICAL


def get_answer_to_score(user, reference: str, answer_id: int) -> tuple[Evaluation, Answer, Assignment]:
    """An answer the evaluator may score: in an assigned section, human-scored, of a vendor they
    declared no conflict with."""
    evaluation = get_evaluation(user, reference, roles=frozenset({MemberRole.EVALUATOR}), statuses=SCORING_STATUSES)
    answer = _bid_answer(evaluation.rfp, answer_id)
    assignment = Assignment.objects.filter(section_id=answer.question.section_id, evaluator=user).first()
    if (
        assignment is None
        or not is_human_scored(answer.question)
        or answer.response.vendor_id not in cleared_vendor_ids(evaluation.rfp, user)
    ):
        raise Http404("No such answer.")
    return evaluation, answer, assignment


def get_answer_to_moderate(user, reference: str, answer_id: int) -> tuple[Evaluation, Answer]:
    evaluation = get_evaluation(user, reference, roles=PROCUREMENT, statuses=SCORING_STATUSES)
    answer = _bid_answer(evaluation.rfp, answer_id)
    if not is_human_scored(answer.question):
        raise Http404("No such answer.")
    return evaluation, answer
