"""The demo panel, the scale generator, the charts and the robustness sentences."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Role
from rfp.models import RFP, Status
from scoring import charts
from scoring.demo import seed_evaluation, text_quality
from scoring.models import Assignment, Score
from scoring.selectors import moderation_rows, ranking_for_rfp, robustness_for
from tests.factories import UserFactory
from tests.scoring.access_cases import prepare_evaluation
from vendors.models import Answer

STRONG = (
    "We run a weekly governance call with a named service delivery manager, monthly KPI reviews against "
    "the SLA (service level 80/20, FCR 78%, CSAT 4.5), quarterly business reviews, root cause analysis of "
    "every escalation and a calibration session each week. Attrition fell from 41% to 24% in 2025 after "
    "a coaching and training programme; ISO 27001 and PCI DSS audits were passed without findings."
)
WEAK = "We are committed to excellence and partnership."


def _closed_world_with_text(world):
    prepare_evaluation(world, declare=False, assign=False, status=Status.CLOSED)
    for (key, _qid), answer in world.extra["answers"].items():
        if not answer.question.auto_rule:
            answer.value = STRONG if key == "vendor" else WEAK
            answer.save(update_fields=["value"])
    return world


def test_text_quality_prefers_specific_evidenced_answers():
    assert text_quality(STRONG) > 0.8 > 0.3 > text_quality(WEAK)
    assert text_quality("42") is None


def test_the_demo_panel_scores_everything_submits_and_disagrees_once(world):
    _closed_world_with_text(world)
    lena = UserFactory(username="lena", first_name="Lena", last_name="Berg", role=Role.EVALUATOR)
    farid = UserFactory(username="farid", first_name="Farid", last_name="Karimi", role=Role.EVALUATOR)
    summary = seed_evaluation(world.rfp, [world.users["evaluator"], lena, farid])
    world.rfp.refresh_from_db()
    assert world.rfp.status == Status.EVALUATION
    assert Assignment.objects.filter(section__rfp=world.rfp, submitted_at__isnull=True).count() == 0
    ranking = ranking_for_rfp(world.rfp)
    assert not ranking.error and not ranking.provisional
    assert ranking.rows[0].label == "Northwind Contact"  # the evidenced bid wins
    disagreements = moderation_rows(world.rfp, only_disagreements=True)
    assert [row.answer.pk for row in disagreements] == [summary["disagreement"][0]]
    assert sorted(p for _u, p in summary["disagreement"][1]) == [1, 4]
    assert all(score.comment for score in Score.objects.all())


def test_seed_scale_builds_the_asked_size(db):
    out = io.StringIO()
    call_command("seed_scale", vendors=3, questions=12, evaluators=2, reference="SCALE-T", stdout=out)
    rfp = RFP.objects.get(reference="SCALE-T")
    assert rfp.responses.count() == 3
    assert Answer.objects.filter(response__rfp=rfp).count() == 3 * 12
    assert "SCALE-T" in out.getvalue()
    ranking = ranking_for_rfp(rfp)
    assert not ranking.error and len(ranking.rows) == 3


def test_seed_scale_refuses_a_nonsense_size(db):
    with pytest.raises(CommandError):
        call_command("seed_scale", vendors=0, questions=5, evaluators=1, stdout=io.StringIO())


def test_the_robustness_is_said_in_words(world):
    prepare_evaluation(world)
    from django.utils import timezone

    for (key, _qid), answer in world.extra["answers"].items():
        if not answer.question.auto_rule:
            Score.objects.create(
                answer=answer,
                evaluator=world.users["evaluator"],
                points=4 if key == "vendor" else 3,
                submitted_at=timezone.now(),
            )
    ranking = ranking_for_rfp(world.rfp)
    words = robustness_for(ranking)
    assert words.leader.label == "Northwind Contact"
    assert words.margin_sentence.startswith("Northwind Contact stays first")
    assert "random variations of the weights" in words.sentence


def test_charts_escape_names_and_show_every_score(world):
    prepare_evaluation(world)
    world.vendors["vendor"].name = "<script>alert(1)</script> & Co"
    world.vendors["vendor"].save()
    ranking = ranking_for_rfp(world.rfp)
    svg = charts.heat_map(ranking)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    bars = charts.total_bars(ranking)
    assert "<script>" not in bars


@pytest.mark.parametrize("value, colour", [(None, "#eef1f5"), (0, "#c2413b"), (100, "#2e8b57")])
def test_score_colours_run_from_red_to_green(value, colour):
    assert charts.score_colour(value) == colour


def _x_of(svg: str, text: str) -> float:
    """The x of the text node that reads `text`."""
    found = re.search(r'<text x="([\d.]+)"[^>]*>' + re.escape(text) + "<", svg)
    assert found, text
    return float(found.group(1))


def test_right_to_left_the_heat_map_puts_vendors_on_the_right_and_the_total_on_the_left(world):
    prepare_evaluation(world)
    ranking = ranking_for_rfp(world.rfp)
    leader = f"1. {ranking.rows[0].label}"
    first_section = ranking.sections[0].weight
    ltr, rtl = charts.heat_map(ranking), charts.heat_map(ranking, rtl=True)
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', ltr).group(1))
    assert _x_of(ltr, leader) < _x_of(ltr, "Total") and _x_of(rtl, leader) > _x_of(rtl, "Total")
    assert _x_of(rtl, leader) == pytest.approx(width - _x_of(ltr, leader))
    assert f"{first_section:g}%" in rtl
    assert 'text-anchor="start"' in rtl and "rotate(50" in rtl  # labels read from the right edge


def test_right_to_left_the_bars_grow_leftwards_from_the_names(world):
    prepare_evaluation(world)
    ranking = ranking_for_rfp(world.rfp)
    name = ranking.rows[0].label
    ltr, rtl = charts.total_bars(ranking), charts.total_bars(ranking, rtl=True)
    assert _x_of(ltr, "0") < _x_of(ltr, "100") and _x_of(rtl, "0") > _x_of(rtl, "100")
    assert _x_of(rtl, name) > _x_of(rtl, "0") - 20
