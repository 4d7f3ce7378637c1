"""Finished background jobs do not fill the storage: `manage.py jobs_prune` deletes those finished
more than JOB_KEEP_DAYS ago with their files, keeps recent ones, and reports lost workers first."""

import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from jobs.models import Job, JobStatus
from jobs.services import job_finish

pytestmark = pytest.mark.django_db


def finished_report(days_ago: int) -> Job:
    job = Job.objects.create(kind="report", status=JobStatus.RUNNING, steps=1)
    job_finish(job, name="report.pdf", content_type="application/pdf", content=b"%PDF-1.7 " + bytes(days_ago))
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - timedelta(days=days_ago))
    return Job.objects.get(pk=job.pk)


def test_old_finished_jobs_go_with_their_files_and_recent_ones_stay():
    old, recent = finished_report(45), finished_report(3)
    failed = Job.objects.create(kind="import", status=JobStatus.FAILED, finished_at=timezone.now() - timedelta(days=60))
    lost = Job.objects.create(kind="report", status=JobStatus.RUNNING, heartbeat_at=timezone.now() - timedelta(hours=2))
    assert default_storage.exists(old.file.name)
    out = io.StringIO()
    call_command("jobs_prune", days=30, stdout=out)
    assert out.getvalue().strip() == "Deleted finished jobs: 2; files: 1."
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, lost.pk}
    assert not default_storage.exists(old.file.name) and default_storage.exists(recent.file.name)
    assert not Job.objects.filter(pk=failed.pk).exists()
    assert Job.objects.get(pk=lost.pk).status == JobStatus.FAILED  # said so, kept until it is old too


def test_a_days_figure_below_one_deletes_nothing_and_says_why():
    finished_report(45)
    err = io.StringIO()
    call_command("jobs_prune", days=0, stderr=err)
    assert "at least 1" in err.getvalue()
    assert Job.objects.count() == 1
