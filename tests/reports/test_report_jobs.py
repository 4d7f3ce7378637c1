"""The executive PDF is made in the background: asking answers at once with a job page; the
worker's task writes its progress and the file; the file is served only when the job is done,
only through the access check, and reused until the data behind it changes."""

import hashlib

import kombu.pools
import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.models import Job, JobStatus
from reports.tasks import render_report_pdf
from scoring.models import Score

pytestmark = pytest.mark.django_db


def _ask(client, rfp, **params):
    return client.get(reverse("reports:pdf", kwargs={"ref": rfp.reference}), {"lang": "en", **params})


def test_asking_for_the_pdf_answers_at_once_with_a_job_waiting_for_a_worker(evaluated, dana, login):
    client = login(dana)
    reply = _ask(client, evaluated)
    job = Job.objects.get()
    assert reply.status_code == 302 and reply.url == reverse(
        "reports:job", kwargs={"ref": evaluated.reference, "job_id": job.pk}
    )
    page = client.get(reply.url).content.decode()
    assert job.status == JobStatus.QUEUED and "Waiting for a worker" in page
    assert 'hx-trigger="every 1s"' in page  # the status refreshes itself
    file_url = reverse("reports:job_file", kwargs={"ref": evaluated.reference, "job_id": job.pk})
    assert client.get(file_url).status_code == 404  # nothing to serve before the job is done


def test_the_worker_writes_progress_then_the_whole_file_and_the_page_offers_it(evaluated, dana, login):
    client = login(dana)
    _ask(client, evaluated, appendix="on")
    job = Job.objects.get()
    render_report_pdf.run(job.pk, "en")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.steps == 3 and job.attempts == 1
    content = job.file.open("rb").read()
    assert content.startswith(b"%PDF") and hashlib.sha256(content).hexdigest() == job.checksum
    assert job.file_name == f"{evaluated.reference}-executive-report.pdf"
    page = client.get(reverse("reports:job", kwargs={"ref": evaluated.reference, "job_id": job.pk})).content.decode()
    assert "Ready" in page and "every 1s" not in page
    download = client.get(reverse("reports:job_file", kwargs={"ref": evaluated.reference, "job_id": job.pk}))
    assert download["Content-Disposition"].startswith("attachment") and b"".join(download.streaming_content) == content


def test_asking_again_with_nothing_changed_reuses_the_file_and_a_new_score_makes_a_new_one(evaluated, dana, login):
    client = login(dana)
    _ask(client, evaluated)
    first = Job.objects.get()
    render_report_pdf.run(first.pk, "en")
    _ask(client, evaluated)
    assert Job.objects.count() == 1
    _ask(client, evaluated, lang="pl")
    assert Job.objects.count() == 2  # another language is another file
    score = Score.objects.filter(answer__response__rfp=evaluated).first()
    Score.objects.filter(pk=score.pk).update(points=(score.points + 1) % 6, updated_at=timezone.now())
    _ask(client, evaluated)
    assert Job.objects.count() == 3


def test_a_job_whose_worker_went_silent_is_reported_failed_never_left_running(evaluated, dana, login, settings):
    client = login(dana)
    _ask(client, evaluated)
    job = Job.objects.get()
    stale = timezone.now() - timezone.timedelta(seconds=settings.JOB_STALE_SECONDS + 1)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, heartbeat_at=stale, started_at=stale)
    page = client.get(reverse("reports:job", kwargs={"ref": evaluated.reference, "job_id": job.pk})).content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "The worker stopped while preparing this file" in page
    assert "Ask again" in page
    _ask(client, evaluated)
    assert Job.objects.filter(status=JobStatus.QUEUED).count() == 1  # asking again makes a new job


def test_a_second_delivery_of_a_finished_job_changes_nothing(evaluated, dana, login):
    _ask(login(dana), evaluated)
    job = Job.objects.get()
    render_report_pdf.run(job.pk, "en")
    checksum = Job.objects.get().checksum
    render_report_pdf.run(job.pk, "en")
    assert Job.objects.get().checksum == checksum and Job.objects.get().attempts == 1


def test_a_job_of_one_rfp_is_not_reachable_through_another(evaluated, dana, login, paula):
    from tests.factories import RFPFactory

    client = login(dana)
    _ask(client, evaluated)
    job = Job.objects.get()
    other = RFPFactory(reference="RFI-2027-999")
    assert client.get(reverse("reports:job", kwargs={"ref": other.reference, "job_id": job.pk})).status_code == 404


def test_when_the_queue_cannot_be_reached_the_job_says_so_at_once(
    evaluated, dana, login, settings, django_capture_on_commit_callbacks
):
    from config.celery import app

    def use_broker(url: str) -> None:
        app.conf.broker_url = url
        # kombu keeps its pools in a registry of its own: closing one there would leave every later
        # task in this process with a closed pool, so the registry is emptied instead.
        kombu.pools.reset()
        app._pool = None  # the next hand-over connects to this broker, not to a pooled one
        app.amqp._producer_pool = None

    use_broker("redis://127.0.0.1:1/0")  # nothing listens on port 1
    try:
        with django_capture_on_commit_callbacks(execute=True):
            reply = _ask(login(dana), evaluated)
    finally:
        use_broker(settings.CELERY_BROKER_URL)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and "The job queue cannot be reached" in job.message
    assert reply.status_code == 302
