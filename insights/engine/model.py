"""The engine's plain data: what goes in (questions, answers) and what comes out (findings, claims).

Nothing here knows Django. A finding carries a message code and parameters, never prose, so the
edge can render it in the reader's language."""

from dataclasses import dataclass, field
from typing import Any

BOILERPLATE = "boilerplate"
EVASIVE = "evasive"
CONTRADICTION = "contradiction"
KINDS = (BOILERPLATE, EVASIVE, CONTRADICTION)


@dataclass(frozen=True)
class QuestionInput:
    """A question as the vendor read it. `texts` holds the question and its guidance in every
    language the RFP was shown in, so that an answer restating any of them is recognised."""

    key: str
    type: str
    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnswerInput:
    """One vendor's answer. `text` is what the vendor wrote (a text answer, or the comment beside a
    typed answer); `value` the typed value (number, ISO date, bool-like label, label list) if any;
    `attachments` the file names attached to this answer."""

    answer_id: Any
    vendor: Any
    question_key: str
    text: str = ""
    value: Any = None
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """A quoted passage of one answer: `text` is exactly `answer text[start:end]`. When start and
    end are -1 the quote is not a passage of the text but the answer's typed value (a number, a
    date, a choice) or its list of files, as shown to the reader."""

    answer_id: Any
    question_key: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Finding:
    """A flag on one or more answers. `code` names the message; `params` fill it in."""

    kind: str
    code: str
    question_keys: tuple[str, ...]
    answer_ids: tuple[Any, ...]
    params: dict = field(default_factory=dict, hash=False, compare=False)
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Claim:
    """Something a bid states that a buyer can check: a figure, a certification or a commitment.
    start = end = -1 when the claim is the answer's typed value rather than a passage."""

    answer_id: Any
    question_key: str
    kind: str  # "figure" | "certification" | "commitment"
    text: str
    start: int
    end: int
