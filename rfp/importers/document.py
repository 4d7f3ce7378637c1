"""The questionnaire document: `parse_json` reads a JSON file into one, `document_problems` checks
one however it was read (from JSON or from a workbook), and `rfp_fields` turns its "rfp" part into
the settings of the new RFP."""

import datetime
import json
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext as _

from rfp.deadlines import DEFAULT_DEADLINE_DAYS, default_deadline  # noqa: F401 - part of this module's names
from rfp.exporters import FORMAT_NAME, FORMAT_VERSION, RFP_META_FIELDS
from rfp.importers.common import ImportProblems, _is_number, _refuse_constant, _string_problem, _strings_in
from rfp.models import RFP, Kind, Question, Section
from rfp.questionnaire import (
    QUESTION_FIELDS,
    SECTION_FIELDS,
    question_model_fields,
    questionnaire_problems,
    rfp_text_problems,
    section_label,
    section_model_fields,
)


def rfp_fields(document: dict, *, title: str | None, deadline: datetime.datetime) -> dict:
    """RFP settings from the document's "rfp" part (only the known fields, never a status)."""
    meta = document.get("rfp") or {}
    fields: dict[str, Any] = {}
    for name in RFP_META_FIELDS:
        value = meta.get(name)
        if value is None:
            continue
        fields[name] = Decimal(str(value)) if name == "technical_pass_mark" else value
    fields["title"] = (title or "").strip() or str(meta.get("title") or "").strip() or _("Imported questionnaire")
    fields["deadline"] = deadline
    return fields


def validation_messages(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    for name, errors in error.message_dict.items():
        try:
            label = str(RFP._meta.get_field(name).verbose_name).capitalize()
        except FieldDoesNotExist:  # a non-field error: the messages speak for themselves
            label = ""
        messages += [f"{label}: {message}" if label else message for message in errors]
    return messages


# --- JSON -----------------------------------------------------------------------------------------


def parse_json(content: bytes) -> Any:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblems([_("The file is not UTF-8 text, so it cannot be JSON.")]) from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise ImportProblems(
            [
                _("The file is not valid JSON: %(error)s at line %(line)s, column %(column)s.")
                % {"error": error.msg, "line": error.lineno, "column": error.colno}
            ]
        ) from None
    except (ValueError, RecursionError) as error:
        raise ImportProblems([_("The file is not valid JSON: %(error)s.") % {"error": str(error)[:200]}]) from None


# --- the document's shape, before questionnaire_problems reads it --------------------------------

STRING_FIELDS = {"key", "text", "type", "title"}
OPTIONAL_STRING_FIELDS = {"description", "risk_area", "kind", "guidance", "unit", "knockout_reason", "benchmark"}
BOOL_FIELDS = {"required", "scored", "price"}
NUMBER_FIELDS = {"weight"}
OBJECT_FIELDS = {"rubric", "auto_rule", "knockout"}


def _field_problem(name: str, value: Any) -> str | None:
    """What is wrong with the type of one section or question field, or None."""
    if name in STRING_FIELDS and not isinstance(value, str):
        return _("must be text")
    if name in OPTIONAL_STRING_FIELDS and value is not None and not isinstance(value, str):
        return _("must be text")
    if name in BOOL_FIELDS and value is not None and not isinstance(value, bool):
        return _("must be true or false")
    if name in NUMBER_FIELDS and value is not None and not _is_number(value):
        return _("must be a number")
    if name == "word_limit" and value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        return _("must be a whole number")
    if name in OBJECT_FIELDS and value is not None and not isinstance(value, dict):
        return _("must be an object")
    if name == "choices":
        return _choices_problem(value)
    if name == "rubric" and value is not None and not all(isinstance(v, str) for v in value.values()):
        return _("levels must be text")
    for text in _strings_in(value):
        if problem := _string_problem(text):
            return problem
    return None


def _choices_problem(choices: Any) -> str | None:
    if choices is None:
        return None
    if not isinstance(choices, list) or not all(isinstance(c, dict) for c in choices):
        return _("must be a list of objects with a label and points")
    for choice in choices:
        if set(choice) - {"label", "points"} or not isinstance(choice.get("label"), str):
            return _("each choice has a text label and optional points, nothing else")
        points = choice.get("points")
        if points is not None and not (_is_number(points) and 0 <= points <= 5):
            return _("choice points must be a number from 0 to 5")
    return None


def _shape_problems(sections: Any) -> list[str]:
    if not isinstance(sections, list):
        return [_("The file holds no list of sections.")]
    problems = []
    for s_index, section in enumerate(sections, start=1):
        if not isinstance(section, dict):
            problems.append(_("Section %(n)s is not an object.") % {"n": s_index})
            continue
        label = section_label(s_index, section)
        problems += _object_problems(label, section, SECTION_FIELDS + ["questions"], required=["key", "title"])
        questions = section.get("questions") or []
        if not isinstance(questions, list):
            problems.append(_("%(label)s: questions must be a list.") % {"label": label})
            continue
        for q_index, question in enumerate(questions, start=1):
            if not isinstance(question, dict):
                problems.append(_("%(label)s, question %(n)s is not an object.") % {"label": label, "n": q_index})
                continue
            q_label = _("%(label)s, question %(q)s") % {"label": label, "q": question.get("key") or q_index}
            problems += _object_problems(q_label, question, QUESTION_FIELDS, required=["key", "text", "type"])
    return problems


def _object_problems(label: str, data: dict, allowed: list[str], required: list[str]) -> list[str]:
    problems = []
    for name in required:
        if not isinstance(data.get(name), str) or not data[name].strip():
            problems.append(_("%(label)s: %(field)s is missing.") % {"label": label, "field": name})
    for name, value in data.items():
        if name not in allowed:
            problems.append(_("%(label)s: unknown field %(field)r.") % {"label": label, "field": name})
        elif name == "questions" or (name in required and not isinstance(value, str)):
            continue  # questions are checked one by one; a missing required field is reported above
        elif problem := _field_problem(name, value):
            problems.append(
                _("%(label)s: %(field)s %(problem)s.") % {"label": label, "field": name, "problem": problem}
            )
    return problems


def _header_problems(document: dict) -> list[str]:
    if "format" not in document:
        return []  # plain questionnaire data, like the shipped bank file
    if document["format"] != FORMAT_NAME:
        return [
            _("This is not a Shortlist questionnaire file (its format is %(format)r).")
            % {"format": str(document["format"])[:60]}
        ]
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return [_("The file's format version is missing or not a whole number.")]
    if version > FORMAT_VERSION:
        return [
            _("The file was made by a newer Shortlist (format version %(version)s); update this one first.")
            % {"version": version}
        ]
    return []


META_TYPES = {
    "kind": str,
    "title": str,
    "buyer": str,
    "summary": str,
    "hours": str,
    "sites": str,
    "currency": str,
    "channels": list,
    "languages": list,
    "language": str,
    "yearly_volumes": dict,
    "sealed": bool,
    "two_envelope": bool,
}


def _meta_problems(meta: Any) -> list[str]:
    if meta is None:
        return []
    if not isinstance(meta, dict):
        return [_("The RFP details must be an object.")]
    problems = []

    def add(name: str, problem: str) -> None:
        problems.append(_("RFP details, %(field)s: %(problem)s.") % {"field": name, "problem": problem})

    for name, value in meta.items():
        if name not in RFP_META_FIELDS:
            add(name, _("unknown field"))
        elif value is None:
            continue
        elif name == "technical_pass_mark":
            if not _is_number(value) or not 0 <= value <= 100:
                add(name, _("must be a number from 0 to 100"))
        elif not isinstance(value, META_TYPES[name]):
            add(name, _("has the wrong type"))
        elif name in ("channels", "languages") and not all(isinstance(v, str) for v in value):
            add(name, _("must be a list of text"))
        elif name == "yearly_volumes" and not all(_is_number(v) and v >= 0 for v in value.values()):
            add(name, _("each volume must be a number of zero or more"))
        elif name == "kind" and value not in Kind.values:
            add(name, _("must be RFI or RFP"))
        elif name == "language" and value not in dict(settings.LANGUAGES):
            add(name, _("must be one of %(codes)s") % {"codes": ", ".join(dict(settings.LANGUAGES))})
        elif problem := next(filter(None, map(_string_problem, _strings_in(value))), None):
            add(name, problem)
    if not problems:
        problems += [_("RFP details, %(problem)s") % {"problem": p} for p in rfp_text_problems(meta).values()]
    if not problems:
        problems += _meta_model_problems(meta)
    return problems


def _meta_model_problems(meta: dict) -> list[str]:
    fields = rfp_fields({"rfp": meta}, title=None, deadline=default_deadline())
    try:
        RFP(reference="IMPORT-CHECK", **fields).full_clean(
            exclude=["created_by", "source_rfp"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        return [_("RFP details, %(problem)s") % {"problem": message} for message in validation_messages(error)]
    return []


def _model_problems(document: dict) -> list[str]:
    """Limits the database holds (slug keys, text lengths) that the questionnaire checks leave out."""
    problems = []
    for s_index, data in enumerate(document["sections"], start=1):
        label = section_label(s_index, data)
        problems += _full_clean_problems(label, Section(**section_model_fields(data)), exclude=["rfp"])
        for question in data.get("questions") or []:
            q_label = _("%(label)s, question %(q)s") % {"label": label, "q": question.get("key")}
            problems += _full_clean_problems(q_label, Question(**question_model_fields(question)), exclude=["section"])
    return problems


def _full_clean_problems(label: str, obj, exclude: list[str]) -> list[str]:
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return [
            _("%(label)s: %(field)s: %(message)s") % {"label": label, "field": name, "message": message}
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def document_problems(document: Any) -> list[str]:
    """Every problem with a questionnaire document; empty when it can be imported."""
    if not isinstance(document, dict):
        return [_("The file holds no questionnaire: expected an object with a list of sections.")]
    problems = _header_problems(document) + _meta_problems(document.get("rfp"))
    problems += _shape_problems(document.get("sections"))
    if problems:
        return problems
    # Types are sound from here on, which questionnaire_problems and the model helpers rely on.
    problems = questionnaire_problems(document)
    if problems:
        return problems
    return _model_problems(document)
