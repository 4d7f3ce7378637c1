"""The columnar path of the ranking gives exactly the result of the object path.

`engine.rank_columns` (answers as numpy columns) must give the very same RankingResult as
`engine.rank` (one AnswerInput per answer), and `ranking_for_rfp`, which reads the columns
straight from the database with each answer's scores folded into a histogram, must rank exactly
as the exact path that reads every score row.
"""

import random
from dataclasses import replace

import numpy as np
import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from scoring import engine, selectors
from scoring.management.commands.seed_scale import build_scale_rfp
from scoring.models import ConflictDeclaration, Consensus, EvaluationSettings, Score
from scoring.selectors import fast_path, ranking_for_rfp
from scoring.selectors.ranking import _engine_inputs
from tests.scoring.engine_helpers import answer_columns
from tests.scoring.test_engine import PROPERTY, rfps
from tests.scoring.test_ranking import scored  # noqa: F401  (a fixture)
from vendors.models import Answer, AnswerState

# --------------------------------------------------------------------------------------------
# The engine: columns against objects
# --------------------------------------------------------------------------------------------


def rank_both(sections, questions, vendors, answers, config):
    """(result or error message) of rank and of rank_columns on the same answers."""
    outcomes = []
    for path in ("objects", "columns"):
        try:
            if path == "objects":
                outcomes.append(engine.rank(sections, questions, vendors, answers, config))
            else:
                columns = answer_columns(answers, vendors, questions)
                outcomes.append(engine.rank_columns(sections, questions, vendors, columns, config))
        except ValueError as exc:
            outcomes.append(("error", str(exc)))
    return outcomes


@PROPERTY
@given(rfps())
def test_rank_columns_gives_the_identical_result_to_rank(rfp):
    by_objects, by_columns = rank_both(*rfp)
    assert by_columns == by_objects


@PROPERTY
@given(rfps(), st.randoms(use_true_random=False))
def test_the_order_of_answers_and_of_each_answers_scores_changes_nothing(rfp, rnd):
    sections, questions, vendors, answers, config = rfp
    shuffled = [replace(a, scores=tuple(rnd.sample(list(a.scores), len(a.scores)))) for a in answers]
    rnd.shuffle(shuffled)
    expected = engine.rank(sections, questions, vendors, answers, config)
    columns = answer_columns(shuffled, vendors, questions)
    assert engine.rank_columns(sections, questions, vendors, columns, config) == expected


@PROPERTY
@given(rfps())
def test_scores_given_as_sorted_runs_like_a_histogram_rank_identically(rfp):
    """The selector hands over each answer's points sorted (it reads a histogram of them)."""
    sections, questions, vendors, answers, config = rfp
    as_histogram = [replace(a, scores=tuple(sorted(a.scores, key=lambda pair: pair[1]))) for a in answers]
    columns = answer_columns(as_histogram, vendors, questions)
    assert engine.rank_columns(sections, questions, vendors, columns, config) == engine.rank(
        sections, questions, vendors, answers, config
    )


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ([("a", "q1", "answered", (3,), None), ("a", "q1", "answered", (4,), None)], "more than one answer"),
        ([("a", "q1", "answered", (7,), None)], "0-5"),
        ([("a", "q1", "answered", (), 6)], "0-5"),
        ([("a", "q1", "answered", (-1,), None)], "0-5"),
    ],
)
def test_inconsistent_columns_raise_the_same_error_as_objects(answers, message):
    sections = [engine.SectionSpec("s", "S", 100)]
    questions = [engine.QuestionSpec("q1", "s")]
    vendors = [engine.VendorInput("a", "A")]
    inputs = [
        engine.AnswerInput(v, q, state, None, tuple((f"e{i}", p) for i, p in enumerate(points)), consensus)
        for v, q, state, points, consensus in answers
    ]
    by_objects, by_columns = rank_both(sections, questions, vendors, inputs, engine.Config())
    assert by_objects[0] == "error" and message in by_objects[1]
    assert by_columns == by_objects


def _columns(**changes):
    base = {
        "vendor": np.array([0]),
        "question": np.array([0]),
        "state": np.array([0]),
        "values": [None],
        "score_points": np.array([3.0]),
        "score_offsets": np.array([0, 1]),
        "consensus": np.array([np.nan]),
    }
    return engine.AnswerColumns(**{**base, **changes})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"vendor": np.array([1])}, "unknown vendor"),
        ({"question": np.array([-1])}, "unknown question"),
        ({"state": np.array([3])}, "unknown answer state"),
        ({"vendor": np.array([0.0])}, "integers"),
        ({"score_offsets": np.array([0, 2])}, "score_offsets"),
        ({"score_offsets": np.array([1, 1])}, "score_offsets"),
        ({"score_offsets": np.array([0])}, "score offset"),
        ({"values": []}, "one entry per answer"),
        ({"consensus": np.array([])}, "one entry per answer"),
    ],
)
def test_malformed_columns_raise_value_error(changes, message):
    sections = [engine.SectionSpec("s", "S", 100)]
    questions = [engine.QuestionSpec("q1", "s")]
    vendors = [engine.VendorInput("a", "A")]
    with pytest.raises(ValueError, match=message):
        engine.rank_columns(sections, questions, vendors, _columns(**changes))


def test_well_formed_columns_rank_as_the_objects_do():
    sections = [engine.SectionSpec("s", "S", 100)]
    questions = [engine.QuestionSpec("q1", "s")]
    vendors = [engine.VendorInput("a", "A")]
    result = engine.rank_columns(sections, questions, vendors, _columns())
    assert result == engine.rank(sections, questions, vendors, [engine.AnswerInput("a", "q1", scores=(("e", 3),))])
    assert result.vendors[0].total == 60.0


# --------------------------------------------------------------------------------------------
# The selector: the fast path (columns, histograms) against the exact path (every score row)
# --------------------------------------------------------------------------------------------


def _both_paths(rfp, price_sealed=False, aggregate="mean"):
    sections = [
        selectors.SectionColumn(id=s.id, title=s.title, weight=float(s.weight), kind=s.kind)
        for s in rfp.sections.order_by("order", "id")
    ]
    config = engine.Config(aggregate=aggregate)
    fast = _engine_inputs(rfp, sections, price_sealed)
    exact = _engine_inputs(rfp, sections, price_sealed, fast=False)
    assert isinstance(exact.answers, list)

    def outcome(inputs):
        try:
            return inputs.rank(config)
        except ValueError as exc:
            return ("error", str(exc))

    return fast, outcome(fast), outcome(exact)


@pytest.fixture
def scale_rfp(db):
    """A small benchmark RFP with everything that changes a ranking: blank and not-applicable
    answers, consensus scores, a conflict of interest, and scores outside the evaluators' sheet."""
    rfp = build_scale_rfp(vendors=6, questions=30, evaluators=3, reference="COLUMNS")
    rnd = random.Random(7)
    answers = list(Answer.objects.filter(response__rfp=rfp).order_by("id"))
    for answer in rnd.sample(answers, 20):
        answer.state = rnd.choice([AnswerState.BLANK, AnswerState.NOT_APPLICABLE])
        answer.save(update_fields=["state"])
    scores = list(Score.objects.filter(answer__response__rfp=rfp).order_by("id"))
    for score in rnd.sample(scores, 40):
        score.points = rnd.randint(0, 5)
        score.save(update_fields=["points"])
    for score in rnd.sample(scores, 10):  # drafts: not submitted, they do not count
        score.submitted_at = None
        score.save(update_fields=["submitted_at"])
    moderator = scores[0].evaluator
    for answer_id in {s.answer_id for s in rnd.sample(scores, 8)}:
        Consensus.objects.create(answer_id=answer_id, points=rnd.randint(0, 5), reason="Moderated", set_by=moderator)
    evaluator = scores[0].evaluator
    vendor = scores[0].answer.response.vendor
    ConflictDeclaration.objects.update_or_create(
        rfp=rfp, evaluator=evaluator, vendor=vendor, defaults={"conflict": True, "declared_at": timezone.now()}
    )
    return rfp


@pytest.mark.parametrize("aggregate", ["mean", "median"])
@pytest.mark.parametrize("price_sealed", [False, True])
def test_the_fast_path_ranks_exactly_as_the_exact_path(scale_rfp, aggregate, price_sealed):
    fast, by_fast, by_exact = _both_paths(scale_rfp, price_sealed, aggregate)
    assert isinstance(fast.answers, engine.AnswerColumns)
    assert by_fast == by_exact
    assert not isinstance(by_fast, tuple) and len(by_fast.vendors) == 6


def test_a_conflict_of_interest_takes_the_evaluators_scores_out_on_both_paths(scale_rfp):
    declaration = ConflictDeclaration.objects.get(rfp=scale_rfp, conflict=True)
    _fast, with_conflict, exact = _both_paths(scale_rfp)
    assert with_conflict == exact
    declaration.conflict = False
    declaration.save(update_fields=["conflict"])
    _fast, without_conflict, exact = _both_paths(scale_rfp)
    assert without_conflict == exact
    assert without_conflict != with_conflict


def test_the_fast_path_agrees_with_the_engine_fed_row_by_row(scored):  # noqa: F811 (the fixture)
    from tests.scoring.test_ranking import _independent_inputs

    fast, by_fast, by_exact = _both_paths(scored.rfp)
    assert isinstance(fast.answers, engine.AnswerColumns)
    assert by_fast == by_exact == _independent_inputs(scored.rfp)


def test_points_outside_0_to_5_leave_the_fast_path_and_give_the_engines_message(scale_rfp):
    Score.objects.filter(pk=Score.objects.filter(answer__response__rfp=scale_rfp).order_by("id")[5].pk).update(points=9)
    fast, by_fast, by_exact = _both_paths(scale_rfp)
    assert isinstance(fast.answers, list)  # the exact path took over
    assert by_fast == by_exact
    ranking = ranking_for_rfp(scale_rfp)
    assert ranking.error == by_exact[1] and "0-5" in ranking.error


def test_an_unknown_answer_state_leaves_the_fast_path_and_gives_the_engines_message(scale_rfp):
    Answer.objects.filter(pk=Answer.objects.filter(response__rfp=scale_rfp).order_by("id")[3].pk).update(
        state="skipped"
    )
    fast, by_fast, by_exact = _both_paths(scale_rfp)
    assert isinstance(fast.answers, list)
    assert by_fast == by_exact == ("error", "An answer refers to unknown answer state 'skipped'.")


def test_too_many_users_for_the_histogram_counters_takes_the_exact_path(scale_rfp, monkeypatch):
    monkeypatch.setattr(fast_path, "HISTOGRAM_MAX_USERS", 2)
    fast, by_fast, by_exact = _both_paths(scale_rfp)
    assert isinstance(fast.answers, list)
    assert by_fast == by_exact


def test_the_histogram_counts_every_score_of_an_answer_by_its_points(scale_rfp):
    answer = Answer.objects.filter(response__rfp=scale_rfp, scores__isnull=False).first()
    submitted = sorted(answer.scores.filter(submitted_at__isnull=False).values_list("points", flat=True))
    histogram = (
        Answer.objects.filter(pk=answer.pk).annotate(h=fast_path._score_histogram()).values_list("h", flat=True).get()
    )
    counts = fast_path._histogram_counts(np.array([histogram], dtype=np.int64))[0]
    assert [p for p in range(6) for _ in range(counts[p])] == submitted
    assert counts[6] == 0


def test_ranking_for_rfp_takes_the_settings_median_through_the_fast_path(scale_rfp):
    EvaluationSettings.objects.update_or_create(rfp=scale_rfp, defaults={"aggregate": "median"})
    _fast, _by_fast, by_exact = _both_paths(scale_rfp, aggregate="median")
    ranking = ranking_for_rfp(scale_rfp)
    assert ranking.result == by_exact
