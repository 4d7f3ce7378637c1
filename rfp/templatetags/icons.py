"""{% icon "lock-fill" %}: an icon from Bootstrap Icons, the one icon set the app ships (from the npm
registry, like Bootstrap itself), drawn inline so that it takes the text's colour and needs no
request, no font and no inline script."""

import functools
import re

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

register = template.Library()

ICONS = settings.BASE_DIR / "node_modules" / "bootstrap-icons" / "icons"
NAME = re.compile(r"[a-z0-9-]+")


@functools.cache
def _svg(name: str) -> str:
    if not NAME.fullmatch(name):
        raise template.TemplateSyntaxError(f"Not an icon name: {name!r}")
    svg = (ICONS / f"{name}.svg").read_text(encoding="utf-8")
    # Decorative: the words beside it say what it means.
    return re.sub(r'class="[^"]*"', 'class="sl-icon" aria-hidden="true" focusable="false"', svg, count=1).strip()


@register.simple_tag
def icon(name: str) -> str:
    return mark_safe(_svg(name))  # noqa: S308 - a file of the installed icon set, not user input
