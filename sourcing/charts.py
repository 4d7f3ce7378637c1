"""Server-side SVG charts for the make-or-buy page and the executive report.

Plain SVG only (lines, polylines, circles, rects, text; colours as attributes, no CSS variables,
no foreignObject, no script) so that the same markup renders in the browser and in WeasyPrint.
"""

import math
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.translation import gettext as _

from sourcing.costs import Comparison, money
from sourcing.rules import Option

# Colour-blind-friendly palette (Okabe-Ito, darkened for print), in-house first.
KIND_STYLE = {
    Option.IN_HOUSE: ("#14324a", ""),
    Option.HOSTED: ("#0f6e8c", "6 3"),
    Option.HYBRID: ("#7a3db8", ""),
}
VENDOR_COLOURS = ["#c45a00", "#1b8a5a", "#b3261e", "#2f6fd6", "#b0457a", "#6b7f10", "#8a6d00"]
MAX_VENDOR_LINES = 5


@dataclass(frozen=True)
class Series:
    label: str
    values: list[Decimal]
    colour: str
    dash: str = ""
    width: float = 2.0


def _nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that cuts the span into about `ticks` parts."""
    raw = max(span / ticks, 1e-9)
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(f * magnitude for f in (1, 2, 2.5, 5, 10) if raw <= f * magnitude)


def _short_money(value: float) -> str:
    """Axis labels: 12.5M, 800k."""
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}".rstrip("0").rstrip(".") + "M"
    if abs(value) >= 1_000:
        return f"{value / 1_000:.0f}k"
    return f"{value:.0f}"


def comparison_series(comparison: Comparison) -> tuple[list[Series], int]:
    """The lines to draw: in-house, hosted, hybrid and the cheapest vendors; and how many were left out."""
    series, vendors = [], []
    for option in comparison.options:
        if option.kind in KIND_STYLE:
            colour, dash = KIND_STYLE[option.kind]
            width = 3.0 if option.kind == Option.IN_HOUSE else 2.0
            series.append(Series(option.label, option.cumulative, colour, dash, width))
        else:
            vendors.append(option)
    vendors.sort(key=lambda o: o.total)
    for index, option in enumerate(vendors[:MAX_VENDOR_LINES]):
        series.append(Series(option.label, option.cumulative, VENDOR_COLOURS[index % len(VENDOR_COLOURS)], "2 3"))
    return series, max(0, len(vendors) - MAX_VENDOR_LINES)


def cumulative_cost_chart(comparison: Comparison, currency: str, width: int = 900, height: int = 380) -> str:
    series, hidden = comparison_series(comparison)
    years = comparison.years
    left, right, top, bottom = 64, 230, 24, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max((float(v) for s in series for v in s.values), default=1.0) or 1.0
    step = _nice_step(top_value)
    y_max = step * (int(top_value / step) + 1)

    def x(year: float) -> float:
        # Year 0 (the start, nothing spent) on the left edge, the last year on the right.
        return left + plot_w * year / years

    def y(value: float) -> float:
        return top + plot_h * (1 - value / y_max)

    title = _("Cumulative cost per option over %(years)s years (%(currency)s)") % {
        "years": years,
        "currency": currency,
    }
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(title)}" direction="ltr" '
        'font-family="DejaVu Sans, Arial, sans-serif" '
        f'font-size="13" class="sl-chart">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    tick = 0.0
    while tick <= y_max + 1e-6:
        ty = y(tick)
        out.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{left + plot_w}" y2="{ty:.1f}" stroke="#e6ebf0" stroke-width="1"/>'
        )
        label = escape(_short_money(tick))
        out.append(f'<text x="{left - 8}" y="{ty + 4:.1f}" text-anchor="end" fill="#5b6b7d">{label}</text>')
        tick += step
    for year in range(0, years + 1):
        tx = x(year)
        out.append(
            f'<line x1="{tx:.1f}" y1="{top}" x2="{tx:.1f}" y2="{top + plot_h}" stroke="#f0f3f6" stroke-width="1"/>'
        )
        label = _("Start") if year == 0 else _("Year %(n)s") % {"n": year}
        out.append(
            f'<text x="{tx:.1f}" y="{top + plot_h + 18}" text-anchor="middle" fill="#5b6b7d">{escape(label)}</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#9aa8b6" '
        'stroke-width="1"/>'
    )
    out += _break_even_marker(comparison, x, top, plot_h)
    for s in series:
        points = [(x(0), y(0))] + [(x(n), y(float(v))) for n, v in enumerate(s.values, start=1)]
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{s.colour}" stroke-width="{s.width}"{dash} '
            'stroke-linejoin="round"/>'
        )
        for px, py in points[1:]:
            out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{s.colour}"/>')
    markers = _crossing_markers(comparison, {s.label for s in series}, x, y)
    out += markers
    out += _legend(series, hidden, left + plot_w + 16, top, with_marker=bool(markers))
    out.append(
        f'<text x="{left}" y="{height - 10}" fill="#5b6b7d" font-size="11">'
        f"{escape(_('Financial plus managerial cost, cumulated year by year.'))}</text>"
    )
    out.append("</svg>")
    return "\n".join(out)


def _break_even_marker(comparison: Comparison, x, top: float, plot_h: float) -> list[str]:
    """A dashed line at the first year in which in-house catches up with an outsourced option."""
    years = [o.break_even_year for o in comparison.outsourced if o.break_even_year]
    if not years:
        return []
    first = min(years)
    bx = x(first)
    label = _("Break-even: year %(year)s") % {"year": first}
    anchor = "end" if first == comparison.years else "start"
    offset = -6 if anchor == "end" else 6
    return [
        f'<line x1="{bx:.1f}" y1="{top}" x2="{bx:.1f}" y2="{top + plot_h}" stroke="#1f2937" stroke-width="1.5" '
        'stroke-dasharray="4 4"/>',
        f'<text x="{bx + offset:.1f}" y="{top + 12}" text-anchor="{anchor}" fill="#1f2937" font-weight="bold">'
        f"{escape(label)}</text>",
    ]


def _crossing_markers(comparison: Comparison, drawn: set[str], x, y) -> list[str]:
    """A ring where in-house meets each drawn outsourced option's line."""
    out = []
    for option in comparison.outsourced:
        if option.break_even_year and option.label in drawn:
            value = float(option.cumulative[option.break_even_year - 1])
            out.append(
                f'<circle cx="{x(option.break_even_year):.1f}" cy="{y(value):.1f}" r="7" fill="none" '
                'stroke="#1f2937" stroke-width="2"/>'
            )
    return out


def _legend(series: list[Series], hidden: int, lx: float, top: float, with_marker: bool) -> list[str]:
    out = []
    for index, s in enumerate(series):
        ly = top + 8 + index * 22
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        out.append(
            f'<line x1="{lx:.1f}" y1="{ly:.1f}" x2="{lx + 26:.1f}" y2="{ly:.1f}" stroke="{s.colour}" '
            f'stroke-width="{s.width}"{dash}/>'
        )
        label = s.label if len(s.label) <= 27 else s.label[:26] + "…"
        out.append(f'<text x="{lx + 32:.1f}" y="{ly + 4:.1f}" fill="#1d2a3a">{escape(label)}</text>')
    ly = top + 8 + len(series) * 22
    if with_marker:
        out.append(f'<circle cx="{lx + 13:.1f}" cy="{ly:.1f}" r="6" fill="none" stroke="#1f2937" stroke-width="2"/>')
        out.append(
            f'<text x="{lx + 32:.1f}" y="{ly + 4:.1f}" fill="#1d2a3a">{escape(_("In-house breaks even"))}</text>'
        )
        ly += 22
    if hidden:
        note = _("+ %(count)s more vendors in the table") % {"count": hidden}
        out.append(f'<text x="{lx:.1f}" y="{ly + 4:.1f}" fill="#5b6b7d" font-size="11">{escape(note)}</text>')
    return out


def chart_summary(comparison: Comparison, currency: str) -> str:
    """A text alternative for the chart (screen readers and the report's caption)."""
    parts = [
        _("%(label)s: %(total)s") % {"label": o.label, "total": f"{money(o.total)} {currency}"}
        for o in comparison.options
    ]
    return "; ".join(parts)
