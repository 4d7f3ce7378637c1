"""An Open Contracting Data Standard (OCDS 1.1) release package of a decided RFP: the tender with
its award criteria (section weights, the price formula, the technical pass mark), every bidder as a
party, the bids with each bidder's section scores and total as the decision was taken, and the
awards (the published shortlist). OCDS users have asked for published criteria weights and every
bidder's scores alongside the award; this is that record.

It reads the shortlist's ranking snapshot (the ranking the decision was taken on), never the live
ranking, so that a later change of a score cannot rewrite a published decision.
"""

from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reports.models import Shortlist
from rfp.models import RFP, Status

OCDS_VERSION = "1.1"
DECIDED = (Status.DECIDED, Status.ARCHIVED)


class NotPublishable(Exception):
    """The RFP has no decision to publish yet (not decided, or its shortlist not published)."""


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def ocid(rfp: RFP) -> str:
    """The open contracting identifier: the publisher's registered prefix and the reference."""
    return f"{settings.OCDS_PREFIX}-{rfp.reference}"


def _party_id(slug: str) -> str:
    return f"vendor-{slug}"


def release_package(rfp: RFP, uri: str = "") -> dict:
    """The package, as a dict ready for JSON. Raises NotPublishable before the decision."""
    shortlist = Shortlist.objects.filter(rfp=rfp).first()
    if rfp.status not in DECIDED or shortlist is None or not shortlist.is_published:
        raise NotPublishable(f"{rfp.reference} has no published decision yet.")
    snapshot = shortlist.ranking_snapshot or {"vendors": []}
    bidders = {b.name: b for b in _bidders(rfp)}
    awarded = {entry.vendor_id for entry in shortlist.entries.all()}
    buyer = {"id": "buyer", "name": rfp.buyer or settings.OCDS_PUBLISHER}
    parties = [buyer | {"roles": ["buyer", "procuringEntity"]}]
    bids = []
    for row in snapshot["vendors"]:
        vendor = bidders.get(row["vendor"])
        if vendor is None:
            continue
        party = {"id": _party_id(vendor.slug), "name": vendor.name}
        roles = ["tenderer", "supplier"] if vendor.pk in awarded else ["tenderer"]
        parties.append(party | {"roles": roles})
        bids.append(
            {
                "id": f"{rfp.reference}-bid-{vendor.slug}",
                "status": "disqualified" if row["knocked_out"] else "valid",
                "tenderers": [party],
                "rank": row["rank"],
                "scores": {"total": row["total"], "technical": row["technical"], "price": row["price_score"]}
                | {"sections": row["sections"]},
            }
        )
    release = {
        "ocid": ocid(rfp),
        "id": f"{rfp.reference}-award-{shortlist.published_at:%Y%m%d%H%M%S}",
        "date": _stamp(shortlist.published_at),
        "tag": ["award"],
        "initiationType": "tender",
        "language": rfp.language,
        "parties": parties,
        "buyer": buyer,
        "tender": _tender(rfp, len(bids), [b["tenderers"][0] for b in bids]),
        "bids": {"details": bids},
        "awards": [
            {
                "id": f"{rfp.reference}-shortlist",
                "title": rfp.title,
                "description": shortlist.rationale,
                "status": "active",
                "date": _stamp(shortlist.published_at),
                "suppliers": [
                    {"id": _party_id(entry.vendor.slug), "name": entry.vendor.name}
                    for entry in shortlist.entries.select_related("vendor")
                ],
            }
        ],
    }
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": _stamp(timezone.now()),
        "publisher": {"name": settings.OCDS_PUBLISHER},
        "releases": [release],
    }


def _bidders(rfp: RFP):
    from vendors.models import Vendor

    return Vendor.objects.filter(responses__rfp=rfp).distinct()


def _criteria(rfp: RFP) -> str:
    """The award criteria in words, in the RFP's language (the release's `language`)."""
    with translation.override(rfp.language):
        sections = rfp.sections.order_by("order", "id")
        weights = "; ".join(f"{s.title}: {float(s.weight):g}%" for s in sections)
        details = _("Weighted sum of the section scores, weights: %(weights)s.") % {"weights": weights}
        details += " " + rfp.price_formula
        if rfp.technical_pass_mark is not None:
            mark = f"{float(rfp.technical_pass_mark):g}"
            details += " " + _("Bids below a technical score of %(mark)s are excluded.") % {"mark": mark}
        return details


def _tender(rfp: RFP, tenderers: int, parties: list[dict]) -> dict:
    details = _criteria(rfp)
    return {
        "id": rfp.reference,
        "title": rfp.title,
        "description": rfp.summary,
        "status": "complete",
        "procurementMethod": "selective",
        "mainProcurementCategory": "services",
        "awardCriteria": "ratedCriteria",
        "awardCriteriaDetails": details,
        "submissionMethod": ["electronicSubmission"],
        "tenderPeriod": {"endDate": _stamp(rfp.deadline)},
        "numberOfTenderers": tenderers,
        "tenderers": parties,
    }
