"""The price method on the pages: procurement chooses it while drafting, vendors read it, and the
ranking page and the executive report show the price-formula stress test with its sentence."""

from decimal import Decimal

from django.urls import reverse

from reports.pdf import ReportRenderer
from rfp.models import RFP, PriceMethod
from tests.rfp.test_builder_pages import create_data


def _ranking_page(client, rfp) -> str:
    return client.get(reverse("scoring:ranking", kwargs={"ref": rfp.reference})).content.decode()


def test_the_ranking_page_says_whether_the_price_formula_decides_the_winner(evaluated, login, paula):
    page = _ranking_page(login(paula), evaluated)
    assert "Does the price formula decide the winner?" in page
    assert "Relative to the lowest bid" in page and "Price per quality point" in page
    for split in ("50/50", "60/40", "70/30", "80/20"):
        assert split in page
    # The evaluated tender: Harbor leads on quality, Coral Coast bids lowest by far, Vistula between.
    assert "Harbor Premium Contact wins as published, but not under every price formula." in page
    assert (
        "Coral Coast Outsourcing would win with relative \u206650/50\u2069; linear \u206650/50\u2069; "
        "price per quality point." in page
    )
    assert (
        "Vistula Nearshore CX would win with relative \u206660/40, 70/30\u2069; "
        "linear \u206660/40, 70/30, 80/20\u2069." in page
    )
    assert "the linear rows run from the highest bid" in page  # no budget was set


def test_a_budget_ceiling_and_floor_drive_the_linear_rows_and_the_published_row_is_marked(evaluated, login, paula):
    RFP.objects.filter(pk=evaluated.pk).update(
        price_method=PriceMethod.LINEAR, price_ceiling=Decimal("5000000"), price_floor=Decimal("1500000")
    )
    page = _ranking_page(login(paula), evaluated)
    assert "the linear rows run from the highest bid" not in page
    assert page.count("published</span>") == 1
    evaluated.refresh_from_db()
    html = ReportRenderer(evaluated, language="en").html()
    assert "Does the price formula decide the winner?" in html
    assert "a bid of 5,000,000 USD or more scores 0, a bid of 1,500,000 USD or less scores 100" in html


def test_procurement_chooses_linear_scoring_only_with_a_ceiling_above_the_floor(login, paula, draft_rfp):
    draft_rfp.created_by = paula
    draft_rfp.save()
    data = create_data(price_method="linear", price_ceiling="4000000", price_floor="")
    data.pop("bank_sections")
    client = login(paula)
    page = client.post(reverse("rfp:edit", args=[draft_rfp.reference]), data).content.decode()
    assert "Linear price scoring needs a floor" in page
    data |= {"price_floor": "4500000"}
    page = client.post(reverse("rfp:edit", args=[draft_rfp.reference]), data).content.decode()
    assert "The ceiling must be above the floor." in page
    draft_rfp.refresh_from_db()
    assert draft_rfp.price_method == PriceMethod.RELATIVE
    data |= {"price_floor": "2500000"}
    assert client.post(reverse("rfp:edit", args=[draft_rfp.reference]), data).status_code == 302
    draft_rfp.refresh_from_db()
    assert (draft_rfp.price_method, draft_rfp.price_ceiling, draft_rfp.price_floor) == (
        PriceMethod.LINEAR,
        Decimal("4000000"),
        Decimal("2500000"),
    )


def test_vendors_read_how_price_is_scored(world, login):
    RFP.objects.filter(pk=world.rfp.pk).update(
        price_method=PriceMethod.LINEAR, price_ceiling=Decimal("900000"), price_floor=Decimal("600000")
    )
    page = login(world.users["vendor"]).get(reverse("vendors:rfp", kwargs={"ref": world.rfp.reference}))
    text = page.content.decode()
    assert "How price is scored:" in text and "a bid of 900,000" in text


def test_when_the_best_bid_is_also_the_cheapest_the_sentence_says_the_winner_holds(evaluated, login, paula):
    from vendors.models import Answer

    Answer.objects.filter(
        response__rfp=evaluated, response__vendor__name="Harbor Premium Contact", question__section__kind="price"
    ).update(value=1_000_000.0)
    page = _ranking_page(login(paula), evaluated)
    assert (
        "Harbor Premium Contact wins under every price formula and every quality/price split from 50/50 to 80/20."
        in page
    )
    assert "is-changed" not in page
