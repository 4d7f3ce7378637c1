"""Formatting for the make-or-buy pages and report section."""

from decimal import Decimal

from django import template

from sourcing.costs import money as _money
from sourcing.costs import num as _num

register = template.Library()


@register.filter
def money(value) -> str:
    """An amount in whole currency units with grouping: 1,234,567."""
    if value is None or value == "":
        return "—"
    return _money(Decimal(value))


@register.filter
def num(value) -> str:
    if value is None or value == "":
        return "—"
    return _num(value)


@register.filter
def at(sequence, index):
    """sequence|at:index, for parallel lists in templates."""
    try:
        return sequence[int(index)]
    except (IndexError, TypeError, ValueError):
        return None
