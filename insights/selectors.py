"""Reads for answer intelligence: one RFP's questions and answers as the engine's plain inputs,
and the engine's result for that RFP. The engine itself never touches the database."""

import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from insights import data
from insights.engine import Analysis, AnswerInput, QuestionInput, analyse
from insights.messages import render
from insights.models import Claim, Finding, Kind
from rfp.models import RFP, Question, QuestionType
from vendors.models import Answer, AnswerState, Attachment, ResponseStatus

TEXT_TYPES = {QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT}


def engine_questions(rfp: RFP) -> list[QuestionInput]:
    """The RFP's questions, each with its own wording and, for a bank question, the bank's wording
    in every language, so that a restated question is recognised whichever text the vendor read."""
    bank = data.bank_questions()
    questions = []
    for key, kind, text, guidance in Question.objects.filter(section__rfp=rfp).values_list(
        "key", "type", "text", "guidance"
    ):
        known = bank[key].texts if key in bank else ()
        questions.append(QuestionInput(key, kind, tuple(t for t in (text, guidance, *known) if t)))
    return questions


def engine_answers(rfp: RFP, *, ids=None, vendors=None) -> list[AnswerInput]:
    """Every answered answer of the RFP's submitted bids (a draft never submitted is not a bid), or
    only those of `ids` or of the bids of `vendors`: a text answer's value as its text, otherwise
    the typed value with the vendor's comment as the text; attachments by their file names."""
    only = {}
    if ids is not None:
        only["id__in"] = list(ids)
    if vendors is not None:
        only["response__vendor_id__in"] = list(vendors)
    files: dict[int, list[str]] = {}
    for answer_id, name in Attachment.objects.filter(
        answer__response__rfp=rfp,
        answer__response__status=ResponseStatus.SUBMITTED,
        **{f"answer__{field}": value for field, value in only.items()},
    ).values_list("answer_id", "original_name"):
        files.setdefault(answer_id, []).append(name)
    answers = []
    rows = (
        Answer.objects.filter(
            response__rfp=rfp, response__status=ResponseStatus.SUBMITTED, state=AnswerState.ANSWERED, **only
        )
        .values_list("id", "response__vendor_id", "question__key", "question__type", "value", "comment")
        .order_by("id")
    )
    for answer_id, vendor_id, key, kind, value, comment in rows:
        if kind in TEXT_TYPES:
            text = value if isinstance(value, str) else ""
            if comment:
                text = f"{text}\n{comment}" if text else comment
            typed = None
        else:
            text, typed = comment or "", value
        answers.append(AnswerInput(answer_id, vendor_id, key, text, typed, tuple(files.get(answer_id, ()))))
    return answers


def analysis_for_rfp(rfp: RFP) -> Analysis:
    return analyse(engine_questions(rfp), engine_answers(rfp), data.expectations(), data.relations())


# --- what the pages show ------------------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    text: str
    own: bool  # a passage of the answer the hint sits beside
    shown: bool  # False: the reader may not read that answer (another section, another vendor)
    other_vendor: bool = False  # not shown as another vendor's, in a blind evaluation


@dataclass(frozen=True)
class Hint:
    """A finding beside one answer: what it is, why, and the passages that show it."""

    kind: str
    reason: str
    quotes: tuple[Quote, ...]

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)

    @property
    def hidden_quotes(self) -> int:
        """Passages in answers the reader does not score (another section, a sealed price)."""
        return sum(1 for quote in self.quotes if not quote.shown and not quote.other_vendor)

    @property
    def other_vendor_quotes(self) -> int:
        """Passages in another vendor's answer, counted and not quoted in a blind evaluation."""
        return sum(1 for quote in self.quotes if not quote.shown and quote.other_vendor)

    @property
    def shown_quotes(self) -> list[Quote]:
        """The answer's own passage and, for a passage shared by many, one other copy: the rest
        are counted (`more`), as the same words quoted five times tell the panel nothing more."""
        readable = [quote for quote in self.quotes if quote.shown and quote.text]
        if self.kind != Kind.BOILERPLATE:
            return readable
        own = [quote for quote in readable if quote.own]
        return own + [quote for quote in readable if not quote.own][:1]

    @property
    def more(self) -> int:
        return sum(1 for quote in self.quotes if quote.shown and quote.text) - len(self.shown_quotes)


def hints_for(answer_ids, may_read=None, rewrite=None, bids=None) -> dict[int, list[Hint]]:
    """The findings on these answers as hints, in three queries. `may_read(answer)` says whether
    the reader may read another answer quoted as evidence (the bid rule); `rewrite` turns a quote
    into what the reader sees (a blind evaluation's aliases). `bids` (each of these answers' bid,
    by answer id) keeps every quote to the hinted answer's own bid, as a blind evaluation needs:
    another vendor's passage is counted, not quoted, even where the reader scores that answer too,
    as a quote beside one vendor's answer would tie the other vendor's words to it."""
    ids = set(answer_ids)
    links = list(Finding.answers.through.objects.filter(answer_id__in=ids).values_list("finding_id", "answer_id"))
    findings = {f.pk: f for f in Finding.objects.filter(pk__in={fid for fid, _a in links})}
    quoted = {e["answer"] for f in findings.values() for e in f.evidence} - ids
    others = {a.pk: a for a in Answer.objects.filter(pk__in=quoted).select_related("response", "question")}
    hints: dict[int, list[Hint]] = {}
    for finding_id, answer_id in sorted(links):
        finding = findings[finding_id]
        quotes = []
        for quoted_id, text in _passages(finding.evidence, first=answer_id):
            other = others.get(quoted_id)
            other_vendor = False
            if bids is not None:
                bid = bids.get(quoted_id) if quoted_id in ids else getattr(other, "response_id", None)
                other_vendor = bid is not None and bid != bids.get(answer_id)
            shown = not other_vendor and (
                quoted_id in ids or (other is not None and (may_read is None or may_read(other)))
            )
            text = text if shown else ""
            quote = Quote(rewrite(text) if rewrite and text else text, quoted_id == answer_id, shown, other_vendor)
            quotes.append(quote)
        hints.setdefault(answer_id, []).append(Hint(finding.kind, render(finding), tuple(quotes)))
    return hints


def _passages(evidence: list[dict], first=None) -> list[tuple]:
    """One quote per answer (its passages joined by an ellipsis), the answer `first` first."""
    joined: dict = {}
    for item in evidence:
        joined.setdefault(item["answer"], []).append(item["text"])
    order = sorted(joined, key=lambda answer_id: answer_id != first)
    return [(answer_id, " … ".join(joined[answer_id])) for answer_id in order]


def vendor_counts(rfp: RFP) -> dict[int, dict[str, int]]:
    """How many findings touch each vendor's bid, by kind: one query."""
    counts: dict[int, dict[str, int]] = {}
    rows = (
        Finding.answers.through.objects.filter(finding__rfp=rfp)
        .values_list("answer__response__vendor_id", "finding__kind", "finding_id")
        .distinct()
    )
    for vendor_id, kind, _finding in rows:
        mine = counts.setdefault(vendor_id, dict.fromkeys(Kind.values, 0))
        mine[kind] += 1
    return counts


KIND_ORDER = {Kind.CONTRADICTION: 0, Kind.EVASIVE: 1, Kind.BOILERPLATE: 2}


def vendor_hints(rfp: RFP, vendor_id: int, limit: int = 6) -> tuple[list[Hint], int]:
    """The findings on one vendor's bid for the executive report, contradictions first, quoting the
    vendor's own passages; and how many there are in all. Two queries."""
    findings = list(Finding.objects.filter(rfp=rfp, answers__response__vendor_id=vendor_id).distinct())
    findings.sort(key=lambda f: (KIND_ORDER.get(f.kind, 9), f.pk))
    quoted = {e["answer"] for f in findings[:limit] for e in f.evidence}
    vendor_of = dict(Answer.objects.filter(pk__in=quoted).values_list("pk", "response__vendor_id"))
    hints = [
        Hint(
            f.kind,
            render(f),
            tuple(Quote(text, vendor_of.get(quoted) == vendor_id, True) for quoted, text in _passages(f.evidence)),
        )
        for f in findings[:limit]
    ]
    return hints, len(findings)


# --- claims to verify ---------------------------------------------------------------------------

CLAIM_KINDS = {
    "figure": _("Figure"),
    "certification": _("Certification or standard"),
    "commitment": _("Commitment"),
}


@dataclass(frozen=True)
class ClaimRow:
    question_key: str
    question: str
    kind: str
    claim: str
    context: str  # the sentence around it; for a typed answer, the answer as given (with its unit)
    typed: bool = False  # the claim is a typed answer (a number, a percentage), not words in a sentence

    @property
    def kind_label(self) -> str:
        return str(CLAIM_KINDS.get(self.kind, self.kind))

    @property
    def marked_context(self) -> str:
        """The sentence as a page or the PDF shows it (HTML), with the claim marked in it."""
        return marked_claim(self.context or self.claim, "" if self.typed else self.claim)


@dataclass(frozen=True)
class ClaimGroup:
    """A bid's claims in its answer to one question: the question is shown once for them all."""

    question_key: str
    question: str
    rows: list[ClaimRow]


@dataclass
class VendorClaims:
    vendor_id: int
    vendor: str
    rows: list[ClaimRow]
    total: int = 0  # how many in all, when `rows` is cut short

    @property
    def groups(self) -> list[ClaimGroup]:
        """The rows by question, in their order (`rows` comes sorted by question)."""
        groups: list[ClaimGroup] = []
        for row in self.rows:
            if not groups or groups[-1].question_key != row.question_key:
                groups.append(ClaimGroup(row.question_key, row.question, []))
            groups[-1].rows.append(row)
        return groups


def claims_list(rfp: RFP, rule, vendor_ids=None) -> list[VendorClaims]:
    """What each bid claims, by vendor then question, for the reference check: one query. `rule`
    (vendors.bid_view) keeps a price that is still sealed out."""
    claims = Claim.objects.filter(rfp=rfp).select_related("answer__question", "answer__response__vendor")
    if vendor_ids is not None:
        claims = claims.filter(answer__response__vendor_id__in=vendor_ids)
    by_vendor: dict[int, VendorClaims] = {}
    ordered = claims.order_by(
        "answer__response__vendor__name", "answer__question__section__order", "answer__question__order", "start", "id"
    )
    for claim in ordered:
        vendor = claim.answer.response.vendor
        question = claim.answer.question
        if rule.is_price_content(question) and not rule.price_visible(claim.answer.response_id):
            continue
        typed = not claim.context
        context = claim.context or _typed_context(question, claim.answer.value, claim.text)
        row = ClaimRow(question.key, question.text, claim.kind, claim.text, context, typed)
        by_vendor.setdefault(vendor.pk, VendorClaims(vendor.pk, vendor.name, [])).rows.append(row)
    return list(by_vendor.values())


def _typed_context(question: Question, value, claim: str) -> str:
    """A typed answer as the vendor gave it, with its unit: 34%, 120 agents."""
    from vendors.answer_values import shown_value

    shown = shown_value(question.type, value) if value is not None else claim
    if question.type == QuestionType.PERCENTAGE:
        return f"{shown}%"
    return f"{shown} {question.unit}".strip() if question.unit else shown


def marked_claim(sentence: str, claim: str) -> str:
    """The sentence as pages show a vendor's text (isolated, so that a direction control in it
    cannot reorder what is around it, and escaped) with the claim in <mark> where it stands. A
    claim that is the whole sentence (a commitment) or no claim (a typed answer, the whole of
    it) is not marked: there is nothing around it to set it apart from."""
    from django.utils.html import escape, format_html

    from config.text_rules import isolate

    shown = isolate(sentence)
    span = claim_span(shown, claim)
    if span is None:
        return escape(shown)
    at, end = span
    return format_html("{}<mark>{}</mark>{}", shown[:at], shown[at:end], shown[end:])


def claim_span(sentence: str, claim: str) -> tuple[int, int] | None:
    """Where the claim stands in its sentence (with the vowel marks that close it), or None when
    there is nothing around it to set it apart from (no claim, or the claim is the sentence)."""
    if not claim or _bare(claim) == _bare(sentence):
        return None
    at = sentence.find(claim)
    return None if at < 0 else (at, _past_marks(sentence, at + len(claim)))


def _bare(text: str) -> str:
    """The words of a sentence without its isolating characters and closing stop."""
    return text.strip("\u2066\u2067\u2068\u2069 \n").rstrip(".!?\u061f\u06d4").strip()


def _past_marks(text: str, end: int) -> int:
    """Where a mark ending at `end` must end: a diacritic after it (the tanween of Arabic "20 عاماً")
    stays with its letter inside the mark; cut off from it, it is drawn alone over a dotted circle."""
    while end < len(text) and unicodedata.category(text[end]) in ("Mn", "Me"):
        end += 1
    return end


def marked(text: str, passages) -> str:
    """The answer as a page shows it, with the passages a hint quotes marked (<mark>): found by
    their words, so the marks survive the isolation characters a page adds around lines."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    spans = []
    # A quote joins an answer's passages with " … "; a passage over a line break is looked for line
    # by line, as a page isolates each line on its own.
    pieces = {
        line.strip()
        for quote in passages
        if quote
        for passage in quote.split(" … ")
        for line in (passage.split("\n") if passage not in text else [passage])
    }
    for passage in {p for p in pieces if len(p) >= 3}:
        start = text.find(passage)
        while start >= 0:
            spans.append((start, _past_marks(text, start + len(passage))))
            start = text.find(passage, start + len(passage))
    if not spans:
        return text
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces, cursor = [], 0
    for start, end in merged:
        pieces += [escape(text[cursor:start]), "<mark>", escape(text[start:end]), "</mark>"]
        cursor = end
    pieces.append(escape(text[cursor:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of the vendor's text is escaped above
