"""Words with their places in the original text, folded so that the same word compares equal in
every script: case, Hebrew points, Arabic vowel marks and tatweel, the zero-width non-joiner of
Persian, the Arabic and Persian forms of yeh and kaf, the hamza seats of alef, and the digits of
the Arabic-Indic and Persian sets. Spans always point into the text the vendor wrote."""

import re
from dataclasses import dataclass
from functools import lru_cache

# Letters and digits of any script, with the marks and joiners that live inside a word.
WORD = re.compile(r"[\w\u0591-\u05C7\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u200c\u200d\u0640]+")
MARKS = re.compile(r"[\u0591-\u05C7\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u200c\u200d\u0640_]")
LETTER_FORMS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "ؤ": "و",
        "ئ": "ي",
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
ASCII_DIGITS = str.maketrans(
    {**{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)}}
)


@dataclass(frozen=True, slots=True)
class Token:
    norm: str
    start: int
    end: int


def fold(word: str) -> str:
    """The comparable form of one word (or of a whole phrase, spaces kept)."""
    return MARKS.sub("", word).casefold().translate(LETTER_FORMS)


@lru_cache(maxsize=512)
def tokens(text: str) -> tuple[Token, ...]:
    """The words of a text. Cached: the checks of one answer all read the same text in turn."""
    folded = text.casefold()
    if len(folded) == len(text) and not MARKS.search(text):
        # The common case: folding keeps every character in place, so fold the whole text once.
        folded = folded.translate(LETTER_FORMS)
        return tuple(Token(folded[m.start() : m.end()], m.start(), m.end()) for m in WORD.finditer(text))
    found = []
    for match in WORD.finditer(text):
        norm = fold(match.group())
        if norm:
            found.append(Token(norm, match.start(), match.end()))
    return tuple(found)


def ascii_digits(text: str) -> str:
    """The same text with Arabic-Indic and Persian digits as ASCII ones; same length, so spans hold."""
    return text.translate(ASCII_DIGITS)


def merge_spans(spans: list[tuple[int, int]], gap: int = 1) -> list[tuple[int, int]]:
    """Overlapping or nearly touching spans joined into one."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + gap:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]
