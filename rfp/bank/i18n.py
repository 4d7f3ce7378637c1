"""The question bank in every language the product speaks.

The bank (contact_center_bank.json) is written in English; each other language has a file
translations/<code>.json holding, under the same stable keys, every text a vendor, an evaluator or
an executive reads: section titles and introductions; question text, guidance, unit, benchmark,
knockout reason, the six rubric anchors and the choice labels (in the bank's order). Everything
else (types, weights, rules, knockout conditions) is the bank's and never translated, so a
question scores the same in every language. A choice-points rule and a knockout that names a
label follow the label's position, not its wording.
"""

import copy
import json
from pathlib import Path
from typing import Any

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
SECTION_TEXTS = ("title", "description")
QUESTION_TEXTS = ("text", "guidance", "unit", "benchmark", "knockout_reason")


def text_units(bank: dict) -> dict:
    """Every translatable text of the bank, keyed by section and question key."""
    return {
        "sections": {
            section["key"]: {name: section.get(name) or "" for name in SECTION_TEXTS} for section in bank["sections"]
        },
        "questions": {
            question["key"]: {
                **{name: question.get(name) or "" for name in QUESTION_TEXTS},
                "rubric": dict(question.get("rubric") or {}),
                "choices": [choice["label"] for choice in question.get("choices") or []],
            }
            for section in bank["sections"]
            for question in section["questions"]
        },
    }


def problems(bank: dict, units: dict) -> list[str]:
    """What a translation file lacks or gets wrong against the bank: an empty list when complete."""
    expected = text_units(bank)
    found: list[str] = []
    for kind in ("sections", "questions"):
        given = units.get(kind) or {}
        for key, texts in expected[kind].items():
            found += _unit_problems(f"{kind[:-1]} {key}", texts, given.get(key))
        found += [f"{kind[:-1]} {key}: not in the bank" for key in sorted(set(given) - set(expected[kind]))]
    return found


def _unit_problems(where: str, english: dict, translated: Any) -> list[str]:
    if not isinstance(translated, dict):
        return [f"{where}: missing"]
    found = []
    for name, text in english.items():
        other = translated.get(name)
        if name == "choices":
            if not isinstance(other, list) or len(other) != len(text) or not all(_filled(x) for x in other):
                found.append(f"{where}: {len(text)} choice labels expected")
            elif len(set(other)) != len(other):
                found.append(f"{where}: choice labels must differ")
        elif name == "rubric":
            if set(other or {}) != set(text) or not all(_filled(x) for x in (other or {}).values()):
                found.append(f"{where}: the rubric needs the same {len(text)} levels")
        elif bool(text) != _filled(other):
            found.append(f"{where}: {name} " + ("missing" if text else "should be empty"))
    return found


def _filled(text: Any) -> bool:
    return isinstance(text, str) and bool(text.strip())


def translated(bank: dict, units: dict) -> dict:
    """A copy of the bank with every text in the other language; labels that rules and knockouts
    name are mapped by their position among the choices. Sections and questions the translation
    does not know (added to the bank by procurement) stay as they are."""
    result = copy.deepcopy(bank)
    for section in result["sections"]:
        section.update({k: v for k, v in units["sections"].get(section["key"], {}).items() if v})
        for question in section["questions"]:
            texts = units["questions"].get(question["key"])
            if texts is None or len(texts["choices"]) != len(question.get("choices") or []):
                continue
            question.update({name: texts[name] or question.get(name) for name in QUESTION_TEXTS})
            if question.get("rubric"):
                question["rubric"] = dict(texts["rubric"])
            _translate_choices(question, texts["choices"])
    return result


def _translate_choices(question: dict, labels: list[str]) -> None:
    choices = question.get("choices") or []
    if not choices:
        return
    by_english = {choice["label"]: label for choice, label in zip(choices, labels, strict=True)}
    for choice, label in zip(choices, labels, strict=True):
        choice["label"] = label
    knockout = question.get("knockout")
    if knockout and knockout.get("op") in ("equals", "includes") and knockout.get("value") in by_english:
        knockout["value"] = by_english[knockout["value"]]


def in_language(sections: list[dict], code: str) -> list[dict]:
    """Questionnaire sections (the bank's format) in the language `code`, where it has a translation."""
    units = load(code)
    return translated({"sections": sections}, units)["sections"] if units else sections


def load(code: str) -> dict | None:
    """The translation file of a language, or None for English and languages without one."""
    path = TRANSLATIONS / f"{code}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
