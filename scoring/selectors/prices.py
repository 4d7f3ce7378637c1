"""What an evaluator sees of prices: each visible bid's price as entered.

Reads in two queries (the bidders, the price answers) besides what vendors.bid_view reads to
decide which prices are visible.
"""

from typing import Any

from django.utils.formats import number_format

from rfp.models import RFP
from scoring.selectors.bidders import bidders
from vendors.answer_values import display_value
from vendors.models import Answer


def price_rows(rfp: RFP, rule) -> list[tuple[str, Any]]:
    """Each bid's price as entered (a number, or text if it is not one), for the bids whose
    price the reader may see (vendors.bid_view decides: envelope, pass mark, conflicts)."""
    by_response = {
        b.response_id: b
        for b in bidders(rfp)
        if rule.may_read_vendor(b.vendor_id) and rule.price_visible(b.response_id)
    }
    rows = (
        Answer.objects.filter(response_id__in=list(by_response), question__is_price=True)
        .order_by("response_id")
        .values_list("response_id", "value")
    )
    return sorted(
        (
            (
                by_response[rid].label(rule.blind),
                number_format(value, 0, force_grouping=True)
                if isinstance(value, (int, float)) and not isinstance(value, bool)
                else display_value(value),
            )
            for rid, value in rows
        ),
        key=lambda pair: pair[0],
    )
