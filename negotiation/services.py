"""Writes of best-and-final rounds: opening one, a vendor's revisions and their submission, and
closing it, which applies the submitted revisions and sets aside the scores they made stale.

Every function checks the state first and writes the audit log; none of them changes an answer
that a buyer can read before the round closes.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from negotiation import selectors
from negotiation.models import Participant, Revision, Round, SetAsideScore
from rfp.audit import audit_log
from rfp.models import RFP, Question, QuestionType, Section, SectionKind, Status
from scoring.models import Assignment, Consensus, EvaluationSettings, Score
from vendors.emails import absolute_url, send_templated
from vendors.models import Answer, AnswerState, Invitation, Response, Submission
from vendors.services.answers import AnswerConflict
from vendors.services.state import ResponseClosed, ResponseLocked, local_datetime


class RevisionConflict(AnswerConflict):
    """A colleague saved this revised answer after the version the page was loaded with; the pages
    and the API answer it as they answer a conflict on an answer."""


# --- opening -----------------------------------------------------------------------------------------


def _baseline(ranking) -> dict:
    """The ranking as the round opens, keyed by vendor id: what the revised offers are compared with."""
    return {
        "method": ranking.method,
        "weights": {str(s.id): s.weight for s in ranking.sections},
        "vendors": {
            str(row.result.vendor_id): {
                "name": row.bidder.name,
                "rank": row.result.rank,
                "total": row.result.total,
                "technical": row.result.technical,
                "price_score": row.result.price_score,
                "sections": {str(s.id): cell for s, cell in zip(ranking.sections, row.cells, strict=True)},
                "excluded": row.result.excluded,
            }
            for row in ranking.rows
        },
    }


def _opening_problems(rfp: RFP, ranking, response_ids: list[int], deadline: datetime | None) -> list[str]:
    problems = []
    if rfp.status != Status.EVALUATION:
        problems.append(_("A best-and-final round can be opened only while the RFP is in evaluation."))
    if selectors.open_round(rfp) is not None:
        problems.append(_("A round is already open: close it before opening another."))
    if rfp.two_envelope and ranking.price_sealed:
        problems.append(_("Open the price envelope first: vendors revise offers that the panel has ranked in full."))
    elif ranking.error or ranking.result is None:
        problems.append(_("The ranking cannot be computed: %(error)s") % {"error": ranking.error or "-"})
    elif ranking.provisional:
        problems.append(_("Scoring is not complete: finish round 1 before asking for best and final offers."))
    eligible = {row.bidder.response_id for row in ranking.rows if not row.result.excluded}
    if not response_ids:
        problems.append(_("Choose at least one vendor for the round."))
    elif not set(response_ids) <= eligible:
        problems.append(_("Only vendors with a valid bid in the ranking can be asked for a best and final offer."))
    if deadline is None or deadline <= timezone.now():
        problems.append(_("Give the round a deadline in the future."))
    return problems


@transaction.atomic
def round_open(
    *, rfp: RFP, by, response_ids: list[int], deadline: datetime, section_ids: list[int], note: str = ""
) -> Round:
    """Ask the chosen vendors for a best and final offer by `deadline`. They may revise the price and
    the sections in `section_ids`; the ranking as it stands is kept as the round's baseline."""
    from scoring.selectors.ranking import ranking_for_rfp

    ranking = ranking_for_rfp(rfp)
    problems = _opening_problems(rfp, ranking, response_ids, deadline)
    technical = set(Section.objects.filter(rfp=rfp, kind=SectionKind.TECHNICAL).values_list("id", flat=True))
    if not set(section_ids) <= technical:
        problems.append(_("Choose sections of this RFP."))
    if problems:
        raise ValidationError(problems)
    number = (Round.objects.filter(rfp=rfp).aggregate(m=Max("number"))["m"] or 1) + 1
    round_ = Round.objects.create(
        rfp=rfp,
        number=number,
        deadline=deadline,
        section_ids=sorted(section_ids),
        note=(note or "").strip(),
        opened_by=by,
        baseline=_baseline(ranking),
    )
    responses = list(Response.objects.filter(pk__in=response_ids).select_related("vendor"))
    Participant.objects.bulk_create(Participant(round=round_, response=r) for r in responses)
    audit_log(
        action="round.opened",
        actor=by,
        rfp=rfp,
        obj=round_,
        after={
            "round": number,
            "vendors": sorted(r.vendor.name for r in responses),
            "deadline": deadline.isoformat(),
            "sections": sorted(section_ids),
        },
    )
    transaction.on_commit(lambda: _notify_participants(round_, responses))
    return round_


def _notify_participants(round_: Round, responses: list[Response]) -> None:
    from accounts.models import User

    for response in responses:
        contacts = list(
            Invitation.objects.filter(rfp_id=round_.rfp_id, vendor_id=response.vendor_id).values_list(
                "email", flat=True
            )
        )
        users = list(
            User.objects.filter(company_id=response.vendor_id, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        send_templated(
            template="round_opened",
            to=contacts + users,
            context={
                "rfp": round_.rfp,
                "round": round_,
                "vendor": response.vendor,
                "sections": list(Section.objects.filter(pk__in=round_.section_ids).order_by("order", "id")),
                "url": absolute_url("vendors:rfp", ref=round_.rfp.reference),
            },
        )


# --- the vendor's revisions ----------------------------------------------------------------------


def require_round_open(round_: Round) -> None:
    """The round is open and its deadline has not passed."""
    if round_.closed_at is not None:
        raise ResponseClosed(_("This best-and-final round is closed; no changes are accepted."))
    if timezone.now() >= round_.deadline:
        raise ResponseClosed(
            _("The round's deadline passed at %(deadline)s; no changes are accepted.")
            % {"deadline": local_datetime(round_.deadline)}
        )


def require_revisable(entry: Participant) -> None:
    """The round is open, its deadline not passed, and the revision not submitted."""
    require_round_open(entry.round)
    if entry.submitted_at is not None:
        raise ResponseLocked(_("Your revision is submitted and locked. Reopen it to make changes."))


def revision_save(*, entry: Participant, question: Question, state: str, value, comment: str, version: int, by):
    """Save a revised answer in the round, never over a colleague's newer version. The answer the
    buyer reads stays as it was until the round closes. Returns the revision (or the answer, when
    the content is the same as the answer's and no revision exists)."""
    require_revisable(entry)
    current = Revision.objects.select_related("updated_by").filter(participant=entry, question=question).first()
    answer = Answer.objects.filter(response_id=entry.response_id, question=question).first()
    base = current or answer
    if (base.version if base else 0) != version:
        if current is None and answer is not None:
            raise AnswerConflict(answer, by)
        raise RevisionConflict(current, by)
    same = base is not None and (base.state, base.value, base.comment) == (state, value, comment)
    if same:
        return base
    if not selectors.may_revise(entry.round, question):
        raise ValidationError(
            _("This round lets you revise the price and: %(sections)s. This question's section is not among them.")
            % {"sections": ", ".join(selectors.open_section_titles(entry.round)) or _("no other section")}
        )
    if question.type == QuestionType.FILE:
        raise ValidationError(_("Files stay as submitted in a best-and-final round; explain any change in a comment."))
    now = timezone.now()
    if current is None:
        revision = Revision(
            participant=entry, question=question, state=state, value=value, comment=comment,
            version=(answer.version if answer else 0) + 1, updated_by=by, updated_at=now,
        )  # fmt: skip
        try:
            with transaction.atomic():
                revision.save()
        except IntegrityError:
            raise RevisionConflict(Revision.objects.get(participant=entry, question=question), by) from None
        return revision
    updated = Revision.objects.filter(pk=current.pk, version=version).update(
        state=state, value=value, comment=comment, version=F("version") + 1, updated_by=by, updated_at=now
    )
    if not updated:
        current.refresh_from_db()
        raise RevisionConflict(current, by)
    current.state, current.value, current.comment = state, value, comment
    current.version, current.updated_by, current.updated_at = version + 1, by, now
    return current


def revision_submit(*, entry: Participant, by) -> Submission:
    """Submit the revised offer: a new numbered submission of the whole response, as revised."""
    from vendors import selectors as vendor_selectors

    with transaction.atomic():
        entry = Participant.objects.select_for_update().select_related("round", "response__rfp").get(pk=entry.pk)
        require_revisable(entry)
        sheet = vendor_selectors.response_sheet(entry.response, revision=entry)
        if sheet.problems:
            raise ValidationError(
                _("%(n)s answers still need attention; the review page lists them.") % {"n": len(sheet.problems)}
            )
        number = (Submission.objects.filter(response=entry.response).aggregate(m=Max("number"))["m"] or 0) + 1
        now = timezone.now()
        submission = Submission.objects.create(
            response=entry.response,
            number=number,
            submitted_by=by,
            submitted_at=now,
            snapshot=vendor_selectors.answer_snapshot(sheet) | {"round": entry.round.number},
        )
        entry.submitted_at, entry.submitted_by = now, by
        entry.save(update_fields=["submitted_at", "submitted_by"])
        audit_log(
            action="round.revision_submitted",
            actor=by,
            rfp=entry.round.rfp,
            obj=entry,
            after={"vendor": entry.response.vendor.name, "round": entry.round.number, "version": number},
        )
    send_templated(
        template="submission_receipt",
        to=[by.email],
        context={"response": entry.response, "submission": submission, "rfp": entry.round.rfp, "user": by},
    )
    return submission


def revision_reopen(*, entry: Participant, by) -> Participant:
    entry.refresh_from_db(fields=["submitted_at"])
    if entry.submitted_at is None:
        raise ValidationError(_("This revision is not submitted, so there is nothing to reopen."))
    entry.submitted_at = None
    require_revisable(entry)
    entry.save(update_fields=["submitted_at"])
    audit_log(
        action="round.revision_reopened",
        actor=by,
        rfp=entry.round.rfp,
        obj=entry,
        after={"vendor": entry.response.vendor.name, "round": entry.round.number},
    )
    return entry


# --- closing -----------------------------------------------------------------------------------------


def _content(obj) -> dict:
    return {"state": obj.state, "value": obj.value, "comment": obj.comment}


def _apply_revisions(round_: Round, by, now) -> list[dict]:
    """Write the submitted revisions over the answers; returns the answers whose content changed."""
    submitted = list(round_.participants.filter(submitted_at__isnull=False))
    revisions = list(Revision.objects.filter(participant__in=submitted).select_related("participant"))
    answers = {
        (a.response_id, a.question_id): a
        for a in Answer.objects.filter(response_id__in=[e.response_id for e in submitted])
    }
    changes, to_update = [], []
    for revision in revisions:
        response_id = revision.participant.response_id
        answer = answers.get((response_id, revision.question_id))
        if answer is None:
            answer = Answer.objects.create(
                response_id=response_id, question_id=revision.question_id, version=0, updated_by=by
            )
        before = _content(answer)
        if before == _content(revision):
            continue
        answer.state, answer.value, answer.comment = revision.state, revision.value, revision.comment
        answer.version, answer.updated_by, answer.updated_at = answer.version + 1, revision.updated_by, now
        to_update.append(answer)
        changes.append(
            {
                "answer": answer.pk,
                "question": revision.question_id,
                "response": response_id,
                "before": before,
                "after": _content(revision),
            }
        )
    Answer.objects.bulk_update(to_update, ["state", "value", "comment", "version", "updated_by", "updated_at"])
    return changes


def _set_aside_scores(round_: Round, answer_ids: list[int]) -> int:
    """Move the scores and consensus of changed answers out of the ranking; returns how many."""
    scores = list(Score.objects.filter(answer_id__in=answer_ids))
    consensus = list(Consensus.objects.filter(answer_id__in=answer_ids))
    SetAsideScore.objects.bulk_create(
        [
            SetAsideScore(
                round=round_, answer_id=s.answer_id, evaluator_id=s.evaluator_id, points=s.points, comment=s.comment
            )
            for s in scores
        ]
        + [
            SetAsideScore(round=round_, answer_id=c.answer_id, is_consensus=True, points=c.points, comment=c.reason)
            for c in consensus
        ]
    )
    Score.objects.filter(pk__in=[s.pk for s in scores]).delete()
    Consensus.objects.filter(pk__in=[c.pk for c in consensus]).delete()
    return len(scores) + len(consensus)


def _sections_to_rescore(answer_ids: list[int]) -> set[int]:
    """Sections holding a changed answer that people score (the auto-scored ones rescore themselves)."""
    from scoring.access import is_human_scored

    answers = Answer.objects.filter(pk__in=answer_ids, state=AnswerState.ANSWERED).select_related("question")
    return {a.question.section_id for a in answers if is_human_scored(a.question)}


@transaction.atomic
def round_close(*, round_: Round, by) -> Round:
    """Close the round once its deadline has passed (or every vendor in it has submitted): submitted
    revisions replace the answers, scores on changed answers are set aside and their sections go back
    to the panel; unchanged answers keep their scores. A vendor that submitted nothing keeps its offer."""
    round_ = Round.objects.select_for_update().select_related("rfp").get(pk=round_.pk)
    if round_.closed_at is not None:
        raise ValidationError(_("This round is already closed."))
    waiting = round_.participants.filter(submitted_at__isnull=True).count()
    if timezone.now() < round_.deadline and waiting:
        raise ValidationError(
            _("%(n)s vendors have not submitted yet; the round can close at its deadline, %(deadline)s.")
            % {"n": waiting, "deadline": local_datetime(round_.deadline)}
        )
    now = timezone.now()
    changes = _apply_revisions(round_, by, now)
    answer_ids = [c["answer"] for c in changes]
    set_aside = _set_aside_scores(round_, answer_ids)
    rescore = _sections_to_rescore(answer_ids)
    Assignment.objects.filter(section_id__in=rescore).update(submitted_at=None)
    resealed = False
    if round_.rfp.two_envelope and rescore:
        # The panel scores the revised answers without seeing the revised prices, as in round 1.
        resealed = bool(EvaluationSettings.objects.filter(rfp=round_.rfp, price_opened=True).update(price_opened=False))
    round_.changes, round_.closed_at, round_.closed_by = changes, now, by
    round_.save(update_fields=["changes", "closed_at", "closed_by"])
    if answer_ids:
        from insights.services import request_analysis

        request_analysis(rfp=round_.rfp, by=by, answer_ids=answer_ids)  # only what the round changed
    audit_log(
        action="round.closed",
        actor=by,
        rfp=round_.rfp,
        obj=round_,
        after={
            "round": round_.number,
            "answers_changed": len(changes),
            "scores_set_aside": set_aside,
            "sections_to_rescore": sorted(rescore),
            "price_envelope_resealed": resealed,
        },
    )
    return round_
