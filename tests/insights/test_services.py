"""Stored findings: a whole RFP's analysis, and the re-analysis after some answers changed (a
best-and-final round), which must end exactly where a full run on the new answers ends."""

import io
import random

import numpy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insights.engine.postings import Postings
from insights.models import Claim, Finding, PassageIndex
from insights.selectors import analysis_for_rfp
from insights.services import analyse_rfp, reanalyse_answers
from rfp.models import QuestionType
from tests.factories import AnswerFactory, QuestionFactory, ResponseFactory, RFPFactory, SectionFactory, VendorFactory
from vendors.models import Answer, ResponseStatus

pytestmark = pytest.mark.django_db

TRANSITION = (
    "During the first 90 days our transition lead runs discovery workshops with your operations, marketing and IT "
    "teams, listens to a sample of recorded calls and reviews twelve months of contact data before go-live."
)
RETENTION = (
    "Every agent on the account has a written career path, pay at the 60th percentile of the local market and a "
    "retention bonus at month nine; attrition on our two comparable accounts fell from 41% to 24% last year."
)
OWN = "Our coaches meet each agent weekly and review six recorded contacts with them against the quality form."
TEXTS = [TRANSITION, RETENTION, OWN, "We will consider it.", TRANSITION + " " + OWN, RETENTION + " " + TRANSITION]


def build_tender():
    rfp = RFPFactory()
    section = SectionFactory(rfp=rfp)
    questions = {
        "turnover-01": QuestionFactory(section=section, key="turnover-01", type=QuestionType.PERCENTAGE, rubric=None),
        "turnover-07": QuestionFactory(section=section, key="turnover-07", type=QuestionType.NUMBER, rubric=None),
        "turnover-04": QuestionFactory(section=section, key="turnover-04", type=QuestionType.LONG_TEXT),
        "vmo-01": QuestionFactory(section=section, key="vmo-01", type=QuestionType.LONG_TEXT),
        "oversight-02": QuestionFactory(section=section, key="oversight-02", type=QuestionType.LONG_TEXT),
    }
    answers = []
    for n in range(4):
        response = ResponseFactory(rfp=rfp, vendor=VendorFactory(), status=ResponseStatus.SUBMITTED)
        answers.append(AnswerFactory(response=response, question=questions["turnover-01"], value=[15, 40, 60, 25][n]))
        answers.append(AnswerFactory(response=response, question=questions["turnover-07"], value=[6, 30, 40, 48][n]))
        for position, key in enumerate(("turnover-04", "vmo-01", "oversight-02")):
            answers.append(AnswerFactory(response=response, question=questions[key], value=TEXTS[(n + position) % 3]))
    return rfp, answers


def stored(rfp) -> set:
    return {
        (f.kind, f.code, tuple(sorted(a.pk for a in f.answers.all())), tuple(sorted(e["text"] for e in f.evidence)))
        for f in Finding.objects.filter(rfp=rfp).prefetch_related("answers")
    }


def fresh(rfp) -> set:
    return {
        (f.kind, f.code, tuple(sorted(f.answer_ids)), tuple(sorted(e.text for e in f.evidence)))
        for f in analysis_for_rfp(rfp).findings
    }


def test_the_whole_analysis_is_stored_with_its_answers_evidence_and_claims():
    rfp, _answers = build_tender()
    count = analyse_rfp(rfp=rfp)
    assert count == Finding.objects.filter(rfp=rfp).count() > 0
    assert stored(rfp) == fresh(rfp)
    kinds = set(Finding.objects.filter(rfp=rfp).values_list("kind", flat=True))
    assert {"boilerplate", "contradiction"} <= kinds
    assert Claim.objects.filter(rfp=rfp).exists()
    # Analysing again replaces, never adds.
    analyse_rfp(rfp=rfp)
    assert Finding.objects.filter(rfp=rfp).count() == count


def change(rng, answers, how_many) -> list:
    changed = rng.sample(answers, how_many)
    for answer in changed:
        if answer.question.type == QuestionType.LONG_TEXT:
            answer.value = rng.choice(TEXTS)
        else:
            answer.value = rng.choice([5, 12, 30, 55, 70])
        Answer.objects.filter(pk=answer.pk).update(value=answer.value)
    return changed


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), first=st.integers(1, 4), second=st.integers(1, 4))
def test_re_analysing_changed_answers_ends_where_a_full_run_ends(seed, first, second):
    # Two rounds of changes: the second reads the kept passage index with the first round's
    # answers marked stale in it.
    rfp, answers = build_tender()
    analyse_rfp(rfp=rfp)
    rng = random.Random(seed)
    for how_many in (first, second):
        changed = change(rng, answers, how_many)
        reanalyse_answers(rfp=rfp, answer_ids=[a.pk for a in changed])
        assert stored(rfp) == fresh(rfp)
        claims = set(Claim.objects.filter(rfp=rfp).values_list("answer_id", "text"))
        assert claims == {(c.answer_id, c.text) for c in analysis_for_rfp(rfp).claims}


def test_re_analysis_follows_passages_through_the_kept_index_and_marks_the_changed_answers():
    rfp, answers = build_tender()
    analyse_rfp(rfp=rfp)
    kept = PassageIndex.objects.get(rfp=rfp)
    assert not kept.stale.exists()
    text_answers = [a for a in answers if a.question.type == QuestionType.LONG_TEXT]
    # Vendor 1's answer now copies vendor 0's, a passage to find through the index.
    target, donor = text_answers[3], text_answers[0]
    Answer.objects.filter(pk=target.pk).update(value=donor.value + " " + OWN)
    reanalyse_answers(rfp=rfp, answer_ids=[target.pk])
    assert list(kept.stale.values_list("pk", flat=True)) == [target.pk]
    assert stored(rfp) == fresh(rfp)
    shared = Finding.objects.get(rfp=rfp, code="shared_across_vendors", answers=target)
    assert donor.pk in set(shared.answers.values_list("pk", flat=True))


@pytest.mark.parametrize("kept", ["none", "another python"])
def test_without_a_usable_kept_index_re_analysis_reads_every_answer_and_keeps_a_new_one(kept):
    rfp, answers = build_tender()
    analyse_rfp(rfp=rfp)
    if kept == "none":
        PassageIndex.objects.filter(rfp=rfp).delete()
    else:  # an index whose run hashes came from a Python that hashes differently
        blob = io.BytesIO()
        numpy.savez(blob, hashes=numpy.zeros(1, "int64"), answers=numpy.zeros(1, "int64"), format=numpy.asarray([1]))
        PassageIndex.objects.filter(rfp=rfp).update(postings=blob.getvalue())
        PassageIndex.objects.get(rfp=rfp).stale.add(answers[0])
    changed = change(random.Random(3), answers, 3)
    reanalyse_answers(rfp=rfp, answer_ids=[a.pk for a in changed])
    assert stored(rfp) == fresh(rfp)
    rebuilt = PassageIndex.objects.get(rfp=rfp)
    assert not rebuilt.stale.exists()
    assert Postings.from_bytes(bytes(rebuilt.postings)) is not None
