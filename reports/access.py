"""Who may reach the shortlist, the reports and the exports.

They show the ranking, every vendor's answers and every evaluator's marks, so they follow the
rule scoring.access sets for results: procurement and executive members of the RFP, once the
evaluation has started. Evaluators are left out on purpose: a panel that sees the running ranking
or the other evaluators' marks is no longer independent. Procurement writes (the shortlist, its
publication and promotion); executives read. Everyone else gets 404, never 403.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from jobs.models import Job
from rfp.models import RFP, MemberRole
from scoring.access import RESULT_READERS, RESULT_STATUSES, get_evaluation


def get_report_rfp(user, reference: str, *, write: bool = False) -> tuple[RFP, bool]:
    """The RFP if the user may read its results, and whether they may change the decision."""
    evaluation = get_evaluation(user, reference, roles=RESULT_READERS, statuses=RESULT_STATUSES)
    can_write = evaluation.role == MemberRole.PROCUREMENT
    if write and not can_write:
        raise Http404("No such RFP.")
    return evaluation.rfp, can_write


REPORT_KINDS = ("report.pdf", "report.xlsx")


def get_report_job(user, reference: str, job_id: int) -> tuple[RFP, Job]:
    """A report job of an RFP whose results the user may read (a stale one is first said failed)."""
    from jobs.services import reap_stale

    rfp, _can_write = get_report_rfp(user, reference)
    job = get_object_or_404(Job, pk=job_id, rfp=rfp, kind__in=REPORT_KINDS)
    reap_stale(Job.objects.filter(pk=job.pk))
    job.refresh_from_db()
    return rfp, job
