"""Reads of best-and-final rounds: which round is open for a response, what a vendor may revise,
and how the ranking moved between the round's opening and now, vendor by vendor."""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.text_rules import isolate
from negotiation.models import Participant, Revision, Round
from rfp.models import NUMERIC_TYPES, RFP, Question, Section, SectionKind
from vendors.answer_values import shown_value
from vendors.models import Response

# A move smaller than this (in points of the total) is reported as "no change": the ranking rounds
# totals to two decimals and treats totals 0.005 apart as tied.
SIGNIFICANT = 0.005


def open_round(rfp: RFP) -> Round | None:
    return Round.objects.filter(rfp=rfp, closed_at__isnull=True).first()


def rounds(rfp: RFP) -> list[Round]:
    return list(Round.objects.filter(rfp=rfp).order_by("number"))


def latest_closed_round(rfp: RFP) -> Round | None:
    return Round.objects.filter(rfp=rfp, closed_at__isnull=False).order_by("-number").first()


def open_entry(response: Response) -> Participant | None:
    """The response's place in an open round, if procurement asked it for a revision."""
    return Participant.objects.select_related("round").filter(response=response, round__closed_at__isnull=True).first()


def revisable_section_ids(round_: Round) -> set[int]:
    """The sections a vendor may revise in the round: those procurement chose, and price always
    (the price sections and any section that holds the price question)."""
    price = set(
        Section.objects.filter(rfp_id=round_.rfp_id, kind=SectionKind.PRICE).values_list("id", flat=True)
    ) | set(Question.objects.filter(section__rfp_id=round_.rfp_id, is_price=True).values_list("section_id", flat=True))
    return set(round_.section_ids) | price


def open_section_titles(round_: Round) -> list[str]:
    """The titles of the sections the round lets vendors revise besides the price."""
    return list(
        Section.objects.filter(pk__in=round_.section_ids).order_by("order", "id").values_list("title", flat=True)
    )


def may_revise(round_: Round, question: Question) -> bool:
    return question.is_price or question.section_id in revisable_section_ids(round_)


def revisions_by_question(entry: Participant) -> dict[int, Revision]:
    return {r.question_id: r for r in Revision.objects.filter(participant=entry).select_related("updated_by")}


def carried_over(answer) -> Round | None:
    """The closed round after which this answer's scores carry over: the answer did not change in
    it. The panel scores again only what changed, so such a score is not to be changed again."""
    round_ = latest_closed_round(answer.response.rfp)
    if round_ is None or answer.pk in round_.changed_answer_ids:
        return None
    return round_


@dataclass(frozen=True)
class RoundMarks:
    """What the evaluator's page marks after a round: answers to score again, and answers whose
    scores carry over from the previous round (every other answer, in the round or not)."""

    number: int = 0
    changed: frozenset[int] = frozenset()

    def mark(self, answer_id: int | None) -> str:
        if not self.number or answer_id is None:
            return ""
        return "changed" if answer_id in self.changed else "carried"


def round_marks(rfp: RFP) -> RoundMarks:
    round_ = latest_closed_round(rfp)
    if round_ is None:
        return RoundMarks()
    return RoundMarks(number=round_.number, changed=frozenset(round_.changed_answer_ids))


# --- the comparison ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionMove:
    title: str
    is_price: bool
    before: float | None
    after: float | None
    points: float  # change in points of the total: weight x change in section score / 100
    answers: int  # this vendor's answers in the section that changed
    price: tuple[str, str] | None = None  # the vendor's own price before and after, when it changed


@dataclass(frozen=True)
class AnswerChange:
    question: str
    key: str
    section: str
    before: str
    after: str
    is_price: bool


@dataclass
class VendorMove:
    vendor_id: int
    name: str
    rank_before: int | None
    rank_after: int | None
    total_before: float | None
    total_after: float | None
    submitted: bool
    sections: list[SectionMove] = field(default_factory=list)
    changes: list[AnswerChange] = field(default_factory=list)

    @property
    def delta(self) -> float | None:
        if self.total_before is None or self.total_after is None:
            return None
        return self.total_after - self.total_before

    @property
    def drivers(self) -> list[SectionMove]:
        """The sections that moved the total, largest move first."""
        moved = [s for s in self.sections if abs(s.points) >= SIGNIFICANT]
        return sorted(moved, key=lambda s: -abs(s.points))

    @property
    def explanation(self) -> str:
        return explain(self)


@dataclass
class Comparison:
    round: Round
    moves: list[VendorMove]
    provisional: bool
    others: list[VendorMove] = field(default_factory=list)  # not in the round, moved by others' prices
    # The envelope was sealed again for re-scoring: totals cannot be compared until it reopens.
    prices_sealed: bool = False

    @property
    def winner_before(self) -> str:
        return next((m.name for m in self.moves + self.others if m.rank_before == 1), "")

    @property
    def winner_after(self) -> str:
        return next((m.name for m in self.moves + self.others if m.rank_after == 1), "")


def last_round_comparison(rfp: RFP, ranking) -> Comparison | None:
    """How the last closed round moved `ranking`, or None without one (or without a ranking)."""
    from vendors.bid_view import results_rule

    round_ = latest_closed_round(rfp)
    if round_ is None or ranking.error or not ranking.rows:
        return None
    return comparison(round_, ranking, rule=results_rule(rfp))


def _ordinal(rank: int | None) -> str:
    return "–" if rank is None else str(rank)


def _driver_text(move: SectionMove) -> str:
    # Titles and figures are isolated so that a left-to-right title or a signed number keeps its
    # shape inside a right-to-left sentence (and the other way round).
    parts = {"section": isolate(move.title), "points": isolate(f"{move.points:+.2f}")}
    if move.price:
        return _("%(section)s %(points)s (price %(before)s → %(after)s)") % (
            parts | {"before": isolate(move.price[0]), "after": isolate(move.price[1])}
        )
    if move.answers:
        return ngettext(
            "%(section)s %(points)s (%(n)s answer revised)",
            "%(section)s %(points)s (%(n)s answers revised)",
            move.answers,
        ) % (parts | {"n": move.answers})
    if move.is_price:
        return _("%(section)s %(points)s (another bid's price changed the lowest price)") % parts
    return _("%(section)s %(points)s") % parts


def explain(move: VendorMove) -> str:
    """One sentence: where the vendor went and what took it there, in points of the total."""
    if move.delta is None:
        return _("Not ranked in both rounds.")
    if not move.submitted and not move.drivers:
        return _("Did not submit a revision: the earlier offer stands, unchanged.")
    if abs(move.delta) < SIGNIFICANT and not move.drivers:
        return _("Revised nothing that changed a score: the total is unchanged.")
    drivers = "; ".join(_driver_text(s) for s in move.drivers) or _("no single section")
    if move.rank_before == move.rank_after:
        return _("Stays at rank %(rank)s with %(delta)s points: %(drivers)s.") % {
            "rank": _ordinal(move.rank_after),
            "delta": isolate(f"{move.delta:+.2f}"),
            "drivers": drivers,
        }
    return _("Moves from rank %(before)s to rank %(after)s with %(delta)s points: %(drivers)s.") % {
        "before": _ordinal(move.rank_before),
        "after": _ordinal(move.rank_after),
        "delta": isolate(f"{move.delta:+.2f}"),
        "drivers": drivers,
    }


def _display(question: Question, content: dict | None) -> str:
    if not content:
        return ""
    if content.get("state") == "na":
        return _("Not applicable")
    value = content.get("value")
    if question.type in NUMERIC_TYPES and isinstance(value, int | float):
        # Prices and figures are compared by eye: grouped digits, as the reader's language writes them.
        return number_format(value, decimal_pos=None if value % 1 else 0, force_grouping=True)
    return shown_value(question.type, value)


def comparison(round_: Round, ranking, rule) -> Comparison:
    """The round's opening ranking (its baseline) against `ranking`, the ranking now, per vendor.

    Section moves are in points of the total (weight x change in the section's score / 100), so
    they add up to the change in the total under the weighted sum. `rule` (vendors.bid_view) keeps
    a price that is still sealed out of the list of changed answers."""
    base = round_.baseline.get("vendors", {})
    weights = {int(k): v for k, v in round_.baseline.get("weights", {}).items()}
    sections = {s.id: s for s in ranking.sections}
    now = {row.result.vendor_id: row for row in ranking.rows}
    entries = list(round_.participants.select_related("response__vendor"))
    questions = {q.pk: q for q in Question.objects.filter(section__rfp_id=round_.rfp_id).select_related("section")}
    changes_by_response: dict[int, list[dict]] = {}
    for change in round_.changes:
        changes_by_response.setdefault(change["response"], []).append(change)

    def move_for(vendor_id: int, name: str, submitted: bool, changes: list[dict]) -> VendorMove:
        before, row = base.get(str(vendor_id), {}), now.get(vendor_id)
        move = VendorMove(
            vendor_id=vendor_id,
            name=name,
            rank_before=before.get("rank"),
            rank_after=row.result.rank if row else None,
            total_before=before.get("total"),
            total_after=row.result.total if row else None,
            submitted=submitted,
        )
        changed_in, prices = {}, {}
        for change in changes:
            question = questions.get(change["question"])
            if question is None:
                continue
            changed_in[question.section_id] = changed_in.get(question.section_id, 0) + 1
            is_price = question.is_price or question.section.kind == SectionKind.PRICE
            sealed = is_price and not rule.price_visible(change["response"])
            if question.is_price and not sealed:
                shown = (_display(question, change["before"]), _display(question, change["after"]))
                prices[question.section_id] = shown
            move.changes.append(
                AnswerChange(
                    question=question.text,
                    key=question.key,
                    section=question.section.title,
                    before=_("sealed") if sealed else _display(question, change["before"]),
                    after=_("sealed") if sealed else _display(question, change["after"]),
                    is_price=is_price,
                )
            )
        cells = dict(zip((s.id for s in ranking.sections), row.cells, strict=True)) if row else {}
        for section_id, column in sections.items():
            old = before.get("sections", {}).get(str(section_id))
            new = cells.get(section_id)
            old_points = (old or 0) * weights.get(section_id, column.weight) / 100
            new_points = (new or 0) * column.weight / 100
            move.sections.append(
                SectionMove(
                    title=column.title,
                    is_price=column.is_price,
                    before=old,
                    after=new,
                    points=new_points - old_points,
                    answers=changed_in.get(section_id, 0),
                    price=prices.get(section_id) if changed_in.get(section_id, 0) == 1 else None,
                )
            )
        return move

    moves = [
        move_for(
            e.response.vendor_id,
            e.response.vendor.name,
            e.submitted_at is not None,
            changes_by_response.get(e.response_id, []),
        )
        for e in entries
    ]
    in_round = {m.vendor_id for m in moves}
    others = [
        move_for(row.result.vendor_id, row.bidder.name, False, [])
        for row in ranking.rows
        if row.result.vendor_id not in in_round
    ]
    moves.sort(key=lambda m: (m.rank_after or 10**6, m.name))
    others.sort(key=lambda m: (m.rank_after or 10**6, m.name))
    return Comparison(
        round=round_, moves=moves, provisional=ranking.provisional, others=others, prices_sealed=ranking.price_sealed
    )
