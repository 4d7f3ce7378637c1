"""The question bank's translations: complete for every language that has a file, and applied
without changing how a question scores."""

import copy
import json

import pytest
from django.conf import settings

from rfp.bank import i18n

BANK = json.loads((settings.BASE_DIR / "rfp" / "bank" / "contact_center_bank.json").read_text(encoding="utf-8"))


def test_english_texts_applied_to_the_bank_give_the_bank_back():
    assert i18n.translated(BANK, i18n.text_units(BANK)) == BANK


def test_a_translation_maps_knockout_labels_and_choice_points_by_position():
    units = copy.deepcopy(i18n.text_units(BANK))
    for texts in units["questions"].values():
        texts["choices"] = [f"[{label}]" for label in texts["choices"]]
    result = i18n.translated(BANK, units)
    question = next(q for s in result["sections"] for q in s["questions"] if q["key"] == "security-01")
    assert question["knockout"] == {"op": "equals", "value": "[Yes]"}
    original = next(q for s in BANK["sections"] for q in s["questions"] if q["key"] == "security-01")
    assert [c["points"] for c in question["choices"]] == [c["points"] for c in original["choices"]]


def test_a_translation_that_drops_a_choice_or_a_rubric_level_is_reported():
    units = copy.deepcopy(i18n.text_units(BANK))
    units["questions"]["security-01"]["choices"].pop()
    units["questions"]["vmo-01"]["rubric"].pop("3")
    del units["sections"]["company"]
    found = i18n.problems(BANK, units)
    assert "question security-01: 2 choice labels expected" in found
    assert "question vmo-01: the rubric needs the same 6 levels" in found
    assert "section company: missing" in found


@pytest.mark.parametrize("code", sorted(path.stem for path in i18n.TRANSLATIONS.glob("*.json")))
def test_every_translation_of_the_bank_is_complete(code):
    assert i18n.problems(BANK, i18n.load(code)) == []
