"""Writes of the vendor portal: invitations, answers, files, submissions, clarifications, addenda.

Every function takes keyword arguments, checks the state it needs on the server (the deadline above
all), validates before saving and logs what it changed. Refusals are ValidationErrors whose message
a bid manager or a procurement lead can act on; nothing is half-saved.

Every public name is importable from ``vendors.services``; the modules, by purpose:

* :mod:`.state`: ``require_open`` and ``require_changeable``, the checks every write makes first.
* :mod:`.invitations`: vendor companies, invitations, joining, colleagues, the response itself.
* :mod:`.answers`: saving an answer (autosave), submitting and reopening a response.
* :mod:`.attachments`: the checks of an uploaded file, adding and deleting files.
* :mod:`.clarifications`: vendors' questions and the buyer's published answers.
* :mod:`.addenda`: changes to the questionnaire of an open RFP, and their acknowledgement.
"""

from vendors.services.addenda import (
    addenda_acknowledge,
    addendum_add_question,
    addendum_edit_question,
    choices_from_labels,
)
from vendors.services.answers import AnswerConflict, answer_save, conflict_message, response_reopen, response_submit
from vendors.services.attachments import (
    ALLOWED_TYPES,
    BAD_NAME,
    BINARY_MAGIC,
    MAX_FILES_PER_ANSWER,
    OFFICE_FOLDERS,
    attachment_add,
    attachment_delete,
    content_matches,
    extension_of,
    file_name_problem,
    upload_problems,
)
from vendors.services.clarifications import clarification_answer, clarification_ask
from vendors.services.invitations import (
    colleague_add,
    invitation_accept,
    invitation_create,
    invitation_decline,
    invitations_send_on_publish,
    remind_before_deadlines,
    remind_pending,
    response_for_invitation,
    send_colleague_welcome,
    send_invitation,
    vendor_create,
    vendor_user_join,
)
from vendors.services.state import (
    ResponseClosed,
    ResponseLocked,
    local_datetime,
    open_entry,
    require_changeable,
    require_open,
)

__all__ = [
    "ALLOWED_TYPES",
    "BAD_NAME",
    "BINARY_MAGIC",
    "MAX_FILES_PER_ANSWER",
    "OFFICE_FOLDERS",
    "AnswerConflict",
    "ResponseClosed",
    "ResponseLocked",
    "addenda_acknowledge",
    "addendum_add_question",
    "addendum_edit_question",
    "answer_save",
    "attachment_add",
    "attachment_delete",
    "choices_from_labels",
    "clarification_answer",
    "clarification_ask",
    "colleague_add",
    "conflict_message",
    "content_matches",
    "extension_of",
    "file_name_problem",
    "invitation_accept",
    "invitation_create",
    "invitation_decline",
    "invitations_send_on_publish",
    "local_datetime",
    "open_entry",
    "remind_before_deadlines",
    "remind_pending",
    "require_changeable",
    "require_open",
    "response_for_invitation",
    "response_reopen",
    "response_submit",
    "send_colleague_welcome",
    "send_invitation",
    "upload_problems",
    "vendor_create",
    "vendor_user_join",
]
