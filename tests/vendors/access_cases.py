"""Access-matrix cases for the vendor portal and the buyer's vendor pages.

Ana (Northwind) and Ravi (Bluepeak) are both invited to the world's RFP. URLs that derive the
response from the signed-in user (answers, review, submit) are open to both; URLs that name an
object (a file, a response) are open only to its owner and, once unsealed, to the buyer team.
"""

from django.core.files.base import ContentFile

from tests.access.matrix import BUYER_TEAM, Case, rfp_ref
from vendors.models import Answer, Attachment, Invitation

VENDORS = frozenset({"vendor", "rival"})
PROCUREMENT = frozenset({"procurement"})
PDF = b"%PDF-1.4\n%%EOF\n"


def _with(**extra):
    def kwargs(world) -> dict:
        return {"ref": world.rfp.reference, **{name: value(world) for name, value in extra.items()}}

    return kwargs


def _northwind_file(world) -> None:
    """A file on Northwind's first answer, and the seal off so that buyers may read it."""
    question = world.questions[1]
    answer, _ = Answer.objects.get_or_create(response=world.responses["vendor"], question=question)
    attachment = Attachment(answer=answer, original_name="org-chart.pdf", size=len(PDF), content_type="application/pdf")
    attachment.file.save("x", ContentFile(PDF), save=False)
    attachment.save()
    world.extra["attachment"] = attachment
    world.rfp.sealed = False
    world.rfp.save(update_fields=["sealed"])


def _unsealed(world) -> None:
    world.rfp.sealed = False
    world.rfp.save(update_fields=["sealed"])


def _clarification(world) -> None:
    from rfp.models import Clarification

    world.extra["clarification"] = Clarification.objects.create(
        rfp=world.rfp, vendor=world.vendors["vendor"], asked_by=world.users["vendor"], text="Is weekend cover needed?"
    )


def _upload(world) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")}


CASES = [
    Case("vendors:dashboard", allowed=VENDORS),
    Case(
        "vendors:join",
        kwargs=lambda w: {"token": Invitation.objects.get(rfp=w.rfp, vendor=w.vendors["vendor"]).token},
        public=True,
    ),
    Case("vendors:team", allowed=VENDORS),
    Case("vendors:welcome", kwargs=lambda w: {"uidb64": "MQ", "token": "expired-token"}, public=True),
    Case("vendors:rfp", kwargs=rfp_ref, allowed=VENDORS),
    Case("vendors:accept", kwargs=rfp_ref, allowed=VENDORS, methods=("post",)),
    Case("vendors:decline", kwargs=rfp_ref, allowed=VENDORS),
    Case("vendors:section", kwargs=_with(section_id=lambda w: w.sections[0].pk), allowed=VENDORS),
    Case(
        "vendors:save_answer",
        kwargs=_with(question_id=lambda w: w.questions[1].pk),
        allowed=VENDORS,
        methods=("post",),
        data=lambda w: {f"answer-{w.questions[1].pk}": "We hold a weekly governance call.", "version": "0"},
    ),
    Case(
        "vendors:upload",
        kwargs=_with(question_id=lambda w: w.questions[1].pk),
        allowed=VENDORS,
        methods=("post",),
        data=_upload,
    ),
    Case(
        "vendors:attachment",
        kwargs=_with(attachment_id=lambda w: w.extra["attachment"].pk),
        # Evaluators and executives read bid files only in some states: tests/access/test_bid_content.py
        allowed=PROCUREMENT | {"vendor"},
        prepare=_northwind_file,
    ),
    Case(
        "vendors:delete_attachment",
        kwargs=_with(attachment_id=lambda w: w.extra["attachment"].pk),
        allowed=frozenset({"vendor"}),
        methods=("post",),
        prepare=_northwind_file,
    ),
    Case("vendors:review", kwargs=rfp_ref, allowed=VENDORS),
    Case("vendors:submit", kwargs=rfp_ref, allowed=VENDORS, methods=("post",)),
    Case("vendors:reopen", kwargs=rfp_ref, allowed=VENDORS, methods=("post",)),
    Case("vendors:clarifications", kwargs=rfp_ref, allowed=VENDORS),
    Case("vendors:acknowledge_addenda", kwargs=rfp_ref, allowed=VENDORS, methods=("post",)),
    Case("vendors:invitations", kwargs=rfp_ref, allowed=BUYER_TEAM),
    Case("vendors:invite", kwargs=rfp_ref, allowed=PROCUREMENT),
    Case("vendors:remind", kwargs=rfp_ref, allowed=PROCUREMENT, methods=("post",)),
    Case(
        "vendors:buyer_response",
        kwargs=_with(response_id=lambda w: w.responses["vendor"].pk),
        allowed=PROCUREMENT,  # the other roles by state: tests/access/test_bid_content.py
        prepare=_unsealed,
    ),
    Case("vendors:buyer_clarifications", kwargs=rfp_ref, allowed=BUYER_TEAM),
    Case(
        "vendors:answer_clarification",
        kwargs=_with(pk=lambda w: w.extra["clarification"].pk),
        allowed=PROCUREMENT,
        methods=("post",),
        prepare=_clarification,
        data=lambda w: {
            f"c{w.extra['clarification'].pk}-text": "Is weekend cover needed?",
            f"c{w.extra['clarification'].pk}-answer": "Yes.",
        },
    ),
    Case("vendors:buyer_addenda", kwargs=rfp_ref, allowed=BUYER_TEAM),
    Case(
        "vendors:issue_addendum", kwargs=rfp_ref, allowed=PROCUREMENT, expect={"get": 302}
    ),  # the world's RFP is open but has no addendum to issue yet: back to the addenda page,
]
