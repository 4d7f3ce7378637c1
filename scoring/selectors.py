"""Reads for the evaluation: each builds what a page, a command or a report needs in a fixed
number of queries (values_list, never one query per row), whatever the number of vendors.

`ranking_for_rfp` is the one way to rank an RFP: the dashboard, `manage.py rank` and the PDF
report all call it, so they can never disagree.
"""

import gc
import hashlib
import json
import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import compress, repeat, starmap
from operator import is_not, itemgetter
from typing import Any

import numpy as np
from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    Func,
    JSONField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rfp.models import RFP, Question, Section, SectionKind
from scoring import engine
from scoring.access import Evaluation, is_human_scored, settings_for
from scoring.models import Assignment, ConflictDeclaration, Consensus, EvaluationSettings, Score
from vendors.answer_values import display_value
from vendors.bid_view import bid_rule
from vendors.models import Answer, AnswerState, Attachment, Response, ResponseStatus

METHODS = ("wsm", "topsis")
FLAG_LABELS = {
    engine.FLAG_BLANK: gettext_lazy("Blank answers"),
    engine.FLAG_DISAGREEMENT: gettext_lazy("Evaluators disagree"),
    engine.FLAG_ABNORMALLY_LOW: gettext_lazy("Abnormally low price"),
    engine.FLAG_NOT_YET_SCORED: gettext_lazy("Not fully scored"),
    engine.FLAG_INVALID_PRICE: gettext_lazy("Invalid price"),
    engine.FLAG_BELOW_PASS_MARK: gettext_lazy("Below technical pass mark"),
}


# --- bidders and aliases -----------------------------------------------------------------------


def alias_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: spreadsheet-style letters for any number of vendors."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class Bidder:
    """A vendor whose response was submitted: the only responses an evaluation looks at."""

    response_id: int
    vendor_id: int
    name: str
    slug: str
    submitted_at: datetime | None
    alias: str

    def label(self, blind: bool) -> str:
        return self.alias if blind else self.name


def bidders(rfp: RFP) -> list[Bidder]:
    """Submitted bids in alias order. Aliases follow a hash of the response, not the name, so
    that "Vendor A" cannot be guessed from the alphabet or from who submitted first."""
    rows = list(
        Response.objects.filter(rfp=rfp, status=ResponseStatus.SUBMITTED).values_list(
            "id", "vendor_id", "vendor__name", "vendor__slug", "submitted_at"
        )
    )
    rows.sort(key=lambda row: hashlib.sha256(f"{rfp.pk}:{row[0]}".encode()).hexdigest())
    return [
        Bidder(
            response_id=rid,
            vendor_id=vid,
            name=name,
            slug=slug,
            submitted_at=at,
            alias=_("Vendor %(letters)s") % {"letters": alias_letters(i)},
        )
        for i, (rid, vid, name, slug, at) in enumerate(rows)
    ]


def redact(text: str, bidder: Bidder) -> str:
    """Free text can name the vendor: in a blind evaluation its name and slug become the alias."""
    if not text:
        return text
    names = sorted({bidder.name, bidder.slug, bidder.slug.replace("-", " ")} - {""}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE)
    return pattern.sub(bidder.alias, text)


def blind_file_name(position: int, original: str) -> str:
    """A file name that cannot carry the vendor's name: "Attachment 2.pdf"."""
    suffix = ""
    if "." in original:
        ext = original.rsplit(".", 1)[1].lower()
        if ext.isalnum() and len(ext) <= 5:
            suffix = "." + ext
    return _("Attachment %(n)s") % {"n": position} + suffix


# --- the ranking -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionColumn:
    id: int
    title: str
    weight: float
    kind: str

    @property
    def is_price(self) -> bool:
        return self.kind == SectionKind.PRICE


@dataclass(frozen=True)
class RankedVendor:
    result: engine.VendorResult
    bidder: Bidder
    label: str
    cells: tuple[float | None, ...]

    @property
    def flag_labels(self) -> list[str]:
        return [str(FLAG_LABELS.get(flag, flag)) for flag in self.result.flags]


@dataclass
class Ranking:
    """The engine's result with what a person needs to read it (names, titles, weights)."""

    rfp: RFP
    method: str
    sections: list[SectionColumn]
    weights: list[float]
    rows: list[RankedVendor]
    result: engine.RankingResult | None
    price_sealed: bool
    error: str = ""
    settings: EvaluationSettings | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def provisional(self) -> bool:
        return bool(self.result and self.result.provisional)

    @property
    def winner(self) -> RankedVendor | None:
        return next((row for row in self.rows if not row.result.excluded), None)

    def section_matrix(self) -> list[list[float | None]]:
        return [list(row.cells) for row in self.rows]

    def as_json(self) -> dict:
        """The stable shape printed by `manage.py rank --format json`."""
        return {
            "rfp": self.rfp.reference,
            "method": self.method,
            "provisional": self.provisional,
            "vendors": [
                {
                    "vendor": row.label,
                    "rank": row.result.rank,
                    "total": _round(row.result.total),
                    "technical": _round(row.result.technical),
                    "price_score": _round(row.result.price_score),
                    "sections": {s.title: _round(c) for s, c in zip(self.sections, row.cells, strict=True)},
                    "knocked_out": row.result.knocked_out,
                    "knockout_reasons": list(row.result.knockout_reasons),
                    "flags": list(row.result.flags),
                }
                for row in self.rows
            ],
        }


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while hundreds of thousands of small, acyclic objects
    (rows, score pairs, engine inputs) are built and ranked: otherwise every few thousand
    allocations trigger a collection that walks all of them again, which more than doubles the
    time. They hold no cycles, so reference counting frees them as soon as the ranking is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def ranking_for_rfp(
    rfp: RFP,
    weights_override: dict[int, float] | None = None,
    method: str = "wsm",
    *,
    blind: bool = False,
    settings: EvaluationSettings | None = None,
) -> Ranking:
    """Rank the submitted bids of an RFP in nine queries whatever its size.

    `weights_override` maps section ids to weights (they must total 100) for a what-if that is
    never saved. `blind` shows aliases instead of names. Inconsistent data (a malformed rule,
    weights that do not total 100) gives a Ranking with `error` set instead of raising.
    """
    if method not in METHODS:
        raise ValueError(f"Unknown method {method!r}: choose wsm or topsis.")
    with gc_paused():
        return _ranking(rfp, weights_override, method, blind, settings or settings_for(rfp))


def _ranking(
    rfp: RFP, weights_override: dict[int, float] | None, method: str, blind: bool, settings: EvaluationSettings
) -> Ranking:
    price_sealed = rfp.two_envelope and not settings.price_opened
    sections = [
        SectionColumn(id=sid, title=title, weight=float(weight), kind=kind)
        for sid, title, weight, kind in Section.objects.filter(rfp=rfp)
        .order_by("order", "id")
        .values_list("id", "title", "weight", "kind")
    ]
    if weights_override is not None:
        sections = [replace(s, weight=float(weights_override.get(s.id, s.weight))) for s in sections]
    inputs = _engine_inputs(rfp, sections, price_sealed)
    ranking = Ranking(
        rfp=rfp,
        method=method,
        sections=sections,
        weights=[s.weight for s in sections],
        rows=[],
        result=None,
        price_sealed=price_sealed,
        settings=settings,
    )
    config_error = ""
    try:
        config = engine.Config(
            aggregate=settings.aggregate,
            price_direction=settings.price_direction,
            technical_pass_mark=float(rfp.technical_pass_mark) if rfp.technical_pass_mark is not None else None,
        )
        result = inputs.rank(config)
    except ValueError as exc:
        config_error = str(exc)
    if config_error:
        ranking.error = config_error
        return ranking
    if method == "topsis":
        result = _topsis_ranking(result, sections, inputs.bidders)
    by_vendor = {b.vendor_id: b for b in inputs.bidders}
    ranking.result = result
    ranking.rows = [
        RankedVendor(
            result=v,
            bidder=by_vendor[v.vendor_id],
            label=by_vendor[v.vendor_id].label(blind),
            cells=tuple(v.sections.get(s.id) for s in sections),
        )
        for v in result.vendors
    ]
    return ranking


@dataclass
class EngineInputs:
    """What the engine ranks. ``answers`` are columns (the fast path, :func:`engine.rank_columns`)
    or, in the rare cases the fast path leaves to the exact one, AnswerInput objects."""

    bidders: list[Bidder]
    sections: list[engine.SectionSpec]
    questions: list[engine.QuestionSpec]
    vendors: list[engine.VendorInput]
    answers: engine.AnswerColumns | list[engine.AnswerInput]

    def rank(self, config: engine.Config) -> engine.RankingResult:
        if isinstance(self.answers, engine.AnswerColumns):
            return engine.rank_columns(self.sections, self.questions, self.vendors, self.answers, config)
        return engine.rank(self.sections, self.questions, self.vendors, self.answers, config)


@dataclass(frozen=True)
class _QuestionTable:
    specs: list[engine.QuestionSpec]
    value_questions: set[int]  # the questions whose answers a rule, a knockout or the price reads
    price_question: int | None


def _engine_inputs(rfp: RFP, sections: list[SectionColumn], price_sealed: bool, fast: bool = True) -> EngineInputs:
    """The engine's inputs from the database in a fixed number of queries, whatever the size of
    the RFP. ``fast=False`` takes the exact path (one AnswerInput per answer, every score row
    read): the fast path gives the same ranking, and falls back to it when it cannot."""
    # A sealed price section is handed over as a technical section with nothing to score: the
    # engine then leaves it out of every total, exactly as for a section with no score yet.
    section_specs = [
        engine.SectionSpec(
            id=s.id,
            title=s.title,
            weight=s.weight,
            kind=engine.PRICE if s.is_price and not price_sealed else engine.TECHNICAL,
        )
        for s in sections
    ]
    table = _question_table(rfp, {s.id for s in sections if s.is_price})
    bidder_list = bidders(rfp)
    read = _fast_answers if fast and _histograms_fit() else None
    found = read(rfp, bidder_list, table) if read else None
    if found is None:
        answers, prices = _exact_answers(rfp, table)
    else:
        answers, prices = found
    if price_sealed:
        prices = {}
    vendors = [
        engine.VendorInput(id=b.vendor_id, name=b.name, price=prices.get(b.vendor_id), submitted_at=b.submitted_at)
        for b in bidder_list
    ]
    return EngineInputs(bidder_list, section_specs, table.specs, vendors, answers)


def _question_table(rfp: RFP, price_section_ids: set[int]) -> _QuestionTable:
    question_rows = list(
        Question.objects.filter(section__rfp=rfp)
        .order_by("section__order", "order", "id")
        .values_list(
            "id",
            "section_id",
            "weight",
            "scored",
            "required",
            "auto_rule",
            "choices",
            "knockout",
            "knockout_reason",
            "is_price",
            "text",
        )
    )
    questions, value_questions, price_question = [], set(), None
    for qid, sid, weight, scored, required, rule, choices, knockout, reason, is_price, text in question_rows:
        questions.append(
            engine.QuestionSpec(
                id=qid,
                section_id=sid,
                weight=float(weight),
                scored=scored and not is_price and sid not in price_section_ids,
                required=required,
                auto_rule=rule or None,
                choices=choices or (),
                knockout=knockout or None,
                # Only a knockout's reason is ever shown: spare the translation for the others.
                knockout_reason=reason
                or (_("Knockout not met: %(question)s") % {"question": text[:80]} if knockout else ""),
            )
        )
        if rule or knockout or is_price:
            value_questions.add(qid)
        if is_price and price_question is None:
            price_question = qid
    return _QuestionTable(questions, value_questions, price_question)


def _submitted_answers(rfp: RFP):
    return Answer.objects.filter(response__rfp=rfp, response__status=ResponseStatus.SUBMITTED)


# --- the fast path: one row per answer, its scores folded into a histogram by the database -------

# Each submitted score adds 1 to its answer's histogram: a 9-bit counter per points value 0-5
# and a seventh for anything outside 0-5, packed in one 63-bit integer. The database still
# reads every score row; Python gets one integer per answer instead of one row per score, which
# is most of the cost of a ranking. No answer can have more scores than there are users (one
# score per evaluator and answer), so with at most 511 users no counter can overflow.
HISTOGRAM_BITS = 9
HISTOGRAM_MAX_USERS = (1 << HISTOGRAM_BITS) - 1
_OUT_OF_SCALE = 6  # the counter of points outside 0-5: the exact path reports them


def _histograms_fit() -> bool:
    return get_user_model().objects.count() <= HISTOGRAM_MAX_USERS


def _score_histogram() -> Coalesce:
    counter = Case(
        *[When(points=p, then=Value(1 << (HISTOGRAM_BITS * p))) for p in range(_OUT_OF_SCALE)],
        default=Value(1 << (HISTOGRAM_BITS * _OUT_OF_SCALE)),
        output_field=BigIntegerField(),
    )
    # SUM as a plain function rather than Sum(): one sum over the answer's rows without the
    # GROUP BY that Sum() would add, which SQLite runs some 7% faster.
    per_answer = (
        Score.objects.filter(answer=OuterRef("pk"), submitted_at__isnull=False)
        .order_by()
        .annotate(histogram=Cast(Func(counter, function="SUM"), BigIntegerField()))
        .values("histogram")
    )
    return Coalesce(Subquery(per_answer), Value(0), output_field=BigIntegerField())


def _histogram_counts(histograms: np.ndarray) -> np.ndarray:
    """answers x 7 counters (points 0 to 5, then out of scale) from the packed integers."""
    shifts = HISTOGRAM_BITS * np.arange(_OUT_OF_SCALE + 1, dtype=np.int64)
    return (histograms[:, None] >> shifts) & HISTOGRAM_MAX_USERS


def _fast_answers(
    rfp: RFP, bidder_list: list[Bidder], table: _QuestionTable
) -> tuple[engine.AnswerColumns, dict[int, Any]] | None:
    """Answer columns (and prices per vendor) filled straight from one row per answer, or None
    when only the exact path can give the same result: a state or question the engine would
    refuse, or points outside 0-5 (the engine's message names them).

    Every column a row carries costs Python an object per answer, so a row holds only four: the
    response, the question and state together (question id x 4 + state code), the histogram of
    its scores and, for the questions whose value is read, the JSON value."""
    rows = fetch_rows(answer_rows(rfp, table))
    n = len(rows)
    responses, question_states, histograms, texts = zip(*rows, strict=True) if rows else ((),) * 4
    question_state = np.fromiter(question_states, np.int64, n)
    state = question_state & 3
    response_ids, question_ids = [b.response_id for b in bidder_list], [q.id for q in table.specs]
    vendor = _positions(np.fromiter(responses, np.int64, n), response_ids)
    question = _positions(question_state >> 2, question_ids)
    if vendor is None or question is None or (state == _UNKNOWN_STATE).any():
        return None
    row_of = _RowFinder(vendor, question, response_ids, question_ids)
    counts = _histogram_counts(np.fromiter(histograms, np.int64, n))
    _drop_conflicted_scores(rfp, counts, row_of)
    if counts[:, _OUT_OF_SCALE].any():
        return None
    counts = counts[:, :_OUT_OF_SCALE]
    # The histogram back to points: answer i's run holds counts[i, p] times the value p.
    points = np.repeat(np.tile(np.arange(_OUT_OF_SCALE, dtype=float), n), counts.reshape(-1))
    offsets = np.concatenate(([0], np.cumsum(counts.sum(axis=1)))).astype(np.intp)
    consensus = np.full(n, np.nan)
    for response, question_id, given in Consensus.objects.filter(
        answer__response__rfp=rfp, answer__response__status=ResponseStatus.SUBMITTED
    ).values_list("answer__response_id", "answer__question_id", "points"):
        row = row_of(response, question_id)
        if row is not None:
            consensus[row] = given
    values = _parsed_values(texts)
    columns = engine.AnswerColumns(
        vendor=vendor,
        question=question,
        state=state,
        values=values,
        score_points=points,
        score_offsets=offsets,
        consensus=consensus,
    )
    prices = {}
    if table.price_question is not None:
        price_q = question_ids.index(table.price_question)
        answered = engine.STATE_CODES[engine.ANSWERED]
        for row in np.flatnonzero((question == price_q) & (state == answered)).tolist():
            prices[bidder_list[vendor[row]].vendor_id] = values[row]
    return columns, prices


_UNKNOWN_STATE = 3


def answer_rows(rfp: RFP, table: _QuestionTable):
    """The fast path's one query: per submitted answer, the response, question id x 4 + state
    code, the histogram of its submitted scores and the JSON value where a question reads it."""
    state_code = Case(
        *[When(state=state, then=Value(code)) for state, code in engine.STATE_CODES.items()],
        default=Value(_UNKNOWN_STATE),
        output_field=BigIntegerField(),
    )
    wanted_value = (
        Case(When(question_id__in=table.value_questions, then=F("value")), default=None, output_field=JSONField())
        if table.value_questions
        else Value(None, output_field=JSONField())
    )
    return (
        _submitted_answers(rfp)
        .annotate(
            question_state=ExpressionWrapper(F("question_id") * 4 + state_code, output_field=BigIntegerField()),
            histogram=_score_histogram(),
            wanted_value=wanted_value,
        )
        .values_list("response_id", "question_state", "histogram", "wanted_value")
    )


def _positions(keys: np.ndarray, ids: list[int]) -> np.ndarray | None:
    """Each key's position in ``ids``, or None when a key is not there."""
    if not ids:
        return None if keys.size else np.zeros(0, dtype=np.intp)
    ids_array = np.array(ids, dtype=np.int64)
    order = np.argsort(ids_array, kind="stable")
    found = np.minimum(np.searchsorted(ids_array[order], keys), len(ids) - 1)
    if keys.size and (ids_array[order][found] != keys).any():
        return None
    return order[found].astype(np.intp)


class _RowFinder:
    """The row of a (response id, question id) pair among the answer rows, or None."""

    def __init__(self, vendor: np.ndarray, question: np.ndarray, response_ids: list[int], question_ids: list[int]):
        self.grid = np.full((len(response_ids), len(question_ids)), -1, dtype=np.intp)
        self.grid[vendor, question] = np.arange(vendor.size)
        self.vendor = {response: i for i, response in enumerate(response_ids)}
        self.question = {question_id: i for i, question_id in enumerate(question_ids)}

    def __call__(self, response_id: int, question_id: int) -> int | None:
        v, q = self.vendor.get(response_id), self.question.get(question_id)
        if v is None or q is None:
            return None
        row = int(self.grid[v, q])
        return row if row >= 0 else None


def _drop_conflicted_scores(rfp: RFP, counts: np.ndarray, row_of: _RowFinder) -> None:
    """A score given before the evaluator declared a conflict with the vendor stops counting (the
    row stays, for the audit): take it back out of its answer's histogram."""
    conflicts = list(
        ConflictDeclaration.objects.filter(rfp=rfp, conflict=True).values_list("evaluator_id", "vendor_id")
    )
    if not conflicts:
        return
    conflicted = Q()
    for evaluator, vendor in conflicts:
        conflicted |= Q(evaluator_id=evaluator, answer__response__vendor_id=vendor)
    rows = Score.objects.filter(
        conflicted,
        answer__response__rfp=rfp,
        answer__response__status=ResponseStatus.SUBMITTED,
        submitted_at__isnull=False,
    ).values_list("answer__response_id", "answer__question_id", "points")
    for response, question_id, points in rows:
        row = row_of(response, question_id)
        if row is not None:
            counts[row, points if 0 <= points < _OUT_OF_SCALE else _OUT_OF_SCALE] -= 1


def _parsed_values(texts: tuple) -> list[Any]:
    """Per row, the JSON value the query returned (None where it returned none), parsed in one
    call rather than one per row."""
    values: list[Any] = [None] * len(texts)
    given = list(compress(range(len(texts)), map(is_not, texts, repeat(None))))
    for i, value in zip(given, _json_list(_pick(texts, given)), strict=True):
        values[i] = value
    return values


def _pick(items: tuple | list, indices: list[int]) -> list:
    if not indices:
        return []
    picked = itemgetter(*indices)(items)
    return [picked] if len(indices) == 1 else list(picked)


# --- the exact path: one AnswerInput per answer, every score row read -------------------------


def _exact_answers(rfp: RFP, table: _QuestionTable) -> tuple[list[engine.AnswerInput], dict[int, Any]]:
    answers_qs = _submitted_answers(rfp)
    answer_rows = fetch_rows(answers_qs.values_list("id", "response__vendor_id", "question_id", "state"))
    # Only the answers that a rule, a knockout or the price formula reads need their JSON value.
    values = json_values(
        fetch_rows(answers_qs.filter(question_id__in=table.value_questions).values_list("id", "value"))
    )
    scores = submitted_scores(rfp)
    consensus = dict(Consensus.objects.filter(answer__response__rfp=rfp).values_list("answer_id", "points"))

    # Columns rather than rows, and starmap rather than a Python loop: at 80,000 answers the
    # interpreter's per-row work is most of the cost of building the inputs.
    ids, vendor_ids, question_ids, states = zip(*answer_rows, strict=True) if answer_rows else ((), (), (), ())
    answers = list(
        starmap(
            engine.AnswerInput,
            zip(
                vendor_ids,
                question_ids,
                states,
                map(values.get, ids),
                map(scores.get, ids, repeat(())),
                map(consensus.get, ids) if consensus else repeat(None),
                strict=False,
            ),
        )
    )
    prices = {
        vendor: values.get(aid)
        for aid, vendor, qid, state in answer_rows
        if qid == table.price_question and state == AnswerState.ANSWERED
    }
    return answers, prices


def fetch_rows(queryset) -> list[tuple]:
    """Every row of a values_list queryset of plain columns (ints, text), in one fetch.

    The ORM still writes the SQL, so it stays portable, but the rows come straight from the
    driver: at 300,000 score rows Django's per-row iteration would cost more than the engine.
    Only for columns that need no conversion (no JSON, dates or decimals).
    """
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def json_values(rows: list[tuple]) -> dict[int, Any]:
    """{id: value} from (id, JSON text) rows, parsed in one call rather than one per row."""
    parsed = _json_list(["null" if text is None else text for _id, text in rows])
    return dict(zip((row[0] for row in rows), parsed, strict=True))


def _json_list(texts: list) -> list[Any]:
    """JSON texts parsed in one call rather than one per text."""
    if all(isinstance(text, str) for text in texts):
        return json.loads("[" + ",".join(texts) + "]") if texts else []
    # a driver that already decodes JSON
    return [json.loads(t) if isinstance(t, str) else t for t in texts]


def submitted_scores(rfp: RFP) -> dict[int, list[tuple[int, int]]]:
    """Submitted individual scores as {answer id: [(evaluator id, points), ...]}.

    A score given before the evaluator declared a conflict with the vendor stops counting (the
    row stays, for the audit).
    """
    scores = Score.objects.filter(
        answer__response__rfp=rfp, answer__response__status=ResponseStatus.SUBMITTED, submitted_at__isnull=False
    )
    conflicts = list(
        ConflictDeclaration.objects.filter(rfp=rfp, conflict=True).values_list("evaluator_id", "vendor_id")
    )
    for evaluator, vendor in conflicts:
        scores = scores.exclude(evaluator_id=evaluator, answer__response__vendor_id=vendor)
    return group_by_first(fetch_rows(scores.values_list("answer_id", "evaluator_id", "points")))


def group_by_first(rows: list[tuple]) -> dict:
    """{first column: [(second, third), ...]}. The database returns an answer's scores next to
    each other (it reaches them through the answer), so runs are cut with numpy and sliced;
    a dictionary of lists is the fallback when the runs are not contiguous."""
    n = len(rows)
    if not n:
        return {}
    keys = np.fromiter(map(itemgetter(0), rows), np.int64, n)
    cuts = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts, ends = [0, *cuts.tolist()], [*cuts.tolist(), n]
    run_keys = keys[starts].tolist()
    if len(set(run_keys)) == len(run_keys):
        pairs = list(map(itemgetter(1, 2), rows))
        return dict(zip(run_keys, map(pairs.__getitem__, map(slice, starts, ends)), strict=True))
    grouped: dict = defaultdict(list)
    for key, second, third in rows:
        grouped[key].append((second, third))
    return grouped


def _topsis_ranking(
    result: engine.RankingResult, sections: list[SectionColumn], bidder_list: list[Bidder]
) -> engine.RankingResult:
    """TOPSIS over the section scores as a cross-check: closeness x 100 becomes the total.
    Exclusions stay below the valid bids; ties break as in the weighted sum."""
    columns = [i for i, s in enumerate(sections) if s.weight > 0]
    if not columns or len(result.vendors) < 1:
        return result
    matrix = [[(v.sections.get(sections[i].id) or 0.0) for i in columns] for v in result.vendors]
    closeness = engine.topsis(matrix, [sections[i].weight for i in columns])
    submitted = {b.vendor_id: b.submitted_at for b in bidder_list}

    def order_key(pair):
        v, c = pair
        at = submitted.get(v.vendor_id)
        return (v.excluded, -round(c * 100, 2), -(v.technical or 0), at is None, at or 0, v.name.casefold())

    ordered = sorted(zip(result.vendors, closeness, strict=True), key=order_key)
    vendors = tuple(replace(v, rank=i + 1, total=c * 100) for i, (v, c) in enumerate(ordered))
    return replace(result, vendors=vendors)


# --- what-if, sensitivity, robustness ----------------------------------------------------------


@dataclass(frozen=True)
class WhatIfRow:
    row: RankedVendor
    rank: int
    total: float | None
    technical: float | None
    moved: int  # places gained (+) or lost (-) against the saved weights


def what_if(ranking: Ranking, weights: list[float]) -> list[WhatIfRow]:
    """Re-rank from the section matrix with other weights (totalling 100): nothing is saved,
    envelopes and exclusions stay as they are."""
    outcome = engine.rank_from_section_scores(
        ranking.section_matrix(),
        weights,
        technical=[not s.is_price for s in ranking.sections],
        excluded=[row.result.excluded for row in ranking.rows],
        names=[row.result.name for row in ranking.rows],
        submitted_at=[row.bidder.submitted_at for row in ranking.rows],
    )
    rows = [
        WhatIfRow(
            row=ranking.rows[i],
            rank=outcome.ranks[i],
            total=outcome.totals[i],
            technical=outcome.technical[i],
            moved=ranking.rows[i].result.rank - outcome.ranks[i],
        )
        for i in range(len(ranking.rows))
    ]
    return sorted(rows, key=lambda r: r.rank)


def normalised_weights(raw: list[float]) -> list[float]:
    """Slider positions scaled to total 100 (the sliders need not add up)."""
    total = sum(raw)
    if total <= 0:
        raise ValueError(_("At least one section needs a weight above zero."))
    scaled = [100.0 * w / total for w in raw]
    scaled[-1] += 100.0 - sum(scaled)  # float dust
    return scaled


@dataclass(frozen=True)
class Robustness:
    leader: RankedVendor | None
    sentence: str
    margin_sentence: str
    per_section: list[tuple[SectionColumn, str]]
    shares: list[tuple[RankedVendor, float]]
    samples: int
    spread: float


def robustness_for(ranking: Ranking, weights: list[float] | None = None) -> Robustness | None:
    """The sensitivity margin and the robustness of the winner, in words."""
    if not ranking.rows:
        return None
    weights = weights or ranking.weights
    matrix = ranking.section_matrix()
    eligible = [not row.result.excluded for row in ranking.rows]
    section_ids = [s.id for s in ranking.sections]
    by_id = {s.id: s for s in ranking.sections}
    rows_by_vendor = {row.result.vendor_id: row for row in ranking.rows}
    try:
        sensitivity = engine.weight_sensitivity(
            matrix,
            weights,
            eligible=eligible,
            section_ids=section_ids,
            vendor_ids=[row.result.vendor_id for row in ranking.rows],
        )
        shares = engine.robustness(
            matrix, weights, eligible=eligible, vendor_ids=[row.result.vendor_id for row in ranking.rows]
        )
    except ValueError:
        return None
    if sensitivity is None:
        return Robustness(ranking.winner, _("Fewer than two vendors are in the running."), "", [], [], 0, 0.0)
    leader = rows_by_vendor[sensitivity.leader]
    per_section = [
        (by_id[section_ids[k]], _change_sentence(leader, change, by_id, rows_by_vendor))
        for k, change in enumerate(sensitivity.sections)
    ]
    margin = sensitivity.margin
    margin_sentence = (
        _change_sentence(leader, margin, by_id, rows_by_vendor)
        if margin
        else _("%(leader)s stays first whatever the weight of any single section.") % {"leader": leader.label}
    )
    ranked_shares = sorted(
        ((rows_by_vendor[vid], share) for vid, share in zip(shares.vendor_ids, shares.shares, strict=True)),
        key=lambda pair: -pair[1],
    )
    sentence = _(
        "%(leader)s ranks first in %(share)s%% of %(samples)s random variations of the weights (each weight "
        "moved by up to ±%(spread)s%%)."
    ) % {
        "leader": leader.label,
        "share": f"{100 * shares.shares[shares.vendor_ids.index(leader.result.vendor_id)]:.0f}",
        "samples": f"{shares.samples:,}",
        "spread": f"{100 * shares.spread:.0f}",
    }
    return Robustness(
        leader=leader,
        sentence=sentence,
        margin_sentence=margin_sentence,
        per_section=per_section,
        shares=[(row, share) for row, share in ranked_shares if share > 0],
        samples=shares.samples,
        spread=shares.spread,
    )


def _change_sentence(leader: RankedVendor, change, sections: dict, rows: dict) -> str:
    if change is None:
        return _("No change of this weight alone changes the winner.")
    values = {
        "leader": leader.label,
        "section": sections[change.section].title,
        "threshold": f"{change.new_weight:.1f}",
        "rival": rows[change.rival].label,
    }
    if change.direction < 0:
        sentence = _("%(leader)s stays first unless the %(section)s weight falls below %(threshold)s%%")
    else:
        sentence = _("%(leader)s stays first unless the %(section)s weight rises above %(threshold)s%%")
    return (sentence + " " + _("(then %(rival)s leads).")) % values


# --- the evaluator's scoring sheet -------------------------------------------------------------


@dataclass
class SheetCell:
    bidder: Bidder
    label: str
    answer_id: int | None
    state: str
    value: str
    vendor_comment: str
    attachments: list[tuple[int, str]]
    own: Score | None = None
    others: list[tuple[str, int, str]] = field(default_factory=list)
    auto: float | None = None


@dataclass
class SheetQuestion:
    question: Question
    human: bool
    auto_points: dict[int, float | None]
    cells: list[SheetCell]

    @property
    def rubric_items(self) -> list[tuple[str, str]]:
        rubric = self.question.rubric or {}
        return [(str(p), rubric[str(p)]) for p in range(5, -1, -1) if str(p) in rubric]


@dataclass
class ScoringSheet:
    questions: list[SheetQuestion]
    to_score: int
    scored: int
    undeclared: int

    @property
    def complete(self) -> bool:
        return self.scored >= self.to_score


def scoring_sheet(evaluation: Evaluation, assignment: Assignment) -> ScoringSheet:
    """Every question of the assigned section with the answers of the vendors the evaluator is
    cleared for, their own scores and, once they submitted, the other evaluators' scores."""
    rfp, evaluator, section = evaluation.rfp, assignment.evaluator, assignment.section
    rule = bid_rule(evaluator, rfp)
    blind = rule.blind
    declared = dict(
        ConflictDeclaration.objects.filter(rfp=rfp, evaluator=evaluator).values_list("vendor_id", "conflict")
    )
    all_bidders = bidders(rfp)
    cleared = [b for b in all_bidders if declared.get(b.vendor_id) is False and rule.may_read_vendor(b.vendor_id)]
    undeclared = sum(1 for b in all_bidders if b.vendor_id not in declared)
    questions = list(section.questions.order_by("order", "id"))
    by_response = {b.response_id: b for b in cleared}
    answers = {
        (a.response_id, a.question_id): a
        for a in Answer.objects.filter(question__section=section, response_id__in=list(by_response))
    }
    files: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for aid, att_id, name in (
        Attachment.objects.filter(answer__in=[a.id for a in answers.values()])
        .order_by("uploaded_at", "id")
        .values_list("answer_id", "id", "original_name")
    ):
        files[aid].append((att_id, name))
    own = {s.answer_id: s for s in Score.objects.filter(evaluator=evaluator, answer__question__section=section)}
    others: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    if assignment.is_submitted:  # nobody sees the others' marks before committing to their own
        for aid, first, last, username, points, comment in (
            Score.objects.filter(answer__question__section=section, submitted_at__isnull=False)
            .exclude(evaluator=evaluator)
            .values_list(
                "answer_id", "evaluator__first_name", "evaluator__last_name", "evaluator__username", "points", "comment"
            )
        ):
            others[aid].append((f"{first} {last}".strip() or username, points, comment))

    sheet_questions, to_score, scored = [], 0, 0
    for question in questions:
        question.section = section  # spares a query per question in is_human_scored
        human = is_human_scored(question)
        cells = []
        auto: dict[int, float | None] = {}
        for bidder in cleared:
            hide_value = not rule.may_read_answer(
                vendor_id=bidder.vendor_id, response_id=bidder.response_id, question=question
            )
            answer = answers.get((bidder.response_id, question.id))
            state = answer.state if answer else AnswerState.BLANK
            text = "" if answer is None or hide_value else display_value(answer.value)
            comment = "" if answer is None or hide_value else answer.comment
            attachments = files.get(answer.id, []) if answer and not hide_value else []
            if blind:
                text, comment = redact(text, bidder), redact(comment, bidder)
                attachments = [(att_id, blind_file_name(i, name)) for i, (att_id, name) in enumerate(attachments, 1)]
            cell = SheetCell(
                bidder=bidder,
                label=bidder.label(blind),
                answer_id=answer.id if answer else None,
                state=state,
                value=text if not hide_value else _("Sealed until the price envelope is opened."),
                vendor_comment=comment,
                attachments=attachments,
                own=own.get(answer.id) if answer else None,
                others=others.get(answer.id, []) if answer else [],
            )
            if question.auto_rule and answer and state == AnswerState.ANSWERED and not hide_value:
                cell.auto = auto[bidder.vendor_id] = _safe_auto_points(question, answer.value)
            if human and answer and state == AnswerState.ANSWERED:
                to_score += 1
                scored += cell.own is not None
            cells.append(cell)
        sheet_questions.append(SheetQuestion(question=question, human=human, auto_points=auto, cells=cells))
    return ScoringSheet(questions=sheet_questions, to_score=to_score, scored=scored, undeclared=undeclared)


def _safe_auto_points(question: Question, value: Any) -> float | None:
    try:
        return engine.auto_points(question.auto_rule, question.choices, value)
    except ValueError:
        return None


# --- progress ----------------------------------------------------------------------------------


@dataclass
class ProgressRow:
    assignment: Assignment
    to_score: int
    scored: int
    undeclared: int
    conflicts: int

    @property
    def percent(self) -> int:
        return 100 if not self.to_score else round(100 * self.scored / self.to_score)


def progress(rfp: RFP) -> list[ProgressRow]:
    """Per evaluator and section: answers to score (cleared vendors only), scored, submitted."""
    assignments = list(
        Assignment.objects.filter(section__rfp=rfp)
        .select_related("evaluator", "section")
        .order_by("evaluator__last_name", "evaluator__first_name", "section__order", "section_id")
    )
    bidder_vendors = {b.vendor_id for b in bidders(rfp)}
    declarations: dict[int, dict[int, bool]] = defaultdict(dict)
    for evaluator, vendor, conflict in ConflictDeclaration.objects.filter(rfp=rfp).values_list(
        "evaluator_id", "vendor_id", "conflict"
    ):
        declarations[evaluator][vendor] = conflict
    # Answers that need a person, per section and vendor.
    answerable: dict[tuple[int, int], int] = {}
    for sid, vendor, n in (
        Answer.objects.filter(
            response__rfp=rfp,
            response__status=ResponseStatus.SUBMITTED,
            state=AnswerState.ANSWERED,
            question__scored=True,
            question__is_price=False,
            question__auto_rule__isnull=True,
            question__section__kind=SectionKind.TECHNICAL,
        )
        .values_list("question__section_id", "response__vendor_id")
        .annotate(n=Count("id"))
    ):
        answerable[(sid, vendor)] = n
    given: dict[tuple[int, int, int], int] = {}
    for evaluator, sid, vendor, n in (
        Score.objects.filter(answer__response__rfp=rfp, answer__response__status=ResponseStatus.SUBMITTED)
        .values_list("evaluator_id", "answer__question__section_id", "answer__response__vendor_id")
        .annotate(n=Count("id"))
    ):
        given[(evaluator, sid, vendor)] = n
    rows = []
    for a in assignments:
        mine = declarations.get(a.evaluator_id, {})
        cleared = [v for v in bidder_vendors if mine.get(v) is False]
        rows.append(
            ProgressRow(
                assignment=a,
                to_score=sum(answerable.get((a.section_id, v), 0) for v in cleared),
                scored=sum(given.get((a.evaluator_id, a.section_id, v), 0) for v in cleared),
                undeclared=sum(1 for v in bidder_vendors if v not in mine),
                conflicts=sum(1 for v in bidder_vendors if mine.get(v) is True),
            )
        )
    return rows


@dataclass
class EvaluatorProgress:
    evaluator: Any
    to_score: int
    scored: int
    submitted: int
    assigned: int
    undeclared: int
    conflicts: int

    @property
    def percent(self) -> int:
        return 100 if not self.to_score else round(100 * self.scored / self.to_score)


@dataclass
class ProgressMatrix:
    """Sections (rows) x evaluators (columns), each cell the evaluator's progress or None."""

    evaluators: list[EvaluatorProgress]
    rows: list[tuple[Section, list[ProgressRow | None]]]


def progress_matrix(rfp: RFP) -> ProgressMatrix:
    rows = progress(rfp)
    evaluators: dict[int, EvaluatorProgress] = {}
    sections: dict[int, Section] = {}
    cells: dict[tuple[int, int], ProgressRow] = {}
    for row in rows:
        a = row.assignment
        summary = evaluators.setdefault(
            a.evaluator_id, EvaluatorProgress(a.evaluator, 0, 0, 0, 0, row.undeclared, row.conflicts)
        )
        summary.to_score += row.to_score
        summary.scored += row.scored
        summary.assigned += 1
        summary.submitted += a.is_submitted
        sections.setdefault(a.section_id, a.section)
        cells[(a.section_id, a.evaluator_id)] = row
    ordered = sorted(sections.values(), key=lambda s: (s.order, s.id))
    people = list(evaluators.values())
    return ProgressMatrix(
        evaluators=people,
        rows=[(s, [cells.get((s.id, p.evaluator.pk)) for p in people]) for s in ordered],
    )


def scoring_complete(rfp: RFP) -> bool:
    """Technical scoring is complete when every assignment is submitted and no answer that
    needs a person is left without a submitted score or a consensus."""
    rows = progress(rfp)
    if not rows or any(not r.assignment.is_submitted for r in rows):
        return False
    ranking = ranking_for_rfp(rfp)
    return not ranking.error and not ranking.provisional


# --- moderation --------------------------------------------------------------------------------


@dataclass
class ModerationRow:
    answer: Answer
    bidder: Bidder
    scores: list[tuple[str, int, str]]
    consensus: Consensus | None
    spread: int | None
    disagreement: bool

    @property
    def aggregate(self) -> float | None:
        if not self.scores:
            return None
        return sum(points for _n, points, _c in self.scores) / len(self.scores)


def moderation_rows(
    rfp: RFP, *, only_disagreements: bool = False, section_id: int | None = None
) -> list[ModerationRow]:
    """Human-scored answers with their submitted individual scores, spread and consensus."""
    by_response = {b.response_id: b for b in bidders(rfp)}
    answers = (
        Answer.objects.filter(
            response_id__in=list(by_response),
            state=AnswerState.ANSWERED,
            question__scored=True,
            question__is_price=False,
            question__auto_rule__isnull=True,
            question__section__kind=SectionKind.TECHNICAL,
        )
        .select_related("question__section")
        .order_by("question__section__order", "question__order", "question_id", "response_id")
    )
    if section_id is not None:
        answers = answers.filter(question__section_id=section_id)
    answers = list(answers)
    scores: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    for aid, first, last, username, points, comment in (
        Score.objects.filter(answer__in=[a.id for a in answers], submitted_at__isnull=False)
        .order_by("evaluator__last_name", "evaluator_id")
        .values_list(
            "answer_id", "evaluator__first_name", "evaluator__last_name", "evaluator__username", "points", "comment"
        )
    ):
        scores[aid].append((f"{first} {last}".strip() or username, points, comment))
    consensus = {c.answer_id: c for c in Consensus.objects.filter(answer__in=[a.id for a in answers])}
    rows = []
    for answer in answers:
        given = scores.get(answer.id, [])
        spread = (max(p for _n, p, _c in given) - min(p for _n, p, _c in given)) if given else None
        row = ModerationRow(
            answer=answer,
            bidder=by_response[answer.response_id],
            scores=given,
            consensus=consensus.get(answer.id),
            spread=spread,
            disagreement=spread is not None and spread >= 2,
        )
        if not only_disagreements or row.disagreement:
            rows.append(row)
    return rows


# --- what the evaluator sees of prices ---------------------------------------------------------


def price_rows(rfp: RFP, rule) -> list[tuple[str, Any]]:
    """Each bid's price as entered (a number, or text if it is not one), for the bids whose
    price the reader may see (vendors.bid_view decides: envelope, pass mark, conflicts)."""
    by_response = {
        b.response_id: b
        for b in bidders(rfp)
        if rule.may_read_vendor(b.vendor_id) and rule.price_visible(b.response_id)
    }
    rows = (
        Answer.objects.filter(response_id__in=list(by_response), question__is_price=True)
        .order_by("response_id")
        .values_list("response_id", "value")
    )
    return sorted(
        (
            (
                by_response[rid].label(rule.blind),
                number_format(value, 0, force_grouping=True)
                if isinstance(value, (int, float)) and not isinstance(value, bool)
                else display_value(value),
            )
            for rid, value in rows
        ),
        key=lambda pair: pair[0],
    )
