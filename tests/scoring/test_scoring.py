"""An evaluator scores 0-5 with comments, sees only their own scores until they submit, and
their scores lock once submitted."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Role
from rfp.models import MemberRole
from scoring import services
from scoring.access import Evaluation, settings_for
from scoring.models import Assignment, Score
from tests.factories import MemberFactory, UserFactory
from tests.scoring.access_cases import prepare_evaluation
from tests.scoring.sheet_pages import whole_sheet


def _human_answers(world, section=None):
    section = section or world.extra["section"]
    return [
        a
        for (key, qid), a in world.extra["answers"].items()
        if a.question.section_id == section.pk and not a.question.auto_rule
    ]


def _score_url(world, answer):
    return reverse("scoring:score", kwargs={"ref": world.rfp.reference, "answer_id": answer.pk})


@pytest.mark.parametrize("points", [0, 1, 5])
def test_a_score_of_0_1_or_5_needs_a_comment(world, login, points):
    prepare_evaluation(world)
    client = login(world.users["evaluator"])
    response = client.post(
        _score_url(world, world.extra["answer"]), {"points": points, "comment": "  "}, HTTP_HX_REQUEST="true"
    )
    assert "needs a comment" in response.content.decode()
    assert not Score.objects.exists()
    client.post(_score_url(world, world.extra["answer"]), {"points": points, "comment": "Because of X."})
    assert Score.objects.get().points == points


@pytest.mark.parametrize("points", [2, 3, 4])
def test_a_middle_score_needs_no_comment(world, login, points):
    prepare_evaluation(world)
    login(world.users["evaluator"]).post(_score_url(world, world.extra["answer"]), {"points": points})
    assert Score.objects.get().points == points


@pytest.mark.parametrize("bad", ["6", "-1", "2.5", "three", ""])
def test_a_score_outside_0_to_5_is_refused_and_changes_nothing(world, login, bad):
    prepare_evaluation(world)
    response = login(world.users["evaluator"]).post(
        _score_url(world, world.extra["answer"]), {"points": bad, "comment": "x"}
    )
    assert response.status_code == 302
    assert not Score.objects.exists()


def test_an_htmx_save_returns_the_form_with_a_saved_mark(world, login):
    prepare_evaluation(world)
    response = login(world.users["evaluator"]).post(
        _score_url(world, world.extra["answer"]), {"points": 4, "comment": ""}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Saved" in response.content.decode()


def _score_all(world, evaluator, points=3):
    assignment = Assignment.objects.get(section=world.extra["section"], evaluator=evaluator)
    for answer in _human_answers(world):
        services.score_save(answer=answer, evaluator=evaluator, assignment=assignment, points=points, comment="ok")
    return assignment


def _evaluation(world, role=MemberRole.EVALUATOR):
    return Evaluation(rfp=world.rfp, role=role, settings=settings_for(world.rfp))


def test_a_section_cannot_be_submitted_before_every_answer_is_scored(world, login):
    prepare_evaluation(world)
    omar = world.users["evaluator"]
    assignment = Assignment.objects.get(section=world.extra["section"], evaluator=omar)
    with pytest.raises(ValidationError, match="still need your score"):
        services.section_submit(assignment=assignment, evaluation=_evaluation(world), by=omar)


def test_scores_lock_once_the_section_is_submitted(world, login):
    prepare_evaluation(world)
    omar = world.users["evaluator"]
    _score_all(world, omar)
    client = login(omar)
    submit = reverse(
        "scoring:section_submit", kwargs={"ref": world.rfp.reference, "section_id": world.extra["section"].pk}
    )
    assert client.post(submit).status_code == 302
    assert Assignment.objects.get(section=world.extra["section"], evaluator=omar).is_submitted
    client.post(_score_url(world, world.extra["answer"]), {"points": 0, "comment": "Changed my mind"})
    assert set(Score.objects.values_list("points", flat=True)) == {3}
    page = client.get(
        reverse("scoring:section", kwargs={"ref": world.rfp.reference, "section_id": world.extra["section"].pk})
    )
    assert 'name="points"' not in page.content.decode()


def test_an_evaluator_sees_other_scores_only_after_submitting(world, login):
    prepare_evaluation(world)
    omar = world.users["evaluator"]
    lena = UserFactory(username="lena", first_name="Lena", last_name="Berg", role=Role.EVALUATOR)
    MemberFactory(rfp=world.rfp, user=lena, role=MemberRole.EVALUATOR)
    Assignment.objects.create(section=world.extra["section"], evaluator=lena)
    for vendor in world.vendors.values():
        services.conflicts_declare(rfp=world.rfp, evaluator=lena, declarations={vendor.pk: (False, "")})
    lena_assignment = _score_all(world, lena, points=4)
    services.section_submit(assignment=lena_assignment, evaluation=_evaluation(world), by=lena)
    client = login(omar)
    url = reverse("scoring:section", kwargs={"ref": world.rfp.reference, "section_id": world.extra["section"].pk})
    assert "Lena Berg" not in whole_sheet(client, url).content.decode()
    services.section_submit(assignment=_score_all(world, omar), evaluation=_evaluation(world), by=omar)
    assert "Lena Berg" in whole_sheet(client, url).content.decode()


def test_a_draft_score_does_not_count_in_the_ranking_until_submitted(world):
    from scoring.selectors import ranking_for_rfp

    prepare_evaluation(world)
    omar = world.users["evaluator"]
    assignment = _score_all(world, omar, points=5)
    assert ranking_for_rfp(world.rfp).provisional
    services.section_submit(assignment=assignment, evaluation=_evaluation(world), by=omar)
    ranking = ranking_for_rfp(world.rfp)
    row = ranking.rows[0]
    assert row.result.counts.not_yet_scored == len(_human_answers(world, world.sections[1])) // 2


def test_every_score_save_and_submission_is_in_the_audit_log(world):
    from rfp.models import AuditEntry

    prepare_evaluation(world)
    omar = world.users["evaluator"]
    assignment = _score_all(world, omar)
    services.section_submit(assignment=assignment, evaluation=_evaluation(world), by=omar)
    actions = list(AuditEntry.objects.filter(rfp=world.rfp).values_list("action", flat=True))
    assert actions.count("score.saved") == len(_human_answers(world))
    assert "evaluation.section_submitted" in actions
