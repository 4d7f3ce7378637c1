"""A world of two submitted bids for the tests of who reads what: answers carry markers naming
their vendor and section, prices are distinctive numbers, and each answer has a file. The states
(sealed, technical, price opened...) are functions that move the world into them."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from rfp.models import MemberRole, QuestionType, SectionKind, Status
from scoring.models import Assignment, ConflictDeclaration, EvaluationSettings
from tests.factories import QuestionFactory, SectionFactory
from vendors.models import Answer, AnswerState, Attachment, ResponseStatus, Submission

PRICES = {"vendor": 7654321, "rival": 3456789}
CODES = {"vendor": "NW", "rival": "BP"}
PDF = b"%PDF-1.4\n%%EOF\n"


def marker(who: str, section: str) -> str:
    return f"{CODES[who]}-{section}-ANSWER"


def price_shown(html: str, who: str) -> bool:
    price = PRICES[who]
    return str(price) in html or f"{price:,}" in html


def make_bids(world):
    """Both bids submitted to a two-envelope RFP whose deadline has passed, in evaluation; Omar
    assigned the first technical section and cleared for both vendors."""
    rfp = world.rfp
    s1, s2 = world.sections
    s1.weight, s2.weight = 40, 30
    s1.save(update_fields=["weight"])
    s2.save(update_fields=["weight"])
    pricing = SectionFactory(rfp=rfp, key="pricing", title="Pricing", kind=SectionKind.PRICE, weight=30, order=9)
    price_q = QuestionFactory(section=pricing, key="price", type=QuestionType.NUMBER, rubric=None, is_price=True)
    files = {}
    for who, response in world.responses.items():
        response.status, response.submitted_at = ResponseStatus.SUBMITTED, timezone.now() - timedelta(days=2)
        response.save()
        Submission.objects.create(response=response, number=1, submitted_at=response.submitted_at)
        for code, section in (("S1", s1), ("S2", s2)):
            for question in section.questions.all():
                value = 50.0 if question.auto_rule else f"{marker(who, code)} {question.key}"
                answer = Answer.objects.create(
                    response=response, question=question, state=AnswerState.ANSWERED, value=value
                )
            files[(who, code)] = _attach(answer, f"{CODES[who]}-{code}-plan.pdf")
        price = Answer.objects.create(
            response=response, question=price_q, state=AnswerState.ANSWERED, value=PRICES[who]
        )
        files[(who, "price")] = _attach(price, f"{CODES[who]}-pricing-schedule.pdf")
    rfp.two_envelope, rfp.status = True, Status.EVALUATION
    rfp.deadline = timezone.now() - timedelta(days=1)
    rfp.save()
    omar = world.users["evaluator"]
    Assignment.objects.create(section=s1, evaluator=omar, assigned_by=world.users["procurement"])
    for vendor in world.vendors.values():
        ConflictDeclaration.objects.create(rfp=rfp, evaluator=omar, vendor=vendor, conflict=False)
    world.extra.update(files=files, s1=s1, s2=s2)
    return world


def _attach(answer: Answer, name: str) -> Attachment:
    attachment = Attachment(answer=answer, original_name=name, size=len(PDF), content_type="application/pdf")
    attachment.file.save("x", ContentFile(PDF), save=False)
    attachment.save()
    return attachment


# --- the states --------------------------------------------------------------------------------


def sealed(world) -> None:
    """Before the deadline of a sealed RFP (still open for answers)."""
    world.rfp.status, world.rfp.deadline = Status.OPEN, timezone.now() + timedelta(days=3)
    world.rfp.save()


def technical(world) -> None:
    """In evaluation, the price envelope still closed."""


def price_opened(world) -> None:
    bids = [r.pk for r in world.responses.values()]
    EvaluationSettings.objects.create(rfp=world.rfp, price_opened=True, price_opened_for=bids)


def below_pass_mark(world) -> None:
    """The envelope opened for Bluepeak only: Northwind missed the technical pass mark."""
    EvaluationSettings.objects.create(rfp=world.rfp, price_opened=True, price_opened_for=[world.responses["rival"].pk])


def conflicted(world) -> None:
    """Omar declared a conflict with Northwind; prices are open."""
    price_opened(world)
    ConflictDeclaration.objects.filter(evaluator=world.users["evaluator"], vendor=world.vendors["vendor"]).update(
        conflict=True
    )


def blind(world) -> None:
    EvaluationSettings.objects.create(rfp=world.rfp, blind=True)


def granted(world) -> None:
    """Procurement let Dana read the bids; prices are open."""
    price_opened(world)
    world.rfp.members.filter(role=MemberRole.EXECUTIVE).update(bids_granted=True)
