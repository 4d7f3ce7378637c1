"""Access-matrix cases for the decision pages: results are for procurement and executive members
once the evaluation has started (evaluators are kept independent of the ranking); writing the
decision is for procurement. The POST side of the shortlist page is covered in test_access.py."""

from django.utils import timezone

from reports.models import Shortlist, ShortlistEntry
from rfp.models import Status
from tests.access.matrix import FORM_ERRORS, Case, rfp_ref
from tests.scoring.access_cases import prepare_evaluation

READERS = frozenset({"procurement", "executive"})
PROCUREMENT = frozenset({"procurement"})


def prepare_decided(world):
    """The world RFP in evaluation with submitted bids, then decided with a published shortlist."""
    prepare_evaluation(world)
    shortlist = Shortlist.objects.create(
        rfp=world.rfp,
        rationale="Northwind leads on every risk area.",
        created_by=world.users["procurement"],
        published_at=timezone.now(),
        published_by=world.users["procurement"],
    )
    ShortlistEntry.objects.create(shortlist=shortlist, vendor=world.vendors["vendor"], rank=1)
    world.rfp.status = Status.DECIDED
    world.rfp.save(update_fields=["status"])
    return world


CASES = [
    Case("reports:dashboard", rfp_ref, allowed=READERS, prepare=prepare_evaluation),
    Case("reports:shortlist", rfp_ref, allowed=READERS, prepare=prepare_evaluation),
    Case(
        "reports:promote",
        rfp_ref,
        allowed=PROCUREMENT,
        methods=("get", "post"),
        prepare=prepare_decided,
        expect=FORM_ERRORS,
    ),
    Case("reports:pdf", rfp_ref, allowed=READERS, prepare=prepare_evaluation),
    Case("reports:scores_xlsx", rfp_ref, allowed=READERS, prepare=prepare_evaluation),
]
