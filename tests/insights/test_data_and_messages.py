"""The app's data agrees with the bank, and every finding reads as a sentence through gettext."""

import pytest
from django.utils import translation

from insights import data, messages
from insights.engine import AnswerInput, analyse
from insights.engine.evasive import ASKS


def bank_keys():
    return set(data.bank_questions())


def test_every_expectation_names_a_bank_question_asks_known_things_and_has_a_subject():
    for key, expectation in data.expectations().items():
        assert key in bank_keys()
        assert expectation["asks"] and set(expectation["asks"]) <= set(ASKS)
        assert key in messages.SUBJECTS


def test_every_relation_names_bank_questions():
    for rule in data.relations():
        for field in ("attrition", "tenure", "claim", "history"):
            assert set(rule.get(field, ())) <= bank_keys()


def test_each_question_is_known_in_all_five_languages():
    assert all(len(question.texts) >= 5 for question in data.bank_questions().values())


CASES = [
    [AnswerInput(1, "V", "turnover-01", text="Better than the industry.")],
    [AnswerInput(1, "V", "continuity-05", text="We coped well.")],
    [AnswerInput(1, "V", "sla-06", text="We are open to discussing it, where possible.")],
    [AnswerInput(1, "V", "turnover-01", value=15), AnswerInput(2, "V", "turnover-07", value=6)],
    [AnswerInput(1, "V", "security-04", text="We are PCI DSS certified.")],
    [AnswerInput(1, "V", "innovation-06", text="We handle changes to processes, scripts or volumes at short notice.")],
    [
        AnswerInput(1, "V", "language-05", value=["German"]),
        AnswerInput(2, "V", "location-01", text="Kraków, Poland, primary"),
    ],
    [
        AnswerInput(1, "V", "sla-05", value=90),
        AnswerInput(2, "V", "references-03", text="First-contact resolution rose to 64% over a year."),
    ],
    [
        AnswerInput(1, "V", "location-04", text="The site runs 24/7 for you."),
        AnswerInput(2, "V", "scalability-03", text="We open from 08:00 to 20:00."),
    ],
    [
        AnswerInput(
            1, "V", "turnover-05", text=" ".join(["Our people are the heart of all we do and we coach them"] * 3)
        ),
        AnswerInput(
            2, "V", "turnover-08", text=" ".join(["Our people are the heart of all we do and we coach them"] * 3)
        ),
    ],
]


@pytest.mark.parametrize("answers", CASES)
def test_every_finding_renders_as_english_prose(answers):
    result = analyse(data.bank_questions().values(), answers, data.expectations(), data.relations())
    assert result.findings
    for finding in result.findings:
        text = messages.render(finding)
        assert text and text != finding.code and "%(" not in text


def test_the_reasons_read_as_the_issue_asks():
    [evasive] = analyse(
        data.bank_questions().values(),
        [AnswerInput(1, "V", "turnover-01", text="Better than the industry.")],
        data.expectations(),
        data.relations(),
    ).findings
    assert messages.render(evasive) == "asked for annual agent attrition as a percentage; no percentage given"
    [contradiction] = analyse(data.bank_questions().values(), CASES[3], data.expectations(), data.relations()).findings
    assert messages.render(contradiction) == (
        "annual attrition of 15% implies an average tenure of about 80 months, but the bid states 6 months"
    )


def test_rendering_follows_the_active_language():
    [finding] = analyse(data.bank_questions().values(), CASES[0], data.expectations(), data.relations()).findings
    with translation.override("he"):
        assert messages.render(finding)  # falls back to English until the catalogue has the strings
