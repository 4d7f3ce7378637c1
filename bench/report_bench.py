"""Report timings for `make bench`: the executive PDF (English and Hebrew) and the Excel score
matrix, for the demo RFI and for an evaluated RFP with 50 vendors.

    from bench.report_bench import run_report_bench
    results = run_report_bench(out=print)

The 50-vendor RFP is built inside a transaction that is rolled back, so the bench leaves the
database as it found it. Answers are synthesised from each question's own rule, so that scores
spread over the whole scale; three evaluators score every answer that needs a person.
"""

import io
import random
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.models import Role
from reports.excel import ScoreMatrixExporter
from reports.pdf import ReportRenderer
from rfp.models import RFP, MemberRole, Question, QuestionType, RFPMember, Status
from rfp.services import bank_load, rfp_create_from_bank
from scoring.models import Score
from vendors.models import Answer, AnswerState, Response, ResponseStatus, Vendor

DEMO_REFERENCE = "RFI-2027-001"
SCALE_REFERENCE = "BENCH-REPORT-050"
TEXT = (
    "We run weekly governance reviews with a named account director, monthly KPI dashboards, quarterly "
    "business reviews, calibration sessions, coaching and a retention programme with tested recovery plans."
)


class _Rollback(Exception):
    pass


def _pages(pdf: bytes) -> str:
    """The page count from poppler's pdfinfo when it is installed (objects are compressed)."""
    pdfinfo = shutil.which("pdfinfo")
    if not pdfinfo:
        return ""
    info = subprocess.run([pdfinfo, "-"], input=pdf, capture_output=True, timeout=60).stdout.decode(errors="replace")
    found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    return f", {found.group(1)} pages" if found else ""


def _time(
    label: str, action: Callable[[], tuple], out: Callable[[str], None], results: list, cpu_target: float = 0
) -> None:
    started, cpu_started = time.perf_counter(), time.process_time()
    _filename, content_type, content = action()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    detail = _pages(content) if content_type == "application/pdf" else ""
    verdict = f", target < {cpu_target:.0f} s of CPU: {'ok' if cpu < cpu_target else 'MISSED'}" if cpu_target else ""
    out(f"  {label}: {seconds:.2f} s, {cpu:.2f} s of CPU ({len(content) // 1024} KiB{detail}{verdict})")
    results.append({"name": label, "seconds": round(seconds, 3), "cpu": round(cpu, 3), "bytes": len(content)})


def _measure(rfp: RFP, name: str, out, results: list, cpu_target: float = 0) -> None:
    _time(f"{name} PDF (en)", ReportRenderer(rfp, language="en").generate, out, results, cpu_target)
    _time(f"{name} PDF (he)", ReportRenderer(rfp, language="he").generate, out, results, cpu_target)
    _time(f"{name} PDF with appendix (en)", ReportRenderer(rfp, language="en", appendix=True).generate, out, results)
    _time(f"{name} score matrix (xlsx)", ScoreMatrixExporter(rfp).generate, out, results)


def _value(question: Question, quality: float, rnd: random.Random):
    """A plausible answer of the given quality (0-1) for any question type."""
    rule = question.auto_rule or {}
    if question.is_price:
        return float(rnd.randint(1_500_000, 5_000_000))
    if question.type == QuestionType.YES_NO:
        return "Yes" if question.knockout or rnd.random() < 0.4 + quality / 2 else "No"
    if question.type == QuestionType.SINGLE_CHOICE:
        choices = sorted(question.choices, key=lambda c: -(c.get("points") or 0))
        return choices[min(int((1 - quality) * len(choices) + rnd.random()), len(choices) - 1)]["label"]
    if question.type == QuestionType.MULTI_CHOICE:
        return [c["label"] for c in question.choices if rnd.random() < quality][:4] or [question.choices[0]["label"]]
    if question.type in (QuestionType.NUMBER, QuestionType.PERCENTAGE):
        if rule.get("kind") == "bands":
            bands = sorted(rule["bands"], key=lambda b: -b["points"])
            band = bands[min(int((1 - quality) * len(bands) + rnd.random() * 0.8), len(bands) - 1)]
            low = band["min"] if band["min"] is not None else band["max"] - 5
            high = band["max"] if band["max"] is not None else low + 10
            value = float(round(low + (high - low) * 0.4))
        elif rule.get("kind") == "linear":
            value = float(round(rule["worst"] + (rule["best"] - rule["worst"]) * quality))
        else:
            value = float(rnd.randint(3, 9))
        if question.knockout and question.knockout.get("op") == "min":
            value = max(value, float(question.knockout["value"]))
        return max(0.0, min(100.0, value)) if question.type == QuestionType.PERCENTAGE else max(value, 0.0)
    if question.type == QuestionType.DATE:
        return "2027-03-01"
    words = TEXT.split()
    return " ".join(words[i % len(words)] for i in range(int(15 + 80 * quality)))


def build_scale_rfp(vendors: int = 50, evaluators: int = 3, seed: int = 7) -> RFP:
    """An RFP in evaluation from the whole question bank, `vendors` submitted responses and every
    answer that needs a person scored by each evaluator."""
    users = get_user_model()
    bank_load()
    owner = users.objects.create(username="bench-report-owner", role=Role.PROCUREMENT)
    panel = [users.objects.create(username=f"bench-report-eval-{i}", role=Role.EVALUATOR) for i in range(evaluators)]
    rfp = rfp_create_from_bank(
        by=owner,
        reference=SCALE_REFERENCE,
        kind="RFP",
        title="Benchmark: customer service outsourcing",
        deadline=timezone.now() + timedelta(days=1),
    )
    RFPMember.objects.bulk_create(RFPMember(rfp=rfp, user=user, role=MemberRole.EVALUATOR) for user in panel)
    questions = list(Question.objects.filter(section__rfp=rfp).select_related("section"))
    rnd = random.Random(seed)
    answers = []
    for index in range(vendors):
        vendor = Vendor.objects.create(name=f"Bench Vendor {index + 1:03d}", slug=f"bench-vendor-{index + 1:03d}")
        response = Response.objects.create(
            rfp=rfp,
            vendor=vendor,
            status=ResponseStatus.SUBMITTED,
            submitted_at=timezone.now() - timedelta(hours=index),
        )
        quality = rnd.random()
        for question in questions:
            if question.type == QuestionType.FILE:
                continue
            value = _value(question, quality, rnd)
            answers.append(Answer(response=response, question=question, state=AnswerState.ANSWERED, value=value))
    Answer.objects.bulk_create(answers, batch_size=2000)
    human = [
        a
        for a in Answer.objects.filter(response__rfp=rfp).select_related("question__section")
        if a.question.scored
        and not a.question.auto_rule
        and not a.question.is_price
        and a.question.section.kind == "technical"
    ]
    Score.objects.bulk_create(
        (
            Score(
                answer=answer, evaluator=user, points=rnd.randint(1, 5), comment="Bench.", submitted_at=timezone.now()
            )
            for answer in human
            for user in panel
        ),
        batch_size=5000,
    )
    RFP.objects.filter(pk=rfp.pk).update(status=Status.EVALUATION, deadline=timezone.now() - timedelta(days=1))
    rfp.refresh_from_db()
    return rfp


def run_report_bench(out: Callable[[str], None] = print, vendors: int = 50, build_demo: bool = True) -> list[dict]:
    """Time the report of the demo RFI and of a `vendors`-vendor RFP. When the database has no
    demo (the bench's own database), seed_demo builds it first; everything built here is rolled
    back at the end."""
    results: list[dict] = []
    out("Reports (executive PDF and Excel score matrix)")
    try:
        with transaction.atomic():
            demo = RFP.objects.filter(reference=DEMO_REFERENCE).first()
            if demo is None and build_demo:
                started = time.perf_counter()
                call_command("seed_demo", stdout=io.StringIO())
                demo = RFP.objects.filter(reference=DEMO_REFERENCE).first()
                out(f"  built the demo in {time.perf_counter() - started:.1f} s")
            if demo is None or demo.status not in (Status.EVALUATION, Status.DECIDED, Status.ARCHIVED):
                out(f"  {DEMO_REFERENCE}: not evaluated in this database; skipped")
            else:
                ReportRenderer(demo, language="en").generate()  # fonts and styles loaded once, as in a worker
                _measure(demo, DEMO_REFERENCE, out, results, cpu_target=2)
            started = time.perf_counter()
            rfp = build_scale_rfp(vendors=vendors)
            out(f"  built {vendors} evaluated vendors in {time.perf_counter() - started:.1f} s")
            _measure(rfp, f"{vendors} vendors", out, results)
            raise _Rollback
    except _Rollback:
        pass
    return results
