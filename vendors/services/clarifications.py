"""Clarifications: a vendor's question to the buyer, and the buyer's answer, published (reworded so
that it names no one) to every invited vendor."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from config.text_rules import LONG_TEXT_MAX, QUESTION_TEXT_MAX, check_text
from rfp.audit import audit_log, snapshot
from rfp.models import RFP, Clarification, Question
from vendors import selectors
from vendors.emails import absolute_url, send_templated
from vendors.models import Vendor
from vendors.services.state import require_open


def clarification_ask(*, rfp: RFP, vendor: Vendor, by, text: str, question: Question | None = None) -> Clarification:
    require_open(rfp)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write your question.")})
    check_text(text, limit=QUESTION_TEXT_MAX, field=_("The question"), key="text")
    if question is not None and question.section.rfp_id != rfp.pk:
        raise ValidationError({"question": _("That question is not part of this RFP.")})
    clarification = Clarification.objects.create(rfp=rfp, vendor=vendor, asked_by=by, question=question, text=text)
    audit_log(
        action="clarification.asked",
        actor=by,
        rfp=rfp,
        obj=clarification,
        after={"vendor": vendor.name, "question": question.key if question else None},
    )
    send_templated(
        template="clarification_asked",
        to=selectors.procurement_addresses(rfp),
        context={
            "rfp": rfp,
            "clarification": clarification,
            "url": absolute_url("vendors:buyer_clarifications", ref=rfp.reference),
        },
    )
    return clarification


def clarification_answer(*, clarification: Clarification, text: str, answer: str, publish: bool, by) -> Clarification:
    """Answer a vendor's question, optionally rewording it so that it names no one, and publish it
    to every invited vendor. A published clarification stays published."""
    text, answer = text.strip(), answer.strip()
    if not text:
        raise ValidationError({"text": _("The question cannot be empty.")})
    check_text(text, limit=QUESTION_TEXT_MAX, field=_("The question"), key="text")
    check_text(answer, limit=LONG_TEXT_MAX, field=_("The answer"), key="answer")
    if publish and not answer:
        raise ValidationError({"answer": _("Write an answer before publishing.")})
    before = snapshot(clarification, ["text", "answer", "published_at"])
    newly_published = publish and clarification.published_at is None
    clarification.text = text
    clarification.answer = answer
    clarification.answered_by = by if answer else clarification.answered_by
    if newly_published:
        clarification.published_at = timezone.now()
    clarification.save(update_fields=["text", "answer", "answered_by", "published_at"])
    audit_log(
        action="clarification.published" if newly_published else "clarification.answered",
        actor=by,
        rfp=clarification.rfp,
        obj=clarification,
        before=before,
        after=snapshot(clarification, ["text", "answer", "published_at"]),
    )
    if newly_published:
        rfp = clarification.rfp
        send_templated(
            template="clarification_published",
            to=selectors.notification_addresses(rfp),
            context={
                "rfp": rfp,
                "clarification": clarification,
                "url": absolute_url("vendors:clarifications", ref=rfp.reference),
            },
        )
    return clarification
