"""One RFP's analysis, kept up to date answer by answer.

A full run indexes every answer once; when one answer changes, `update` re-runs only what that
answer can change: its own checks (evasive, restated question, claims), the contradictions of its
bid, and its shared passages against the index. Findings are plain data (see model.py)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from insights.engine import contradictions, evasive
from insights.engine.boilerplate import BoilerplateIndex, RestatementCheck
from insights.engine.claims import claims_in
from insights.engine.model import AnswerInput, Claim, Finding, QuestionInput


@dataclass(frozen=True)
class Analysis:
    findings: tuple[Finding, ...]
    claims: tuple[Claim, ...]

    def for_answer(self, answer_id) -> list[Finding]:
        return [finding for finding in self.findings if answer_id in finding.answer_ids]


class RfpAnalyzer:
    def __init__(self, questions: Iterable[QuestionInput], expectations: dict, relations: list[dict]):
        self.questions = {question.key: question for question in questions}
        self.expectations = expectations
        self.relations = relations
        self._index = BoilerplateIndex(self.questions)
        self._restatement = RestatementCheck(self.questions)
        self._answers: dict = {}
        self._own: dict = {}  # answer id -> findings about that answer alone
        self._claims: dict = {}
        self._bids: dict = defaultdict(dict)  # vendor -> question key -> answer
        self._contradictions: dict = {}  # vendor -> findings

    def load(self, answers: Iterable[AnswerInput]) -> "RfpAnalyzer":
        answers = list(answers)
        for answer in answers:
            self._take(answer)
        for vendor in {answer.vendor for answer in answers}:
            self._check_bid(vendor)
        self._index.add_all(answers)
        return self

    def update(self, answer: AnswerInput) -> None:
        """Re-analyse after one answer was added or changed."""
        previous = self._answers.get(answer.answer_id)
        if previous is not None and (previous.vendor, previous.question_key) != (answer.vendor, answer.question_key):
            self.remove(answer.answer_id)
        self._take(answer)
        self._check_bid(answer.vendor)
        self._index.add(answer)

    def remove(self, answer_id) -> None:
        answer = self._answers.pop(answer_id, None)
        if answer is None:
            return
        self._own.pop(answer_id, None)
        self._claims.pop(answer_id, None)
        self._bids[answer.vendor].pop(answer.question_key, None)
        self._check_bid(answer.vendor)
        self._index.remove(answer_id)

    def _take(self, answer: AnswerInput) -> None:
        self._answers[answer.answer_id] = answer
        self._bids[answer.vendor][answer.question_key] = answer
        question = self.questions.get(answer.question_key)
        question_type = question.type if question else ""
        own = []
        restated = self._restatement.check(answer)
        if restated:
            own.append(restated)
        dodged = evasive.check(answer, question_type, self.expectations.get(answer.question_key))
        if dodged:
            own.append(dodged)
        self._own[answer.answer_id] = own
        self._claims[answer.answer_id] = claims_in(answer, question_type)

    def _check_bid(self, vendor) -> None:
        self._contradictions[vendor] = contradictions.check_bid(self._bids[vendor], self.relations)

    def result(self) -> Analysis:
        findings = [finding for own in self._own.values() for finding in own]
        findings += [finding for found in self._contradictions.values() for finding in found]
        findings += self._index.findings()
        claims = [claim for found in self._claims.values() for claim in found]
        return Analysis(tuple(findings), tuple(claims))

    def passage_runs(self):
        """What the shared-passage index holds, to keep it between runs (postings.py)."""
        return self._index.runs()

    def findings_for(self, answer_id) -> list[Finding]:
        """What concerns one answer, without assembling the whole RFP's result."""
        answer = self._answers.get(answer_id)
        if answer is None:
            return []
        found = list(self._own.get(answer_id, ()))
        found += [f for f in self._contradictions.get(answer.vendor, ()) if answer_id in f.answer_ids]
        found += self._index.findings([answer_id])
        return found


def analyse(
    questions: Iterable[QuestionInput], answers: Iterable[AnswerInput], expectations: dict, relations: list[dict]
) -> Analysis:
    """Every finding and claim of one RFP's answers, in one call."""
    return RfpAnalyzer(questions, expectations, relations).load(answers).result()
