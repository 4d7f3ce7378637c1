"""The vendor's offline Excel workbook: build it, read an upload back, check it, apply it.

A vendor can answer in Excel instead of the portal. The workbook is personalised for one RFP and
one vendor and carries a very hidden "_key" sheet, signed with the SECRET_KEY, that names the RFP,
the vendor, the questionnaire version and, per question, the answer version and a digest of the
answer as exported. The signature detects tampering; the per-question versions let an import
keep an answer a colleague changed online after the download instead of silently reverting it.

Uploads are untrusted zip archives. `check_workbook` inspects the archive before inflating
anything (size, entry count, declared sizes, compression ratios, DOCTYPE/ENTITY declarations),
then reads it with openpyxl (which parses through defusedxml when it is installed, see
`openpyxl.xml.functions`), then checks every answer with `clean_answer`, the validator the online
form uses. It writes nothing. `apply_workbook` runs the same check again inside one transaction
and saves all the changes or none. The web upload and `import_response` both go through these two
functions, so both accept and refuse exactly the same files.

Every public name is importable from ``vendors.offline``; the modules, by purpose:

* :mod:`.common`: the sheet names and columns, the key's per-question flags, the questions in
  order and the digest of an answer, which the writer and the reader share.
* :mod:`.key`: the signed "_key" sheet, written and read back.
* :mod:`.export`: ``build_workbook``, the workbook a vendor downloads.
* :mod:`.upload`: ``check_workbook`` and ``apply_workbook``, an upload read, checked and saved.
* :mod:`.stash`: uploads kept until the vendor confirms them.
"""

from vendors.offline.common import (
    ANSWER_COL,
    ANSWER_READ_ONLY,
    ANSWERS_SHEET,
    COLUMN_IDS,
    COLUMN_WIDTHS,
    COMMENT_COL,
    COMMENT_READ_ONLY,
    EXCEL_CELL_LIMIT,
    INSTRUCTIONS_SHEET,
    KEY_COL,
    KEY_SHEET,
    LISTS_SHEET,
    XLSX_CONTENT_TYPE,
    column_titles,
    questions_in_order,
    refusal_reason,
    workbook_filename,
)
from vendors.offline.export import build_workbook
from vendors.offline.key import KEY_FORMAT, KEY_QUESTIONS_ROW, KEY_SALT
from vendors.offline.stash import STASH_DIR, STASH_MAX_AGE, drop_stash, read_stash, stash_upload
from vendors.offline.upload import AnswerChange, OfflineCheck, WorkbookRefused, apply_workbook, check_workbook

# tests/test_xlsx_safety.py compares the archive checks of both Excel imports through this name.
from vendors.offline.upload import _archive_problems as _archive_problems

__all__ = [
    "ANSWERS_SHEET",
    "ANSWER_COL",
    "ANSWER_READ_ONLY",
    "COLUMN_IDS",
    "COLUMN_WIDTHS",
    "COMMENT_COL",
    "COMMENT_READ_ONLY",
    "EXCEL_CELL_LIMIT",
    "INSTRUCTIONS_SHEET",
    "KEY_COL",
    "KEY_FORMAT",
    "KEY_QUESTIONS_ROW",
    "KEY_SALT",
    "KEY_SHEET",
    "LISTS_SHEET",
    "STASH_DIR",
    "STASH_MAX_AGE",
    "XLSX_CONTENT_TYPE",
    "AnswerChange",
    "OfflineCheck",
    "WorkbookRefused",
    "apply_workbook",
    "build_workbook",
    "check_workbook",
    "column_titles",
    "drop_stash",
    "questions_in_order",
    "read_stash",
    "refusal_reason",
    "stash_upload",
    "workbook_filename",
]
