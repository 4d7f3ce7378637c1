"""Writes of the vendor portal: invitations, answers, files, submissions, clarifications, addenda.

Every function takes keyword arguments, checks the state it needs on the server (the deadline above
all), validates before saving and logs what it changed. Refusals are ValidationErrors whose message
a bid manager or a procurement lead can act on; nothing is half-saved.
"""

import re
import zipfile
from datetime import datetime

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Role, User, check_person_names
from config.text_rules import (
    LONG_TEXT_MAX,
    QUESTION_TEXT_MAX,
    REASON_MAX,
    check_names,
    check_text,
    name_problem,
    refuse_problems,
)
from rfp.audit import audit_log, snapshot
from rfp.models import CHOICE_TYPES, RFP, Addendum, Clarification, Question, QuestionType, Section, Status
from rfp.questionnaire import question_as_dict, question_text_problems
from vendors import selectors
from vendors.answer_values import clean_answer, clean_comment
from vendors.emails import absolute_url, send_templated
from vendors.models import (
    Answer,
    AnswerState,
    Attachment,
    Invitation,
    InvitationStatus,
    Response,
    ResponseStatus,
    Submission,
    Vendor,
    check_vendor_name,
)

MAX_FILES_PER_ANSWER = 10


class ResponseClosed(ValidationError):
    """The deadline has passed or the RFP is not open: nothing about the response may change."""


class ResponseLocked(ValidationError):
    """The response is submitted: it must be reopened before answers change."""


class AnswerConflict(Exception):
    """Someone saved this answer after the version the form was loaded with."""

    def __init__(self, answer: Answer, by):
        self.answer = answer
        super().__init__(conflict_message(answer, by))


def local_datetime(value: datetime) -> str:
    """A moment as the signed-in user reads it: in their time zone, which the middleware activated."""
    return f"{date_format(timezone.localtime(value), 'j M Y, H:i')} ({timezone.get_current_timezone_name()})"


def conflict_message(answer: Answer, by) -> str:
    at = date_format(timezone.localtime(answer.updated_at), "H:i")
    if answer.updated_by_id is not None and by is not None and answer.updated_by_id == by.pk:
        return _("You changed this answer in another window at %(time)s; reload to see that version.") % {"time": at}
    name = str(answer.updated_by) if answer.updated_by_id else _("someone")
    return _("A colleague (%(name)s) changed this answer at %(time)s; reload to see their version.") % {
        "name": name,
        "time": at,
    }


# --- state checks ------------------------------------------------------------------------------------


def require_open(rfp: RFP) -> None:
    """Refuse any change to responses once the deadline has passed or the RFP is not open."""
    if timezone.now() >= rfp.deadline:
        raise ResponseClosed(
            _("The deadline passed at %(deadline)s; no changes are accepted.")
            % {"deadline": local_datetime(rfp.deadline)}
        )
    if rfp.status != Status.OPEN:
        raise ResponseClosed(
            _("This RFP is %(status)s; no changes are accepted.") % {"status": rfp.get_status_display().lower()}
        )


def require_changeable(response: Response) -> None:
    require_open(response.rfp)
    if response.status == ResponseStatus.SUBMITTED:
        raise ResponseLocked(
            _("This response has been submitted and its answers are locked. Reopen it to make changes.")
        )


# --- vendor companies and invitations ----------------------------------------------------------------


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "vendor"
    slug, n = base, 2
    while Vendor.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def vendor_create(
    *,
    by,
    name: str,
    country: str = "",
    sites: list[str] | None = None,
    languages: list[str] | None = None,
    seats: int | None = None,
    certifications: list[str] | None = None,
    contact_email: str = "",
) -> Vendor:
    name = name.strip()
    check_vendor_name(name)
    check_names(sites or [], field=_("The delivery sites"), key="sites")
    check_names(languages or [], field=_("The languages"), key="languages")
    check_names(certifications or [], field=_("The certifications"), key="certifications")
    if Vendor.objects.filter(name__iexact=name).exists():
        raise ValidationError(
            {"name": _("A company called %(name)s already exists; pick it from the list.") % {"name": name}}
        )
    vendor = Vendor(
        name=name,
        slug=_unique_slug(name),
        country=country.strip(),
        sites=sites or [],
        languages=languages or [],
        seats=seats,
        certifications=certifications or [],
        contact_email=contact_email,
    )
    vendor.full_clean()
    vendor.save()
    audit_log(action="vendor.created", actor=by, obj=vendor, after=snapshot(vendor, ["name", "country", "seats"]))
    return vendor


def invitation_create(*, rfp: RFP, vendor: Vendor, email: str, by) -> Invitation:
    """Invite a company to an open RFP and e-mail its contact a link to join."""
    require_open(rfp)
    if Invitation.objects.filter(rfp=rfp, vendor=vendor).exists():
        raise ValidationError(_("%(vendor)s is already invited to this RFP.") % {"vendor": vendor.name})
    invitation = Invitation(rfp=rfp, vendor=vendor, email=email.strip().lower(), invited_by=by)
    invitation.full_clean()
    invitation.save()
    audit_log(
        action="invitation.created",
        actor=by,
        rfp=rfp,
        obj=invitation,
        after={"vendor": vendor.name, "email": invitation.email},
    )
    send_invitation(invitation=invitation)
    return invitation


def send_invitation(*, invitation: Invitation) -> None:
    send_templated(
        template="invitation",
        to=[invitation.email],
        context={
            "invitation": invitation,
            "rfp": invitation.rfp,
            "vendor": invitation.vendor,
            "join_url": absolute_url("vendors:join", token=invitation.token),
            "deadline": invitation.rfp.deadline,
        },
    )


def invitations_send_on_publish(*, rfp: RFP) -> int:
    """E-mail the invitations made while the RFP was a draft (a shortlist promoted into a new RFP
    invites its vendors before publication); they go out when the RFP opens."""
    pending = list(rfp.invitations.filter(status=InvitationStatus.PENDING).select_related("vendor", "rfp"))
    for invitation in pending:
        send_invitation(invitation=invitation)
    return len(pending)


def invitation_accept(*, invitation: Invitation, by) -> Invitation:
    if invitation.status == InvitationStatus.DECLINED:
        raise ValidationError(_("Your company declined this invitation."))
    if invitation.status == InvitationStatus.PENDING:
        invitation.status = InvitationStatus.ACCEPTED
        invitation.responded_at = timezone.now()
        invitation.save(update_fields=["status", "responded_at"])
        audit_log(action="invitation.accepted", actor=by, rfp=invitation.rfp, obj=invitation)
    response_for_invitation(invitation=invitation)
    return invitation


def invitation_decline(*, invitation: Invitation, reason: str, by) -> Invitation:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Tell the buyer why you decline; it helps them plan.")})
    check_text(reason, limit=REASON_MAX, field=_("The reason"), key="reason")
    if invitation.status == InvitationStatus.DECLINED:
        raise ValidationError(_("Your company has already declined this invitation."))
    if Response.objects.filter(rfp=invitation.rfp, vendor=invitation.vendor, status=ResponseStatus.SUBMITTED).exists():
        raise ValidationError(_("Your company has submitted a response; reopen it before declining."))
    before = snapshot(invitation, ["status"])
    invitation.status = InvitationStatus.DECLINED
    invitation.decline_reason = reason
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "decline_reason", "responded_at"])
    audit_log(
        action="invitation.declined",
        actor=by,
        rfp=invitation.rfp,
        obj=invitation,
        before=before,
        after={"status": invitation.status, "reason": invitation.decline_reason},
        message=invitation.decline_reason,
    )
    return invitation


@transaction.atomic
def vendor_user_join(
    *, invitation: Invitation, first_name: str, last_name: str, password: str, time_zone: str = "UTC"
) -> User:
    """A new contact sets a password and joins the invited company; the user name is the e-mail."""
    email = invitation.email.lower()
    if User.objects.filter(username__iexact=email).exists():
        raise ValidationError(_("An account for %(email)s already exists: log in to accept.") % {"email": email})
    first_name, last_name = first_name.strip(), last_name.strip()
    check_person_names(first_name=first_name, last_name=last_name)
    user = User(
        username=email,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=Role.VENDOR,
        company=invitation.vendor,
        timezone=time_zone,
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_log(action="vendor_user.joined", actor=user, rfp=invitation.rfp, obj=user, after={"username": email})
    invitation_accept(invitation=invitation, by=user)
    return user


def colleague_add(*, company: Vendor, email: str, first_name: str, last_name: str, by) -> User:
    """A bid manager brings a colleague into the company's account: the colleague gets an e-mail
    with a one-time link to choose a password, and then works on every response of the company."""
    email = email.strip().lower()
    if User.objects.filter(username__iexact=email).exists() or User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("%(email)s already has an account.") % {"email": email}})
    first_name, last_name = first_name.strip(), last_name.strip()
    check_person_names(first_name=first_name, last_name=last_name)
    user = User(
        username=email,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=Role.VENDOR,
        company=company,
        timezone=by.timezone,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_log(action="vendor_user.added", actor=by, obj=user, after={"username": email, "company": company.name})
    send_colleague_welcome(user=user, by=by)
    return user


def send_colleague_welcome(*, user: User, by) -> None:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    send_templated(
        template="colleague_welcome",
        to=[user.email],
        context={
            "user": user,
            "by": by,
            "company": user.company,
            "url": absolute_url(
                "vendors:welcome",
                uidb64=urlsafe_base64_encode(force_bytes(user.pk)),
                token=default_token_generator.make_token(user),
            ),
        },
    )


def response_for_invitation(*, invitation: Invitation) -> Response:
    """The company's response to the RFP, started on first visit."""
    response, _created = Response.objects.select_related("rfp", "vendor").get_or_create(
        rfp=invitation.rfp, vendor=invitation.vendor
    )
    return response


# --- answers -----------------------------------------------------------------------------------------


def answer_save(*, response: Response, question: Question, raw, comment: str = "", version: int, by) -> Answer:
    """Save one answer if the form was loaded with its current version.

    Raises ResponseClosed / ResponseLocked / ValidationError (a bad value) / AnswerConflict; in each
    case nothing is written. Saving the same content again is a no-op, so autosave on every pause
    does not churn versions. Autosaves are not audit-logged one by one: each submission stores a
    full snapshot, and the answer keeps who changed it last and when.
    """
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


# --- attachments -------------------------------------------------------------------------------------

ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "txt": "text/plain",
    "csv": "text/csv",
}
OFFICE_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"MZ", b"\x7fELF", b"GIF8", b"\xd0\xcf\x11\xe0")
BAD_NAME = re.compile(r"[\x00-\x1f\x7f/\\]|^\.|^[A-Za-z]:")


def file_name_problem(name: str) -> str:
    if not name or BAD_NAME.search(name) or ".." in name:
        return _("The file name %(name)r contains a path or control characters; rename the file and try again.") % {
            "name": name[:80]
        }
    # A direction control can disguise "report<U+202E>fdp.exe" as "reportexe.pdf".
    return name_problem(name, field=_("The file name"))


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def content_matches(extension: str, head: bytes, upload: UploadedFile) -> bool:
    """Does the file really hold what its extension says? Magic bytes, and for Office files the
    folder inside the zip (listing names only: nothing is extracted, so a zip bomb stays inert)."""
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension in OFFICE_FOLDERS:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        finally:
            upload.seek(0)
        return "[Content_Types].xml" in names and any(n.startswith(OFFICE_FOLDERS[extension]) for n in names)
    if extension in ("txt", "csv"):
        if b"\x00" in head or head.startswith(BINARY_MAGIC):
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # The sample may end inside a multi-byte character; anything earlier is a real failure.
            if error.start < len(head) - 4:
                try:
                    head.decode("cp1252")
                except UnicodeDecodeError:
                    return False
        return True
    return False


def upload_problems(upload: UploadedFile, name: str) -> list[str]:
    problem = file_name_problem(name)
    if problem:
        return [problem]
    extension = extension_of(name)
    if extension not in ALLOWED_TYPES:
        return [
            _("%(name)s: files of this type are not accepted. Upload %(types)s.")
            % {"name": name, "types": "PDF, Word, Excel, PowerPoint, PNG, JPEG, TXT, CSV"}
        ]
    if upload.size == 0:
        return [_("%(name)s is empty.") % {"name": name}]
    if upload.size > settings.MAX_UPLOAD_BYTES:
        return [
            _("%(name)s is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "name": name,
                "size": f"{upload.size / 1048576:.1f}",
                "limit": f"{settings.MAX_UPLOAD_BYTES / 1048576:.1f}",
            }
        ]
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if not content_matches(extension, head, upload):
        return [
            _("%(name)s does not look like a .%(ext)s file; its content does not match its name.")
            % {"name": name, "ext": extension}
        ]
    return []


@transaction.atomic
def attachment_add(
    *, response: Response, question: Question, upload: UploadedFile, by, name: str | None = None
) -> Attachment:
    """Store one file on the answer. `name` is the file name as the sender gave it (Django's upload
    parser already strips paths from web uploads; other channels pass the raw name to be checked)."""
    require_changeable(response)
    name = upload.name if name is None else name
    problems = upload_problems(upload, name)
    if problems:
        raise ValidationError(problems)
    answer, _created = Answer.objects.get_or_create(response=response, question=question)
    if answer.attachments.count() >= MAX_FILES_PER_ANSWER:
        raise ValidationError(_("At most %(n)s files per question.") % {"n": MAX_FILES_PER_ANSWER})
    attachment = Attachment(
        answer=answer,
        original_name=name,
        content_type=ALLOWED_TYPES[extension_of(name)],
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save("upload", upload, save=False)  # the stored name comes from attachment_path
    attachment.save()
    _sync_file_answer(answer=answer, by=by)
    audit_log(
        action="attachment.added",
        actor=by,
        rfp=response.rfp,
        obj=attachment,
        after={"question": question.key, "name": attachment.original_name, "size": attachment.size},
    )
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, by) -> None:
    answer = attachment.answer
    require_changeable(answer.response)
    before = {"question": answer.question.key, "name": attachment.original_name}
    stored = attachment.file.name
    attachment.delete()
    # Remove the stored file only once the row is really gone.
    transaction.on_commit(lambda: attachment.file.storage.delete(stored))
    _sync_file_answer(answer=answer, by=by)
    audit_log(action="attachment.deleted", actor=by, rfp=answer.response.rfp, obj=answer, before=before)


def _sync_file_answer(*, answer: Answer, by) -> None:
    """A file question counts as answered while it has at least one file. The version stays: files
    are added one by one and never overwrite a colleague's work, and bumping it would make the open
    comment box conflict with its own page."""
    if answer.question.type != QuestionType.FILE:
        return
    names = list(answer.attachments.order_by("uploaded_at", "id").values_list("original_name", flat=True))
    state, value = clean_answer(answer.question, "; ".join(names)) if names else (AnswerState.BLANK, None)
    Answer.objects.filter(pk=answer.pk).update(state=state, value=value, updated_by=by, updated_at=timezone.now())


# --- submission --------------------------------------------------------------------------------------


def response_submit(*, response: Response, by) -> Submission:
    """Freeze the answers as a numbered submission; refused while a required answer is missing."""
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


# --- clarifications ----------------------------------------------------------------------------------


def clarification_ask(*, rfp: RFP, vendor: Vendor, by, text: str, question: Question | None = None) -> Clarification:
    require_open(rfp)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write your question.")})
    check_text(text, limit=QUESTION_TEXT_MAX, field=_("The question"), key="text")
    if question is not None and question.section.rfp_id != rfp.pk:
        raise ValidationError({"question": _("That question is not part of this RFP.")})
    clarification = Clarification.objects.create(rfp=rfp, vendor=vendor, asked_by=by, question=question, text=text)
    audit_log(
        action="clarification.asked",
        actor=by,
        rfp=rfp,
        obj=clarification,
        after={"vendor": vendor.name, "question": question.key if question else None},
    )
    send_templated(
        template="clarification_asked",
        to=selectors.procurement_addresses(rfp),
        context={
            "rfp": rfp,
            "clarification": clarification,
            "url": absolute_url("vendors:buyer_clarifications", ref=rfp.reference),
        },
    )
    return clarification


def clarification_answer(*, clarification: Clarification, text: str, answer: str, publish: bool, by) -> Clarification:
    """Answer a vendor's question, optionally rewording it so that it names no one, and publish it
    to every invited vendor. A published clarification stays published."""
    text, answer = text.strip(), answer.strip()
    if not text:
        raise ValidationError({"text": _("The question cannot be empty.")})
    check_text(text, limit=QUESTION_TEXT_MAX, field=_("The question"), key="text")
    check_text(answer, limit=LONG_TEXT_MAX, field=_("The answer"), key="answer")
    if publish and not answer:
        raise ValidationError({"answer": _("Write an answer before publishing.")})
    before = snapshot(clarification, ["text", "answer", "published_at"])
    newly_published = publish and clarification.published_at is None
    clarification.text = text
    clarification.answer = answer
    clarification.answered_by = by if answer else clarification.answered_by
    if newly_published:
        clarification.published_at = timezone.now()
    clarification.save(update_fields=["text", "answer", "answered_by", "published_at"])
    audit_log(
        action="clarification.published" if newly_published else "clarification.answered",
        actor=by,
        rfp=clarification.rfp,
        obj=clarification,
        before=before,
        after=snapshot(clarification, ["text", "answer", "published_at"]),
    )
    if newly_published:
        rfp = clarification.rfp
        send_templated(
            template="clarification_published",
            to=selectors.notification_addresses(rfp),
            context={
                "rfp": rfp,
                "clarification": clarification,
                "url": absolute_url("vendors:clarifications", ref=rfp.reference),
            },
        )
    return clarification


# --- addenda -----------------------------------------------------------------------------------------


def choices_from_labels(labels: list[str], old: list[dict]) -> list[dict]:
    """New choice list from labels, keeping the points of labels that already existed."""
    points = {c["label"]: c.get("points") for c in old}
    return [{"label": label, "points": points.get(label)} for label in labels]


def _choice_labels_problem(question_type: str, labels: list[str]) -> str:
    if question_type not in CHOICE_TYPES:
        return ""
    if question_type == QuestionType.YES_NO:
        return ""
    if len(labels) < 2:
        return _("A choice question needs at least two choices, one per line.")
    if len({label.casefold() for label in labels}) != len(labels):
        return _("Each choice must be different.")
    return ""


def _issue_addendum(*, rfp: RFP, by, summary: str, changes: list[dict]) -> Addendum:
    number = (Addendum.objects.filter(rfp=rfp).aggregate(m=Max("number"))["m"] or 0) + 1
    addendum = Addendum.objects.create(rfp=rfp, number=number, summary=summary, changes=changes, created_by=by)
    RFP.objects.filter(pk=rfp.pk).update(questionnaire_version=F("questionnaire_version") + 1)
    rfp.refresh_from_db(fields=["questionnaire_version"])
    audit_log(
        action="addendum.issued",
        actor=by,
        rfp=rfp,
        obj=addendum,
        before={"questionnaire_version": rfp.questionnaire_version - 1},
        after={"questionnaire_version": rfp.questionnaire_version, "number": number, "changes": changes},
        message=summary,
    )
    return addendum


def _notify_addendum(addendum: Addendum) -> None:
    rfp = addendum.rfp
    send_templated(
        template="addendum_issued",
        to=selectors.notification_addresses(rfp),
        context={"rfp": rfp, "addendum": addendum, "url": absolute_url("vendors:rfp", ref=rfp.reference)},
    )


def _require_summary(summary: str) -> str:
    summary = summary.strip()
    if not summary:
        raise ValidationError({"summary": _("Say what changed and why; every invited vendor reads it.")})
    check_text(summary, limit=QUESTION_TEXT_MAX, field=_("The summary"), key="summary")
    return summary


def addendum_edit_question(
    *, rfp: RFP, question: Question, by, summary: str, text: str, guidance: str, choices: list[str] | None = None
) -> Addendum:
    """Change one question's wording, guidance or choice labels on an open RFP."""
    require_open(rfp)
    summary = _require_summary(summary)
    if question.section.rfp_id != rfp.pk:
        raise ValidationError(_("That question is not part of this RFP."))
    new = {"text": text.strip(), "guidance": guidance.strip()}
    if not new["text"]:
        raise ValidationError({"text": _("The question text cannot be empty.")})
    if choices is not None and question.type in CHOICE_TYPES and question.type != QuestionType.YES_NO:
        problem = _choice_labels_problem(question.type, choices)
        if problem:
            raise ValidationError({"choices": problem})
        new["choices"] = choices_from_labels(choices, question.choices)
    refuse_problems(question_text_problems(new))
    changes = []
    for name, value in new.items():
        old = getattr(question, name)
        if name == "choices":
            before, after = [c["label"] for c in old], [c["label"] for c in value]
        else:
            before, after = old, value
        if before != after:
            changes.append(
                {
                    "action": "edit",
                    "question_id": question.pk,
                    "question": question.key,
                    "section": question.section.title,
                    "field": name,
                    "before": before,
                    "after": after,
                }
            )
    if not changes:
        raise ValidationError(_("Nothing changed: edit the text, the guidance or the choices."))
    with transaction.atomic():
        for name, value in new.items():
            setattr(question, name, value)
        question.full_clean()
        question.save(update_fields=list(new))
        addendum = _issue_addendum(rfp=rfp, by=by, summary=summary, changes=changes)
    _notify_addendum(addendum)
    return addendum


def addendum_add_question(
    *,
    rfp: RFP,
    section: Section,
    by,
    summary: str,
    text: str,
    type: str,
    guidance: str = "",
    choices: list[str] | None = None,
    required: bool = True,
    unit: str = "",
    word_limit: int | None = None,
) -> Addendum:
    """Add a question at the end of a section of an open RFP. Evaluators score it by hand."""
    require_open(rfp)
    summary = _require_summary(summary)
    if section.rfp_id != rfp.pk:
        raise ValidationError(_("That section is not part of this RFP."))
    labels = ["Yes", "No"] if type == QuestionType.YES_NO else (choices or [])
    problem = _choice_labels_problem(type, labels)
    if problem:
        raise ValidationError({"choices": problem})
    existing = set(Question.objects.filter(section__rfp=rfp).values_list("key", flat=True))
    number = section.questions.count() + 1
    while f"{section.key}-{number:02d}"[:40] in existing:
        number += 1
    question = Question(
        section=section,
        key=f"{section.key}-{number:02d}"[:40],
        text=text.strip(),
        type=type,
        guidance=guidance.strip(),
        required=required,
        unit=unit.strip(),
        word_limit=word_limit,
        choices=choices_from_labels(labels, []) if type in CHOICE_TYPES else [],
        order=(section.questions.aggregate(m=Max("order"))["m"] or 0) + 1,
    )
    refuse_problems(question_text_problems(question_as_dict(question)))
    question.full_clean()
    change = {
        "action": "add",
        "question": question.key,
        "section": section.title,
        "field": "question",
        "before": None,
        "after": question.text,
    }
    with transaction.atomic():
        question.save()
        change["question_id"] = question.pk
        addendum = _issue_addendum(rfp=rfp, by=by, summary=summary, changes=[change])
    _notify_addendum(addendum)
    return addendum


def addenda_acknowledge(*, invitation: Invitation, by) -> Invitation:
    latest = Addendum.objects.filter(rfp_id=invitation.rfp_id).aggregate(m=Max("number"))["m"] or 0
    if latest <= invitation.addenda_acknowledged:
        return invitation
    before = {"addenda_acknowledged": invitation.addenda_acknowledged}
    invitation.addenda_acknowledged = latest
    invitation.save(update_fields=["addenda_acknowledged"])
    audit_log(
        action="addenda.acknowledged",
        actor=by,
        rfp=invitation.rfp,
        obj=invitation,
        before=before,
        after={"addenda_acknowledged": latest},
    )
    return invitation
