"""Dates read as each language writes them: Polish names the month in the genitive after a day
("4 grudnia 2026", never "4 grudzień 2026")."""

import datetime

import pytest
from django.urls import reverse

from tests.rfp.test_builder_pages import html

DECEMBER_4 = datetime.datetime(2031, 12, 4, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "4 December 2031"), ("pl", "4 grudnia 2031"), ("he", "4 דצמבר 2031")],
)
def test_the_preview_states_the_deadline_in_the_readers_language(login, paula, draft_rfp, language, expected):
    draft_rfp.deadline = DECEMBER_4
    draft_rfp.save()
    page = login(paula).get(reverse("rfp:preview", kwargs={"ref": draft_rfp.reference}), HTTP_ACCEPT_LANGUAGE=language)
    assert expected in html(page)
