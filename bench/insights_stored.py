"""`python -m bench.insights_stored`: answer intelligence at real size, through the database.

bench.insights times the engine on answers held in memory; this times what the product runs: the
same generated 200-vendor x 400-question RFP is written (once) to a separate SQLite file as RFP,
questions, submitted bids and answers, then:

- `insights.services.analyse_rfp`: read every answer, analyse, store the findings, claims and the
  shared-passage index;
- `insights.services.reanalyse_answers` after one answer changes (its text now copies another
  vendor's answer, a real match to find), as after a best-and-final round: worst of several.

Targets (issue "answer intelligence"): the full analysis under 60 s and one change under 1 s.
Options: --vendors, --questions, --changes, --rebuild, --postgres (under scripts/with_postgres.sh).
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

BENCH_DB = "/tmp/shortlist-bench-insights.sqlite3"


def _setup_django(postgres: bool) -> None:
    if not postgres:  # on PostgreSQL, the throw-away server's DATABASE_URL (scripts/with_postgres.sh)
        os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DB}"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()


def _build(reference: str, vendors: int, questions: int):
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from accounts.models import Role, User
    from bench.insights import build
    from rfp.models import RFP, Question, Section, Status
    from vendors.models import Answer, AnswerState, Response, ResponseStatus, Vendor

    question_inputs, _expectations, answers, _rng = build(vendors, questions, seed=14)
    with transaction.atomic():
        RFP.objects.filter(reference=reference).delete()
        Vendor.objects.filter(slug__startswith="insights-bench-").delete()
        owner, _ = User.objects.get_or_create(username="insights-bench", defaults={"role": Role.PROCUREMENT})
        rfp = RFP.objects.create(
            reference=reference,
            kind="RFP",
            title="Answer intelligence at scale",
            deadline=timezone.now() - timedelta(days=1),
            status=Status.EVALUATION,
            created_by=owner,
        )
        section = Section.objects.create(rfp=rfp, key="all", title="All questions", weight=100, order=1)
        # Questions past the bank's size repeat a bank question ("turnover-01#401" in memory); here
        # they keep the bank key itself, so that its expectations apply as they do in bench.insights
        # and the findings to write are as many. (A bid read by key then holds one answer per
        # repeated key, so the planted attrition pairs are not compared: bench.insights times those.)
        rows = Question.objects.bulk_create(
            Question(section=section, key=q.key.split("#")[0], text=q.texts[0], type=q.type, order=n)
            for n, q in enumerate(question_inputs)
        )
        question_ids = {q.key: row.pk for q, row in zip(question_inputs, rows, strict=True)}
        bids = {}
        for vendor in sorted({a.vendor for a in answers}):
            company = Vendor.objects.create(name=f"Bench vendor {vendor}", slug=f"insights-bench-{vendor}")
            bids[vendor] = Response.objects.create(rfp=rfp, vendor=company, status=ResponseStatus.SUBMITTED).pk
        Answer.objects.bulk_create(
            (
                Answer(
                    response_id=bids[a.vendor],
                    question_id=question_ids[a.question_key],
                    value=a.text if a.value is None else a.value,
                    comment="" if a.value is None else a.text,
                    state=AnswerState.ANSWERED,
                )
                for a in answers
            ),
            batch_size=2000,
        )
    return rfp


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.insights_stored", description=__doc__.splitlines()[0])
    parser.add_argument("--vendors", type=int, default=200)
    parser.add_argument("--questions", type=int, default=400)
    parser.add_argument("--changes", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--postgres", action="store_true", help="on PostgreSQL (DATABASE_URL) instead of SQLite")
    args = parser.parse_args()
    _setup_django(args.postgres)
    from django.core.management import call_command
    from django.db.models import Count

    from insights.models import Finding, PassageIndex
    from insights.services import analyse_rfp, reanalyse_answers
    from rfp.models import RFP
    from vendors.models import Answer

    call_command("migrate", verbosity=0)
    reference = f"INSIGHTS-{args.vendors}x{args.questions}"
    rfp = RFP.objects.filter(reference=reference).first()
    if rfp is None or args.rebuild:
        start = time.perf_counter()
        rfp = _build(reference, args.vendors, args.questions)
        print(f"built {reference}: {time.perf_counter() - start:.1f} s")
    count = Answer.objects.filter(response__rfp=rfp).count()
    print(f"Data: {reference}, {count:,} answers")

    start = time.perf_counter()
    findings = analyse_rfp(rfp=rfp)
    full_s = time.perf_counter() - start
    runs = len(PassageIndex.objects.get(rfp=rfp).postings) // 16
    print(f"analyse_rfp (stored)     : {full_s:7.2f} s    target < 60 s: {'ok' if full_s < 60 else 'MISSED'}")
    kinds = dict(Finding.objects.filter(rfp=rfp).values_list("kind").annotate(n=Count("id")))
    print(f"stored                   : {findings:,} findings {kinds}; passage index of about {runs:,} runs")

    rng = random.Random(14)
    long_answers = list(
        Answer.objects.filter(response__rfp=rfp, question__type="long_text").values_list("pk", "value")[:20000]
    )
    times = []
    for _ in range(args.changes):
        (target, _old), (_donor, donor_text) = rng.sample(long_answers, 2)
        Answer.objects.filter(pk=target).update(value=donor_text + " Edited.")
        start = time.perf_counter()
        reanalyse_answers(rfp=rfp, answer_ids=[target])
        times.append(time.perf_counter() - start)
        shared = Finding.objects.filter(rfp=rfp, answers=target, code="shared_across_vendors").exists()
        print(f"  one answer changed     : {times[-1] * 1000:7.1f} ms   (finds the copied passage: {shared})")
    worst = max(times)
    print(
        f"reanalyse_answers (stored): {worst * 1000:6.1f} ms   (worst of {len(times)}) "
        f"target < 1 s: {'ok' if worst < 1 else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
