"""Reads for RFP pages: each returns what a page needs in a fixed number of queries."""

from django.db.models import Count, Prefetch, QuerySet, Sum

from rfp.models import RFP, BankQuestion, BankSection, Question, Section


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
