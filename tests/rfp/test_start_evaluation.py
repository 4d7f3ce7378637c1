"""Starting an evaluation that has no submitted bid asks first, and says what it means."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rfp.models import Status
from vendors.models import ResponseStatus


@pytest.fixture
def closed(world):
    world.rfp.status, world.rfp.deadline = Status.CLOSED, timezone.now() - timedelta(hours=1)
    world.rfp.save()
    return world.rfp


@pytest.mark.parametrize("url_name", ["rfp:start_evaluation", "scoring:start"])
def test_with_no_bid_paula_is_asked_before_the_evaluation_starts(closed, login, paula, url_name):
    client = login(paula)
    page = client.post(reverse(url_name, kwargs={"ref": closed.reference}))
    assert page.status_code == 200
    html = page.content.decode()
    assert "No vendor submitted a bid" in html and "Start the evaluation anyway" in html
    closed.refresh_from_db()
    assert closed.status == Status.CLOSED
    client.post(reverse("rfp:start_evaluation", kwargs={"ref": closed.reference}), {"without_bids": "1"})
    closed.refresh_from_db()
    assert closed.status == Status.EVALUATION


def test_with_a_submitted_bid_the_evaluation_starts_at_once(closed, world, login, paula):
    world.responses["vendor"].status = ResponseStatus.SUBMITTED
    world.responses["vendor"].save()
    login(paula).post(reverse("rfp:start_evaluation", kwargs={"ref": closed.reference}))
    closed.refresh_from_db()
    assert closed.status == Status.EVALUATION
