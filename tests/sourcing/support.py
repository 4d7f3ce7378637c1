"""Helpers for the make-or-buy tests: an RFP whose vendors have submitted yearly prices."""

from datetime import timedelta

from django.utils import timezone

from rfp.models import QuestionType, SectionKind, Status
from tests.factories import QuestionFactory, ResponseFactory, SectionFactory, VendorFactory
from vendors.models import Answer, AnswerState, ResponseStatus


def price_question(rfp):
    section = SectionFactory(rfp=rfp, key="pricing", title="Pricing", kind=SectionKind.PRICE, weight=0, order=99)
    return QuestionFactory(
        section=section, key="pricing-01", type=QuestionType.NUMBER, rubric=None, is_price=True, unit="per year"
    )


def open_prices(rfp) -> None:
    """The deadline has passed and the RFP is in evaluation: sealed answers are open to the buyer."""
    rfp.deadline = timezone.now() - timedelta(days=2)
    rfp.status = Status.EVALUATION
    rfp.save(update_fields=["deadline", "status"])


def submit_prices(rfp, prices: dict[str, float], question=None) -> None:
    """One submitted response per vendor name, answering the price question with the yearly price."""
    question = question or rfp.sections.get(key="pricing").questions.get(is_price=True)
    for name, price in prices.items():
        response = ResponseFactory(
            rfp=rfp, vendor=VendorFactory(name=name), status=ResponseStatus.SUBMITTED, submitted_at=timezone.now()
        )
        Answer.objects.create(response=response, question=question, state=AnswerState.ANSWERED, value=price)
