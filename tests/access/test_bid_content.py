"""The access matrix with state: what each buyer persona reads of a bid, page by page and file by
file, as the RFP moves from sealed to technical scoring to an opened price envelope, and when an
evaluator declares a conflict, is not assigned a section, or evaluates blind.

The world: Northwind and Bluepeak submitted to a two-envelope RFP with two technical sections
(Omar is assigned the first only) and a price section. Every answer carries a marker naming its
vendor and section, so a page's HTML says exactly which parts of which bid it shows. Each row of
the table is one persona opening one URL in one state: the status it gets, the markers that must
appear and those that must not.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from rfp.models import AuditEntry
from tests.access.bid_world import (
    below_pass_mark,
    blind,
    conflicted,
    granted,
    make_bids,
    marker,
    price_opened,
    price_shown,
    sealed,
    technical,
)
from tests.scoring.sheet_pages import whole_sheet


@pytest.fixture
def bids(world):
    return make_bids(world)


# --- the URLs ----------------------------------------------------------------------------------


def url(world, key: str) -> str:
    ref = world.rfp.reference
    kind, _, rest = key.partition(":")
    if kind == "bid":
        return reverse("vendors:buyer_response", kwargs={"ref": ref, "response_id": world.responses[rest].pk})
    if kind == "file":
        who, code = rest.split("/")
        return reverse("vendors:attachment", kwargs={"ref": ref, "attachment_id": world.extra["files"][(who, code)].pk})
    if kind == "scoring-file":
        who, code = rest.split("/")
        attachment_id = world.extra["files"][(who, code)].pk
        return reverse("scoring:attachment", kwargs={"ref": ref, "attachment_id": attachment_id})
    if kind == "sheet":
        return reverse("scoring:section", kwargs={"ref": ref, "section_id": world.extra[rest].pk})
    names = {"evaluation": "scoring:overview", "results": "reports:dashboard", "vendors": "vendors:invitations"}
    return reverse(names[kind], kwargs={"ref": ref})


@dataclass(frozen=True)
class Row:
    state: object
    persona: str
    key: str
    status: int
    shows: tuple = ()
    hides: tuple = ()
    prices_shown: tuple = ()
    prices_hidden: tuple = ()
    extra: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.state.__name__}-{self.persona}-{self.key}"


NW1, NW2, BP1, BP2 = marker("vendor", "S1"), marker("vendor", "S2"), marker("rival", "S1"), marker("rival", "S2")
EVERY_FILE = ("vendor/S1", "vendor/S2", "vendor/price")

ROWS = [
    # Sealed: nobody on the buyer side reads a bid before the deadline.
    *[Row(sealed, p, "bid:vendor", 404) for p in ("procurement", "evaluator", "executive", "outsider")],
    *[Row(sealed, p, f"file:{f}", 404) for p in ("procurement", "evaluator", "executive") for f in EVERY_FILE],
    Row(sealed, "procurement", "vendors", 200, hides=(NW1,)),
    # Technical stage: procurement reads every section, no price; Omar his section only.
    Row(
        technical,
        "procurement",
        "bid:vendor",
        200,
        shows=(NW1, NW2, "Sealed until the price envelope"),
        prices_hidden=("vendor",),
    ),
    Row(technical, "procurement", "file:vendor/S2", 200),
    Row(technical, "procurement", "file:vendor/price", 404),
    Row(technical, "evaluator", "bid:vendor", 200, shows=(NW1,), hides=(NW2, "Pricing"), prices_hidden=("vendor",)),
    Row(technical, "evaluator", "file:vendor/S1", 200),
    Row(technical, "evaluator", "scoring-file:vendor/S1", 200),
    Row(technical, "evaluator", "file:vendor/S2", 404),
    Row(technical, "evaluator", "scoring-file:vendor/S2", 404),
    Row(technical, "evaluator", "file:vendor/price", 404),
    Row(technical, "evaluator", "sheet:s1", 200, shows=(NW1, BP1), hides=(NW2, BP2)),
    Row(technical, "evaluator", "sheet:s2", 404),
    Row(technical, "evaluator", "evaluation", 200, prices_hidden=("vendor", "rival")),
    Row(technical, "executive", "bid:vendor", 404),
    Row(technical, "executive", "file:vendor/S1", 404),
    Row(technical, "executive", "results", 200, prices_hidden=("vendor", "rival")),
    Row(technical, "procurement", "results", 200, prices_hidden=("vendor", "rival")),
    Row(technical, "outsider", "bid:vendor", 404),
    # The price envelope opened for both bids.
    Row(price_opened, "procurement", "bid:vendor", 200, shows=(NW1, NW2), prices_shown=("vendor",)),
    Row(price_opened, "procurement", "file:vendor/price", 200),
    Row(price_opened, "evaluator", "bid:vendor", 200, shows=(NW1,), hides=(NW2,)),
    Row(price_opened, "evaluator", "file:vendor/price", 404),  # the pricing section is not his
    Row(price_opened, "evaluator", "evaluation", 200, prices_shown=("vendor", "rival")),
    Row(price_opened, "executive", "bid:vendor", 404),
    Row(price_opened, "executive", "file:vendor/price", 404),
    Row(price_opened, "executive", "results", 200, prices_shown=("vendor", "rival")),
    # A bid below the technical pass mark keeps its price sealed for everyone.
    Row(below_pass_mark, "procurement", "bid:vendor", 200, shows=(NW1,), prices_hidden=("vendor",)),
    Row(below_pass_mark, "procurement", "bid:rival", 200, shows=(BP1,), prices_shown=("rival",)),
    Row(below_pass_mark, "procurement", "file:vendor/price", 404),
    Row(below_pass_mark, "procurement", "results", 200, prices_shown=("rival",), prices_hidden=("vendor",)),
    Row(below_pass_mark, "evaluator", "evaluation", 200, prices_shown=("rival",), prices_hidden=("vendor",)),
    # A declared conflict removes the evaluator from that vendor, prices included.
    Row(conflicted, "evaluator", "bid:vendor", 404),
    Row(conflicted, "evaluator", "file:vendor/S1", 404),
    Row(conflicted, "evaluator", "bid:rival", 200, shows=(BP1,)),
    Row(conflicted, "evaluator", "sheet:s1", 200, shows=(BP1,), hides=(NW1,)),
    Row(conflicted, "evaluator", "evaluation", 200, prices_shown=("rival",), prices_hidden=("vendor",)),
    # Blind evaluation: aliases, never names, and no list of invited vendors.
    Row(blind, "evaluator", "bid:vendor", 200, shows=(NW1, "Vendor "), hides=("Northwind",)),
    Row(blind, "evaluator", "vendors", 404),
    Row(blind, "procurement", "bid:vendor", 200, shows=("Northwind Contact",)),
    # Procurement's grant lets an executive read the bids.
    Row(granted, "executive", "bid:vendor", 200, shows=(NW1, NW2), prices_shown=("vendor",)),
    Row(granted, "executive", "file:vendor/price", 200),
]


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_each_persona_reads_exactly_what_the_state_allows(row, bids, client):
    row.state(bids)
    client.force_login(bids.users[row.persona])
    address = url(bids, row.key)
    response = whole_sheet(client, address) if row.key.startswith("sheet:") else client.get(address)
    assert response.status_code == row.status
    if response.status_code != 200 or response.get("Content-Type", "").startswith("application/"):
        return
    html = response.content.decode()
    missing = [text for text in row.shows if text not in html]
    leaked = [text for text in row.hides if text in html]
    assert not missing and not leaked, f"missing {missing}, leaked {leaked}"
    for who in row.prices_shown:
        assert price_shown(html, who), f"{who}'s price should show"
    for who in row.prices_hidden:
        assert not price_shown(html, who), f"{who}'s price leaked"


def test_the_file_an_evaluator_downloads_blind_carries_no_vendor_name(bids, client):
    blind(bids)
    client.force_login(bids.users["evaluator"])
    reply = client.get(url(bids, "file:vendor/S1"))
    assert reply.status_code == 200
    assert "NW" not in reply["Content-Disposition"] and "Attachment 1.pdf" in reply["Content-Disposition"]


def test_opening_a_price_or_a_file_is_written_in_the_audit_log_for_procurement_to_see(bids, client):
    price_opened(bids)
    paula = bids.users["procurement"]
    client.force_login(paula)
    client.get(url(bids, "bid:vendor"))
    client.get(url(bids, "file:vendor/price"))
    entries = AuditEntry.objects.filter(rfp=bids.rfp, action__startswith="bid.", actor=paula)
    assert {e.action for e in entries} == {"bid.price_read", "bid.file_opened"}
    page = client.get(reverse("rfp:audit", kwargs={"ref": bids.rfp.reference}) + "?show=bid-reads").content.decode()
    assert "Bid prices read" in page and "Bid file opened" in page and "Northwind Contact" in page
    assert "Settings changed" not in page  # the filter keeps the reads only


def test_reading_a_bid_whose_price_is_sealed_writes_no_price_entry(bids, client):
    client.force_login(bids.users["procurement"])
    client.get(url(bids, "bid:vendor"))
    assert not AuditEntry.objects.filter(rfp=bids.rfp, action="bid.price_read").exists()
