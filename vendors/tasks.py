"""The vendor side's background work: a large offline workbook, saved by a worker on the
"imports" queue after the vendor confirmed its preview (vendors/views_offline.py)."""

from celery import shared_task
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jobs import services as jobs
from vendors import offline
from vendors.models import Response

KIND_IMPORT = "vendors.offline_import"
STEPS = 2


@shared_task(name="vendors.tasks.import_workbook", acks_late=True, reject_on_worker_lost=True)
def import_workbook(job_id: int, interface_language: str = "en") -> None:
    """Check the stashed workbook again and save it in one transaction, or save nothing. The
    result is written to the job in the language of the vendor who confirmed it."""
    job = jobs.job_start(job_id)
    if job is None:
        return  # finished already (a second delivery of the same message)
    with translation.override(interface_language):
        response = Response.objects.select_related("rfp", "vendor").filter(pk=job.params["response"]).first()
        content = offline.read_stash(job.params["token"])
        if response is None or content is None:
            jobs.job_fail(job.pk, _("This preview has expired or was already saved. Upload the workbook again."))
            return
        jobs.job_progress(job, 1, STEPS, _("Checking the workbook again and saving its answers"))
        try:
            check = offline.apply_workbook(response=response, content=content, by=job.requested_by)
        except offline.WorkbookRefused as refused:
            problems = " ".join(refused.check.problems[:3])
            jobs.job_fail(job.pk, _("Nothing was saved: the workbook no longer passes the checks.") + " " + problems)
            return
        except Exception as error:
            jobs.job_fail(job.pk, f"{type(error).__name__}: {error}")
            raise
        offline.drop_stash(job.params["token"])
        job.steps = STEPS
        count = len(check.changes)
        jobs.job_done(
            job,
            message=ngettext(
                "Saved %(count)s answer from your workbook.", "Saved %(count)s answers from your workbook.", count
            )
            % {"count": count},
        )


def enqueue(job_id: int, interface_language: str) -> None:
    """Hands the import to the "imports" queue (see jobs.services.hand_over)."""
    import config.celery  # noqa: F401 - the broker settings, loaded only when a job is handed over

    jobs.hand_over(
        job_id,
        interface_language,
        lambda: import_workbook.apply_async(args=[job_id, interface_language], queue="imports"),
    )
