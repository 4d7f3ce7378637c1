"""Moderation: procurement sees individual scores, spread and disagreement, and sets a consensus
score with a reason; the individual scores never change and stay in the audit log."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from rfp.models import AuditEntry, MemberRole
from scoring.models import Consensus, Score
from scoring.selectors import moderation_rows, ranking_for_rfp
from tests.factories import MemberFactory, UserFactory
from tests.scoring.access_cases import prepare_evaluation


@pytest.fixture
def split_answer(world):
    """Omar gave 1 and Lena 4 to the same answer: a disagreement (range 3)."""
    prepare_evaluation(world)
    lena = UserFactory(username="lena", first_name="Lena", last_name="Berg", role=Role.EVALUATOR)
    MemberFactory(rfp=world.rfp, user=lena, role=MemberRole.EVALUATOR)
    answer = world.extra["answer"]
    now = timezone.now()
    Score.objects.create(
        answer=answer, evaluator=world.users["evaluator"], points=1, comment="Vague.", submitted_at=now
    )
    Score.objects.create(answer=answer, evaluator=lena, points=4, comment="Solid.", submitted_at=now)
    return answer


def _consensus_url(world, answer):
    return reverse("scoring:consensus", kwargs={"ref": world.rfp.reference, "answer_id": answer.pk})


def test_moderation_lists_individual_scores_spread_and_the_disagreement_flag(world, login, split_answer):
    rows = moderation_rows(world.rfp, only_disagreements=True)
    assert [r.answer.pk for r in rows] == [split_answer.pk]
    assert rows[0].spread == 3 and rows[0].disagreement
    page = login(world.users["procurement"]).get(reverse("scoring:moderation", kwargs={"ref": world.rfp.reference}))
    html = page.content.decode()
    assert "Lena Berg" in html and "Omar Haddad" in html and "Disagreement" in html


def test_a_consensus_needs_a_reason(world, login, split_answer):
    login(world.users["procurement"]).post(_consensus_url(world, split_answer), {"points": 3, "reason": " "})
    assert not Consensus.objects.exists()


def test_a_consensus_overrides_the_aggregate_but_never_the_individual_scores(world, login, split_answer):
    before = sorted(Score.objects.values_list("evaluator_id", "points", "comment"))
    section = split_answer.question.section_id
    vendor = split_answer.response.vendor_id

    def section_score():
        ranking = ranking_for_rfp(world.rfp)
        return next(r for r in ranking.rows if r.bidder.vendor_id == vendor).result.sections[section]

    aggregate_score = section_score()
    login(world.users["procurement"]).post(
        _consensus_url(world, split_answer), {"points": 5, "reason": "Reference call confirmed the programme."}
    )
    assert Consensus.objects.get(answer=split_answer).points == 5
    assert sorted(Score.objects.values_list("evaluator_id", "points", "comment")) == before
    assert section_score() > aggregate_score
    entry = AuditEntry.objects.get(action="evaluation.consensus_set")
    assert sorted(p for _u, p in entry.after["individual_scores"]) == [1, 4]
    assert entry.after["reason"] == "Reference call confirmed the programme."


def test_removing_a_consensus_restores_the_aggregate(world, login, split_answer):
    client = login(world.users["procurement"])
    client.post(_consensus_url(world, split_answer), {"points": 5, "reason": "Agreed."})
    client.post(_consensus_url(world, split_answer), {"clear": "1"})
    assert not Consensus.objects.exists()
    assert AuditEntry.objects.filter(action="evaluation.consensus_cleared").exists()


def test_a_redirect_after_moderation_stays_on_this_site(world, login, split_answer):
    response = login(world.users["procurement"]).post(
        _consensus_url(world, split_answer), {"points": 3, "reason": "x", "back": "https://evil.example/"}
    )
    assert response.url.startswith("/evaluation/")


def _moderation(client, world, **query):
    return client.get(reverse("scoring:moderation", kwargs={"ref": world.rfp.reference}), query)


def test_the_evaluators_scores_and_comments_sit_side_by_side_per_question(world, login, split_answer):
    page = _moderation(login(world.users["procurement"]), world)
    group = page.context["moderation"].groups[0]
    assert group.question.pk == split_answer.question_id
    assert group.evaluators == ["Lena Berg", "Omar Haddad"]
    row, cells = group.table[0]
    assert cells == [(4, "Solid."), (1, "Vague.")]


def test_the_flagged_filter_lists_what_an_evaluator_flagged_and_says_who(world, login, split_answer):
    Score.objects.filter(answer=split_answer, points=4).update(flagged=True)
    page = _moderation(login(world.users["procurement"]), world, show="flagged")
    assert [r.answer.pk for g in page.context["moderation"].groups for r in g.rows] == [split_answer.pk]
    assert "Flagged by Lena Berg" in page.content.decode()
    Score.objects.update(flagged=False)
    assert (
        "No evaluator flagged an answer"
        in _moderation(login(world.users["procurement"]), world, show="flagged").content.decode()
    )


def test_the_page_states_krippendorffs_alpha_of_the_panel(world, login, split_answer):
    from scoring.engine.reliability import ordinal_alpha

    page = _moderation(login(world.users["procurement"]), world)
    agreement = page.context["agreement"]
    assert agreement.overall.alpha == ordinal_alpha([[1, 4]])  # the one answer scored twice
    assert "Krippendorff" in page.content.decode()


def test_an_evaluator_who_scores_apart_is_named(world, login):
    prepare_evaluation(world)
    now = timezone.now()
    panel = [world.users["evaluator"]] + [
        UserFactory(username=name, first_name=name.title(), last_name="Panel", role=Role.EVALUATOR)
        for name in ("lena", "farid")
    ]
    answers = [a for a in world.extra["answers"].values() if not a.question.auto_rule]
    for answer in answers:
        for user, points in zip(panel, (4, 4, 1), strict=True):
            Score.objects.create(answer=answer, evaluator=user, points=points, comment="x", submitted_at=now)
    page = _moderation(login(world.users["procurement"]), world).content.decode()
    assert "Farid Panel scores 3.00 points below the rest of the panel on average" in page
    assert "Lena Panel scores" not in page


def test_moderation_pages_its_answers(world, login, split_answer):
    from scoring.selectors.moderation import PAGE_SIZE

    page = _moderation(login(world.users["procurement"]), world, show="all")
    moderation = page.context["moderation"]
    shown = sum(len(g.rows) for g in moderation.groups)
    assert shown == min(moderation.matching, PAGE_SIZE)
    assert _moderation(login(world.users["procurement"]), world, show="all", page="999").status_code == 200
