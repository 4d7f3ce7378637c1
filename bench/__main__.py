"""`make bench`: how fast is ranking at scale?

Builds (once) 200 vendors x 400 questions x 5 evaluators in a separate SQLite file, so the demo
database is never touched, then times, best of several runs:

- `manage.py rank REF --format json` end to end (queries, engine inputs, engine, JSON);
- the engine alone (`engine.rank_columns` on the columns `ranking_for_rfp` builds);
- a raw SQL read of the same score rows (cursor.fetchall of answer, evaluator, points);
- a raw SQL read of rank's own answer query (the SQL the ORM writes for it, cursor.fetchall);
- a raw SQL read of everything the former row-by-row path read (scores, answers, JSON values);
- `ranking_for_rfp` with its fast path against the same with a plain read (bench/plain_ranking.py:
  one query joining every answer to its submitted scores, grouped in Python), results checked
  identical first.

rank reads each answer once, with its submitted scores folded by the database into a histogram
of points (one integer per answer instead of one row per score): the database still visits every
score row, Python no longer builds one tuple per score.

- the evaluator's scoring page (by question, by vendor, unscored) and saving one score
  (bench/scoring_bench.py).

Targets: rank end to end within 1.5x of the raw read; the engine alone under 100 ms; the fast
path at least 1.5x faster than the plain read end to end (otherwise it is not worth keeping).
Options: --rebuild (rebuild the data), --runs N (default 7), --vendors/--questions/--evaluators.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

from bench.timing import best

BENCH_DB = "/tmp/shortlist-bench.sqlite3"


def _setup_django() -> None:
    # Set before Django reads its settings: the benchmark never writes to the demo database.
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{BENCH_DB}")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()


_best = best


RAW_SQL = """
SELECT s.answer_id, s.evaluator_id, s.points
FROM scoring_score s
JOIN vendors_answer a ON a.id = s.answer_id
JOIN vendors_response r ON r.id = a.response_id
WHERE r.rfp_id = %s AND r.status = 'submitted' AND s.submitted_at IS NOT NULL
"""


RAW_ANSWERS_SQL = """
SELECT a.id, r.vendor_id, a.question_id, a.state
FROM vendors_answer a JOIN vendors_response r ON r.id = a.response_id
WHERE r.rfp_id = %s AND r.status = 'submitted'
"""
RAW_VALUES_SQL = """
SELECT a.id, a.value
FROM vendors_answer a JOIN vendors_response r ON r.id = a.response_id JOIN rfp_question q ON q.id = a.question_id
WHERE r.rfp_id = %s AND r.status = 'submitted'
  AND (q.auto_rule IS NOT NULL OR q.knockout IS NOT NULL OR q.is_price)
"""


def _inputs_time(rfp, sections, runs: int) -> float:
    """Best time to read the rows and build the engine's inputs (as ranking_for_rfp does)."""
    from scoring.selectors import gc_paused
    from scoring.selectors.ranking import _engine_inputs

    def build() -> None:
        with gc_paused():
            _engine_inputs(rfp, sections, price_sealed=False)

    return min(_best(build, 1) for _ in range(runs))


def _process_time(*command: str) -> float:
    import subprocess

    root = Path(__file__).resolve().parent.parent
    start = time.perf_counter()
    subprocess.run([sys.executable, *command], cwd=root, check=True, stdout=subprocess.DEVNULL, env=dict(os.environ))
    return time.perf_counter() - start


def _rank_against_floor(reference: str, runs: int) -> None:
    """`manage.py rank` as a user runs it, against a process that only starts Django and reads
    the score rows with one raw SELECT; interleaved, best of `runs` each."""
    rank_times, floor_times = [], []
    for _ in range(runs):
        floor_times.append(_process_time("-m", "bench.floor", reference))
        rank_times.append(_process_time("manage.py", "rank", reference, "--format", "json"))
    rank_s, floor_s = min(rank_times), min(floor_times)
    verdict = "ok" if rank_s <= 1.5 * floor_s else "MISSED"
    print(f"manage.py rank, process  : {rank_s * 1000:7.1f} ms   (with Python and Django start-up)")
    print(f"floor, process           : {floor_s * 1000:7.1f} ms   (start Django, one raw SELECT of the score rows)")
    print(f"rank / floor             : {rank_s / floor_s:7.2f}x     target <= 1.5x: {verdict}")


def _fast_against_plain(rfp, table, runs: int) -> None:
    """ranking_for_rfp end to end with its fast path (answers with score histograms) and with
    the plain read (one query joining answers to their scores, grouped in Python)."""
    from django.db import connection

    from bench.plain_ranking import plain_read, plain_rows
    from scoring.selectors import ranking_for_rfp

    plain_sql, plain_params = plain_rows(rfp, table).query.sql_with_params()

    def raw_read_plain() -> None:
        with connection.cursor() as cursor:
            cursor.execute(plain_sql, plain_params)
            cursor.fetchall()

    fast_ranking = ranking_for_rfp(rfp)
    with plain_read():
        plain_ranking = ranking_for_rfp(rfp)
    assert plain_ranking.result == fast_ranking.result, "the plain read must rank exactly as the fast path"
    assert plain_ranking.rows == fast_ranking.rows

    def plain() -> None:
        with plain_read():
            ranking_for_rfp(rfp)

    timings: dict[str, list[float]] = {"fast": [], "plain": [], "raw_plain": []}
    for _ in range(runs):  # interleaved, as above
        timings["fast"].append(_best(lambda: ranking_for_rfp(rfp), 1))
        timings["plain"].append(_best(plain, 1))
        timings["raw_plain"].append(_best(raw_read_plain, 1))
    fast_s, plain_s, raw_plain_s = (min(timings[k]) for k in ("fast", "plain", "raw_plain"))
    speed_up = plain_s / fast_s
    verdict = "keep the fast path" if speed_up >= 1.5 else "MISSED: replace it by the plain read"
    print(f"ranking_for_rfp, fast    : {fast_s * 1000:7.1f} ms   (answers with score histograms, GC paused)")
    print(f"ranking_for_rfp, plain   : {plain_s * 1000:7.1f} ms   (one query, answers x scores, grouped in Python)")
    print(f"plain / fast             : {speed_up:7.2f}x     target >= 1.5x: {verdict}")
    print(f"raw SQL read, plain's SQL: {raw_plain_s * 1000:7.1f} ms   (the plain read's one query, raw)")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--vendors", type=int, default=200)
    parser.add_argument("--questions", type=int, default=400)
    parser.add_argument("--evaluators", type=int, default=5)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--skip-reports", action="store_true", help="time the ranking only")
    args = parser.parse_args()
    _setup_django()

    from django.core.management import call_command
    from django.db import connection

    from rfp.models import RFP
    from scoring import engine, selectors
    from scoring.access import settings_for
    from scoring.management.commands.seed_scale import build_scale_rfp
    from scoring.models import Score
    from scoring.selectors.fast_path import answer_rows
    from scoring.selectors.questions import _question_table
    from scoring.selectors.ranking import _engine_inputs

    call_command("migrate", verbosity=0)
    reference = f"SCALE-{args.vendors}x{args.questions}x{args.evaluators}"
    rfp = RFP.objects.filter(reference=reference).first()
    if rfp is None or args.rebuild:
        start = time.perf_counter()
        rfp = build_scale_rfp(
            vendors=args.vendors, questions=args.questions, evaluators=args.evaluators, reference=reference
        )
        print(f"seed_scale {reference}: {time.perf_counter() - start:.1f} s")
    scores = Score.objects.filter(answer__response__rfp=rfp).count()
    print(
        f"Data: {reference} ({args.vendors} vendors x {args.questions} questions x {args.evaluators} evaluators, "
        f"{scores:,} score rows) in {connection.settings_dict['NAME']}"
    )

    def rank_end_to_end() -> None:
        call_command("rank", reference, format="json", stdout=io.StringIO())

    def raw_read() -> None:
        with connection.cursor() as cursor:
            cursor.execute(RAW_SQL, [rfp.pk])
            cursor.fetchall()

    settings = settings_for(rfp)
    sections = [
        selectors.SectionColumn(id=sid, title=title, weight=float(weight), kind=kind)
        for sid, title, weight, kind in rfp.sections.order_by("order", "id").values_list(
            "id", "title", "weight", "kind"
        )
    ]
    inputs = _engine_inputs(rfp, sections, price_sealed=False)
    config = engine.Config(aggregate=settings.aggregate, price_direction=settings.price_direction)

    assert isinstance(inputs.answers, engine.AnswerColumns), "the benchmark data should take the fast path"

    def engine_alone() -> None:
        engine.rank_columns(inputs.sections, inputs.questions, inputs.vendors, inputs.answers, config)

    def raw_read_all() -> None:
        """Everything the former row-by-row path read, raw: score rows, answer rows, JSON values."""
        with connection.cursor() as cursor:
            cursor.execute(RAW_SQL, [rfp.pk])
            cursor.fetchall()
            cursor.execute(RAW_ANSWERS_SQL, [rfp.pk])
            cursor.fetchall()
            cursor.execute(RAW_VALUES_SQL, [rfp.pk])
            cursor.fetchall()

    table = _question_table(rfp, {s.id for s in sections if s.is_price})
    rank_sql, rank_params = answer_rows(rfp, table).query.sql_with_params()

    def raw_read_rank() -> None:
        """rank's own big query (answers with their score histograms), raw: SQL and fetchall only."""
        with connection.cursor() as cursor:
            cursor.execute(rank_sql, rank_params)
            cursor.fetchall()

    rank_end_to_end()  # warm the caches: every contestant then reads from memory
    raw_read()
    # Interleaved rounds, so that a busy moment on the machine hits every contestant alike.
    timings: dict[str, list[float]] = {"rank": [], "engine": [], "raw": [], "raw_all": [], "raw_rank": []}
    for _ in range(args.runs):
        timings["raw"].append(_best(raw_read, 1))
        timings["rank"].append(_best(rank_end_to_end, 1))
        timings["engine"].append(_best(engine_alone, 1))
        timings["raw_all"].append(_best(raw_read_all, 1))
        timings["raw_rank"].append(_best(raw_read_rank, 1))
    rank_s, engine_s, raw_s, raw_all_s, raw_rank_s = (
        min(timings[k]) for k in ("rank", "engine", "raw", "raw_all", "raw_rank")
    )
    ratio = rank_s / raw_s
    print(f"rank end to end          : {rank_s * 1000:7.1f} ms   (manage.py rank --format json, in process)")
    engine_verdict = "ok" if engine_s < 0.1 else "MISSED"
    print(f"engine alone             : {engine_s * 1000:7.1f} ms   target < 100 ms: {engine_verdict}")
    print(f"raw SQL read, score rows : {raw_s * 1000:7.1f} ms")
    print(f"rank / raw read          : {ratio:7.2f}x     target <= 1.5x: {'ok' if ratio <= 1.5 else 'MISSED'}")
    print(f"raw SQL read, rank's SQL : {raw_rank_s * 1000:7.1f} ms   (rank's answer query with score histograms, raw)")
    print(f"rank / raw read of it    : {rank_s / raw_rank_s:7.2f}x")
    print(f"raw SQL read, all rows   : {raw_all_s * 1000:7.1f} ms   (scores + answers + JSON values, row by row)")
    print(f"rank / raw read of all   : {rank_s / raw_all_s:7.2f}x")
    inputs_s = _inputs_time(rfp, sections, args.runs)
    print(
        f"where rank's time goes   : reading rows and building the engine's inputs {inputs_s * 1000:.0f} ms, "
        f"engine {engine_s * 1000:.0f} ms, the rest (names, JSON) {max(rank_s - inputs_s - engine_s, 0) * 1000:.0f} ms"
    )
    _rank_against_floor(reference, min(args.runs, 5))
    _fast_against_plain(rfp, table, args.runs)
    from bench.scoring_bench import run_scoring_bench

    run_scoring_bench(rfp, runs=args.runs)
    if not args.skip_reports:
        from bench.report_bench import run_report_bench

        run_report_bench(out=print, vendors=50)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
