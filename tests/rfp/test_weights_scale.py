"""Weights scaled to 100 in one click, and Publish held back, with its reason, until they total 100."""

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from rfp.models import AuditEntry
from scoring.services import whole_weights_totalling_100


@given(st.lists(st.decimals(0, 1000, places=2), min_size=1, max_size=20).filter(lambda w: sum(w) > 0))
def test_scaled_weights_are_whole_numbers_that_total_exactly_100_and_keep_the_order(weights):
    scaled = whole_weights_totalling_100(weights)
    assert sum(scaled) == 100 and all(w == int(w) for w in scaled)
    total = sum(weights)
    for original, new in zip(weights, scaled, strict=True):
        assert abs(new - original * 100 / total) < 1  # never more than a rounding away
        assert (original == 0) <= (new == 0)  # a zero weight stays zero


def test_the_bank_weights_that_paula_typed_by_hand_scale_in_one_click(draft_rfp, login, paula):
    sections = list(draft_rfp.sections.order_by("order", "id"))
    for section, weight in zip(sections, (Decimal("5.74"), Decimal("23.06")), strict=True):
        section.weight = weight
        section.save(update_fields=["weight"])
    client = login(paula)
    page = client.get(reverse("rfp:detail", kwargs={"ref": draft_rfp.reference})).content.decode()
    assert "Scale to 100" in page
    assert 'disabled aria-describedby="publish-blockers"' in page and "71.2 points short of 100" in page
    page = client.post(reverse("rfp:weights_scale", kwargs={"ref": draft_rfp.reference}), follow=True)
    assert [s.weight for s in draft_rfp.sections.order_by("order", "id")] == [Decimal(20), Decimal(80)]
    html = page.content.decode()
    assert "scaled to 100" in html and "Scale to 100" not in html
    assert AuditEntry.objects.filter(rfp=draft_rfp, action="evaluation.weights_applied", message="scaled to 100")


def test_weights_of_zero_everywhere_cannot_be_scaled(draft_rfp, login, paula):
    draft_rfp.sections.update(weight=0)
    page = login(paula).post(reverse("rfp:weights_scale", kwargs={"ref": draft_rfp.reference}), follow=True)
    assert "at least one section a weight above zero" in page.content.decode()


@pytest.mark.parametrize("weights", [(60, 40)])
def test_publish_is_offered_once_the_weights_total_100(draft_rfp, login, paula, weights):
    for section, weight in zip(draft_rfp.sections.order_by("order", "id"), weights, strict=True):
        section.weight = weight
        section.save(update_fields=["weight"])
    page = login(paula).get(reverse("rfp:detail", kwargs={"ref": draft_rfp.reference})).content.decode()
    assert "publish-blockers" not in page and "data-confirm=" in page
