"""The workbook's very hidden "_key" sheet: written with the workbook, read back from an upload.

It names the RFP, the vendor, the questionnaire version and, per question, the answer version, a
digest of the answer as exported and its read-only flags, all signed with the SECRET_KEY
(`salted_hmac`), so that an upload whose key was edited is refused as tampered."""

import json
from typing import Any

from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from rfp.models import Question
from vendors.models import Response
from vendors.offline.common import _Cell, _safe_text, column_titles

KEY_FORMAT = 1
KEY_SALT = "vendors.offline.workbook"
KEY_QUESTIONS_ROW = 10  # the first question row on the key sheet


def _key_payload(response: Response, key_rows: list[list]) -> dict:
    return {
        "format": KEY_FORMAT,
        "rfp": response.rfp.reference,
        "vendor": response.vendor.slug,
        "version": response.rfp.questionnaire_version,
        "columns": column_titles(),
        "questions": key_rows,
    }


def _signature(payload: dict) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return salted_hmac(KEY_SALT, canonical, algorithm="sha256").hexdigest()


def _write_key(sheet, payload: dict) -> None:
    sheet.cell(row=1, column=1).value = "Shortlist offline workbook key: do not edit."
    fields = [
        ("format", payload["format"]),
        ("rfp", payload["rfp"]),
        ("vendor", payload["vendor"]),
        ("questionnaire_version", payload["version"]),
        ("columns", json.dumps(payload["columns"])),
        ("signature", _signature(payload)),
    ]
    for row, (name, value) in enumerate(fields, start=2):
        sheet.cell(row=row, column=1).value = name
        _write_plain(sheet.cell(row=row, column=2), value)
    for column, name in enumerate(("question_id", "key", "answer_version", "digest", "flags"), start=1):
        sheet.cell(row=KEY_QUESTIONS_ROW - 1, column=column).value = name
    for row, values in enumerate(payload["questions"], start=KEY_QUESTIONS_ROW):
        for column, value in enumerate(values, start=1):
            _write_plain(sheet.cell(row=row, column=column), value)
    sheet.protection.sheet = True
    sheet.sheet_state = "veryHidden"


def _write_plain(cell, value: Any) -> None:
    if isinstance(value, str):
        _safe_text(cell, value)
    else:
        cell.value = value


def _key_from_cells(rows: list[list[_Cell]]) -> dict | None:
    """The key payload and its signature as found on the sheet; None when it is not shaped like one."""

    def value(row: int, column: int = 2) -> Any:
        return rows[row - 1][column - 1].value if len(rows) >= row else None

    try:
        columns = json.loads(value(6) or "null")
        payload = {
            "format": value(2),
            "rfp": value(3),
            "vendor": value(4),
            "version": value(5),
            "columns": columns,
            "questions": [],
        }
        for row in rows[KEY_QUESTIONS_ROW - 1 :]:
            if row[0].value is None:
                break
            payload["questions"].append([cell.value for cell in row[:5]])
        return {"payload": payload, "signature": str(value(7) or "")}
    except (ValueError, TypeError, IndexError):
        return None


def _key_problems(key: dict | None, response: Response, questions: dict[int, Question]) -> list[str]:
    tampered = _(
        "The workbook's hidden key has been changed, so its answers cannot be trusted. Download a fresh "
        "workbook and enter your answers there."
    )
    if key is None:
        return [tampered]
    payload = key["payload"]
    if not constant_time_compare(_signature(payload), key["signature"]):
        return [tampered]
    if payload["format"] != KEY_FORMAT:
        return [_("This workbook was made by an older version of Shortlist. Download a fresh workbook.")]
    rfp = response.rfp
    if payload["rfp"] != rfp.reference:
        return [
            _("This workbook is for %(other)s, not for %(ref)s. Upload it on that RFP's page.")
            % {"other": payload["rfp"], "ref": rfp.reference}
        ]
    if payload["vendor"] != response.vendor.slug:
        return [_("This workbook was made for another vendor company; download your own workbook.")]
    if payload["version"] != rfp.questionnaire_version:
        return [
            _(
                "This workbook is for version %(old)s of the questionnaire, which is now at version %(new)s "
                "(an addendum changed it). Download a fresh workbook and copy your answers across."
            )
            % {"old": payload["version"], "new": rfp.questionnaire_version}
        ]
    for question_id, key_text, *_rest in payload["questions"]:
        question = questions.get(question_id)
        if question is None or question.key != key_text:
            return [_("The questionnaire has changed since this workbook was made. Download a fresh workbook.")]
    return []
