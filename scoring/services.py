"""Writes of the evaluation. Keyword-only arguments, validation before saving, an audit entry
for every change. Views and commands call these; nothing else writes scoring rows."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from config.text_rules import COMMENT_MAX, REASON_MAX, check_text
from rfp.audit import audit_log
from rfp.models import RFP, MemberRole, RFPMember, Section, SectionKind, Status
from rfp.services import rfp_start_evaluation
from scoring import engine
from scoring.access import is_human_scored, settings_for
from scoring.models import (
    Aggregate,
    Assignment,
    ConflictDeclaration,
    Consensus,
    EvaluationSettings,
    PriceDirection,
    Score,
    WeightDerivation,
)
from scoring.selectors import assignment_progress, bidders, ranking_for_rfp, scoring_complete
from vendors.models import Answer, AnswerState

COMMENT_REQUIRED_FOR = frozenset({0, 1, 5})


def _require_status(rfp: RFP, *statuses: str) -> None:
    if rfp.status not in statuses:
        raise ValidationError(
            _("This cannot be done while the %(kind)s is %(status)s.")
            % {"kind": rfp.kind, "status": rfp.get_status_display().lower()}
        )


# --- set-up ------------------------------------------------------------------------------------


def evaluation_start(*, rfp: RFP, by, without_bids: bool = False) -> RFP:
    """Closed -> evaluation: from now on the panel may score, and the answers are analysed for the
    panel's hints (boilerplate, evasive answers, contradictions)."""
    from insights.services import request_analysis

    rfp = rfp_start_evaluation(rfp=rfp, by=by, without_bids=without_bids)
    request_analysis(rfp=rfp, by=by)
    return rfp


def evaluation_settings_save(*, rfp: RFP, by, blind: bool, aggregate: str, price_direction: str) -> EvaluationSettings:
    if rfp.status in (Status.DECIDED, Status.ARCHIVED):
        raise ValidationError(_("The evaluation is over; its settings can no longer change."))
    if aggregate not in Aggregate.values or price_direction not in PriceDirection.values:
        raise ValidationError(_("Choose an aggregate and a price direction from the lists."))
    current = settings_for(rfp)
    before = {"blind": current.blind, "aggregate": current.aggregate, "price_direction": current.price_direction}
    current.blind, current.aggregate, current.price_direction = blind, aggregate, price_direction
    current.full_clean()
    current.save()
    audit_log(
        action="evaluation.settings",
        actor=by,
        rfp=rfp,
        obj=current,
        before=before,
        after={"blind": blind, "aggregate": aggregate, "price_direction": price_direction},
    )
    return current


@transaction.atomic
def assignments_set(*, rfp: RFP, by, pairs: set[tuple[int, int]]) -> None:
    """Make the assignments exactly `pairs` of (section id, evaluator id). An assignment with
    scores already given cannot be removed: the scores would lose their context."""
    _require_status(rfp, Status.OPEN, Status.CLOSED, Status.EVALUATION)
    sections = set(rfp.sections.filter(kind=SectionKind.TECHNICAL).values_list("id", flat=True))
    evaluators = set(RFPMember.objects.filter(rfp=rfp, role=MemberRole.EVALUATOR).values_list("user_id", flat=True))
    problems = []
    if any(sid not in sections for sid, _u in pairs):
        problems.append(_("Evaluators can be assigned only to technical sections of this RFP."))
    if any(uid not in evaluators for _s, uid in pairs):
        problems.append(_("Only members with the evaluator role can be assigned."))
    existing = {(a.section_id, a.evaluator_id): a for a in Assignment.objects.filter(section__rfp=rfp)}
    removed = [key for key in existing if key not in pairs]
    for sid, uid in removed:
        if Score.objects.filter(evaluator_id=uid, answer__question__section_id=sid).exists():
            problems.append(
                _("%(evaluator)s has already scored in %(section)s; that assignment cannot be removed.")
                % {"evaluator": existing[(sid, uid)].evaluator, "section": existing[(sid, uid)].section.title}
            )
    if problems:
        raise ValidationError(problems)
    Assignment.objects.filter(pk__in=[existing[key].pk for key in removed]).delete()
    added = [Assignment(section_id=sid, evaluator_id=uid, assigned_by=by) for sid, uid in pairs - set(existing)]
    Assignment.objects.bulk_create(added)
    audit_log(
        action="evaluation.assignments",
        actor=by,
        rfp=rfp,
        obj=rfp,
        before={"assignments": sorted(list(k) for k in existing)},
        after={"assignments": sorted(list(k) for k in pairs)},
    )


@transaction.atomic
def conflicts_declare(*, rfp: RFP, evaluator, declarations: dict[int, tuple[bool, str]]) -> None:
    """Record, per vendor, whether the evaluator has a conflict of interest. A declared conflict
    is final for the evaluator: only a new declaration of conflict can follow it."""
    _require_status(rfp, Status.EVALUATION)
    known = {b.vendor_id for b in bidders(rfp)}
    if not declarations:
        raise ValidationError(_("Choose “No conflict” or “Conflict” for at least one vendor."))
    if any(vid not in known for vid in declarations):
        raise ValidationError(_("Declare only for vendors that bid on this RFP."))
    current = {d.vendor_id: d for d in ConflictDeclaration.objects.filter(rfp=rfp, evaluator=evaluator)}
    for vendor_id, (conflict, note) in declarations.items():
        check_text(note, limit=REASON_MAX, field=_("The note on the conflict"))
        if conflict and not note.strip():
            raise ValidationError(_("Say briefly what the conflict is, so that procurement can reassign the work."))
        found = current.get(vendor_id)
        if found is not None and found.conflict and not conflict:
            raise ValidationError(_("A declared conflict cannot be withdrawn; ask procurement."))
        if found is not None and found.conflict == conflict:
            continue
        declaration = found or ConflictDeclaration(rfp=rfp, evaluator=evaluator, vendor_id=vendor_id)
        declaration.conflict, declaration.note, declaration.declared_at = conflict, note.strip(), timezone.now()
        declaration.full_clean()
        declaration.save()
        audit_log(
            action="evaluation.conflict_declared",
            actor=evaluator,
            rfp=rfp,
            obj=declaration,
            after={"vendor": vendor_id, "conflict": conflict, "note": declaration.note},
        )


# --- scoring -----------------------------------------------------------------------------------


def _check_points(points) -> int:
    try:
        value = int(points)
    except (TypeError, ValueError):
        raise ValidationError(_("Choose a score from 0 to 5.")) from None
    if str(points).strip() not in {str(value), f"{value}.0"} or not 0 <= value <= 5:
        raise ValidationError(_("Choose a score from 0 to 5."))
    return value


class ScoreConflict(Exception):
    """The score changed (in another tab or window) after the page showing it was loaded."""

    def __init__(self, score: Score):
        self.score = score
        at = date_format(timezone.localtime(score.updated_at), "H:i")
        super().__init__(
            _("You changed this score in another window at %(time)s; reload to see that version.") % {"time": at}
        )


def _refuse_carried_over(answer: Answer, evaluator) -> None:
    """After a best-and-final round the panel scores only the answers that changed: a score on an
    unchanged answer of a vendor in the round carries over and is not scored twice."""
    from negotiation.selectors import carried_over

    round_ = carried_over(answer)
    if round_ is not None and Score.objects.filter(answer=answer, evaluator=evaluator).exists():
        raise ValidationError(
            _("This answer did not change in round %(n)s: your earlier score carries over.") % {"n": round_.number}
        )


@transaction.atomic
def score_save(
    *,
    answer: Answer,
    evaluator,
    assignment: Assignment,
    points,
    comment: str,
    flagged: bool = False,
    version: int | None = None,
) -> Score:
    """Save (or change) an evaluator's score on one answer, until they submit the section.

    ``version`` is the score's version the page was loaded with (0: not scored then); a page that
    sends it can never overwrite a save it has not seen. None skips the check (the plain form)."""
    _require_status(answer.response.rfp, Status.EVALUATION)
    if assignment.is_submitted:
        raise ValidationError(_("You submitted this section; your scores are locked."))
    if assignment.evaluator_id != evaluator.pk or assignment.section_id != answer.question.section_id:
        raise ValidationError(_("This answer is not in your assignment."))
    if not is_human_scored(answer.question) or answer.state != AnswerState.ANSWERED:
        raise ValidationError(_("This answer is not scored by evaluators."))
    _refuse_carried_over(answer, evaluator)
    value = _check_points(points)
    comment = (comment or "").strip()
    check_text(comment, limit=COMMENT_MAX, field=_("The comment"))
    if value in COMMENT_REQUIRED_FOR and not comment:
        raise ValidationError(_("A score of %(points)s needs a comment that explains it.") % {"points": value})
    score = Score.objects.select_for_update().filter(answer=answer, evaluator=evaluator).first()
    if version is not None and (score.version if score else 0) != version:
        if score is None:  # only a page that already saw a score can send a version
            raise ValidationError(_("This score could not be matched to the page; reload the page."))
        raise ScoreConflict(score)
    before = {"points": score.points, "comment": score.comment, "flagged": score.flagged} if score else None
    if score is None:
        score = Score(answer=answer, evaluator=evaluator, version=0)
    score.points, score.comment, score.flagged = value, comment, bool(flagged)
    score.updated_at, score.version = timezone.now(), score.version + 1
    score.full_clean()
    score.save()
    audit_log(
        action="score.saved",
        actor=evaluator,
        rfp=answer.response.rfp,
        obj=score,
        before=before,
        after={"answer": answer.pk, "points": value, "comment": comment, "flagged": bool(flagged)},
    )
    return score


@transaction.atomic
def section_submit(*, assignment: Assignment, evaluation, by) -> Assignment:
    """Lock the evaluator's scores of a section. Every answer they can see must be scored and
    every vendor must have a conflict declaration first."""
    rfp = evaluation.rfp
    _require_status(rfp, Status.EVALUATION)
    if assignment.is_submitted:
        raise ValidationError(_("You already submitted this section."))
    progress = assignment_progress(evaluation, assignment)
    if progress.undeclared:
        raise ValidationError(_("Declare any conflict of interest for every vendor before you submit."))
    if not progress.complete:
        raise ValidationError(
            _("%(missing)s answers still need your score.") % {"missing": progress.to_score - progress.scored}
        )
    now = timezone.now()
    mine = list(
        Score.objects.filter(evaluator=by, answer__question__section=assignment.section).values_list(
            "id", "answer_id", "points"
        )
    )
    snapshot = sorted((answer_id, points) for _id, answer_id, points in mine)
    # By id: an UPDATE through joins can get a poor plan on PostgreSQL; the ids are already read.
    Score.objects.filter(id__in=[pk for pk, _a, _p in mine]).update(submitted_at=now)
    assignment.submitted_at = now
    assignment.save(update_fields=["submitted_at"])
    audit_log(
        action="evaluation.section_submitted",
        actor=by,
        rfp=rfp,
        obj=assignment,
        after={"section": assignment.section_id, "scores": [list(pair) for pair in snapshot]},
    )
    return assignment


# --- moderation --------------------------------------------------------------------------------


def consensus_set(*, answer: Answer, by, points, reason: str) -> Consensus:
    """Procurement's consensus score. The individual scores are left exactly as they are and
    copied into the audit entry next to the consensus."""
    rfp = answer.response.rfp
    _require_status(rfp, Status.EVALUATION)
    value = _check_points(points)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for the consensus score."))
    check_text(reason, limit=COMMENT_MAX, field=_("The reason"))
    found = Consensus.objects.filter(answer=answer).first()
    before = {"points": found.points, "reason": found.reason} if found else None
    consensus = found or Consensus(answer=answer)
    consensus.points, consensus.reason, consensus.set_by, consensus.set_at = value, reason, by, timezone.now()
    consensus.full_clean()
    consensus.save()
    individual = list(
        Score.objects.filter(answer=answer, submitted_at__isnull=False).values_list("evaluator__username", "points")
    )
    audit_log(
        action="evaluation.consensus_set",
        actor=by,
        rfp=rfp,
        obj=consensus,
        before=before,
        after={"answer": answer.pk, "points": value, "reason": reason, "individual_scores": individual},
    )
    return consensus


def consensus_clear(*, answer: Answer, by) -> None:
    rfp = answer.response.rfp
    _require_status(rfp, Status.EVALUATION)
    found = Consensus.objects.filter(answer=answer).first()
    if found is None:
        return
    audit_log(
        action="evaluation.consensus_cleared",
        actor=by,
        rfp=rfp,
        obj=found,
        before={"answer": answer.pk, "points": found.points, "reason": found.reason},
    )
    found.delete()


# --- prices and weights ------------------------------------------------------------------------


def price_envelope_open(*, rfp: RFP, by) -> EvaluationSettings:
    """Open the second envelope once technical scoring is complete. Nobody closes it again by hand;
    only closing a best-and-final round seals it while the panel scores the revised answers."""
    _require_status(rfp, Status.EVALUATION)
    if not rfp.two_envelope:
        raise ValidationError(_("This RFP has a single envelope: prices are already visible."))
    settings = settings_for(rfp)
    if settings.price_opened:
        raise ValidationError(_("The price envelope is already open."))
    if not scoring_complete(rfp):
        raise ValidationError(
            _("Technical scoring is not complete: every evaluator must submit and every answer needs a score.")
        )
    opened_for, kept_sealed = _bids_reaching_pass_mark(rfp)
    settings.price_opened, settings.price_opened_at, settings.price_opened_by = True, timezone.now(), by
    settings.price_opened_for = sorted(opened_for)
    settings.save()
    audit_log(
        action="evaluation.price_opened",
        actor=by,
        rfp=rfp,
        obj=settings,
        after={"price_opened": True, "opened_for": sorted(opened_for), "kept_sealed": sorted(kept_sealed)},
    )
    return settings


def _bids_reaching_pass_mark(rfp: RFP) -> tuple[set[int], set[int]]:
    """Response ids of the bids whose price is opened and of those whose price stays sealed
    because their technical score is below the pass mark (every bid is opened without one)."""
    ranking = ranking_for_rfp(rfp)
    if ranking.error:
        raise ValidationError(_("The ranking cannot be computed: %(error)s") % {"error": ranking.error})
    opened, sealed = set(), set()
    for row in ranking.rows:
        below = engine.FLAG_BELOW_PASS_MARK in row.result.flags
        (sealed if below else opened).add(row.bidder.response_id)
    return opened, sealed


@transaction.atomic
def section_weights_apply(*, rfp: RFP, by, weights: dict[int, Decimal], how: str = "direct") -> None:
    """Write section weights (they must total 100). Only while drafting: once vendors can bid, the
    weights are part of the published evaluation method and stay fixed."""
    _require_status(rfp, Status.DRAFT)
    sections = list(rfp.sections.all())
    if set(weights) != {s.id for s in sections}:
        raise ValidationError(_("Give a weight for every section of the %(kind)s.") % {"kind": rfp.kind})
    if any(w < 0 for w in weights.values()) or sum(weights.values(), Decimal("0")) != Decimal("100"):
        raise ValidationError(_("Section weights must be zero or more and total 100."))
    before = {s.title: float(s.weight) for s in sections}
    for section in sections:
        section.weight = weights[section.id]
    Section.objects.bulk_update(sections, ["weight"])
    audit_log(
        action="evaluation.weights_applied",
        actor=by,
        rfp=rfp,
        obj=rfp,
        before=before,
        after={s.title: float(s.weight) for s in sections},
        message=how,
    )


def whole_weights_totalling_100(weights: list[Decimal]) -> list[Decimal]:
    """Weights in the same proportions, rounded to whole numbers that total exactly 100: each gets
    the whole part of its share and the points left go to the largest remainders (the earlier
    section first on a tie). A weight of zero stays zero."""
    total = sum(weights, Decimal("0"))
    if total <= 0:
        raise ValidationError(_("Give at least one section a weight above zero first."))
    shares = [w * 100 / total for w in weights]
    whole = [int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(shares[i] - whole[i]), i))
    for i in by_remainder[: 100 - sum(whole)]:
        whole[i] += 1
    return [Decimal(w) for w in whole]


def section_weights_scale_to_100(*, rfp: RFP, by) -> None:
    """Scale the section weights to whole numbers totalling 100, keeping their proportions."""
    sections = list(rfp.sections.order_by("order", "id"))
    scaled = whole_weights_totalling_100([s.weight for s in sections])
    section_weights_apply(
        rfp=rfp, by=by, weights={s.id: w for s, w in zip(sections, scaled, strict=True)}, how="scaled to 100"
    )


def ahp_weights_for(section_ids: list[int], judgements: list[float]) -> engine.AhpResult:
    """Raises ValidationError with the engine's reason when the judgements are unusable."""
    try:
        return engine.ahp_weights(engine.ahp_matrix_from_upper(judgements))
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


@transaction.atomic
def ahp_apply(*, rfp: RFP, by, section_ids: list[int], judgements: list[float], override: bool) -> WeightDerivation:
    """Derive the weights of the compared sections by AHP and apply them. The compared sections
    share out the weight they hold together today, so sections left out keep theirs (AHP is
    defined for at most ten items). A CR above 0.10 is refused unless the user ticked the
    override knowingly; the derivation is kept with its random-index table."""
    result = ahp_weights_for(section_ids, judgements)
    if not result.consistent and not override:
        raise ValidationError(
            _(
                "The comparisons are inconsistent (CR %(cr)s > 0.10). Revise them, or tick the override to apply "
                "these weights anyway."
            )
            % {"cr": f"{result.cr:.3f}"}
        )
    current = {s.id: s.weight for s in rfp.sections.all()}
    if len(set(section_ids)) != len(section_ids) or any(sid not in current for sid in section_ids):
        raise ValidationError(_("Compare sections of this RFP, each once."))
    shared = sum((current[sid] for sid in section_ids), Decimal("0"))
    if shared <= 0:
        shared = Decimal("100") - sum((w for sid, w in current.items() if sid not in section_ids), Decimal("0"))
    if shared <= 0:
        raise ValidationError(_("The other sections already hold all the weight; nothing is left to share."))
    derived = dict(zip(section_ids, ahp_share(result.priorities, shared), strict=True))
    section_weights_apply(rfp=rfp, by=by, weights={**current, **derived}, how="ahp")
    derivation = WeightDerivation(
        rfp=rfp,
        section_ids=section_ids,
        judgements=list(judgements),
        priorities=list(result.priorities),
        lambda_max=result.lambda_max,
        ci=result.ci,
        cr=result.cr,
        random_index_source=result.random_index_source,
        overridden=not result.consistent,
        created_by=by,
    )
    derivation.full_clean()
    derivation.save()
    audit_log(
        action="evaluation.ahp_applied",
        actor=by,
        rfp=rfp,
        obj=derivation,
        after={
            "cr": result.cr,
            "overridden": derivation.overridden,
            "weights": {k: float(v) for k, v in derived.items()},
        },
    )
    return derivation


def ahp_share(priorities, total: Decimal) -> list[Decimal]:
    """Priorities (summing to 1) as weights with two decimals that add up exactly to `total`:
    rounded to the nearest hundredth, the remainder of the rounding going to the largest."""
    weights = [(Decimal(str(p)) * total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) for p in priorities]
    remainder = total - sum(weights, Decimal("0"))
    if weights and remainder:
        largest = max(range(len(weights)), key=lambda i: weights[i])
        weights[largest] += remainder
    return weights
