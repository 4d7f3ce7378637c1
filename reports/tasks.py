"""The reports' background work: the executive PDF, made by a Celery worker with its progress
written to the job's row (jobs.Job) for the page to show."""

from celery import shared_task
from django.utils import translation

from jobs import services as jobs
from reports.excel import ScoreMatrixExporter
from reports.pdf import ReportError, ReportRenderer
from rfp.models import RFP

KIND_PDF = "report.pdf"
KIND_XLSX = "report.xlsx"


@shared_task(name="reports.tasks.render_report_pdf", acks_late=True, reject_on_worker_lost=True)
def render_report_pdf(job_id: int, interface_language: str = "en") -> None:
    """Make the PDF of the job's RFP. The progress labels are in the language of the person who
    asked (the report itself is in the language they chose for it)."""
    _run(job_id, interface_language, lambda rfp, job: ReportRenderer(rfp, **job.params), ReportRenderer.STEPS)


@shared_task(name="reports.tasks.render_score_matrix", acks_late=True, reject_on_worker_lost=True)
def render_score_matrix(job_id: int, interface_language: str = "en") -> None:
    """Make the Excel score matrix of the job's RFP (in the language of the person who asked)."""
    _run(job_id, interface_language, lambda rfp, job: ScoreMatrixExporter(rfp), ScoreMatrixExporter.STEPS)


def _run(job_id: int, interface_language: str, make, steps: int) -> None:
    job = jobs.job_start(job_id)
    if job is None:
        return  # finished already (a second delivery of the same message)
    with translation.override(interface_language):
        try:
            rfp = RFP.objects.get(pk=job.rfp_id)
            name, content_type, content = make(rfp, job).generate(
                progress=lambda step, total, label: jobs.job_progress(job, step, total, label)
            )
        except ReportError as error:
            jobs.job_fail(job.pk, str(error))
            return
        except Exception as error:
            jobs.job_fail(job.pk, f"{type(error).__name__}: {error}")
            raise
        job.steps = steps
        jobs.job_finish(job, name=name, content_type=content_type, content=content)


TASKS = {KIND_PDF: "reports.tasks.render_report_pdf", KIND_XLSX: "reports.tasks.render_score_matrix"}


def enqueue(kind: str, job_id: int, interface_language: str) -> None:
    """Hands the job to the "reports" queue (see jobs.services.hand_over)."""
    from config.celery import app  # the broker settings, loaded only when a job is handed over

    jobs.hand_over(
        job_id,
        interface_language,
        lambda: app.send_task(TASKS[kind], args=[job_id, interface_language], queue="reports"),
    )
