"""Answer intelligence in a background worker (the "reports" queue): a whole RFP when evaluation
starts, or only the answers a best-and-final round changed."""

from celery import shared_task
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from insights import services
from jobs import services as jobs

KIND_ANALYSE = "insights.analyse"
STEPS = 2


@shared_task(name="insights.tasks.analyse", acks_late=True, reject_on_worker_lost=True)
def analyse(job_id: int) -> None:
    job = jobs.job_start(job_id)
    if job is None:
        return  # finished already (a second delivery of the same message)
    answer_ids = job.params.get("answers") or []
    jobs.job_progress(job, 1, STEPS, _("Checking the answers"))
    try:
        count = (
            services.reanalyse_answers(rfp=job.rfp, answer_ids=answer_ids)
            if answer_ids
            else services.analyse_rfp(rfp=job.rfp)
        )
    except Exception as error:
        jobs.job_fail(job.pk, f"{type(error).__name__}: {error}")
        raise
    job.steps = STEPS
    jobs.job_done(job, message=ngettext("%(count)s finding.", "%(count)s findings.", count) % {"count": count})


def enqueue(job_id: int, interface_language: str) -> None:
    import config.celery  # noqa: F401 - the broker settings, loaded only when a job is handed over

    jobs.hand_over(job_id, interface_language, lambda: analyse.apply_async(args=[job_id], queue="reports"))
