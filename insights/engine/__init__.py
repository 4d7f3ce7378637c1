"""The answer-analysis engine: pure functions and plain dataclasses, no Django.

Entry points: `analyse(questions, answers, expectations, relations)` for one RFP at once, and
`RfpAnalyzer` to keep an RFP's analysis current one changed answer at a time."""

from insights.engine.analysis import Analysis, RfpAnalyzer, analyse
from insights.engine.model import (
    BOILERPLATE,
    CONTRADICTION,
    EVASIVE,
    KINDS,
    AnswerInput,
    Claim,
    Evidence,
    Finding,
    QuestionInput,
)

__all__ = [
    "BOILERPLATE",
    "CONTRADICTION",
    "EVASIVE",
    "KINDS",
    "Analysis",
    "AnswerInput",
    "Claim",
    "Evidence",
    "Finding",
    "QuestionInput",
    "RfpAnalyzer",
    "analyse",
]
