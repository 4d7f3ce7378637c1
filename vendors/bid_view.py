"""Who on the buyer side sees what of a bid: the one rule that every page, htmx fragment,
download, export and report asks before it shows bid content.

Bid content is what a vendor sent: its answers, comments, files and prices. The rule is
`decide(facts)`, a pure function of plain data (role, assignment, declared conflicts, seal,
envelope stage, RFP state); `bid_rule(user, rfp)` gathers those facts in a fixed number of queries.

- Nobody on the buyer side reads a sealed bid: until the deadline of a sealed RFP, buyers see who
  has submitted, never what.
- Procurement reads every section and file of every bid once unsealed, and prices only once the
  price envelope is open (at once on a single-envelope RFP), and only of the bids it was opened for:
  a bid below the technical pass mark keeps its price sealed.
- An evaluator reads nothing before the evaluation starts; then only the sections assigned to them,
  only of vendors they declared no conflict with, no price content before the envelope opens, and
  vendor aliases instead of names in a blind evaluation.
- An executive reads results (the ranking and the reports, which quote answers where they explain a
  risk) but no raw bid or file unless procurement grants it on that RFP; with the grant they read
  bids as procurement does, prices included once the envelope is open.
- Everyone else (vendors, buyers outside the RFP's team) reads nothing here; the vendor portal lets
  a vendor read its own company's response through its own helpers.

Price content is the price question and every question of a price section. Evaluators who have
seen prices favour the cheaper bids when they score quality (Dekel and Schurr, Review of Law &
Economics, 2014): the envelope keeps prices out of sight until technical scoring is done.
"""

from dataclasses import dataclass, replace

from django.utils import timezone

from rfp.models import RFP, MemberRole, SectionKind, Status

# The panel has nothing to read before scoring starts, and keeps reading what it scored afterwards.
PANEL_STATUSES = frozenset({Status.EVALUATION, Status.DECIDED, Status.ARCHIVED})


@dataclass(frozen=True)
class BidFacts:
    """Everything the rule depends on, as plain values."""

    role: str | None  # the user's role on the RFP; None when they are not a buyer member
    status: str
    sealed: bool  # a sealed RFP before its deadline
    two_envelope: bool
    price_opened: bool
    price_opened_for: frozenset[int]  # response ids whose price envelope was opened
    blind: bool
    bids_granted: bool  # procurement let this executive read the raw bids
    assigned_section_ids: frozenset[int] = frozenset()
    cleared_vendor_ids: frozenset[int] = frozenset()  # declared "no conflict" by this evaluator
    price_section_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class BidRule:
    """What one buyer user may read of the bids of one RFP. `None` in a set means "all"."""

    reads_bids: bool
    section_ids: frozenset[int] | None
    vendor_ids: frozenset[int] | None
    prices_open: bool
    price_response_ids: frozenset[int] | None
    blind: bool
    price_section_ids: frozenset[int]

    def may_read_vendor(self, vendor_id: int) -> bool:
        return self.reads_bids and (self.vendor_ids is None or vendor_id in self.vendor_ids)

    def may_read_section(self, section_id: int) -> bool:
        return self.reads_bids and (self.section_ids is None or section_id in self.section_ids)

    def is_price_content(self, question) -> bool:
        return bool(question.is_price) or question.section_id in self.price_section_ids

    def price_visible(self, response_id: int) -> bool:
        """Whether this bid's price may be read by this user (as results or as raw content)."""
        return self.prices_open and (self.price_response_ids is None or response_id in self.price_response_ids)

    def may_read_price(self, *, vendor_id: int, response_id: int) -> bool:
        """A bid's price as a figure in results or tools (the make-or-buy costs, the panel's price
        table): open envelope, and for an evaluator only of vendors they are cleared for."""
        if not self.price_visible(response_id):
            return False
        return not self.reads_bids or self.vendor_ids is None or vendor_id in self.vendor_ids

    def may_read_answer(self, *, vendor_id: int, response_id: int, question) -> bool:
        """An answer (with its comment and files) of one bid to one question."""
        if not self.may_read_vendor(vendor_id) or not self.may_read_section(question.section_id):
            return False
        return not self.is_price_content(question) or self.price_visible(response_id)


NOTHING = BidRule(
    reads_bids=False,
    section_ids=frozenset(),
    vendor_ids=frozenset(),
    prices_open=False,
    price_response_ids=frozenset(),
    blind=False,
    price_section_ids=frozenset(),
)


def _prices(facts: BidFacts) -> tuple[bool, frozenset[int] | None]:
    if not facts.two_envelope:
        return True, None
    if not facts.price_opened:
        return False, frozenset()
    return True, facts.price_opened_for


def decide(facts: BidFacts) -> BidRule:
    """The rule for one user on one RFP, from the facts alone (no database, no clock)."""
    if facts.role is None or facts.sealed:
        return NOTHING
    prices_open, price_ids = _prices(facts)
    common = {"prices_open": prices_open, "price_response_ids": price_ids, "price_section_ids": facts.price_section_ids}
    if facts.role == MemberRole.PROCUREMENT or (facts.role == MemberRole.EXECUTIVE and facts.bids_granted):
        return BidRule(reads_bids=True, section_ids=None, vendor_ids=None, blind=False, **common)
    if facts.role == MemberRole.EXECUTIVE:
        # Results only: the ranking and reports still show prices once the envelope is open.
        return BidRule(reads_bids=False, section_ids=frozenset(), vendor_ids=frozenset(), blind=False, **common)
    if facts.role == MemberRole.EVALUATOR and facts.status in PANEL_STATUSES:
        return BidRule(
            reads_bids=True,
            section_ids=facts.assigned_section_ids,
            vendor_ids=facts.cleared_vendor_ids,
            blind=facts.blind,
            **common,
        )
    return NOTHING


def is_sealed(rfp: RFP) -> bool:
    """True while buyers may see who has submitted but not what."""
    return rfp.sealed and timezone.now() < rfp.deadline


def bid_facts(user, rfp: RFP) -> BidFacts:
    """The facts for one user on one RFP: at most five queries, whatever the number of bids."""
    from rfp.access import rfp_membership
    from scoring.models import Assignment, ConflictDeclaration, EvaluationSettings

    membership = rfp_membership(user, rfp) if user is not None else None
    settings = EvaluationSettings.objects.filter(rfp=rfp).first()
    role = membership.role if membership else None
    facts = {
        "role": role,
        "status": rfp.status,
        "sealed": is_sealed(rfp),
        "two_envelope": rfp.two_envelope,
        "price_opened": bool(settings and settings.price_opened),
        "price_opened_for": frozenset(settings.price_opened_for or []) if settings else frozenset(),
        "blind": bool(settings and settings.blind),
        "bids_granted": bool(membership and membership.bids_granted),
        "price_section_ids": frozenset(rfp.sections.filter(kind=SectionKind.PRICE).values_list("id", flat=True)),
    }
    if role == MemberRole.EVALUATOR:
        facts["assigned_section_ids"] = frozenset(
            Assignment.objects.filter(section__rfp=rfp, evaluator=user).values_list("section_id", flat=True)
        )
        facts["cleared_vendor_ids"] = frozenset(
            ConflictDeclaration.objects.filter(rfp=rfp, evaluator=user, conflict=False).values_list(
                "vendor_id", flat=True
            )
        )
    return BidFacts(**facts)


def bid_rule(user, rfp: RFP) -> BidRule:
    return decide(bid_facts(user, rfp))


def results_rule(rfp: RFP) -> BidRule:
    """What results (the ranking, the report, the score matrix, make or buy) may show of bid
    content, for whoever reads them: every answer, and prices only where the envelope is open for
    that bid. Who may read results at all is reports.access's and scoring.access's business."""
    facts = bid_facts(None, rfp)
    return decide(replace(facts, role=MemberRole.PROCUREMENT))
