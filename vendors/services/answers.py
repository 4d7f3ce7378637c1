"""Answering: one answer saved at a time (autosave), never over a colleague's newer version, and
the whole response submitted as a numbered, frozen version, or reopened for changes."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rfp.audit import audit_log
from rfp.models import Question, QuestionType
from vendors import selectors
from vendors.answer_values import clean_answer, clean_comment
from vendors.emails import send_templated
from vendors.models import Answer, AnswerState, Response, ResponseStatus, Submission
from vendors.services.state import ResponseLocked, open_entry, require_changeable, require_open


class AnswerConflict(Exception):
    """Someone saved this answer after the version the form was loaded with."""

    def __init__(self, answer: Answer, by):
        self.answer = answer
        super().__init__(conflict_message(answer, by))


def conflict_message(answer: Answer, by) -> str:
    at = date_format(timezone.localtime(answer.updated_at), "H:i")
    if answer.updated_by_id is not None and by is not None and answer.updated_by_id == by.pk:
        return _("You changed this answer in another window at %(time)s; reload to see that version.") % {"time": at}
    name = str(answer.updated_by) if answer.updated_by_id else _("someone")
    return _("A colleague (%(name)s) changed this answer at %(time)s; reload to see their version.") % {
        "name": name,
        "time": at,
    }


# --- answers -----------------------------------------------------------------------------------------


def answer_save(*, response: Response, question: Question, raw, comment: str = "", version: int, by) -> Answer:
    """Save one answer if the form was loaded with its current version.

    Raises ResponseClosed / ResponseLocked / ValidationError (a bad value) / AnswerConflict; in each
    case nothing is written. Saving the same content again is a no-op, so autosave on every pause
    does not churn versions. Autosaves are not audit-logged one by one: each submission stores a
    full snapshot, and the answer keeps who changed it last and when.
    """
    entry = open_entry(response)
    if entry is not None:
        return _revision_save(entry=entry, question=question, raw=raw, comment=comment, version=version, by=by)
    require_changeable(response)
    comment = clean_comment(comment)
    current = Answer.objects.select_related("updated_by").filter(response=response, question=question).first()
    if question.type == QuestionType.FILE:
        # A file question's value follows its attachments; the form only carries the comment.
        state, value = (current.state, current.value) if current else (AnswerState.BLANK, None)
    else:
        state, value = clean_answer(question, raw)
    if current is None:
        return _answer_create(response=response, question=question, state=state, value=value, comment=comment, by=by)
    if current.version != version:
        raise AnswerConflict(current, by)
    if (current.state, current.value, current.comment) == (state, value, comment):
        return current
    now = timezone.now()
    # Conditional on the version and on the response still being open for edits, so that neither a
    # colleague's save nor a colleague's submission in the meantime is silently overwritten.
    updated = Answer.objects.filter(pk=current.pk, version=version, response__status=ResponseStatus.IN_PROGRESS).update(
        state=state, value=value, comment=comment, version=F("version") + 1, updated_by=by, updated_at=now
    )
    if not updated:
        response.refresh_from_db(fields=["status"])
        require_changeable(response)
        current.refresh_from_db()
        raise AnswerConflict(current, by)
    current.state, current.value, current.comment = state, value, comment
    current.version, current.updated_by, current.updated_at = version + 1, by, now
    return current


def _revision_save(*, entry, question: Question, raw, comment: str, version: int, by):
    """In a best-and-final round the vendor's save goes to a revision that buyers cannot read
    until the round closes: same validation, same limits, same conflict detection."""
    from negotiation.services import require_revisable, revision_save

    require_revisable(entry)
    comment = clean_comment(comment)
    if question.type == QuestionType.FILE:
        current = Answer.objects.filter(response=entry.response, question=question).first()
        state, value = (current.state, current.value) if current else (AnswerState.BLANK, None)
    else:
        state, value = clean_answer(question, raw)
    return revision_save(
        entry=entry, question=question, state=state, value=value, comment=comment, version=version, by=by
    )


def _answer_create(*, response, question, state, value, comment, by) -> Answer:
    answer = Answer(
        response=response, question=question, state=state, value=value, comment=comment, version=1, updated_by=by
    )
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError:  # a colleague created it first
        raise AnswerConflict(
            Answer.objects.select_related("updated_by").get(response=response, question=question), by
        ) from None
    return answer


# --- submission --------------------------------------------------------------------------------------


def response_submit(*, response: Response, by) -> Submission:
    """Freeze the answers as a numbered submission; refused while a required answer is missing."""
    entry = open_entry(response)
    if entry is not None:
        from negotiation.services import revision_submit

        return revision_submit(entry=entry, by=by)
    require_open(response.rfp)
    caller_copy = response
    with transaction.atomic():
        # Lock the row: two colleagues pressing Submit at once get versions n and n+1, not a clash.
        response = Response.objects.select_for_update().select_related("rfp", "vendor").get(pk=response.pk)
        if response.status == ResponseStatus.SUBMITTED:
            raise ResponseLocked(_("This response is already submitted."))
        sheet = selectors.response_sheet(response)
        problems = sheet.problems
        if problems:
            raise ValidationError(
                _("%(n)s answers still need attention; the review page lists them.") % {"n": len(problems)}
            )
        number = (Submission.objects.filter(response=response).aggregate(m=Max("number"))["m"] or 0) + 1
        now = timezone.now()
        submission = Submission.objects.create(
            response=response,
            number=number,
            submitted_by=by,
            submitted_at=now,
            snapshot=selectors.answer_snapshot(sheet),
        )
        response.status = ResponseStatus.SUBMITTED
        response.submitted_at = now
        response.save(update_fields=["status", "submitted_at", "updated_at"])
        audit_log(
            action="response.submitted",
            actor=by,
            rfp=response.rfp,
            obj=response,
            after={"vendor": response.vendor.name, "version": number},
        )
    caller_copy.status, caller_copy.submitted_at = response.status, response.submitted_at
    send_templated(
        template="submission_receipt",
        to=[by.email],
        context={"response": response, "submission": submission, "rfp": response.rfp, "user": by},
    )
    return submission


def response_reopen(*, response: Response, by) -> Response:
    """Unlock a submitted response for changes; the last submission stays valid until replaced."""
    entry = open_entry(response)
    if entry is not None:
        from negotiation.services import revision_reopen

        revision_reopen(entry=entry, by=by)
        return response
    require_open(response.rfp)
    response.refresh_from_db(fields=["status"])  # a colleague may have reopened it already
    if response.status != ResponseStatus.SUBMITTED:
        raise ValidationError(_("This response is not submitted, so there is nothing to reopen."))
    response.status = ResponseStatus.IN_PROGRESS
    response.save(update_fields=["status", "updated_at"])
    audit_log(
        action="response.reopened",
        actor=by,
        rfp=response.rfp,
        obj=response,
        before={"status": ResponseStatus.SUBMITTED},
        after={"status": ResponseStatus.IN_PROGRESS},
    )
    return response
