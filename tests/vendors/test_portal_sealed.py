"""Sealed bids: before the deadline buyers see who has submitted and when, never what, unless the
RFP was created unsealed."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.vendors.portal_data import answer
from vendors import services


def submitted(world, user, key="vendor"):
    response = world.responses[key]
    for question in world.questions:
        answer(response, question, "30" if question.auto_rule else "Secret bid text", user)
    services.response_submit(response=response, by=user)
    return response


def response_url(world, response):
    return reverse("vendors:buyer_response", kwargs={"ref": world.rfp.reference, "response_id": response.pk})


def test_before_the_deadline_a_sealed_bid_shows_who_submitted_and_when_but_not_what(world, login, ana, paula):
    response = submitted(world, ana)
    client = login(paula)
    page = client.get(reverse("vendors:invitations", kwargs={"ref": world.rfp.reference})).content.decode()
    assert "Northwind Contact" in page and "Submitted v1" in page and "Sealed" in page
    assert "Secret bid text" not in page and response_url(world, response) not in page
    assert client.get(response_url(world, response)).status_code == 404


def test_after_the_deadline_procurement_reads_the_answers_and_the_rest_of_the_team_does_not_yet(
    world, login, ana, paula, omar, dana, piotr
):
    world.rfp.deadline = timezone.now() + timedelta(hours=1)
    world.rfp.save()
    response = submitted(world, ana)
    with time_machine.travel(world.rfp.deadline + timedelta(seconds=1)):
        reply = login(paula).get(response_url(world, response))
        assert reply.status_code == 200 and "Secret bid text" in reply.content.decode()
        # The panel reads nothing before the evaluation starts; an executive reads results only.
        for buyer in (omar, dana, piotr):
            assert login(buyer).get(response_url(world, response)).status_code == 404


def test_an_unsealed_rfp_lets_buyers_read_answers_before_the_deadline(world, login, ana, paula):
    world.rfp.sealed = False
    world.rfp.save()
    response = submitted(world, ana)
    assert "Secret bid text" in login(paula).get(response_url(world, response)).content.decode()


def test_vendors_cannot_use_the_buyer_view_even_for_their_own_response(world, login, ana, ravi):
    world.rfp.sealed = False
    world.rfp.save()
    response = submitted(world, ana)
    assert login(ana).get(response_url(world, response)).status_code == 404
    assert login(ravi).get(response_url(world, response)).status_code == 404


def test_a_reopened_response_shows_buyers_the_last_submitted_version_not_the_draft(world, login, ana, paula):
    world.rfp.sealed = False
    world.rfp.save()
    response = submitted(world, ana)
    services.response_reopen(response=response, by=ana)
    answer(response, world.questions[1], "Unsubmitted rewrite", ana)
    page = login(paula).get(response_url(world, response)).content.decode()
    assert "Secret bid text" in page and "Unsubmitted rewrite" not in page
