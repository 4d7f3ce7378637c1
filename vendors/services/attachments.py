"""Files attached to answers: the checks of an upload (its name, type and size, and content that
matches its extension) and adding or deleting a file, which keeps a file question's answer in
step with its files."""

import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.text_rules import name_problem
from rfp.audit import audit_log
from rfp.models import Question, QuestionType
from vendors.answer_values import clean_answer
from vendors.models import Answer, AnswerState, Attachment, Response
from vendors.services.state import require_changeable

MAX_FILES_PER_ANSWER = 10


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
