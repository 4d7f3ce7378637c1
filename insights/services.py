"""Writes of answer intelligence: the analysis of a whole RFP, and its re-analysis after some
answers changed (a best-and-final round), which re-runs only what those answers can change.

Both leave the stored findings exactly as a full run would (tests/insights/test_services.py checks
it): a finding is the engine's, stored with its answers and its quoted passages."""

import re
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from insights import data
from insights.engine import RfpAnalyzer, contradictions, evasive
from insights.engine.boilerplate import BoilerplateIndex, RestatementCheck
from insights.engine.claims import claims_in
from insights.engine.model import CONTRADICTION
from insights.engine.model import Finding as EngineFinding
from insights.engine.postings import Postings
from insights.models import Claim, Finding, PassageIndex
from insights.selectors import engine_answers, engine_questions
from rfp.models import RFP

# Boilerplate findings that come from comparing answers with each other (the restated question is
# an answer's own check).
SHARED_CODES = ("shared_across_vendors", "reused_across_questions")


def _evidence(finding: EngineFinding) -> list[dict]:
    return [
        {"answer": e.answer_id, "question": e.question_key, "text": e.text, "start": e.start, "end": e.end}
        for e in finding.evidence
    ]


# A sentence ends at . ! ? (and the Arabic-script question mark and full stop) before a space, or
# at a line break: a decimal point ("20.5") does not end one.
SENTENCE_BREAK = re.compile(r"(?<=[.!?\u061f\u06d4])\s+|\n")


def sentence_around(text: str, start: int, end: int, limit: int = 300) -> str:
    """The sentence of `text` that holds text[start:end] (cut to `limit` characters around it)."""
    if start < 0 or not text:
        return ""
    before, after = 0, len(text)
    for match in SENTENCE_BREAK.finditer(text):
        if match.end() <= start:
            before = match.end()
        elif match.start() >= end:
            after = match.start()
            break
    sentence = text[before:after].strip()
    if len(sentence) <= limit:
        return sentence
    middle = start - before
    return "…" + sentence[max(0, middle - limit // 2) : middle + limit // 2].strip() + "…"


def _store(rfp: RFP, findings: Iterable[EngineFinding], claims: Iterable, texts: dict | None = None) -> int:
    findings = list(findings)
    rows = Finding.objects.bulk_create(
        Finding(
            rfp=rfp,
            kind=f.kind,
            code=f.code,
            params=f.params,
            question_keys=list(f.question_keys),
            evidence=_evidence(f),
        )
        for f in findings
    )
    links = [
        Finding.answers.through(finding_id=row.pk, answer_id=answer_id)
        for row, finding in zip(rows, findings, strict=True)
        for answer_id in dict.fromkeys(finding.answer_ids)
    ]
    Finding.answers.through.objects.bulk_create(links)
    texts = texts or {}
    Claim.objects.bulk_create(
        Claim(
            rfp=rfp,
            answer_id=c.answer_id,
            kind=c.kind,
            text=c.text,
            context=sentence_around(texts.get(c.answer_id, ""), c.start, c.end),
            start=c.start,
            end=c.end,
        )
        for c in claims
    )
    return len(rows)


@transaction.atomic
def analyse_rfp(*, rfp: RFP) -> int:
    """Analyse every answer of the RFP and replace what was stored, keeping the shared-passage
    index for later re-analysis. Returns how many findings."""
    answers = engine_answers(rfp)
    analyzer = RfpAnalyzer(engine_questions(rfp), data.expectations(), data.relations()).load(answers)
    analysis = analyzer.result()
    Finding.objects.filter(rfp=rfp).delete()
    Claim.objects.filter(rfp=rfp).delete()
    _keep_passages(rfp, analyzer.passage_runs())
    return _store(rfp, analysis.findings, analysis.claims, {a.answer_id: a.text for a in answers})


def _keep_passages(rfp: RFP, runs) -> None:
    kept, _created = PassageIndex.objects.update_or_create(
        rfp=rfp, defaults={"postings": Postings.build(runs).to_bytes(), "built_at": timezone.now()}
    )
    kept.stale.clear()


def _shared_groups(rfp: RFP, questions: dict, changed: set, partners: set) -> list[EngineFinding]:
    """The shared-passage groups holding a changed answer or a former partner of one, with the
    answers as they are now. Through the kept index, only the answers that
    share runs with the seeds are read; without one (or one from another Python), every answer is
    indexed again and the index kept."""
    stored = PassageIndex.objects.filter(rfp=rfp).first()
    index = BoilerplateIndex(questions)
    if stored is not None:
        stale = set(stored.stale.values_list("pk", flat=True)) | changed
        now = BoilerplateIndex(questions)
        now.add_all(engine_answers(rfp, ids=stale))
        postings = Postings.from_bytes(bytes(stored.postings), stale, now.runs())
        if postings is not None:
            stored.stale.add(*changed)
            return index.follow(changed | partners, lambda ids: engine_answers(rfp, ids=ids), postings)
    index.add_all(engine_answers(rfp))
    _keep_passages(rfp, index.runs())
    return index.findings(changed | partners)


@transaction.atomic
def reanalyse_answers(*, rfp: RFP, answer_ids: Iterable[int]) -> int:
    """After these answers changed: their own checks (restated question, evasive, claims), the
    contradictions of their bids, and the shared passages that involve them or involved them
    before. Everything else stays as stored. Returns how many findings were written."""
    changed = set(answer_ids)
    if not changed:
        return 0
    questions = {q.key: q for q in engine_questions(rfp)}
    mine = engine_answers(rfp, ids=changed)
    vendors = {a.vendor for a in mine} | set(
        Finding.objects.filter(rfp=rfp, answers__in=changed, kind=CONTRADICTION).values_list(
            "answers__response__vendor_id", flat=True
        )
    )
    stale = Finding.objects.filter(rfp=rfp, answers__in=changed).distinct()
    # Answers that shared a passage with a changed one: their groups may split or shrink.
    through = Finding.answers.through.objects
    shared_stale = stale.filter(code__in=SHARED_CODES).values("id")
    partners = set(through.filter(finding_id__in=shared_stale).values_list("answer_id", flat=True)) - changed
    stale_ids = set(stale.values_list("id", flat=True))
    stale_ids |= set(
        Finding.objects.filter(rfp=rfp, kind=CONTRADICTION, answers__response__vendor_id__in=vendors).values_list(
            "id", flat=True
        )
    )
    stale_ids |= set(
        Finding.objects.filter(rfp=rfp, code__in=SHARED_CODES, answers__in=partners).values_list("id", flat=True)
    )
    Finding.objects.filter(pk__in=stale_ids).delete()
    Claim.objects.filter(rfp=rfp, answer_id__in=changed).delete()

    fresh: list[EngineFinding] = []
    restatement = RestatementCheck(questions)
    expectations, relations = data.expectations(), data.relations()
    for answer in mine:
        kind = questions[answer.question_key].type if answer.question_key in questions else ""
        fresh += [
            f
            for f in (restatement.check(answer), evasive.check(answer, kind, expectations.get(answer.question_key)))
            if f
        ]
    bids: dict = {vendor: {} for vendor in vendors}
    for answer in engine_answers(rfp, vendors=vendors):
        bids[answer.vendor][answer.question_key] = answer
    for bid in bids.values():
        fresh += contradictions.check_bid(bid, relations)
    # Shared passages: only the groups that touch a changed answer or a former partner (the
    # others did not change).
    groups = _shared_groups(rfp, questions, changed, partners)
    # A group that now takes in an answer of a stored group replaces it (groups are connected).
    for code in SHARED_CODES:
        members = {i for g in groups if g.code == code for i in g.answer_ids}
        Finding.objects.filter(rfp=rfp, code=code, answers__in=members).delete()
    fresh += groups
    claims = [
        c
        for answer in mine
        for c in claims_in(answer, questions[answer.question_key].type if answer.question_key in questions else "")
    ]
    return _store(rfp, fresh, claims, {a.answer_id: a.text for a in mine})


def request_analysis(*, rfp: RFP, by=None, answer_ids: Iterable[int] = ()) -> None:
    """Analyse the RFP (or only `answer_ids`) in a worker once the transaction commits; with
    ANALYSIS_QUEUE off, at once in this process."""
    from django.conf import settings
    from django.utils.translation import get_language

    from insights.tasks import KIND_ANALYSE, enqueue
    from jobs.services import job_request

    ids = sorted(set(answer_ids))
    if not settings.ANALYSIS_QUEUE:
        reanalyse_answers(rfp=rfp, answer_ids=ids) if ids else analyse_rfp(rfp=rfp)
        return
    job_request(
        kind=KIND_ANALYSE,
        rfp=rfp,
        by=by,
        params={"answers": ids},
        fingerprint=_answers_fingerprint(rfp),
        enqueue=lambda job_id: enqueue(job_id, get_language() or "en"),
    )


def _answers_fingerprint(rfp: RFP) -> str:
    """Changes whenever an answer of the RFP does: a finished analysis of the same answers is reused."""
    from django.db.models import Count, Max

    from vendors.models import Answer

    seen = Answer.objects.filter(response__rfp=rfp).aggregate(n=Count("id"), at=Max("updated_at"))
    return f"{seen['n']}:{seen['at']}"
