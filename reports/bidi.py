"""Right-to-left text inside SVG charts, for WeasyPrint.

WeasyPrint draws SVG <text> glyph by glyph in the order the characters are stored, so a Hebrew
label would come out backwards ("ןויצ" for "ציון") and Arabic or Persian letters unjoined. Browsers
shape and reorder text themselves; the PDF needs each label joined (arabic-reshaper turns Arabic
and Persian letters into their joined forms) and in visual order (python-bidi runs the Unicode
bidirectional algorithm). `svg_visual_order` applies both to every text node of an SVG.
"""

import html
import re
import unicodedata

from arabic_reshaper import ArabicReshaper
from bidi.algorithm import get_display  # the pure-Python algorithm: it mirrors brackets too

RTL = {"R", "AL"}
TEXT_NODE = re.compile(r"(<(?:text|tspan)\b[^>]*>)([^<]+)")
# Keep the zero-width non-joiner Persian writes inside words (می‌شود): it stops the join there.
_RESHAPER = ArabicReshaper(configuration={"support_zwj": True, "delete_harakat": False})


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in RTL for c in text)


def visual_order(text: str) -> str:
    """The characters of a one-line label in the order they must be drawn, left to right, Arabic
    and Persian letters joined. The base direction comes from the first strong character."""
    if not has_rtl(text):
        return text
    return get_display(_RESHAPER.reshape(text))


def svg_visual_order(svg: str) -> str:
    """Every text node of the SVG in visual order (escaped again as it was)."""

    def fix(match: re.Match) -> str:
        raw = html.unescape(match.group(2))
        if not has_rtl(raw):
            return match.group(0)
        return match.group(1) + html.escape(visual_order(raw), quote=False)

    return TEXT_NODE.sub(fix, svg)
