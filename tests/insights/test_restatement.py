"""An answer that only restates its question is boilerplate; one that names what was asked for
answers it, however many of its words echo the question."""

import pytest

from insights.engine.boilerplate import restates

FORMATS = (
    "In which formats will you return contact records, recordings and knowledge content? Name the file formats "
    "and the metadata included (e.g. CSV with record keys, audio files with call identifiers)."
)


@pytest.mark.parametrize(
    "answer",
    [
        "Contact records as CSV, recordings as WAV or MP3 with a metadata index, knowledge articles as HTML and PDF.",
        "Contact records and recordings returned within 30 days in the formats of the knowledge content.",
    ],
)
def test_an_answer_that_names_formats_or_figures_the_question_lacks_does_not_restate_it(answer):
    assert not restates(answer, FORMATS)


@pytest.mark.parametrize(
    "answer",
    [
        "We will return contact records, recordings and knowledge content in the formats named.",
        "We will return contact records, recordings and knowledge content in CSV files.",  # CSV is the question's
    ],
)
def test_an_answer_that_only_echoes_the_question_and_its_examples_restates_it(answer):
    assert restates(answer, FORMATS)
