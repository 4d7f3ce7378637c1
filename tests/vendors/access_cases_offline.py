"""The vendor's offline workbook pages. The URL names only the RFP; the company comes from the signed-in
user, so each invited vendor reaches its own workbook (Ana Northwind's, Ravi Bluepeak's) and nobody
else reaches either."""

from jobs.models import Job
from tests.access.matrix import FORM_ERRORS, Case, rfp_ref
from vendors.tasks import KIND_IMPORT

INVITED_VENDORS = frozenset({"vendor", "rival"})


def _northwind_import(world) -> None:
    """A large workbook of Northwind's, being saved in the background."""
    world.extra["job"] = Job.objects.create(
        kind=KIND_IMPORT,
        rfp=world.rfp,
        requested_by=world.users["vendor"],
        params={"response": world.responses["vendor"].pk, "token": "0" * 32},
    )


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
    Case(
        "vendors:offline_job",
        kwargs=lambda w: {"ref": w.rfp.reference, "job_id": w.extra["job"].pk},
        allowed=frozenset({"vendor"}),  # Northwind's import: not Bluepeak's, not the buyer's
        prepare=_northwind_import,
    ),
]
