"""One autosave in process: the answer page's htmx POST through Django's whole stack (middleware,
session, access check, save, the status fragment), on an open RFP of 400 questions, timed with
Django's test client in the bench's own process. Run by `make bench` on the load run's database
(bench/load.py) with `python -m bench.autosave`. Target: under 10 ms (the median of 200 saves)."""

import statistics
import time

QUESTIONS = 400
SAVES = 200


def build() -> tuple:
    """An open RFP (AUTOSAVE-400) of 400 free-text questions in 10 sections and one vendor."""
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import Role, User
    from rfp.models import RFP, Question, QuestionType, Section, Status
    from vendors.models import Invitation, InvitationStatus, Response, Vendor

    owner = User.objects.create_user("autosave-procurement", role=Role.PROCUREMENT)
    rfp = RFP.objects.create(
        reference="AUTOSAVE-400",
        kind="RFP",
        title="Autosave",
        deadline=timezone.now() + timedelta(days=7),
        status=Status.OPEN,
        created_by=owner,
    )
    questions = []
    for s in range(10):
        section = Section.objects.create(rfp=rfp, key=f"s{s}", title=f"Section {s}", weight=10, order=s)
        questions += Question.objects.bulk_create(
            Question(section=section, key=f"s{s}q{n}", text=f"Question {n}", type=QuestionType.LONG_TEXT, order=n)
            for n in range(QUESTIONS // 10)
        )
    vendor = Vendor.objects.create(name="Autosave vendor", slug="autosave-vendor")
    user = User.objects.create_user("autosave-vendor", role=Role.VENDOR, company=vendor)
    Invitation.objects.create(rfp=rfp, vendor=vendor, email="bids@autosave.test", status=InvitationStatus.ACCEPTED)
    Response.objects.create(rfp=rfp, vendor=vendor)
    return rfp, questions, user


def run(out=print) -> float:
    from django.test import Client
    from django.urls import reverse

    rfp, questions, user = build()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    versions: dict[int, int] = {}
    times = []
    for n in range(SAVES + 20):
        question = questions[(n * 37) % len(questions)]
        url = reverse("vendors:save_answer", kwargs={"ref": rfp.reference, "question_id": question.pk})
        data = {f"answer-{question.pk}": f"Answer {n}: two sites, one team.", "version": versions.get(question.pk, 0)}
        started = time.perf_counter()
        reply = client.post(url, data, HTTP_HX_REQUEST="true")
        elapsed = time.perf_counter() - started
        assert reply.status_code == 200 and b"Saved" in reply.content, reply.content[:300]
        versions[question.pk] = versions.get(question.pk, 0) + 1
        if n >= 20:  # the first saves warm the caches (templates, URL resolver)
            times.append(elapsed)
    median = statistics.median(times) * 1000
    verdict = "ok" if median < 10 else "MISSED"
    out(
        f"autosave in process      : {median:7.1f} ms   (median of {SAVES}, p90 "
        f"{sorted(times)[int(0.9 * SAVES)] * 1000:.1f} ms; {QUESTIONS} questions)   target < 10 ms: {verdict}"
    )
    return median


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    run()
