"""The load run's data: an open RFP (LOAD-1) with one section of 20 free-text questions and
VENDORS invited vendors, each with one bid manager and a response in progress."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from rfp.models import RFP, MemberRole, Question, QuestionType, RFPMember, Section, Status
from vendors.models import Invitation, InvitationStatus, Response, Vendor

QUESTIONS = 20


@transaction.atomic
def build(vendors: int, password: str) -> None:
    owner = User.objects.create_user("load-procurement", password=password, role=Role.PROCUREMENT)
    rfp = RFP.objects.create(
        reference="LOAD-1",
        kind="RFP",
        title="Load run",
        deadline=timezone.now() + timedelta(days=7),
        status=Status.OPEN,
        created_by=owner,
        sealed=True,
    )
    RFPMember.objects.create(rfp=rfp, user=owner, role=MemberRole.PROCUREMENT)
    section = Section.objects.create(rfp=rfp, key="service", title="Service", weight=100, order=1)
    Question.objects.bulk_create(
        [
            Question(section=section, key=f"q{n}", text=f"Question {n}", type=QuestionType.LONG_TEXT, order=n)
            for n in range(1, QUESTIONS + 1)
        ]
    )
    for i in range(vendors):
        slug = f"load-{i + 1:03d}"
        vendor = Vendor.objects.create(name=f"Load vendor {i + 1:03d}", slug=slug)
        User.objects.create_user(slug, password=password, role=Role.VENDOR, company=vendor, email=f"{slug}@load.test")
        Invitation.objects.create(rfp=rfp, vendor=vendor, email=f"{slug}@load.test", status=InvitationStatus.ACCEPTED)
        Response.objects.create(rfp=rfp, vendor=vendor)
