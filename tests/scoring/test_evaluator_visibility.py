"""What an evaluator may see: assigned sections only, nothing before declaring, nothing of a
vendor they declared a conflict with, no prices before the envelope opens, aliases when blind."""

import pytest
from django.urls import reverse

from rfp.models import Question, QuestionType, SectionKind, Status
from scoring import services
from scoring.models import Assignment, ConflictDeclaration, EvaluationSettings, Score
from scoring.selectors import ranking_for_rfp
from tests.factories import QuestionFactory, SectionFactory
from tests.scoring.access_cases import prepare_evaluation
from tests.scoring.sheet_pages import whole_sheet
from vendors.models import Answer, AnswerState


def _section_url(world, section=None):
    section = section or world.extra["section"]
    return reverse("scoring:section", kwargs={"ref": world.rfp.reference, "section_id": section.pk})


def test_an_evaluator_sees_only_the_sections_assigned_to_them(world, login):
    prepare_evaluation(world)
    other = world.sections[1]
    Assignment.objects.filter(section=other).delete()
    client = login(world.users["evaluator"])
    assert client.get(_section_url(world)).status_code == 200
    assert client.get(_section_url(world, other)).status_code == 404


def test_an_evaluator_sees_no_answer_of_a_vendor_before_declaring(world, login):
    prepare_evaluation(world, declare=False)
    client = login(world.users["evaluator"])
    page = whole_sheet(client, _section_url(world)).content.decode()
    assert "evidence level 4" not in page and "evidence level 2" not in page
    assert "vendors are hidden until you declare" in page
    answer_url = reverse("scoring:score", kwargs={"ref": world.rfp.reference, "answer_id": world.extra["answer"].pk})
    assert client.post(answer_url, {"points": "3"}).status_code == 404


def test_declaring_a_conflict_removes_the_evaluator_from_that_vendor(world, login):
    prepare_evaluation(world, declare=False)
    omar, northwind = world.users["evaluator"], world.vendors["vendor"]
    client = login(omar)
    response = client.post(
        reverse("scoring:conflicts", kwargs={"ref": world.rfp.reference}),
        {
            f"vendor_{northwind.pk}": "conflict",
            f"note_{northwind.pk}": "My brother-in-law runs their Lisbon site.",
            f"vendor_{world.vendors['rival'].pk}": "none",
        },
    )
    assert response.status_code == 302
    page = whole_sheet(client, _section_url(world)).content.decode()
    assert "evidence level 2" in page  # Bluepeak, cleared
    assert "evidence level 4" not in page  # Northwind, conflicted
    answer_url = reverse("scoring:score", kwargs={"ref": world.rfp.reference, "answer_id": world.extra["answer"].pk})
    assert client.post(answer_url, {"points": "3"}).status_code == 404
    attachment_url = reverse(
        "scoring:attachment", kwargs={"ref": world.rfp.reference, "attachment_id": world.extra["attachment"].pk}
    )
    assert client.get(attachment_url).status_code == 404


def test_a_score_given_before_a_later_conflict_stops_counting(world):
    prepare_evaluation(world)
    omar, northwind = world.users["evaluator"], world.vendors["vendor"]
    answer = world.extra["answer"]
    Score.objects.create(answer=answer, evaluator=omar, points=5, comment="Great", submitted_at=answer.updated_at)
    counted = ranking_for_rfp(world.rfp)
    services.conflicts_declare(
        rfp=world.rfp, evaluator=omar, declarations={northwind.pk: (True, "Offered a job there yesterday.")}
    )
    after = ranking_for_rfp(world.rfp)
    section = world.extra["section"].pk
    before_score = next(r for r in counted.rows if r.bidder.vendor_id == northwind.pk).result.sections[section]
    after_score = next(r for r in after.rows if r.bidder.vendor_id == northwind.pk).result.sections[section]
    assert before_score != after_score
    assert Score.objects.filter(answer=answer, evaluator=omar).exists()  # kept for the audit


def test_a_declared_conflict_cannot_be_withdrawn_by_the_evaluator(world):
    prepare_evaluation(world, declare=False)
    omar, northwind = world.users["evaluator"], world.vendors["vendor"]
    services.conflicts_declare(rfp=world.rfp, evaluator=omar, declarations={northwind.pk: (True, "Shareholder.")})
    with pytest.raises(Exception, match="cannot be withdrawn"):
        services.conflicts_declare(rfp=world.rfp, evaluator=omar, declarations={northwind.pk: (False, "")})
    assert ConflictDeclaration.objects.get(evaluator=omar, vendor=northwind).conflict


def _priced(world, *, two_envelope: bool):
    """A price section (20%) with a price question answered by both vendors."""
    for section in world.sections:
        section.weight = 40
        section.save(update_fields=["weight"])
    price = SectionFactory(rfp=world.rfp, kind=SectionKind.PRICE, weight=20, title="Price")
    question = QuestionFactory(section=price, type=QuestionType.NUMBER, is_price=True, rubric=None, text="Price?")
    for key, amount in (("vendor", 987654), ("rival", 876543)):
        Answer.objects.create(
            response=world.responses[key], question=question, state=AnswerState.ANSWERED, value=amount
        )
    world.rfp.two_envelope = two_envelope
    world.rfp.save(update_fields=["two_envelope"])
    return question


def _open_envelope(world) -> None:
    """The envelope as the service leaves it when no pass mark holds a bid back."""
    bids = [response.pk for response in world.responses.values()]
    EvaluationSettings.objects.create(rfp=world.rfp, price_opened=True, price_opened_for=bids)


def test_an_evaluator_sees_no_price_before_the_envelope_opens(world, login):
    prepare_evaluation(world)
    _priced(world, two_envelope=True)
    client = login(world.users["evaluator"])
    overview = reverse("scoring:overview", kwargs={"ref": world.rfp.reference})
    page = client.get(overview).content.decode()
    assert "987,654" not in page and "987654" not in page and "Prices are sealed" in page
    _open_envelope(world)
    assert "987,654" in client.get(overview).content.decode()


def test_a_single_envelope_rfp_shows_prices_to_evaluators(world, login):
    prepare_evaluation(world)
    _priced(world, two_envelope=False)
    page = login(world.users["evaluator"]).get(reverse("scoring:overview", kwargs={"ref": world.rfp.reference}))
    assert "987,654" in page.content.decode()


def test_the_ranking_leaves_a_sealed_price_out_of_the_totals(world):
    prepare_evaluation(world)
    _priced(world, two_envelope=True)
    sealed = ranking_for_rfp(world.rfp)
    assert sealed.price_sealed and not sealed.error
    assert sealed.rows and all(row.result.price_score is None for row in sealed.rows)
    _open_envelope(world)
    opened = ranking_for_rfp(world.rfp)
    assert {round(row.result.price_score, 2) for row in opened.rows} == {100.0, round(876543 / 987654 * 100, 2)}


def test_the_price_envelope_opens_only_when_technical_scoring_is_complete(world):
    prepare_evaluation(world)
    _priced(world, two_envelope=True)
    with pytest.raises(Exception, match="not complete"):
        services.price_envelope_open(rfp=world.rfp, by=world.users["procurement"])


def test_blind_mode_shows_aliases_and_hides_names_in_text_and_file_names(world, login):
    prepare_evaluation(world)
    EvaluationSettings.objects.create(rfp=world.rfp, blind=True)
    answer = world.extra["answer"]
    answer.value = "Northwind Contact runs a weekly governance call; see northwind-contact.com."
    answer.save()
    client = login(world.users["evaluator"])
    page = whole_sheet(client, _section_url(world)).content.decode()
    assert "Northwind" not in page and "northwind" not in page and "Bluepeak" not in page
    assert "Vendor A" in page and "Vendor B" in page
    assert "ISO27001.pdf" not in page and "Attachment 1.pdf" in page
    attachment_url = reverse(
        "scoring:attachment", kwargs={"ref": world.rfp.reference, "attachment_id": world.extra["attachment"].pk}
    )
    download = client.get(attachment_url)
    assert download.status_code == 200
    assert "Attachment 1.pdf" in download["Content-Disposition"]
    assert "Northwind" not in download["Content-Disposition"]


def test_procurement_keeps_real_names_in_a_blind_evaluation(world, login):
    prepare_evaluation(world)
    EvaluationSettings.objects.create(rfp=world.rfp, blind=True)
    page = login(world.users["procurement"]).get(reverse("scoring:ranking", kwargs={"ref": world.rfp.reference}))
    assert "Northwind Contact" in page.content.decode()


def test_an_executive_reads_the_ranking_but_cannot_score_or_moderate(world, login):
    prepare_evaluation(world)
    client = login(world.users["executive"])
    ref = world.rfp.reference
    answer_id = world.extra["answer"].pk
    assert client.get(reverse("scoring:ranking", kwargs={"ref": ref})).status_code == 200
    assert (
        client.post(reverse("scoring:score", kwargs={"ref": ref, "answer_id": answer_id}), {"points": 3}).status_code
        == 404
    )
    consensus = reverse("scoring:consensus", kwargs={"ref": ref, "answer_id": answer_id})
    assert client.post(consensus, {"points": 3, "reason": "x"}).status_code == 404
    assert client.post(reverse("scoring:ahp", kwargs={"ref": ref}), {"action": "apply"}).status_code == 404


def test_nothing_of_the_evaluation_is_reachable_before_the_rfp_closes(world, login):
    """The world RFP is open: evaluators and executives have nothing to see yet."""
    client = login(world.users["evaluator"])
    assert client.get(reverse("scoring:overview", kwargs={"ref": world.rfp.reference})).status_code == 404
    client = login(world.users["executive"])
    assert client.get(reverse("scoring:ranking", kwargs={"ref": world.rfp.reference})).status_code == 404


def test_scoring_stops_when_the_rfp_is_decided(world, login):
    prepare_evaluation(world, status=Status.DECIDED)
    client = login(world.users["evaluator"])
    url = reverse("scoring:score", kwargs={"ref": world.rfp.reference, "answer_id": world.extra["answer"].pk})
    assert client.post(url, {"points": "3"}).status_code == 404
    assert client.get(_section_url(world)).status_code == 200  # still readable


def test_informational_and_auto_scored_answers_are_not_open_to_evaluator_scores(world, login):
    prepare_evaluation(world)
    auto_question = Question.objects.filter(section=world.extra["section"], auto_rule__isnull=False).first()
    auto_answer = world.extra["answers"][("vendor", auto_question.pk)]
    url = reverse("scoring:score", kwargs={"ref": world.rfp.reference, "answer_id": auto_answer.pk})
    assert login(world.users["evaluator"]).post(url, {"points": "3"}).status_code == 404


def test_an_empty_declaration_form_explains_what_to_do_and_records_nothing(world, login):
    prepare_evaluation(world, declare=False)
    response = login(world.users["evaluator"]).post(
        reverse("scoring:conflicts", kwargs={"ref": world.rfp.reference}), {}
    )
    assert response.status_code == 200
    assert "for at least one vendor" in response.content.decode()
    assert not ConflictDeclaration.objects.exists()
