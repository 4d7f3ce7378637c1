"""Files in object storage: with the S3 settings pointing at an S3-compatible server (moto's
server mode, a process of its own reached over HTTP), a vendor's upload lands in the private
bucket, procurement reads it back through the app, and nobody reaches it without the app's access
check: not an anonymous visitor of the page, not a request straight to the bucket."""

import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import boto3
import pytest
from django.urls import reverse

from tests.browser.servers import free_port, wait_for
from tests.scoring.access_cases import prepare_evaluation
from tests.vendors.portal_data import add_file_question, pdf
from vendors.models import Attachment

MOTO_SERVER = str(Path(sys.executable).with_name("moto_server"))
KEYS = {"aws_access_key_id": "shortlist-test", "aws_secret_access_key": "shortlist-test-secret"}


@pytest.fixture(scope="module")
def s3_server():
    port = free_port()
    process = subprocess.Popen(
        [MOTO_SERVER, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        client = boto3.client("s3", endpoint_url=url, region_name="us-east-1", **KEYS)
        wait_for(lambda: _answers(client), 30, "The S3 server starting")
        client.create_bucket(Bucket="shortlist-private")
        yield SimpleNamespace(url=url, bucket="shortlist-private", client=client)
    finally:
        process.terminate()
        process.wait(10)


def _answers(client) -> bool:
    try:
        client.list_buckets()
        return True
    except Exception:  # not listening yet
        return False


@pytest.fixture
def in_s3(settings, s3_server):
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": s3_server.bucket,
                "endpoint_url": s3_server.url,
                "region_name": "us-east-1",
                "access_key": KEYS["aws_access_key_id"],
                "secret_key": KEYS["aws_secret_access_key"],
                "default_acl": "private",
                "file_overwrite": False,
            },
        }
    }
    return s3_server


def test_a_vendors_upload_is_in_the_bucket_and_procurement_reads_it_through_the_app(world, login, ana, in_s3, client):
    question = add_file_question(world.rfp)
    vendor = login(ana)
    url = reverse("vendors:upload", kwargs={"ref": world.rfp.reference, "question_id": question.pk})
    assert vendor.post(url, {"file": pdf("Northwind ISO 27001.pdf")}, HTTP_HX_REQUEST="true").status_code == 200
    attachment = Attachment.objects.get()
    stored = in_s3.client.get_object(Bucket=in_s3.bucket, Key=attachment.file.name)["Body"].read()
    assert stored.startswith(b"%PDF")

    _submitted_and_closed(world)
    file_url = reverse("vendors:attachment", kwargs={"ref": world.rfp.reference, "attachment_id": attachment.pk})
    reader = login(world.users["procurement"])
    reply = reader.get(file_url)
    assert reply.status_code == 200 and b"".join(reply.streaming_content) == stored
    assert in_s3.url not in str(reply.headers)  # streamed by the app, never a link to the bucket

    reader.logout()
    assert reader.get(file_url).status_code == 302  # to the login page
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{in_s3.url}/{in_s3.bucket}/{attachment.file.name}")
    assert refused.value.code == 403  # the bucket is private


def _submitted_and_closed(world) -> None:
    """The bid is submitted and the deadline has passed: procurement may read the bids' files."""
    from django.utils import timezone

    from rfp.models import Status
    from vendors.models import ResponseStatus

    now = timezone.now()
    world.responses["vendor"].__class__.objects.filter(pk=world.responses["vendor"].pk).update(
        status=ResponseStatus.SUBMITTED, submitted_at=now - timezone.timedelta(hours=2)
    )
    world.rfp.__class__.objects.filter(pk=world.rfp.pk).update(
        status=Status.CLOSED, deadline=now - timezone.timedelta(hours=1)
    )


def test_a_finished_report_is_kept_in_the_bucket_and_served_by_the_app(world, login, in_s3):
    from jobs.models import Job
    from reports.tasks import render_report_pdf

    prepare_evaluation(world)
    reader = login(world.users["procurement"])
    reader.get(reverse("reports:pdf", kwargs={"ref": world.rfp.reference}), {"lang": "en"})
    job = Job.objects.get()
    render_report_pdf.run(job.pk, "en")
    job.refresh_from_db()
    in_bucket = in_s3.client.get_object(Bucket=in_s3.bucket, Key=job.file.name)["Body"].read()
    reply = reader.get(reverse("reports:job_file", kwargs={"ref": world.rfp.reference, "job_id": job.pk}))
    assert b"".join(reply.streaming_content) == in_bucket and in_bucket.startswith(b"%PDF")
