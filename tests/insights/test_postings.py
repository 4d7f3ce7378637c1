"""The kept shared-passage index: run hashes that mean the same in every process, look-ups that
see the answers as they are now, and following passages from a few answers, which must find the
same groups as indexing the whole RFP."""

import os
import random
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from insights.engine import AnswerInput, QuestionInput
from insights.engine.boilerplate import BoilerplateIndex, _shingle_hashes
from insights.engine.postings import Postings
from insights.engine.text import tokens

HEBREW = "כל שינוי עובר במסגרת בקרת השינויים המובנית שלנו: הבקשה נרשמת, נבחנת ומאושרת בפורום הממשל"
QUESTIONS = {key: QuestionInput(key, "long_text", (f"Describe {key}.",)) for key in ("q1", "q2", "q3")}
PARAGRAPHS = [
    "Every change follows our structured change-control framework: the request is logged, assessed for impact "
    "on cost, quality and risk by the relevant experts, and approved by the appropriate governance forum.",
    "During the first 90 days our transition lead runs discovery workshops with your operations, marketing and "
    "IT teams, listens to a sample of recorded calls and reviews twelve months of contact data.",
    "Our coaches meet each agent weekly and review six recorded contacts with them against the quality form, "
    "and the team leader signs off each agent's development plan every quarter with the client.",
]
OWN = ["Kraków site.", "Lisbon hub, 40 seats.", "Night team of six.", "Two trainers on site.", ""]


def test_run_hashes_are_the_same_in_every_process():
    script = (
        "from insights.engine.boilerplate import _shingle_hashes;"
        "from insights.engine.text import tokens;"
        f"print(_shingle_hashes(tokens({HEBREW!r})))"
    )
    seen = set()
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment)
        seen.add(run.stdout.strip())
    assert seen == {str(_shingle_hashes(tokens(HEBREW)))}


def index_of(answers) -> BoilerplateIndex:
    index = BoilerplateIndex(QUESTIONS)
    index.add_all(answers)
    return index


def test_a_look_up_sees_changed_answers_as_they_are_now():
    old = AnswerInput(1, "A", "q1", PARAGRAPHS[0])
    other = AnswerInput(2, "B", "q1", PARAGRAPHS[0] + " " + OWN[1])
    postings = Postings.from_bytes(Postings.build(index_of([old, other]).runs()).to_bytes())
    run = next(iter(index_of([old]).runs()))[1]
    assert sorted(postings(run)[0]) == [1, 2]
    # Answer 1 now says something else: its stored runs no longer count, its new ones do.
    new = AnswerInput(1, "A", "q1", PARAGRAPHS[1])
    stale = Postings.from_bytes(Postings.build(index_of([old, other]).runs()).to_bytes(), {1}, index_of([new]).runs())
    assert stale(run) == [[2]] * len(run)
    assert all(holders == [1] for holders in stale(next(iter(index_of([new]).runs()))[1]))


def bids(rng: random.Random, vendors: int) -> list[AnswerInput]:
    answers, number = [], 0
    for vendor in range(vendors):
        for key in QUESTIONS:
            number += 1
            text = " ".join(rng.sample(PARAGRAPHS, rng.randint(0, 2)) + [rng.choice(OWN)])
            answers.append(AnswerInput(number, f"V{vendor}", key, text))
    return answers


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 100_000), vendors=st.integers(2, 6), changes=st.integers(1, 3))
def test_following_passages_from_changed_answers_finds_the_groups_a_whole_index_finds(seed, vendors, changes):
    rng = random.Random(seed)
    before = bids(rng, vendors)
    kept = Postings.build(index_of(before).runs()).to_bytes()
    after = list(before)
    changed = set()
    for position in rng.sample(range(len(after)), changes):
        was = after[position]
        text = " ".join(rng.sample(PARAGRAPHS, rng.randint(0, 3)) + [rng.choice(OWN)])
        after[position] = AnswerInput(was.answer_id, was.vendor, was.question_key, text)
        changed.add(was.answer_id)
    whole = index_of(after)
    by_id = {answer.answer_id: answer for answer in after}
    postings = Postings.from_bytes(kept, changed, index_of([by_id[i] for i in changed]).runs())
    followed = BoilerplateIndex(QUESTIONS).follow(changed, lambda ids: [by_id[i] for i in ids], postings)

    def shown(findings):
        return sorted((f.code, sorted(f.answer_ids), sorted(e.text for e in f.evidence)) for f in findings)

    assert shown(followed) == shown(whole.findings(changed))
