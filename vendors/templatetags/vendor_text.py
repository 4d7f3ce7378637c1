"""Showing what a vendor wrote: `isolate` for read-only copies of a vendor's text, and the length
the comment box stops at (the service refuses anything longer; config.text_rules holds both)."""

from django import template
from django.utils.safestring import SafeData, mark_safe

from config import text_rules

register = template.Library()


@register.filter
def isolate(text):
    """The text wrapped line by line in FSI ... PDI, its direction controls paired, so that nothing
    outside it can be reordered. Put it after any truncation: truncating can cut the closing marks.
    Text already escaped stays escaped (the marks are plain characters, not markup)."""
    if text is None or text == "":
        return text
    isolated = text_rules.isolate(str(text))
    return mark_safe(isolated) if isinstance(text, SafeData) else isolated


@register.simple_tag
def comment_max_chars() -> int:
    return text_rules.COMMENT_MAX
