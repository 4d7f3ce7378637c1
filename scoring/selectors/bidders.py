"""Who is being evaluated: the submitted bids, their aliases, and what hides a vendor's name.

:func:`bidders` reads the submitted responses of an RFP in one query; :func:`redact` and
:func:`blind_file_name` read nothing.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from rfp.models import RFP
from vendors.models import Response, ResponseStatus


def alias_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: spreadsheet-style letters for any number of vendors."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class Bidder:
    """A vendor whose response was submitted: the only responses an evaluation looks at."""

    response_id: int
    vendor_id: int
    name: str
    slug: str
    submitted_at: datetime | None
    alias: str

    def label(self, blind: bool) -> str:
        return self.alias if blind else self.name


def bidders(rfp: RFP) -> list[Bidder]:
    """Submitted bids in alias order. Aliases follow a hash of the response, not the name, so
    that "Vendor A" cannot be guessed from the alphabet or from who submitted first."""
    rows = list(
        Response.objects.filter(rfp=rfp, status=ResponseStatus.SUBMITTED).values_list(
            "id", "vendor_id", "vendor__name", "vendor__slug", "submitted_at"
        )
    )
    rows.sort(key=lambda row: hashlib.sha256(f"{rfp.pk}:{row[0]}".encode()).hexdigest())
    return [
        Bidder(
            response_id=rid,
            vendor_id=vid,
            name=name,
            slug=slug,
            submitted_at=at,
            alias=_("Vendor %(letters)s") % {"letters": alias_letters(i)},
        )
        for i, (rid, vid, name, slug, at) in enumerate(rows)
    ]


def redact(text: str, bidder: Bidder) -> str:
    """Free text can name the vendor: in a blind evaluation its name and slug become the alias."""
    if not text:
        return text
    names = sorted({bidder.name, bidder.slug, bidder.slug.replace("-", " ")} - {""}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE)
    return pattern.sub(bidder.alias, text)


def blind_file_name(position: int, original: str) -> str:
    """A file name that cannot carry the vendor's name: "Attachment 2.pdf"."""
    suffix = ""
    if "." in original:
        ext = original.rsplit(".", 1)[1].lower()
        if ext.isalnum() and len(ext) <= 5:
            suffix = "." + ext
    return _("Attachment %(n)s") % {"n": position} + suffix
