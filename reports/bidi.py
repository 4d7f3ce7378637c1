"""Right-to-left text inside SVG charts, for WeasyPrint.

WeasyPrint draws SVG <text> letter by letter in the order the characters are stored, so a Hebrew
label comes out backwards ("ןויצ" for "ציון"). Browsers apply the Unicode bidirectional algorithm
themselves; the PDF needs the labels in visual order. `visual_order` is the part of that
algorithm that short one-line labels need (resolve neutrals between strong runs, embed numbers and
Latin runs, reverse, mirror brackets); `svg_visual_order` applies it to every text node of an SVG.

Arabic and Persian would also need letter shaping (joined forms), which WeasyPrint's letter-by-
letter SVG text cannot do: their chart labels stay unjoined until WeasyPrint shapes SVG text.
"""

import html
import re
import unicodedata

RTL = {"R", "AL"}
LTR = {"L", "EN", "AN"}
MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
TEXT_NODE = re.compile(r"(<(?:text|tspan)\b[^>]*>)([^<]+)")


def _strong(char: str) -> str | None:
    kind = unicodedata.bidirectional(char)
    if kind in RTL:
        return "R"
    if kind in LTR:
        return "L"
    return None


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in RTL for c in text)


def visual_order(text: str) -> str:
    """The characters of a one-line label in the order they must be drawn, left to right.
    The base direction comes from the first strong character (rule P2)."""
    if not has_rtl(text):
        return text
    kinds = [_strong(c) for c in text]
    base = next(k for k in kinds if k)
    # Neutrals take the direction of the strong characters around them when both agree,
    # else the base direction (rules N1 and N2); the ends count as the base direction.
    resolved = list(kinds)
    i = 0
    while i < len(text):
        if resolved[i] is not None:
            i += 1
            continue
        j = i
        while j < len(text) and resolved[j] is None:
            j += 1
        before = resolved[i - 1] if i > 0 else base
        after = resolved[j] if j < len(text) else base
        direction = before if before == after else base
        for k in range(i, j):
            resolved[k] = direction
        i = j
    # Embedding levels: right-to-left text on level 1 in a right-to-left label, left-to-right
    # runs (Latin, numbers) on level 2 inside it; the mirror image for a left-to-right label.
    ltr_level = 2 if base == "R" else 0
    levels = [1 if d == "R" else ltr_level for d in resolved]
    chars = [c.translate(MIRROR) if level % 2 else c for c, level in zip(text, levels, strict=True)]
    # Rule L2: from the highest level down to the lowest odd one, reverse every run at that
    # level or higher.
    lowest_odd = min(level for level in levels if level % 2)
    for level in range(max(levels), lowest_odd - 1, -1):
        i = 0
        while i < len(chars):
            if levels[i] >= level:
                j = i
                while j < len(chars) and levels[j] >= level:
                    j += 1
                chars[i:j] = chars[i:j][::-1]
                levels[i:j] = levels[i:j][::-1]
                i = j
            else:
                i += 1
    return "".join(chars)


def svg_visual_order(svg: str) -> str:
    """Every text node of the SVG in visual order (escaped again as it was)."""

    def fix(match: re.Match) -> str:
        raw = html.unescape(match.group(2))
        if not has_rtl(raw):
            return match.group(0)
        return match.group(1) + html.escape(visual_order(raw), quote=False)

    return TEXT_NODE.sub(fix, svg)
