"""Each role lands on its own home after signing in."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rfp.models import Status


@pytest.fixture
def in_evaluation(world):
    world.rfp.status, world.rfp.deadline = Status.EVALUATION, timezone.now() - timedelta(days=1)
    world.rfp.save()
    return world.rfp


def _landing(client) -> str:
    return client.get(reverse("home"))["Location"]


def test_each_persona_lands_where_their_work_is(in_evaluation, login, paula, omar, dana, ana):
    ref = in_evaluation.reference
    assert _landing(login(paula)) == reverse("rfp:list")
    assert _landing(login(omar)) == reverse("scoring:overview", kwargs={"ref": ref})
    assert _landing(login(dana)) == reverse("reports:dashboard", kwargs={"ref": ref})
    assert _landing(login(ana)) == reverse("vendors:dashboard")


def test_before_any_results_the_executive_and_the_evaluator_land_on_the_rfp_list(world, login, omar, dana):
    assert _landing(login(dana)) == reverse("rfp:list")
    assert _landing(login(omar)) == reverse("rfp:list")
