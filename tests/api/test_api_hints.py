"""The evaluator's endpoint carries the answer checks the scoring page shows beside each answer,
under the page's rules: a passage is quoted only where the evaluator may read it (another
section's is counted; in a blind evaluation, so is another vendor's), the reason comes in the
caller's language, the hints never change a score, and the call costs as many queries for six
vendors as for two."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api.models import TokenScope
from insights.services import analyse_rfp
from scoring.models import Assignment, ConflictDeclaration, EvaluationSettings
from tests.api.test_api import bearer
from tests.factories import InvitationFactory, ResponseFactory, VendorFactory
from tests.scoring.access_cases import answer_value, prepare_evaluation
from vendors.models import Answer, AnswerState, ResponseStatus

pytestmark = pytest.mark.django_db

PARAGRAPH = (
    "Our quality team listens to five recorded contacts per agent every week, scores them against a form agreed "
    "with the client, and coaches every agent for thirty minutes on the two weakest behaviours found."
)
SHARED_REASON = "the same passage appears in the answers of 2 vendors"
REUSED_REASON = "the same passage is reused in answers to 2 questions"


def _human(section):
    return [q for q in section.questions.order_by("order", "id") if not q.auto_rule]


def _set(world, key, question, text):
    Answer.objects.filter(response=world.responses[key], question=question).update(value=text)


@pytest.fixture
def checked(world):
    """Omar scores the first section only. Both vendors give one paragraph to its first human
    question (2nd in the section), each in words of its own around it, and Northwind reuses the
    paragraph in the second section, which Omar does not score."""
    prepare_evaluation(world, assign=False)
    first, second = world.sections
    Assignment.objects.create(section=first, evaluator=world.users["evaluator"], assigned_by=world.users["procurement"])
    _set(world, "vendor", _human(first)[0], f"Northwind Contact in Lisbon. {PARAGRAPH}")
    _set(world, "rival", _human(first)[0], f"Bluepeak BPO from Manila. {PARAGRAPH}")
    _set(world, "vendor", _human(second)[0], PARAGRAPH)
    return world


def _answers(world, client=None, **headers):
    client = client or bearer(world.users["evaluator"], scope=TokenScope.READ)
    url = reverse("api:evaluation_answers", kwargs={"ref": world.rfp.reference, "section_id": world.sections[0].pk})
    reply = client.get(url + "?question=2", **headers)
    assert reply.status_code == 200, reply.content
    return reply.json()["answers"]


def _cell(answers, answer):
    return next(cell for cell in answers if cell["answer_id"] == answer.pk)


def test_each_answer_carries_the_hints_the_scoring_page_shows_beside_it(checked, login):
    world = checked
    before = bearer(world.users["procurement"], scope=TokenScope.READ).get(
        reverse("api:ranking", kwargs={"ref": world.rfp.reference})
    )
    assert all(cell["hints"] == [] for cell in _answers(world))  # nothing analysed yet
    analyse_rfp(rfp=world.rfp)

    answers = _answers(world)
    question = _human(world.sections[0])[0]
    northwind = _cell(answers, Answer.objects.get(response=world.responses["vendor"], question=question))
    by_reason = {hint["reason"]: hint for hint in northwind["hints"]}
    assert set(by_reason) == {SHARED_REASON, REUSED_REASON}
    shared, reused = by_reason[SHARED_REASON], by_reason[REUSED_REASON]
    assert (shared["kind"], shared["label"]) == ("boilerplate", "Boilerplate")
    # Its own passage first, then the rival's copy, which Omar scores too (not blind).
    assert [quote["own"] for quote in shared["quotes"]] == [True, False]
    assert all(PARAGRAPH[:60] in quote["text"] for quote in shared["quotes"])
    # The copy in the second section, which Omar does not score, is counted, not quoted.
    assert [quote["own"] for quote in reused["quotes"]] == [True] and reused["not_quoted"] == 1
    assert shared["not_quoted"] == 1 and shared["not_quoted_blind"] == reused["not_quoted_blind"] == 0

    page = (
        login(world.users["evaluator"])
        .get(
            reverse("scoring:section", kwargs={"ref": world.rfp.reference, "section_id": world.sections[0].pk})
            + "?by=question&at=2"
        )
        .content.decode()
    )
    assert SHARED_REASON in page and REUSED_REASON in page
    assert "and 1 passage in an answer you do not score" in page

    # Hints never change a score.
    after = bearer(world.users["procurement"], scope=TokenScope.READ).get(
        reverse("api:ranking", kwargs={"ref": world.rfp.reference})
    )
    assert after.json() == before.json()


def test_the_reason_comes_in_the_callers_language(checked):
    world = checked
    analyse_rfp(rfp=world.rfp)
    answers = _answers(world, HTTP_ACCEPT_LANGUAGE="pl")
    reasons = {hint["reason"] for cell in answers for hint in cell["hints"]}
    assert "ten sam fragment występuje w odpowiedziach 2 dostawców" in reasons
    assert SHARED_REASON not in reasons


def test_a_blind_evaluator_reads_no_other_vendors_words_beside_an_answer(checked, login):
    world = checked
    EvaluationSettings.objects.create(rfp=world.rfp, blind=True)
    analyse_rfp(rfp=world.rfp)
    question = _human(world.sections[0])[0]

    answers = _answers(world)
    # Bluepeak's answer has two copies of the paragraph in Northwind's bid, one of them in a section
    # Omar does not score: both are another vendor's.
    for key, own_words, other_words, other_copies in (
        ("vendor", "Lisbon", ("Bluepeak", "Manila"), 1),
        ("rival", "Manila", ("Northwind", "Lisbon"), 2),
    ):
        cell = _cell(answers, Answer.objects.get(response=world.responses[key], question=question))
        assert cell["vendor"].startswith("Vendor ") and own_words in cell["value"]
        shared = next(hint for hint in cell["hints"] if hint["reason"] == SHARED_REASON)
        # Only the answer's own passage is quoted; the other vendor's copy is counted.
        assert [quote["own"] for quote in shared["quotes"]] == [True] and shared["not_quoted_blind"] == other_copies
        assert all(quote["text"] in cell["value"] for hint in cell["hints"] for quote in hint["quotes"])
        assert not any(word in str(cell["hints"]) for word in other_words)
    assert "Northwind" not in str(answers) and "Bluepeak" not in str(answers)

    # The scoring page follows the same rule, and says why the copy is not quoted.
    page = (
        login(world.users["evaluator"])
        .get(
            reverse("scoring:section", kwargs={"ref": world.rfp.reference, "section_id": world.sections[0].pk})
            + "?by=question&at=2"
        )
        .content.decode()
    )
    assert "and 1 passage in another vendor's answer, not quoted in a blind evaluation" in page
    assert "and 2 passages in other vendors' answers, not quoted in a blind evaluation" in page
    assert "and 1 passage in an answer you do not score" in page  # Northwind's copy in the other section
    assert "Northwind" not in page and "Bluepeak" not in page


def _add_bid(world, n: int) -> None:
    """One more vendor, invited, submitted, answering like the others, and cleared by Omar."""
    vendor = VendorFactory(name=f"Extra Vendor {n}")
    InvitationFactory(rfp=world.rfp, vendor=vendor)
    response = ResponseFactory(
        rfp=world.rfp, vendor=vendor, status=ResponseStatus.SUBMITTED, submitted_at=timezone.now()
    )
    for question in world.questions:
        Answer.objects.create(
            response=response, question=question, state=AnswerState.ANSWERED, value=answer_value(question, 3)
        )
    ConflictDeclaration.objects.create(rfp=world.rfp, evaluator=world.users["evaluator"], vendor=vendor, conflict=False)
    world.responses[f"extra-{n}"] = response


@pytest.mark.parametrize("blind", [False, True])
def test_the_hints_cost_as_many_queries_for_six_vendors_as_for_two(checked, blind, django_assert_num_queries):
    world = checked
    if blind:
        EvaluationSettings.objects.create(rfp=world.rfp, blind=True)
    client = bearer(world.users["evaluator"], scope=TokenScope.READ)
    first, second = world.sections
    analyse_rfp(rfp=world.rfp)
    _answers(world, client)  # the token's first call of the day records when it was used
    with CaptureQueriesContext(connection) as two:
        answers = _answers(world, client)
    assert len(answers) == 2 and all(cell["hints"] for cell in answers if cell["value"])

    for n in range(4):
        _add_bid(world, n)
        _set(world, f"extra-{n}", _human(first)[0], f"Extra vendor number {n}. {PARAGRAPH}")
        _set(world, f"extra-{n}", _human(second)[0], PARAGRAPH)  # quoted from a section Omar does not score
    analyse_rfp(rfp=world.rfp)
    with django_assert_num_queries(len(two)):
        answers = _answers(world, client)
    assert len(answers) == 6 and all(cell["hints"] for cell in answers)
    assert sum(hint["not_quoted"] for cell in answers for hint in cell["hints"]) >= 6
