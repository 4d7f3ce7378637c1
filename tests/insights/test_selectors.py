"""An RFP's answers in the database reach the engine as it expects them, and its findings name
the database's answers."""

import pytest

from insights.messages import render
from insights.selectors import analysis_for_rfp, engine_answers
from rfp.models import QuestionType
from tests.factories import AnswerFactory, QuestionFactory, ResponseFactory, RFPFactory, SectionFactory, VendorFactory
from vendors.models import ResponseStatus

pytestmark = pytest.mark.django_db

PARAGRAPH = (
    "During the first 90 days our transition lead runs discovery workshops with your operations, marketing and IT "
    "teams, listens to a sample of recorded calls and reviews twelve months of contact data before go-live."
)


@pytest.fixture
def rfp():
    rfp = RFPFactory()
    section = SectionFactory(rfp=rfp)
    QuestionFactory(section=section, key="turnover-01", type=QuestionType.PERCENTAGE, rubric=None)
    QuestionFactory(section=section, key="turnover-07", type=QuestionType.NUMBER, rubric=None)
    QuestionFactory(section=section, key="vmo-01", type=QuestionType.LONG_TEXT)
    return rfp


def answer(rfp, vendor, key, value, comment=""):
    response = rfp.responses.filter(vendor=vendor).first() or ResponseFactory(
        rfp=rfp, vendor=vendor, status=ResponseStatus.SUBMITTED
    )
    return AnswerFactory(
        response=response, question=rfp.sections.get().questions.get(key=key), value=value, comment=comment
    )


def test_the_findings_of_an_rfp_name_its_answers_and_read_as_sentences(rfp):
    northwind, bluepeak = VendorFactory(), VendorFactory()
    attrition = answer(rfp, northwind, "turnover-01", 15)
    tenure = answer(rfp, northwind, "turnover-07", 6)
    copied = [answer(rfp, vendor, "vmo-01", PARAGRAPH) for vendor in (northwind, bluepeak)]
    result = analysis_for_rfp(rfp)
    by_code = {finding.code: finding for finding in result.findings}
    assert set(by_code) == {"attrition_vs_tenure", "shared_across_vendors"}
    assert by_code["attrition_vs_tenure"].answer_ids == (attrition.pk, tenure.pk)
    assert set(by_code["shared_across_vendors"].answer_ids) == {a.pk for a in copied}
    assert render(by_code["attrition_vs_tenure"]).startswith("annual attrition of 15%")


def test_a_typed_answer_carries_its_comment_as_text(rfp):
    answer(rfp, VendorFactory(), "turnover-01", 31, comment="Measured on average headcount.")
    [given] = engine_answers(rfp)
    assert (given.value, given.text) == (31, "Measured on average headcount.")


def test_a_draft_that_was_never_submitted_is_not_analysed(rfp):
    draft = ResponseFactory(rfp=rfp, vendor=VendorFactory())  # in progress: not a bid
    AnswerFactory(response=draft, question=rfp.sections.get().questions.get(key="vmo-01"), value=PARAGRAPH)
    answer(rfp, VendorFactory(), "vmo-01", PARAGRAPH)
    assert [a.vendor for a in engine_answers(rfp)] != [] and draft.vendor_id not in {
        a.vendor for a in engine_answers(rfp)
    }
    assert not [f for f in analysis_for_rfp(rfp).findings if f.code == "shared_across_vendors"]
