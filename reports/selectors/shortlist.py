"""The shortlist and the ranking the results read: the saved shortlist and suggestions for it, the
leading vendors the report details, the executives who decide, and whose prices results show."""

from reports.models import Shortlist
from rfp.models import RFP, MemberRole
from scoring.selectors import RankedVendor, Ranking, ranking_for_rfp
from vendors.bid_view import results_rule

LEADING_COUNT = 3  # vendors the report details when no shortlist has been saved yet


def shortlist_of(rfp: RFP) -> Shortlist | None:
    return Shortlist.objects.filter(rfp=rfp).select_related("published_by").prefetch_related("entries__vendor").first()


def shortlisted_vendor_ids(shortlist: Shortlist | None) -> list[int]:
    return [entry.vendor_id for entry in shortlist.entries.all()] if shortlist else []


def suggest_top(ranking: Ranking, count: int) -> list[int]:
    """The best `count` vendors that can be shortlisted (knocked-out ones cannot)."""
    return [row.result.vendor_id for row in ranking.rows if not row.result.excluded][: max(count, 0)]


def suggest_above(ranking: Ranking, threshold: float) -> list[int]:
    return [
        row.result.vendor_id
        for row in ranking.rows
        if not row.result.excluded and row.result.total is not None and row.result.total >= threshold - 1e-9
    ]


def executives(rfp: RFP) -> list:
    return [m.user for m in rfp.members.select_related("user").filter(role=MemberRole.EXECUTIVE)]


def leading_rows(ranking: Ranking, shortlist: Shortlist | None) -> tuple[list[RankedVendor], bool]:
    """The vendors the report details: the published shortlist, else the leading valid vendors.
    The flag says whether they are a published decision."""
    if shortlist is not None and shortlist.is_published:
        chosen = set(shortlisted_vendor_ids(shortlist))
        rows = [row for row in ranking.rows if row.result.vendor_id in chosen]
        if rows:
            return rows, True
    return [row for row in ranking.rows if not row.result.excluded][:LEADING_COUNT], False


def vendors_with_open_prices(rfp: RFP) -> list[str]:
    """The bidders whose prices the results show: the audit log names them when results are read."""
    from scoring.selectors import bidders

    rule = results_rule(rfp)
    return [bidder.name for bidder in bidders(rfp) if rule.price_visible(bidder.response_id)]


def report_ranking(rfp: RFP) -> Ranking:
    """The ranking the report and the export read: names, never aliases (they are for the
    people who decide, after scoring)."""
    return ranking_for_rfp(rfp, blind=False)
