"""The vendor's offline workbook pages. The URL names only the RFP; the company comes from the signed-in
user, so each invited vendor reaches its own workbook (Ana Northwind's, Ravi Bluepeak's) and nobody
else reaches either."""

from tests.access.matrix import FORM_ERRORS, Case, rfp_ref

INVITED_VENDORS = frozenset({"vendor", "rival"})

CASES = [
    Case(
        "vendors:offline_upload", kwargs=rfp_ref, allowed=INVITED_VENDORS, methods=("get", "post"), expect=FORM_ERRORS
    ),
    Case("vendors:offline_download", kwargs=rfp_ref, allowed=INVITED_VENDORS),
    Case(
        "vendors:offline_confirm",
        kwargs=rfp_ref,
        allowed=INVITED_VENDORS,
        methods=("get", "post"),
        expect={"get": 302},  # nothing uploaded to confirm: back to the upload page
    ),
]
