"""Writes of background jobs: asking for one (or reusing a finished one), and what a worker
reports while it works. Every write is a single UPDATE of the job's row, so that a page reading
the job never sees a half-made state, and a finished file is saved before the job says "done"."""

import hashlib
import logging
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobs.models import Job, JobStatus

LIVE = (JobStatus.QUEUED, JobStatus.RUNNING)
logger = logging.getLogger(__name__)


def job_request(*, kind: str, rfp, by, params: dict, fingerprint: str, enqueue: Callable[[int], None]) -> Job:
    """The job for this request: a finished one made from the same data, one already on its way,
    or a new one handed to `enqueue` once the transaction commits (so the worker finds the row)."""
    same = Job.objects.filter(kind=kind, rfp=rfp, params=params, fingerprint=fingerprint)
    reap_stale(same)
    reusable = same.filter(status__in=[*LIVE, JobStatus.DONE]).exclude(status=JobStatus.DONE, checksum="").first()
    if reusable is not None:
        return reusable
    job = Job.objects.create(kind=kind, rfp=rfp, requested_by=by, params=params, fingerprint=fingerprint)
    transaction.on_commit(lambda: enqueue(job.pk))
    return job


def job_start(job_id: int) -> Job | None:
    """A worker takes the job (again, after a lost worker); None when it is already finished."""
    now = timezone.now()
    Job.objects.filter(pk=job_id, status__in=LIVE).update(
        status=JobStatus.RUNNING, started_at=now, heartbeat_at=now, step=0, message=""
    )
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.status != JobStatus.RUNNING:
        return None
    Job.objects.filter(pk=job_id).update(attempts=job.attempts + 1)
    job.attempts += 1
    return job


def job_progress(job: Job, step: int, steps: int, label: str) -> None:
    Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        step=step, steps=steps, step_label=label[:200], heartbeat_at=timezone.now()
    )


def job_finish(job: Job, *, name: str, content_type: str, content: bytes) -> None:
    """Saves the file first, then marks the job done with the file's checksum: a job that says
    "done" always has its whole file."""
    checksum = hashlib.sha256(content).hexdigest()
    stored = job.file.storage.save(f"jobs/{job.pk}-{checksum[:12]}", ContentFile(content))
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        file=stored,
        file_name=name,
        content_type=content_type,
        checksum=checksum,
        size=len(content),
        step=job.steps or 1,
        steps=job.steps or 1,
        finished_at=timezone.now(),
    )


def job_done(job: Job, *, message: str) -> None:
    """A job whose result is a change in the database (an import), not a file: done, with what it did."""
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        message=message[:2000],
        step=job.steps or 1,
        steps=job.steps or 1,
        finished_at=timezone.now(),
    )


def hand_over(job_id: int, interface_language: str, send: Callable[[], None]) -> None:
    """Gives a job to the queue with `send`; when the broker cannot be reached, the job says so at
    once (failed, with the reason, in the asker's language) instead of waiting for a worker that
    will never see it."""
    from kombu.exceptions import OperationalError

    try:
        send()
    except (OperationalError, OSError):  # the broker refused the connection or could not be found
        logger.exception("Could not queue job %s", job_id)
        with translation.override(interface_language):
            job_fail(job_id, _("The job queue cannot be reached. Ask again in a moment."))


def job_fail(job_id: int, message: str) -> None:
    Job.objects.filter(pk=job_id).exclude(status=JobStatus.DONE).update(
        status=JobStatus.FAILED, message=message[:2000], finished_at=timezone.now()
    )


def reap_stale(jobs) -> int:
    """Running jobs whose worker has given no sign of life for JOB_STALE_SECONDS failed: the
    worker was lost (killed, out of memory, its machine gone). They are said so, never left
    "running"."""
    limit = timezone.now() - timedelta(seconds=settings.JOB_STALE_SECONDS)
    return jobs.filter(status=JobStatus.RUNNING, heartbeat_at__lt=limit).update(
        status=JobStatus.FAILED,
        message=_("The worker stopped while preparing this file. Ask for it again."),
        finished_at=timezone.now(),
    )


def jobs_prune(*, days: int) -> tuple[int, int]:
    """Finished jobs older than `days`, with their files, are deleted (a report asked for again is
    made again); running jobs whose worker was lost are reported failed first. Returns (jobs
    deleted, files deleted)."""
    reap_stale(Job.objects.all())
    limit = timezone.now() - timedelta(days=days)
    old = Job.objects.filter(status__in=(JobStatus.DONE, JobStatus.FAILED), finished_at__lt=limit)
    files = 0
    for job in old.exclude(file=""):
        job.file.delete(save=False)  # the storage's file first: a row without its file is harmless
        files += 1
    deleted, _per_model = old.delete()
    return deleted, files
