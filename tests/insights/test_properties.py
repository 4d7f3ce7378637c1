"""Properties of the engine over generated answers: every quote is exactly the passage its span
points at, and analysing answer by answer ends where one full run ends."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insights import data
from insights.engine import AnswerInput, RfpAnalyzer, analyse

KEYS = ["turnover-01", "turnover-07", "turnover-05", "turnover-08", "vmo-01", "location-04", "scalability-03"]
PHRASES = [
    "Our people are the heart of everything we do",
    "and our proven methodology combines rigorous selection with coaching",
    "annual attrition was ۲۵٪",
    "average tenure is six months",
    "the site runs 24/7",
    "agents work in two shifts, 07:00-15:00 and 15:00-23:00",
    "נטישה של 15% בשנה",
    "معدل الدوران ٣٢٪",
    "rotacja wyniosła dwadzieścia procent",
]
texts = st.lists(st.sampled_from(PHRASES), min_size=0, max_size=8).map(". ".join)
answers = st.lists(
    st.tuples(st.sampled_from(["V", "W", "X"]), st.sampled_from(KEYS), texts),
    min_size=1,
    max_size=12,
    unique_by=lambda a: a[:2],
).map(lambda rows: [AnswerInput(i, vendor, key, text=text) for i, (vendor, key, text) in enumerate(rows)])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers)
def test_every_quote_is_the_passage_its_span_points_at(given_answers):
    by_id = {answer.answer_id: answer for answer in given_answers}
    result = analyse(data.bank_questions().values(), given_answers, data.expectations(), data.relations())
    for finding in result.findings:
        for quote in finding.evidence:
            if quote.start != -1:
                assert by_id[quote.answer_id].text[quote.start : quote.end] == quote.text
    for claim in result.claims:
        if claim.start != -1:
            assert by_id[claim.answer_id].text[claim.start : claim.end] == claim.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers, st.randoms(use_true_random=False))
def test_updating_one_answer_at_a_time_ends_where_a_full_run_ends(given_answers, rng):
    analyzer = RfpAnalyzer(data.bank_questions().values(), data.expectations(), data.relations())
    shuffled = list(given_answers)
    rng.shuffle(shuffled)
    for answer in shuffled:
        analyzer.update(AnswerInput(answer.answer_id, answer.vendor, answer.question_key, text="A first draft."))
        analyzer.update(answer)
    full = analyse(data.bank_questions().values(), given_answers, data.expectations(), data.relations())
    assert sorted(map(repr, analyzer.result().findings)) == sorted(map(repr, full.findings))
