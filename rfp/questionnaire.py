"""The questionnaire as plain data: the one format shared by the question bank file, the JSON and
Excel exports and imports, and copying questions between RFPs.

    {"sections": [{"key", "title", "description", "risk_area", "kind", "weight",
                   "questions": [{"key", "text", "type", "guidance", "required", "scored",
                                  "weight", "unit", "word_limit", "choices", "rubric",
                                  "auto_rule", "knockout", "knockout_reason", "benchmark",
                                  "price"}]}]}

`questionnaire_problems` checks such data before anything is saved and names each problem by
section and question, so that an import either saves all of it or nothing. The limits on what
the RFP, its sections and questions say (`rfp_text_problems`, `section_text_problems`,
`question_text_problems`) are checked here for every writer: the builder's forms and services,
addenda and imports; config.text_rules holds the limits themselves.
"""

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from config.text_rules import (
    LONG_TEXT_MAX,
    NAME_MAX,
    QUESTION_TEXT_MAX,
    TITLE_MAX,
    name_problem,
    names_problem,
    text_problem,
)
from rfp.models import CHOICE_TYPES, NUMERIC_TYPES, QuestionType, SectionKind
from scoring import engine

SECTION_FIELDS = ["key", "title", "description", "risk_area", "kind", "weight"]
QUESTION_FIELDS = [
    "key",
    "text",
    "type",
    "guidance",
    "required",
    "scored",
    "weight",
    "unit",
    "word_limit",
    "choices",
    "rubric",
    "auto_rule",
    "knockout",
    "knockout_reason",
    "benchmark",
    "price",
]
QUESTION_TYPES = {t.value for t in QuestionType}


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def section_as_dict(section, questions) -> dict:
    return {
        "key": section.key,
        "title": section.title,
        "description": section.description,
        "risk_area": section.risk_area,
        "kind": section.kind,
        "weight": float(section.weight),
        "questions": [question_as_dict(q) for q in questions],
    }


def question_as_dict(question) -> dict:
    return {
        "key": question.key,
        "text": question.text,
        "type": question.type,
        "guidance": question.guidance,
        "required": question.required,
        "scored": question.scored,
        "weight": float(question.weight),
        "unit": question.unit,
        "word_limit": question.word_limit,
        "choices": question.choices,
        "rubric": question.rubric,
        "auto_rule": question.auto_rule,
        "knockout": question.knockout,
        "knockout_reason": question.knockout_reason or None,
        "benchmark": question.benchmark or None,
        "price": question.is_price,
    }


def section_model_fields(data: dict) -> dict:
    return {
        "key": data["key"],
        "title": data["title"],
        "description": data.get("description") or "",
        "risk_area": data.get("risk_area") or data["key"],
        "kind": data.get("kind") or SectionKind.TECHNICAL,
        "weight": Decimal(str(data.get("weight") or 0)),
    }


def question_model_fields(data: dict) -> dict:
    return {
        "key": data["key"],
        "text": data["text"],
        "type": data["type"],
        "guidance": data.get("guidance") or "",
        "required": bool(data.get("required", True)),
        "scored": bool(data.get("scored", True)),
        "weight": Decimal(str(data.get("weight") or 1)),
        "unit": data.get("unit") or "",
        "word_limit": data.get("word_limit"),
        "choices": data.get("choices") or [],
        "rubric": data.get("rubric"),
        "auto_rule": data.get("auto_rule"),
        "knockout": data.get("knockout"),
        "knockout_reason": data.get("knockout_reason") or "",
        "benchmark": data.get("benchmark") or "",
        "is_price": bool(data.get("price", False)),
    }


SLUG = re.compile(r"[-a-zA-Z0-9_]{1,40}")


# --- what the texts may hold -------------------------------------------------------------------


def _found(problems: dict[str, str]) -> dict[str, str]:
    return {name: problem for name, problem in problems.items() if problem}


def _first(problems) -> str:
    return next(filter(None, problems), "")


def _text(data: dict, name: str) -> str:
    value = data.get(name)
    return value if isinstance(value, str) else ""


def rfp_text_problems(fields: dict) -> dict[str, str]:
    """{field: problem} for the RFP's title, buyer, summary and languages. Titles and names are
    read in every list and report: they refuse direction controls as well as excess length."""
    languages = fields.get("languages")
    return _found(
        {
            "title": name_problem(_text(fields, "title"), field=_("The title"), limit=TITLE_MAX),
            "buyer": name_problem(_text(fields, "buyer"), field=_("The buying organisation")),
            "summary": text_problem(_text(fields, "summary"), limit=LONG_TEXT_MAX, field=_("The summary")),
            "languages": names_problem(languages, field=_("The languages")) if isinstance(languages, list) else "",
        }
    )


def section_text_problems(data: dict) -> dict[str, str]:
    """{field: problem} for a section's title (a name: no direction controls) and description."""
    return _found(
        {
            "title": name_problem(_text(data, "title"), field=_("The section title"), limit=TITLE_MAX),
            "description": text_problem(
                _text(data, "description"), limit=QUESTION_TEXT_MAX, field=_("The section description")
            ),
        }
    )


def question_text_problems(q: dict) -> dict[str, str]:
    """{field: problem} for a question's wording: its text and choice labels, which every vendor
    reads as the buyer wrote them, refuse direction controls; guidance and rubric levels are capped."""
    labels = [c["label"] for c in q.get("choices") or [] if isinstance(c, dict) and isinstance(c.get("label"), str)]
    rubric = q.get("rubric") if isinstance(q.get("rubric"), dict) else {}
    levels = [text for text in rubric.values() if isinstance(text, str)]
    return _found(
        {
            "text": name_problem(_text(q, "text"), field=_("The question text"), limit=QUESTION_TEXT_MAX),
            "guidance": text_problem(_text(q, "guidance"), limit=QUESTION_TEXT_MAX, field=_("The guidance")),
            "choices": _first(name_problem(label, field=_("A choice label"), limit=NAME_MAX) for label in labels),
            "rubric": _first(text_problem(text, limit=QUESTION_TEXT_MAX, field=_("The rubric")) for text in levels),
        }
    )


def section_label(number: int, section: dict) -> str:
    """ "Section 3 (Exit and continuity)" for the messages; a title far too long is cut, since the
    message that says so must not repeat all of it."""
    title = str(section.get("title") or "?")
    return _("Section %(n)s (%(title)s)") % {"n": number, "title": title[:80] + ("…" if len(title) > 80 else "")}


def _part(problem: str) -> str:
    """A text rule's sentence as the part after the colon of this module's "where: what." messages."""
    return problem.rstrip(".")


def _points_ok(points: Any) -> bool:
    if points is None:
        return True
    number = _number(points)
    return number is not None and 0 <= number <= 5


def question_problems(q: dict) -> list[str]:
    """What is wrong with one question's data, in words a procurement user understands."""
    problems = [_part(problem) for problem in question_text_problems(q).values()]
    qtype = q.get("type")
    if not SLUG.fullmatch(str(q.get("key") or "")):
        problems.append(_("the key must be 1-40 letters, digits, hyphens or underscores"))
    if not str(q.get("text") or "").strip():
        problems.append(_("the question text is empty"))
    if qtype not in QUESTION_TYPES:
        problems.append(_("unknown type %(type)r") % {"type": qtype})
        return problems
    weight = _number(q.get("weight", 1))
    if weight is None or weight <= 0:
        problems.append(_("the weight must be a positive number"))
    choices = q.get("choices") or []
    if qtype in CHOICE_TYPES:
        labels = [c.get("label") if isinstance(c, dict) else None for c in choices]
        if len(labels) < 2 or not all(isinstance(label, str) and label.strip() for label in labels):
            problems.append(_("a choice question needs at least two labelled choices"))
        elif len(set(labels)) != len(labels):
            problems.append(_("choice labels must be unique"))
        elif any(not _points_ok(c.get("points")) for c in choices):
            problems.append(_("choice points must be empty or between 0 and 5"))
    elif choices:
        problems.append(_("only choice questions have choices"))
    if q.get("word_limit") is not None and (not isinstance(q["word_limit"], int) or q["word_limit"] <= 0):
        problems.append(_("the word limit must be a positive whole number"))
    problems += _rule_problems(q, qtype)
    problems += _knockout_problems(q, qtype)
    if q.get("price") and qtype != QuestionType.NUMBER:
        problems.append(_("the price question must be a number question"))
    return problems


def _rule_problems(q: dict, qtype: str) -> list[str]:
    """The rule must suit the question's type, and the engine must accept it: the engine's
    compile_rule is the one validator, so nothing imported here can fail at ranking time."""
    rule = q.get("auto_rule")
    scored = q.get("scored", True)
    if not rule:
        if scored and not q.get("price") and not q.get("rubric"):
            return [_("a scored question needs a 0-5 rubric or an auto-scoring rule")]
        return []
    kind = rule.get("kind") if isinstance(rule, dict) else None
    if kind not in engine.RULE_KINDS:
        return [_("unknown auto-scoring rule %(kind)r") % {"kind": kind}]
    if kind == "choice_points" and qtype not in CHOICE_TYPES:
        return [_("points per choice apply only to choice questions")]
    if kind in ("bands", "linear") and qtype not in NUMERIC_TYPES:
        return [_("bands and linear rules apply only to number and percentage questions")]
    try:
        engine.compile_rule(rule, q.get("choices") or [])
    except (ValueError, TypeError, AttributeError):
        return [RULE_PROBLEMS[kind]()]
    return []


# What the engine refuses in each kind of rule, in the builder's words.
RULE_PROBLEMS = {
    "choice_points": lambda: _("every choice needs a label, and points between 0 and 5 or none"),
    "bands": lambda: _("every band needs points between 0 and 5, and numbers with the minimum below the maximum"),
    "linear": lambda: _("a linear rule needs different worst and best values"),
}


def _knockout_problems(q: dict, qtype: str) -> list[str]:
    knockout = q.get("knockout")
    if not knockout:
        return []
    op = knockout.get("op") if isinstance(knockout, dict) else None
    if op not in engine.KNOCKOUT_OPS:
        return [_("unknown knockout condition %(op)r") % {"op": op}]
    try:
        engine.check_knockout(knockout)
    except ValueError:
        if op in ("min", "max"):
            return [_("a minimum or maximum knockout needs a number")]
        return [_("the knockout's passing answer must be one of the choices")]
    if op in ("equals", "includes") and knockout.get("value") not in [c["label"] for c in q.get("choices") or []]:
        return [_("the knockout's passing answer must be one of the choices")]
    return []


def questionnaire_problems(data: Any) -> list[str]:
    """Every problem in questionnaire data, each naming its section and question."""
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return [_("The file holds no list of sections.")]
    problems = []
    section_keys, question_keys = set(), set()
    for s_index, section in enumerate(data["sections"], start=1):
        label = _("Section %(n)s") % {"n": s_index}
        if not isinstance(section, dict):
            problems.append(_("%(label)s is not an object.") % {"label": label})
            continue
        label = section_label(s_index, section)
        if not str(section.get("title") or "").strip() or not str(section.get("key") or "").strip():
            problems.append(_("%(label)s: a section needs a key and a title.") % {"label": label})
        for problem in section_text_problems(section).values():
            problems.append(_("%(label)s: %(problem)s.") % {"label": label, "problem": _part(problem)})
        if section.get("key") in section_keys:
            problems.append(
                _("%(label)s: the key %(key)r is used twice.") % {"label": label, "key": section.get("key")}
            )
        section_keys.add(section.get("key"))
        weight = _number(section.get("weight", 0))
        if weight is None or weight < 0:
            problems.append(_("%(label)s: the weight must be zero or more.") % {"label": label})
        if section.get("kind", SectionKind.TECHNICAL) not in SectionKind.values:
            problems.append(_("%(label)s: unknown kind %(kind)r.") % {"label": label, "kind": section.get("kind")})
        for q_index, question in enumerate(section.get("questions") or [], start=1):
            if not isinstance(question, dict):
                problems.append(_("%(label)s, question %(n)s is not an object.") % {"label": label, "n": q_index})
                continue
            q_label = question.get("key") or str(q_index)
            if question.get("key") in question_keys:
                problems.append(_("%(label)s, question %(q)s: the key is used twice.") % {"label": label, "q": q_label})
            question_keys.add(question.get("key"))
            for problem in question_problems(question):
                problems.append(
                    _("%(label)s, question %(q)s: %(problem)s.") % {"label": label, "q": q_label, "problem": problem}
                )
    if not problems:
        problems += weight_problems([section_model_fields(s) for s in data["sections"]])
    return problems


def weight_problems(sections: list[dict]) -> list[str]:
    """Scored section weights must total 100 (price included)."""
    total = sum((Decimal(str(s["weight"])) for s in sections), Decimal("0"))
    if total != Decimal("100"):
        return [_("Section weights total %(total)s; they must total 100.") % {"total": f"{total.normalize():f}"}]
    return []
