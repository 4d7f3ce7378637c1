"""The text rules on their own: the messages a person reads when a text is refused, and `isolate`,
which shows a vendor's text so that its direction controls cannot reorder anything around it."""

import re

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from config.text_rules import (
    COMMENT_MAX,
    DIRECTION_CONTROLS,
    EMBEDDINGS,
    FSI,
    ISOLATES,
    PDF,
    PDI,
    RLO,
    check_name,
    check_text,
    isolate,
    refuse_direction_controls,
)

LINE_BREAK = re.compile("\r\n|[\r\n]")
# Latin and Hebrew letters, digits, spaces, a formula sign, every direction control, line breaks.
ALPHABET = list("ab1 =אב") + sorted(DIRECTION_CONTROLS) + ["\n", "\r"]
texts = st.text(alphabet=st.sampled_from(ALPHABET), max_size=60)
lines = st.text(alphabet=st.sampled_from([c for c in ALPHABET if c not in "\r\n"]), min_size=1, max_size=60)


def pairs_up(text: str) -> bool:
    """Whether every closer in `text` closes an opener and no opener is left open, as the Unicode
    bidi algorithm pairs them: PDF closes the last embedding unless an isolate was opened after it,
    PDI closes the last isolate and whatever was opened after it."""
    stack: list[str] = []
    for char in text:
        if char in EMBEDDINGS or char in ISOLATES:
            stack.append(char)
        elif char == PDF:
            if not stack or stack[-1] not in EMBEDDINGS:
                return False
            stack.pop()
        elif char == PDI:
            if not any(opener in ISOLATES for opener in stack):
                return False
            while stack.pop() not in ISOLATES:
                pass
    return not stack


def visible(text: str) -> str:
    return "".join(char for char in text if char not in DIRECTION_CONTROLS)


def test_a_long_text_is_refused_with_its_field_its_length_and_the_limit():
    with pytest.raises(ValidationError) as refusal:
        check_text("x" * (10 * 1024 * 1024), limit=COMMENT_MAX, field="The comment")
    assert refusal.value.messages == ["The comment is too long: 10,485,760 characters; the limit is 5,000."]


def test_a_line_break_counts_as_one_character_as_the_browser_counts_it():
    check_text("ab\r\ncd", limit=5, field="The comment")  # 5 as typed, 6 as posted
    with pytest.raises(ValidationError):
        check_text("ab\r\ncde", limit=5, field="The comment")


def test_a_name_with_a_direction_control_is_refused_with_the_character_named():
    with pytest.raises(ValidationError) as refusal:
        refuse_direction_controls(f"Coral {RLO}tsoC", field="The company name", key="name")
    assert refusal.value.message_dict == {
        "name": [
            "The company name contains an invisible direction control character (U+202E), which could make it "
            "read differently from what was typed. Remove it."
        ]
    }


@pytest.mark.parametrize("control", sorted(DIRECTION_CONTROLS))
def test_every_explicit_direction_control_is_refused_in_a_name(control):
    with pytest.raises(ValidationError, match=f"U\\+{ord(control):04X}"):
        check_name(f"Atlas{control} Services", field="The company name")


def test_an_unterminated_override_is_closed_inside_the_isolate():
    assert isolate(f"Coral {RLO}tsoC") == f"{FSI}Coral {RLO}tsoC{PDF}{PDI}"


def test_a_stray_closer_that_would_end_the_isolate_early_is_dropped():
    assert isolate(f"Coral{PDI} tsoC{PDF}") == f"{FSI}Coral tsoC{PDI}"


def test_each_line_is_isolated_on_its_own_and_empty_lines_stay_empty():
    assert isolate(f"one {RLO}two\n\nthree") == f"{FSI}one {RLO}two{PDF}{PDI}\n\n{FSI}three{PDI}"


@given(lines)
def test_a_line_becomes_one_isolate_in_which_every_control_is_paired(line):
    shown = isolate(line)
    assert shown.startswith(FSI) and shown.endswith(PDI)
    assert pairs_up(shown[1:-1]), "every opener is closed before the final PDI and no closer lacks an opener"
    assert pairs_up(shown)


@given(texts)
def test_every_line_of_a_text_is_an_isolate_of_its_own(text):
    for line in LINE_BREAK.split(isolate(text)):
        if line:
            assert line.startswith(FSI) and line.endswith(PDI) and pairs_up(line), repr(line)


@given(texts)
def test_isolating_keeps_every_visible_character_and_every_line(text):
    shown = isolate(text)
    assert visible(shown) == visible(text)
    assert LINE_BREAK.findall(shown) == LINE_BREAK.findall(text)


@given(texts)
def test_isolating_twice_is_isolating_once(text):
    assert isolate(isolate(text)) == isolate(text)


@given(st.text(alphabet=st.sampled_from(list("ab1 =אב")), min_size=1, max_size=40))
def test_text_without_controls_is_only_wrapped(line):
    assert isolate(line) == FSI + line + PDI
