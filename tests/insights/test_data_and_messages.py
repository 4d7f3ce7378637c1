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
        for field in (
            "attrition",
            "tenure",
            "claim",
            "history",
            "agents",
            "agents_if_named",
            "agent_hours",
            "coverage",
        ):
            assert set(rule.get(field, ())) <= bank_keys()
        for field in ("languages", "sites", "files", "seats", "home"):
            assert rule.get(field, "company-01") in bank_keys()


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

# Agents against seats and hours of service: 150 agents, 25 seats, 24/7; then a fifth from home;
# then 24/7 with three agents.
STAFFING = [
    [
        AnswerInput(1, "V", "location-04", text="The site runs 24/7 for you."),
        AnswerInput(2, "V", "pricing-04", text="We price 150 FTE."),
        AnswerInput(3, "V", "location-03", value=25),
    ],
    [
        AnswerInput(1, "V", "location-04", text="The site runs 24/7 for you."),
        AnswerInput(2, "V", "pricing-04", text="We price 150 FTE."),
        AnswerInput(3, "V", "location-03", value=25),
        AnswerInput(4, "V", "location-05", value=20),
    ],
    [
        AnswerInput(1, "V", "location-04", text="The site runs 24/7 for you."),
        AnswerInput(2, "V", "oversight-02", text="Three dedicated agents run your desk."),
    ],
]
CASES += STAFFING


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


def test_the_staffing_reasons_give_the_arithmetic():
    seats, home, few = (
        analyse(data.bank_questions().values(), case, data.expectations(), data.relations()).findings[0]
        for case in STAFFING
    )
    assert messages.render(seats) == (
        "150 agents × 40 hours a week ÷ 168 hours of service a week = 35.7 agents on shift on average, "
        "more than the 25 seats offered"
    )
    assert messages.render(home) == (
        "150 agents, 120 of them on site (20% from home): 120 × 40 hours a week ÷ 168 hours of service a week = "
        "28.6 agents on shift on average, more than the 25 seats offered"
    )
    assert messages.render(few) == (
        "promises 24/7 service with 3 agents: even at the legal maximum of 48 hours a week each, 3 × 48 = 144 hours, "
        "fewer than the 168 hours of a week"
    )


def test_rendering_follows_the_active_language():
    [finding] = analyse(data.bank_questions().values(), CASES[0], data.expectations(), data.relations()).findings
    with translation.override("he"):
        assert messages.render(finding)  # falls back to English until the catalogue has the strings
