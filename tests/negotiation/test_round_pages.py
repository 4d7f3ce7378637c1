"""The round on the buyer's pages and in the executive report: Paula's form and its refusals, the
round's page while sealed and once closed, the ranking's card, and the PDF chapter."""

import re

import pytest
from django.utils import translation

from negotiation.models import Round
from reports.pdf import ReportRenderer
from tests.negotiation.test_rounds import HARBOR, VISTULA, open_round, plain, rescored, response_of, revise
from tests.reports.pdf_text import page_with, pdf_pages


def test_paula_opens_a_round_from_the_form_with_the_two_leaders_ticked(tender, login, paula):
    client = login(paula)
    page = client.get(f"/evaluation/{tender.reference}/rounds/").content.decode()
    harbor, vistula = response_of(tender, HARBOR), response_of(tender, VISTULA)
    boxes = {
        int(value): "checked" in tag
        for tag, value in re.findall(r'(<input[^>]*name="vendors"[^>]*value="(\d+)"[^>]*>)', page)
    }
    assert boxes == {harbor.pk: True, vistula.pk: True, response_of(tender, "Coral Coast Outsourcing").pk: False}
    turnover = tender.sections.get(key="turnover")
    response = client.post(
        f"/evaluation/{tender.reference}/rounds/",
        {
            "vendors": [harbor.pk, vistula.pk],
            "deadline": "2099-01-15T12:00",
            "sections": [turnover.pk],
            "note": "Sharpen.",
        },
    )
    round_ = Round.objects.get(rfp=tender)
    assert response.status_code == 302 and response.url.endswith("/rounds/2/")
    assert round_.section_ids == [turnover.pk] and round_.note == "Sharpen."


def test_a_bad_round_form_says_what_is_wrong_and_opens_nothing(tender, login, paula):
    client = login(paula)
    response = client.post(f"/evaluation/{tender.reference}/rounds/", {"vendors": [], "deadline": "2001-01-01T00:00"})
    page = response.content.decode()
    assert response.status_code == 200 and "The deadline must be in the future." in page
    assert "This field is required." in page
    atlas = response_of(tender, "Atlas Multilingual Services")
    response = client.post(
        f"/evaluation/{tender.reference}/rounds/", {"vendors": [atlas.pk], "deadline": "2099-01-15T12:00"}
    )
    assert "is not one of the available choices" in response.content.decode()  # a knocked-out bid is not offered
    assert not Round.objects.exists()


def test_while_the_round_is_open_its_page_shows_who_submitted_but_not_what(tender, login, paula, coral_manager):
    round_ = open_round(tender, paula)
    revise(tender, coral_manager, "Coral Coast Outsourcing", "pricing-01", "1111111")
    page = login(paula).get(f"/evaluation/{tender.reference}/rounds/{round_.number}/").content.decode()
    assert "Not submitted yet" in page and "1111111" not in page and "1,111,111" not in page
    assert "Revisions are sealed" in page


def test_the_ranking_and_the_round_page_explain_the_move_to_procurement_and_executives(
    tender, login, paula, dana, omar, lena, vistula_manager
):
    round_ = rescored(tender, paula, vistula_manager, omar, lena)
    for reader in (paula, dana):
        client = login(reader)
        ranking = client.get(f"/evaluation/{tender.reference}/ranking/").content.decode()
        assert f"The lead changed: {VISTULA} now ranks first, ahead of {HARBOR}." in ranking
        assert "Moves from rank 2 to rank 1" in plain(ranking)
        detail = client.get(f"/evaluation/{tender.reference}/rounds/{round_.number}/").content.decode()
        assert "What Vistula Nearshore CX changed" in detail and "1,500,000" in detail
    # The evaluators score; they do not read the ranking or the round.
    client = login(omar)
    assert client.get(f"/evaluation/{tender.reference}/rounds/{round_.number}/").status_code == 404


def test_closing_too_early_is_refused_with_the_reason(tender, login, paula):
    round_ = open_round(tender, paula)
    client = login(paula)
    response = client.post(f"/evaluation/{tender.reference}/rounds/{round_.number}/close/", follow=True)
    assert "vendors have not submitted yet" in response.content.decode()
    round_.refresh_from_db()
    assert round_.is_open


@pytest.mark.parametrize("language", ["en", "he"])
def test_the_executive_report_has_a_chapter_on_the_round(tender, paula, omar, lena, vistula_manager, language):
    rescored(tender, paula, vistula_manager, omar, lena)
    with translation.override(language):
        _name, _type, pdf = ReportRenderer(tender, language=language).generate()
    pages = pdf_pages(pdf, layout=False)
    if language == "en":
        chapter = pages[page_with(pages, "Best and final offers", "Round 2 was opened")]
        assert "The lead changed: Vistula Nearshore CX now ranks first" in chapter
        assert "price 3,420,000 → 1,500,000" in " ".join(plain(chapter).split())
        summary = pages[page_with(pages, "Executive summary", "Standing on the current scores")]
        assert "Best and final offers (round 2) changed the lead" in " ".join(summary.split())
    else:
        chapter = pages[page_with(pages, "Vistula Nearshore CX", "3420000")]
        assert "הצעות סופיות" in chapter


def test_in_a_round_the_vendor_is_not_offered_file_changes_the_round_cannot_take(tender, login, paula, coral_manager):
    turnover = tender.sections.get(key="turnover")
    client = login(coral_manager)
    url = f"/vendor/rfps/{tender.reference}/sections/{turnover.pk}/"
    open_round(tender, paula, sections=("turnover",))
    page = client.get(url).content.decode()
    assert 'name="answer-' in page  # the section is open for revision...
    assert "Attach a file" not in page and 'enctype="multipart/form-data"' not in page  # ...its files are not
    assert ">Remove<" not in page
