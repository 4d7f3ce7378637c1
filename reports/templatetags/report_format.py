"""Formatting for the report and the dashboard: scores with one decimal, the direction of text
that comes from the RFP or a vendor (it stays as written, in its own direction, and isolated)."""

import unicodedata

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html

from vendors.templatetags.vendor_text import isolate

register = template.Library()

RTL_CLASSES = {"R", "AL"}
LTR_CLASSES = {"L"}


@register.filter
def score(value, digits: int = 1) -> str:
    """78.4 (78,4 in Polish); an em dash when there is no score."""
    if value is None or value == "":
        return "—"
    return number_format(round(float(value), int(digits)), decimal_pos=int(digits))


@register.filter
def amount(value) -> str:
    """1,590,000, grouped as the reader's language writes it (1 590 000 in Polish)."""
    if value is None or value == "":
        return "—"
    return number_format(round(float(value)), decimal_pos=0, force_grouping=True)


@register.filter
def percent(value, digits: int = 0) -> str:
    if value is None:
        return "—"
    return number_format(round(100 * float(value), int(digits)), decimal_pos=int(digits)) + "%"


@register.filter
def bidi_dir(text) -> str:
    """rtl or ltr from the first letter with a strong direction, as dir="auto" does in a browser
    (WeasyPrint does not implement dir="auto")."""
    for char in str(text or ""):
        kind = unicodedata.bidirectional(char)
        if kind in RTL_CLASSES:
            return "rtl"
        if kind in LTR_CLASSES:
            return "ltr"
    return "ltr"


@register.filter
def bidi(text) -> str:
    """The text in a span that keeps its own direction inside a paragraph of the other one.
    WeasyPrint ignores <bdi> and unicode-bidi: isolate; it honours an embedding with a direction,
    and the isolate characters FSI ... PDI, which keep a direction control in the text (a
    vendor's U+202E) from reordering the words around it."""
    return format_html('<span class="{}">{}</span>', bidi_dir(text), "" if text is None else isolate(text))


@register.filter
def bar_width(value) -> str:
    """A 0-100 score as a CSS percentage for the small bars, clamped."""
    if value is None:
        return "0%"
    return f"{max(0.0, min(100.0, float(value))):.1f}%"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
