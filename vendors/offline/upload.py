"""Reading an upload back: `check_workbook` finds every problem and every change and saves
nothing; `apply_workbook` checks again inside one transaction and saves all the changes or none.

The archive is inspected before anything is inflated (config.xlsx_safety), then read with
openpyxl, then every answer goes through `clean_answer`, the validator the online form uses."""

import datetime
import io
import logging
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.xlsx_safety import workbook_problems
from rfp.audit import audit_log
from rfp.models import Question, QuestionType
from vendors.answer_values import FORMULA_PREFIXES, clean_answer, clean_comment, display_value
from vendors.models import Answer, AnswerState, Response
from vendors.offline.common import (
    ANSWER_COL,
    ANSWER_READ_ONLY,
    ANSWERS_SHEET,
    COLUMN_IDS,
    COMMENT_COL,
    COMMENT_READ_ONLY,
    KEY_COL,
    KEY_SHEET,
    _answers_by_question,
    _Cell,
    _clean_text,
    _Current,
    _current,
    _digest,
    _normal,
    _round_entry,
    questions_in_order,
    refusal_reason,
    sheet_names,
)
from vendors.offline.key import KEY_QUESTIONS_ROW, _key_from_cells, _key_problems

# The package's name, as before it was split into modules.
logger = logging.getLogger("vendors.offline")


class WorkbookRefused(ValidationError):
    """The workbook cannot be applied; `check` holds every problem and what would have changed."""

    def __init__(self, check: "OfflineCheck"):
        super().__init__(check.problems)
        self.check = check


@dataclass(frozen=True)
class AnswerChange:
    question: Question
    row: int
    state: str
    value: Any
    comment: str
    before: str
    after: str
    comment_before: str
    comment_after: str

    @property
    def answer_changed(self) -> bool:
        return self.before != self.after

    @property
    def comment_changed(self) -> bool:
        return self.comment_before != self.comment_after


@dataclass
class OfflineCheck:
    """What an uploaded workbook would change, and everything wrong with it. Nothing is saved."""

    problems: list[str] = field(default_factory=list)
    changes: list[AnswerChange] = field(default_factory=list)
    unchanged: int = 0
    kept_online: list[str] = field(default_factory=list)
    refused: bool = False  # refused before reading (submitted, deadline passed, not open)

    @property
    def ok(self) -> bool:
        return not self.problems


# --- reading an upload ----------------------------------------------------------------------------


def _unguard(text: str) -> str:
    """Undo `excel_safe`: the quote it put before a formula character is not part of the answer."""
    if len(text) > 1 and text[0] == "'" and text[1] in "".join(FORMULA_PREFIXES):
        return text[1:]
    return text


def _archive_problems(content: bytes) -> list[str]:
    """Everything wrong with the archive itself, found before a single entry is inflated for real."""
    return workbook_problems(content, max_bytes=settings.MAX_UPLOAD_BYTES)


def _read_cells(sheet, max_row: int, max_col: int) -> list[list[_Cell]]:
    rows = []
    for cells in sheet.iter_rows(min_row=1, max_row=max_row, max_col=max_col):
        row = [
            _Cell(getattr(c, "value", None), getattr(c, "data_type", "n"), getattr(c, "number_format", "General"))
            for c in cells
        ]
        rows.append(row + [_Cell(None, "n", "General")] * (max_col - len(row)))
    return rows


def _read_workbook(content: bytes, max_answer_rows: int, max_key_rows: int) -> tuple[list[str], dict]:
    """The sheet names and the cells we read, or a ValueError when openpyxl cannot read the file."""
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False, keep_links=False)
    try:
        names = list(workbook.sheetnames)
        cells = {}
        answers = next((name for name in names if name in sheet_names(ANSWERS_SHEET)), None)
        if answers is not None:
            cells[ANSWERS_SHEET] = _read_cells(workbook[answers], max_answer_rows, len(COLUMN_IDS))
        if KEY_SHEET in names:
            cells[KEY_SHEET] = _read_cells(workbook[KEY_SHEET], max_key_rows, 5)
        return names, cells
    finally:
        workbook.close()


def _where(row: int, key: str | None = None) -> str:
    if key:
        return _("%(sheet)s, row %(row)s (%(key)s)") % {"sheet": _(ANSWERS_SHEET), "row": row, "key": key}
    return _("%(sheet)s, row %(row)s") % {"sheet": _(ANSWERS_SHEET), "row": row}


def _raw_value(cell: _Cell, where: str, column: str) -> tuple[Any, str | None]:
    """The value the vendor typed, or a problem: formulas and Excel errors are refused."""
    value = cell.value
    if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
        return None, _("%(where)s: the %(column)s is a formula; formulas are not accepted, type the value itself.") % {
            "where": where,
            "column": column,
        }
    if cell.data_type == "e":
        return None, _("%(where)s: the %(column)s shows the Excel error %(error)s.") % {
            "where": where,
            "column": column,
            "error": value,
        }
    if isinstance(value, str):
        value = _unguard(value)
    return value, None


def _typed(question: Question, cell: _Cell, raw: Any) -> Any:
    """Excel's idea of a value, turned into what the vendor meant."""
    is_number = isinstance(raw, (int, float)) and not isinstance(raw, bool)
    if question.type == QuestionType.PERCENTAGE and is_number and "%" in (cell.number_format or ""):
        # Typing "35%" makes Excel store 0.35 with a percent format.
        return round(raw * 100, 10)
    if question.type != QuestionType.DATE and isinstance(raw, datetime.datetime):
        return raw.date().isoformat() if raw.time() == datetime.time() else raw.isoformat(sep=" ")
    if question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT) and isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else str(raw)
    if isinstance(raw, str):
        return _clean_text(raw)
    return raw


def _comment_value(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return _clean_text(str(raw))


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _row_problems_and_changes(
    response: Response, rows: list[list[_Cell]], key: dict, questions: dict[int, Question], check: OfflineCheck
) -> None:
    answers = _answers_by_question(response)
    signed = {row[1]: row for row in key["payload"]["questions"]}
    header = [_cell_text(cell.value) for cell in rows[0]] if rows else []
    if header != [_cell_text(title) for title in key["payload"]["columns"]]:
        check.problems.append(
            _("The columns of the %(sheet)s sheet were moved or renamed; download a fresh workbook.")
            % {"sheet": _(ANSWERS_SHEET)}
        )
        return
    seen: set[str] = set()
    for row_number, row in enumerate(rows[1:], start=2):
        key_text = _cell_text(row[KEY_COL - 1].value)
        answer_cell, comment_cell = row[ANSWER_COL - 1], row[COMMENT_COL - 1]
        if not key_text:
            if answer_cell.value not in (None, "") or comment_cell.value not in (None, ""):
                check.problems.append(
                    _("%(where)s: an answer without a question key. Do not change the Key column.")
                    % {"where": _where(row_number)}
                )
            continue
        where = _where(row_number, key_text)
        if key_text not in signed:
            check.problems.append(
                _("%(where)s: %(key)r is not a question of this questionnaire. Do not change the Key column.")
                % {"where": _where(row_number), "key": key_text[:40]}
            )
            continue
        if key_text in seen:
            check.problems.append(_("%(where)s: this question appears twice.") % {"where": where})
            continue
        seen.add(key_text)
        question_id, _key, version, digest, flags = signed[key_text]
        _row_change(
            question=questions[question_id],
            row_number=row_number,
            where=where,
            answer_cell=answer_cell,
            comment_cell=comment_cell,
            current=_current(answers.get(question_id)),
            exported=(version, digest, flags or 0),
            check=check,
        )
    for key_text in signed:
        if key_text not in seen:
            check.problems.append(
                _("%(sheet)s: the row of question %(key)s is missing. Do not delete rows.")
                % {"sheet": _(ANSWERS_SHEET), "key": key_text}
            )
    _refuse_outside_the_round(response, check)


def _refuse_outside_the_round(response: Response, check: OfflineCheck) -> None:
    """In a best-and-final round only the price and the sections the round opens may change."""
    entry = _round_entry(response)
    if entry is None:
        return
    from negotiation.selectors import may_revise, open_section_titles

    for change in check.changes:
        if not may_revise(entry.round, change.question):
            check.problems.append(
                _(
                    "Row %(row)s (%(key)s): this round lets you revise the price and: %(sections)s. "
                    "Leave this answer as it was."
                )
                % {
                    "row": change.row,
                    "key": change.question.key,
                    "sections": ", ".join(open_section_titles(entry.round)) or _("no other section"),
                }
            )


def _row_change(
    *,
    question: Question,
    row_number: int,
    where: str,
    answer_cell: _Cell,
    comment_cell: _Cell,
    current: _Current,
    exported: tuple[int, str, int],
    check: OfflineCheck,
) -> None:
    exported_version, exported_digest, flags = exported
    state, value, comment = current.state, current.value, current.comment
    problems = []
    if not flags & ANSWER_READ_ONLY:
        raw, problem = _raw_value(answer_cell, where, _("answer"))
        if problem:
            problems.append(problem)
        else:
            try:
                state, value = clean_answer(question, _typed(question, answer_cell, raw))
            except ValidationError as error:
                problems.append(f"{where}: {' '.join(error.messages)}")
    if not flags & COMMENT_READ_ONLY:
        raw, problem = _raw_value(comment_cell, where, _("comment"))
        if problem:
            problems.append(problem)
        else:
            try:
                comment = clean_comment(_comment_value(raw))
            except ValidationError as error:
                problems.append(f"{where}: {' '.join(error.messages)}")
    if problems:
        check.problems.extend(problems)
        return
    new = _normal(question, state, value, comment)
    if new == _normal(question, current.state, current.value, current.comment):
        check.unchanged += 1
        return
    if current.version != exported_version:
        # Someone saved this answer after the workbook was made.
        if _digest(question, state, value, comment) == exported_digest:
            check.kept_online.append(question.key)  # the vendor left it alone here: keep the newer one
            check.unchanged += 1
            return
        check.problems.append(
            _(
                "%(where)s: this answer was changed online after the workbook was downloaded (it is now "
                "%(current)r). Download a fresh workbook, or change this answer online."
            )
            % {"where": where, "current": display_value(current.value)[:60]}
        )
        return
    check.changes.append(
        AnswerChange(
            question=question,
            row=row_number,
            state=state,
            value=value,
            comment=comment,
            before=_shown(current.state, current.value),
            after=_shown(state, value),
            comment_before=_clean_text(current.comment),
            comment_after=comment,
        )
    )


def _shown(state: str, value: Any) -> str:
    if state == AnswerState.NOT_APPLICABLE:
        return _("N/A")
    return display_value(value)


def check_workbook(*, response: Response, content: bytes) -> OfflineCheck:
    """Everything wrong with an uploaded workbook and everything it would change. Saves nothing."""
    check = OfflineCheck()
    refusal = refusal_reason(response)
    if refusal:
        check.problems.append(refusal)
        check.refused = True
        return check
    check.problems += _archive_problems(content)
    if check.problems:
        return check
    questions = questions_in_order(response.rfp)
    by_id = {question.pk: question for question in questions}
    sections = len({question.section_id for question in questions})
    try:
        names, cells = _read_workbook(
            content,
            max_answer_rows=len(questions) + sections + 200,
            max_key_rows=KEY_QUESTIONS_ROW + len(questions) + 10,
        )
    except Exception:  # noqa: BLE001 - any failure of the parser on untrusted input means a bad file
        logger.info("An offline workbook could not be read", exc_info=True)
        check.problems.append(
            _("The workbook could not be read: it may be damaged. Open it in Excel, save it as .xlsx and retry.")
        )
        return check
    for sheet in (ANSWERS_SHEET, KEY_SHEET):
        if sheet not in cells:
            check.problems.append(_sheet_missing(sheet, names))
    if check.problems:
        return check
    key = _key_from_cells(cells[KEY_SHEET])
    check.problems += _key_problems(key, response, by_id)
    if check.problems:
        return check
    _row_problems_and_changes(response, cells[ANSWERS_SHEET], key, by_id, check)
    return check


def _sheet_missing(sheet: str, names: list[str]) -> str:
    if sheet == KEY_SHEET:
        return _(
            "This workbook was not made by Shortlist for this response (its hidden key sheet is missing). "
            "Download your workbook from the portal and enter your answers there."
        )
    visible = ", ".join(name for name in names if name != KEY_SHEET) or "-"
    return _("The sheet %(sheet)r is missing (was it renamed? The workbook has: %(names)s). Do not rename sheets.") % {
        "sheet": _(sheet),
        "names": visible,
    }


# --- applying -----------------------------------------------------------------------------------


def _locked_response(response: Response) -> Response:
    """The response row, locked for this transaction (created on the first save of a new response)."""
    if response.pk is None:
        response, _created = Response.objects.get_or_create(rfp=response.rfp, vendor=response.vendor)
    return Response.objects.select_for_update(of=("self",)).select_related("rfp", "vendor").get(pk=response.pk)


def apply_workbook(*, response: Response, content: bytes, by=None) -> OfflineCheck:
    """Check the workbook again and save every change in one transaction, or raise WorkbookRefused
    and save nothing. Returns the check (its `changes` are what was saved)."""
    with transaction.atomic():
        response = _locked_response(response)
        check = check_workbook(response=response, content=content)
        if check.problems:
            raise WorkbookRefused(check)
        if check.changes:
            _save_changes(response, check.changes, by)
    return check


def _save_changes(response: Response, changes: list[AnswerChange], by) -> None:
    entry = _round_entry(response)
    if entry is not None:
        _save_revisions(entry, changes, by)
        return
    now = timezone.now()
    existing = {a.question_id: a for a in Answer.objects.filter(response=response)}
    to_update, to_create = [], []
    before, after = {}, {}
    for change in changes:
        answer = existing.get(change.question.pk)
        if answer is None:
            answer = Answer(response=response, question=change.question)
            to_create.append(answer)
        else:
            to_update.append(answer)
        before[change.question.key] = {"answer": change.before, "comment": change.comment_before}
        after[change.question.key] = {"answer": change.after, "comment": change.comment_after}
        answer.state, answer.value, answer.comment = change.state, change.value, change.comment
        answer.version += 1
        answer.updated_by = by
        answer.updated_at = now
        answer.full_clean(exclude=["response", "question"], validate_unique=False, validate_constraints=False)
    Answer.objects.bulk_update(to_update, ["state", "value", "comment", "version", "updated_by", "updated_at"])
    Answer.objects.bulk_create(to_create)
    response.save(update_fields=["updated_at"])
    audit_log(
        action="response.offline_import",
        actor=by,
        rfp=response.rfp,
        obj=response,
        before=before,
        after=after,
        message=f"{len(changes)} answers changed from the offline workbook",
    )


def _save_revisions(entry, changes: list[AnswerChange], by) -> None:
    """A workbook sent during a best-and-final round revises the offer: the changes go to the
    round's revisions, which buyers read only once the round closes."""
    from negotiation.models import Revision

    now = timezone.now()
    answers = {a.question_id: a.version for a in Answer.objects.filter(response_id=entry.response_id)}
    existing = {r.question_id: r for r in Revision.objects.filter(participant=entry)}
    to_update, to_create = [], []
    for change in changes:
        revision = existing.get(change.question.pk)
        if revision is None:
            revision = Revision(participant=entry, question=change.question, version=answers.get(change.question.pk, 0))
            to_create.append(revision)
        else:
            to_update.append(revision)
        revision.state, revision.value, revision.comment = change.state, change.value, change.comment
        revision.version, revision.updated_by, revision.updated_at = revision.version + 1, by, now
    Revision.objects.bulk_update(to_update, ["state", "value", "comment", "version", "updated_by", "updated_at"])
    Revision.objects.bulk_create(to_create)
    audit_log(
        action="round.offline_revision",
        actor=by,
        rfp=entry.response.rfp,
        obj=entry,
        after={"round": entry.round.number, "questions": [change.question.key for change in changes]},
        message=f"{len(changes)} answers revised from the offline workbook",
    )
