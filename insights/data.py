"""The engine's inputs that ship with the app: what each bank question asks for, which answers
must agree, and the bank's questions in every language. No Django here, so the labelled-set
measurement and the benchmark can run on plain data."""

import json
from functools import cache
from pathlib import Path

from insights.engine import QuestionInput

HERE = Path(__file__).resolve().parent
BANK = HERE.parent / "rfp" / "bank"
LANGUAGES = ("en", "he", "ar", "fa", "pl")


@cache
def expectations() -> dict:
    return json.loads((HERE / "expectations.json").read_text(encoding="utf-8"))["questions"]


@cache
def relations() -> list[dict]:
    """The relations, with what the engine needs from the bank: for a rule on a choice question,
    every language's choice labels mapped to the English one (values hold the RFP's labels)."""
    found = json.loads((HERE / "relations.json").read_text(encoding="utf-8"))["relations"]
    for rule in found:
        if rule["rule"] == "languages_vs_sites":
            rule["labels"] = choice_labels(rule["languages"])
    return found


def choice_labels(key: str) -> dict[str, str]:
    """A choice question's labels in every language (case-folded) -> the English label."""
    bank = json.loads((BANK / "contact_center_bank.json").read_text(encoding="utf-8"))
    english = next(q for s in bank["sections"] for q in s["questions"] if q["key"] == key)
    english_labels = [choice["label"] for choice in english["choices"]]
    mapping = {label.casefold(): label for label in english_labels}
    for code in LANGUAGES[1:]:
        translation = json.loads((BANK / "translations" / f"{code}.json").read_text(encoding="utf-8"))["questions"]
        for label, english_label in zip(translation[key]["choices"], english_labels, strict=True):
            mapping[label.casefold()] = english_label
    return mapping


@cache
def bank_questions() -> dict[str, QuestionInput]:
    """Every bank question, with its text and guidance in all five languages: an answer that
    restates the question in any of them is caught."""
    bank = json.loads((BANK / "contact_center_bank.json").read_text(encoding="utf-8"))
    translations = [
        json.loads((BANK / "translations" / f"{code}.json").read_text(encoding="utf-8"))["questions"]
        for code in LANGUAGES[1:]
    ]
    questions = {}
    for section in bank["sections"]:
        for question in section["questions"]:
            texts = [question["text"], question.get("guidance") or ""]
            for translation in translations:
                unit = translation.get(question["key"], {})
                texts += [unit.get("text") or "", unit.get("guidance") or ""]
            questions[question["key"]] = QuestionInput(question["key"], question["type"], tuple(t for t in texts if t))
    return questions


def question_text(key: str, language: str) -> str:
    bank = json.loads((BANK / "contact_center_bank.json").read_text(encoding="utf-8"))
    if language != "en":
        return json.loads((BANK / "translations" / f"{language}.json").read_text(encoding="utf-8"))["questions"][key][
            "text"
        ]
    return next(q["text"] for s in bank["sections"] for q in s["questions"] if q["key"] == key)
