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


def _job(world, done: bool = False):
    """A report job of the world's RFP (finished, with its file, when `done`)."""
    from django.core.files.base import ContentFile

    from jobs.models import Job, JobStatus

    job = Job.objects.filter(rfp=world.rfp, kind="report.pdf").first()
    if job is None:
        job = Job.objects.create(rfp=world.rfp, kind="report.pdf", params={"language": "en", "appendix": False})
    if done and job.status != JobStatus.DONE:
        job.file.save("report.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
        job.status, job.file_name, job.content_type, job.checksum = JobStatus.DONE, "r.pdf", "application/pdf", "x"
        job.save()
    return job


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
    # Asking for the PDF answers at once with the job's page.
    Case("reports:pdf", rfp_ref, allowed=READERS, prepare=prepare_evaluation, expect={"get": 302}),
    Case("reports:job", lambda w: rfp_ref(w) | {"job_id": _job(w).pk}, allowed=READERS, prepare=prepare_evaluation),
    Case(
        "reports:job_file",
        lambda w: rfp_ref(w) | {"job_id": _job(w, done=True).pk},
        allowed=READERS,
        prepare=prepare_evaluation,
    ),
    Case("reports:scores_xlsx", rfp_ref, allowed=READERS, prepare=prepare_evaluation, expect={"get": 302}),
]
