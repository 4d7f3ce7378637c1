"""The evaluator's scoring pages: a question across vendors or one vendor's answers, paged and
filtered; each score saves on its own, says so, and never overwrites a save it has not seen;
the page says what is missing before the section can be submitted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from scoring import services
from scoring.management.commands.seed_scale import build_scale_rfp
from scoring.models import Assignment, ConflictDeclaration, Score
from scoring.selectors import PAGE_SIZE
from tests.scoring.access_cases import prepare_evaluation
from tests.scoring.sheet_pages import whole_sheet


def _section_url(world, **query):
    url = reverse("scoring:section", kwargs={"ref": world.rfp.reference, "section_id": world.extra["section"].pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _human_answers(world):
    section = world.extra["section"]
    return [
        a for a in world.extra["answers"].values() if a.question.section_id == section.pk and not a.question.auto_rule
    ]


def _score_url(world, answer):
    return reverse("scoring:score", kwargs={"ref": world.rfp.reference, "answer_id": answer.pk})


def test_a_question_page_shows_that_question_for_every_cleared_vendor(world, login):
    prepare_evaluation(world)
    answer = _human_answers(world)[0]
    number = list(world.extra["section"].questions.order_by("order", "id")).index(answer.question) + 1
    page = login(world.users["evaluator"]).get(_section_url(world, by="question", at=number))
    sheet = page.context["sheet"]
    assert {cell.question.pk for cell in sheet.cells} == {answer.question_id}
    assert {cell.label for cell in sheet.cells} == {"Northwind Contact", "Bluepeak BPO"}


def test_a_vendor_page_shows_that_vendors_answers_to_the_section(world, login):
    prepare_evaluation(world)
    page = login(world.users["evaluator"]).get(_section_url(world, by="vendor", at=1))
    sheet = page.context["sheet"]
    assert len({cell.bidder.vendor_id for cell in sheet.cells}) == 1
    assert len(sheet.cells) == world.extra["section"].questions.count()


def test_the_page_opens_on_the_first_answer_left_to_score(world, login):
    prepare_evaluation(world)
    first, *_rest = _human_answers(world)
    sheet = login(world.users["evaluator"]).get(_section_url(world)).context["sheet"]
    assert sheet.focus_question.pk == first.question_id


def test_the_unscored_filter_lists_only_what_the_evaluator_has_not_scored(world, login):
    prepare_evaluation(world)
    omar = world.users["evaluator"]
    assignment = Assignment.objects.get(section=world.extra["section"], evaluator=omar)
    answers = _human_answers(world)
    services.score_save(answer=answers[0], evaluator=omar, assignment=assignment, points=3, comment="")
    client = login(omar)
    listed = {
        cell.answer_id
        for position in range(1, world.extra["section"].questions.count() + 1)
        for cell in client.get(_section_url(world, by="question", at=position, show="unscored")).context["sheet"].cells
    }
    assert listed == {a.pk for a in answers[1:]}


def test_the_flagged_filter_lists_what_the_evaluator_flagged_for_the_panel(world, login):
    prepare_evaluation(world)
    omar = world.users["evaluator"]
    answer = _human_answers(world)[0]
    client = login(omar)
    client.post(_score_url(world, answer), {"points": 2, "comment": "Thin.", "flagged": "1", "version": "0"})
    assert Score.objects.get(answer=answer).flagged
    sheet = client.get(_section_url(world, by="vendor", at=1, show="flagged")).context["sheet"]
    other = client.get(_section_url(world, by="vendor", at=2, show="flagged")).context["sheet"]
    assert [c.answer_id for c in sheet.cells + other.cells] == [answer.pk]


def test_a_page_of_answers_holds_at_most_25_and_the_next_page_the_rest(db, client):
    rfp = build_scale_rfp(vendors=30, questions=10, evaluators=1, reference="PAGE-30")
    evaluator = User.objects.get(username="page-30-evaluator-1")
    Assignment.objects.filter(evaluator=evaluator).update(submitted_at=None)
    section = Assignment.objects.filter(evaluator=evaluator).order_by("section__order").first().section
    client.force_login(evaluator)
    url = reverse("scoring:section", kwargs={"ref": rfp.reference, "section_id": section.pk})
    first = client.get(url, {"by": "question", "at": 2}).context["sheet"]
    second = client.get(url, {"by": "question", "at": 2, "page": 2}).context["sheet"]
    assert (len(first.cells), len(second.cells), first.pages) == (PAGE_SIZE, 30 - PAGE_SIZE, 2)
    assert not {c.answer_id for c in first.cells} & {c.answer_id for c in second.cells}


def test_a_save_says_it_is_saved_and_moves_the_progress(world, login):
    prepare_evaluation(world)
    answer = _human_answers(world)[0]
    reply = login(world.users["evaluator"]).post(
        _score_url(world, answer), {"points": 4, "comment": "", "version": "0"}, HTTP_HX_REQUEST="true"
    )
    html = reply.content.decode()
    assert "Saved: 4 at" in html
    assert f'id="version-{answer.pk}" value="1"' in html  # the next save carries the new version
    assert 'id="sheet-progress" hx-swap-oob="true"' in html and "1 / " in html


def test_a_save_from_a_page_loaded_before_another_windows_save_is_refused(world, login):
    prepare_evaluation(world)
    omar = world.users["evaluator"]
    answer = _human_answers(world)[0]
    client = login(omar)
    client.post(_score_url(world, answer), {"points": 4, "comment": "", "version": "0"}, HTTP_HX_REQUEST="true")
    client.post(_score_url(world, answer), {"points": 3, "comment": "", "version": "1"}, HTTP_HX_REQUEST="true")
    stale = client.post(_score_url(world, answer), {"points": 2, "comment": "", "version": "1"}, HTTP_HX_REQUEST="true")
    assert "You changed this score in another window" in stale.content.decode()
    assert Score.objects.get(answer=answer).points == 3


def test_before_declaring_conflicts_the_page_says_so_and_submit_is_off(world, login):
    prepare_evaluation(world, declare=False)
    page = login(world.users["evaluator"]).get(_section_url(world)).content.decode()
    assert "Everything is scored" not in page
    assert "Declare whether you have a conflict of interest with 2 vendors first" in page
    assert 'disabled aria-disabled="true"' in page


def test_the_page_names_the_answers_still_missing_before_submit(world, login):
    prepare_evaluation(world)
    page = login(world.users["evaluator"]).get(_section_url(world))
    progress = page.context["progress"]
    assert progress.left == len(_human_answers(world)) and not progress.can_submit
    html = page.content.decode()
    assert "still need your score before you can submit" in html
    assert f"Question {progress.missing[0].question_number}, {progress.missing[0].label}" in html


def test_submitting_with_answers_missing_is_refused_with_the_count(world, login):
    prepare_evaluation(world)
    url = reverse(
        "scoring:section_submit", kwargs={"ref": world.rfp.reference, "section_id": world.extra["section"].pk}
    )
    login(world.users["evaluator"]).post(url)
    assert not Assignment.objects.get(section=world.extra["section"], evaluator=world.users["evaluator"]).is_submitted


@pytest.mark.parametrize(
    "junk", ["?at=abc&page=-1&by=nobody&show=%FF", "?at=999999999999999999999&page=0", "?by=vendor&at=0"]
)
def test_positions_pages_and_modes_out_of_range_fall_back_to_the_nearest(world, login, junk):
    prepare_evaluation(world)
    reply = login(world.users["evaluator"]).get(_section_url(world) + junk)
    assert reply.status_code == 200


# --- the page does not grow with the RFP -------------------------------------------------------


@pytest.fixture
def two_sizes(db):
    return [
        build_scale_rfp(vendors=5, questions=24, evaluators=2, reference="PG-SMALL"),
        build_scale_rfp(vendors=50, questions=24, evaluators=2, reference="PG-LARGE"),
    ]


def _panel(rfp) -> list[int]:
    """The scale RFP's two evaluators (their user names are the RFP's own): scores are updated by
    evaluator, without joins, which PostgreSQL plans badly on freshly bulk-loaded tables."""
    prefix = rfp.reference.lower()
    return [User.objects.get(username=f"{prefix}-evaluator-{n}").pk for n in (1, 2)]


def _measure(client, rfp, query: dict) -> tuple[int, int]:
    evaluator = User.objects.get(username=f"{rfp.reference.lower()}-evaluator-1")
    section = Assignment.objects.filter(evaluator=evaluator).order_by("section__order").first().section
    client.force_login(evaluator)
    url = reverse("scoring:section", kwargs={"ref": rfp.reference, "section_id": section.pk})
    with CaptureQueriesContext(connection) as queries:
        reply = client.get(url, query)
    assert reply.status_code == 200
    return len(queries), len(reply.content)


@pytest.mark.parametrize("submitted", [False, True])
@pytest.mark.parametrize("show", ["all", "unscored", "flagged", "disagreement"])
@pytest.mark.parametrize("by", ["question", "vendor"])
def test_the_scoring_page_runs_as_many_queries_at_50_vendors_as_at_5(client, two_sizes, by, show, submitted):
    counts = []
    for rfp in two_sizes:
        Assignment.objects.filter(section__rfp=rfp).update(submitted_at=rfp.created_at if submitted else None)
        first, second = _panel(rfp)
        Score.objects.filter(evaluator_id=first).update(flagged=True)
        # The same data at both sizes, so that no filter is empty at one size only: the two
        # evaluators disagree everywhere.
        Score.objects.filter(evaluator_id=first).update(points=5)
        Score.objects.filter(evaluator_id=second).update(points=1)
        counts.append(_measure(client, rfp, {"by": by, "at": 2, "show": show})[0])
    assert counts[0] == counts[1]


def test_a_vendor_page_weighs_the_same_at_50_vendors_as_at_5(client, two_sizes):
    sizes = []
    for rfp in two_sizes:
        Assignment.objects.filter(section__rfp=rfp).update(submitted_at=None)
        Score.objects.filter(evaluator_id__in=_panel(rfp)).update(points=3, comment="")
        sizes.append(_measure(client, rfp, {"by": "vendor", "at": 1})[1])
    # One vendor's answers either way: a few bytes differ ("Vendor 1 of 5" / "of 50"), not one
    # more answer's worth.
    assert abs(sizes[1] - sizes[0]) < 200, sizes


def test_a_question_page_holds_one_page_of_answers_however_many_vendors(client, two_sizes):
    large = two_sizes[1]
    Assignment.objects.filter(section__rfp=large).update(submitted_at=None)
    evaluator = User.objects.get(username="pg-large-evaluator-1")
    section = Assignment.objects.filter(evaluator=evaluator).order_by("section__order").first().section
    client.force_login(evaluator)
    url = reverse("scoring:section", kwargs={"ref": large.reference, "section_id": section.pk})
    sheet = client.get(url, {"by": "question", "at": 2}).context["sheet"]
    assert len(sheet.cells) == PAGE_SIZE and sheet.pages == 2
    assert ConflictDeclaration.objects.filter(rfp=large, evaluator=evaluator).count() == 50


def test_a_pdf_opens_in_the_pages_preview_frame_and_nowhere_else(world, login):
    prepare_evaluation(world)
    url = reverse(
        "scoring:attachment", kwargs={"ref": world.rfp.reference, "attachment_id": world.extra["attachment"].pk}
    )
    client = login(world.users["evaluator"])
    world.extra["attachment"].content_type = "application/pdf"
    world.extra["attachment"].save()
    inline = client.get(url, {"inline": "1"})
    assert inline["Content-Disposition"].startswith("inline")
    assert inline["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in inline["Content-Security-Policy"]
    download = client.get(url)
    assert download["Content-Disposition"].startswith("attachment") and download["X-Frame-Options"] == "DENY"


def test_numbers_show_their_unit_and_long_answers_fold(world, login):
    from rfp.models import Question, QuestionType
    from vendors.models import Answer

    prepare_evaluation(world)
    long_one, number_one = _human_answers(world)[:2]
    Answer.objects.filter(pk=long_one.pk).update(value="A documented practice. " * 60)
    Question.objects.filter(pk=number_one.question_id).update(type=QuestionType.NUMBER, unit="agents per team leader")
    Answer.objects.filter(pk=number_one.pk).update(value=12)
    html = whole_sheet(login(world.users["evaluator"]), _section_url(world)).content.decode()
    assert "Read the whole answer (180 words)" in html and '<details class="sl-fold">' in html
    assert '12 <span class="sl-unit">agents per team leader</span>' in html
