"""Factories for the objects tests need. Personas (named people) are built in conftest.py."""

from datetime import timedelta

import factory
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Role, User
from rfp.models import RFP, Kind, MemberRole, Question, QuestionType, RFPMember, Section, SectionKind
from vendors.models import Answer, AnswerState, Invitation, InvitationStatus, Response, Vendor

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    role = Role.PROCUREMENT
    password = factory.django.Password(PASSWORD)


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Vendor {n}")
    slug = factory.LazyAttribute(lambda v: slugify(v.name))
    country = "Poland"
    languages = factory.LazyFunction(lambda: ["English", "Polish"])
    seats = 400


class RFPFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RFP

    reference = factory.Sequence(lambda n: f"RFI-2027-{n + 100:03d}")
    kind = Kind.RFI
    title = "Customer service outsourcing"
    buyer = "Example Telecom"
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=21))
    channels = factory.LazyFunction(lambda: ["voice", "email", "chat"])
    languages = factory.LazyFunction(lambda: ["English"])
    currency = "USD"
    # New RFPs have two envelopes (the model's default, tested in tests/vendors/test_bid_rule.py);
    # the suite's RFPs have one unless a test is about the envelope, so that prices are in play.
    two_envelope = False


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    rfp = factory.SubFactory(RFPFactory)
    key = factory.Sequence(lambda n: f"section-{n}")
    title = factory.Sequence(lambda n: f"Section {n}")
    kind = SectionKind.TECHNICAL
    weight = 100
    order = factory.Sequence(lambda n: n)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    key = factory.Sequence(lambda n: f"q-{n}")
    text = factory.Sequence(lambda n: f"Describe practice number {n}.")
    type = QuestionType.LONG_TEXT
    guidance = "Give evidence."
    rubric = factory.LazyFunction(lambda: {str(i): f"Level {i}" for i in range(6)})
    weight = 1
    order = factory.Sequence(lambda n: n)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RFPMember

    rfp = factory.SubFactory(RFPFactory)
    user = factory.SubFactory(UserFactory)
    role = MemberRole.PROCUREMENT


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    rfp = factory.SubFactory(RFPFactory)
    vendor = factory.SubFactory(VendorFactory)
    email = factory.LazyAttribute(lambda i: f"bids@{i.vendor.slug}.example.test")
    status = InvitationStatus.ACCEPTED


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    rfp = factory.SubFactory(RFPFactory)
    vendor = factory.SubFactory(VendorFactory)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory)
    state = AnswerState.ANSWERED
    value = "We run a weekly governance call."


def make_questionnaire(rfp: RFP, sections: int = 2, questions_per_section: int = 5) -> list[Section]:
    """A small valid questionnaire: weights total 100, one auto-scored number per section."""
    weights = [100 // sections] * sections
    weights[0] += 100 - sum(weights)
    made = []
    for index, weight in enumerate(weights):
        section = SectionFactory(rfp=rfp, weight=weight, order=index)
        for q in range(questions_per_section):
            if q == 0:
                QuestionFactory(
                    section=section,
                    type=QuestionType.PERCENTAGE,
                    rubric=None,
                    unit="",
                    auto_rule={"kind": "linear", "worst": 80, "best": 20},
                    text="What was your annual agent attrition last year?",
                )
            else:
                QuestionFactory(section=section)
        made.append(section)
    return made
