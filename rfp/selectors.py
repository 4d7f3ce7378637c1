"""Reads for RFP pages: each returns what a page needs in a fixed number of queries."""

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, IntegerField, Prefetch, QuerySet, Sum, Value, When, prefetch_related_objects

from accounts.models import BUYER_ROLES
from rfp.models import RFP, AuditEntry, BankQuestion, BankSection, MemberRole, Question, RFPMember, Section


def rfps_for_user(user) -> QuerySet[RFP]:
    if not user.is_authenticated or not user.is_buyer:
        return RFP.objects.none()
    return (
        RFP.objects.filter(members__user=user)
        .annotate(question_count=Count("sections__questions", distinct=True))
        .order_by("-created_at")
    )


def bank_sections() -> QuerySet[BankSection]:
    return BankSection.objects.prefetch_related(
        Prefetch("questions", queryset=BankQuestion.objects.order_by("order", "id"))
    ).order_by("order", "id")


def questionnaire(rfp: RFP) -> list[Section]:
    """Sections in order, each with its questions prefetched: two queries whatever the size."""
    return list(
        rfp.sections.order_by("order", "id").prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("order", "id"))
        )
    )


def weight_total(rfp: RFP):
    return rfp.sections.aggregate(total=Sum("weight"))["total"] or 0


def rfp_questionnaire(rfp: RFP) -> list[Section]:
    """Sections with their questions, prefetched onto the RFP itself so that code reading
    rfp.sections (publish_problems among it) reuses them: a fixed number of queries."""
    prefetch_related_objects(
        [rfp],
        Prefetch(
            "sections",
            queryset=Section.objects.order_by("order", "id").prefetch_related(
                Prefetch("questions", queryset=Question.objects.order_by("order", "id"))
            ),
        ),
    )
    return list(rfp.sections.all())


def bank_sections_with_counts() -> list[BankSection]:
    return list(BankSection.objects.annotate(question_count=Count("questions")).order_by("order", "id"))


def bank_is_empty() -> bool:
    return not BankSection.objects.exists()


def rfp_members(rfp: RFP) -> QuerySet[RFPMember]:
    role_order = Case(
        *(When(role=role, then=Value(index)) for index, role in enumerate(MemberRole.values)),
        output_field=IntegerField(),
    )
    return (
        rfp.members.select_related("user")
        .annotate(role_order=role_order)
        .order_by("role_order", "user__last_name", "user__first_name", "user__username")
    )


def buyer_user_by_identifier(identifier: str):
    """The buyer user with this username or e-mail address, or None (also when it is ambiguous)."""
    identifier = identifier.strip()
    if not identifier:
        return None
    field = "email__iexact" if "@" in identifier else "username__iexact"
    matches = list(get_user_model().objects.filter(**{field: identifier, "role__in": BUYER_ROLES})[:2])
    return matches[0] if len(matches) == 1 else None


def audit_entries(rfp: RFP, *, bid_reads_only: bool = False) -> QuerySet[AuditEntry]:
    """The RFP's audit log, newest first; `bid_reads_only` keeps who opened a price or a file."""
    entries = rfp.audit_entries.select_related("actor").order_by("-at", "-id")
    return entries.filter(action__startswith="bid.") if bid_reads_only else entries


def section_key_taken(rfp: RFP, key: str, exclude_id: int | None = None) -> bool:
    return rfp.sections.filter(key=key).exclude(pk=exclude_id).exists()


def question_key_taken(rfp: RFP, key: str, exclude_id: int | None = None) -> bool:
    return Question.objects.filter(section__rfp=rfp, key=key).exclude(pk=exclude_id).exists()


def next_question_key(section: Section) -> str:
    """A free key for a new question of this section: <section key>-<number>."""
    taken = set(Question.objects.filter(section__rfp_id=section.rfp_id).values_list("key", flat=True))
    number = section.questions.count() + 1
    while f"{section.key}-{number:02d}"[:40] in taken:
        number += 1
    return f"{section.key}-{number:02d}"[:40]


def latest_rfp_as(user, role: str, statuses) -> RFP | None:
    """The most recently updated RFP on which the user has this role and that is in one of the
    statuses: where a person in that role lands after signing in."""
    return (
        RFP.objects.filter(members__user=user, members__role=role, status__in=statuses)
        .order_by("-updated_at", "-id")
        .first()
    )
