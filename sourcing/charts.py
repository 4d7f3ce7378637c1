"""Server-side SVG charts for the make-or-buy page and the executive report.

Plain SVG only (lines, polylines, polygons, circles, rects, text; colours as attributes, no CSS
variables, no foreignObject, no script) so that the same markup renders in the browser and in
WeasyPrint.
"""

import math
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils import translation
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
# One shape per line, in drawing order: in-house, hosted, hybrid, then the vendors.
MARKERS = ["circle", "square", "diamond", "triangle", "triangle-down", "cross", "plus", "star", "hexagon"]
MARKER_SIZE = 4.5
LABEL_GAP = 16  # the least distance between two names at the ends of the lines
LABEL_CHARS = 28
FSI, PDI = "\u2068", "\u2069"  # first strong isolate ... pop directional isolate


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


def cumulative_cost_chart(
    comparison: Comparison, currency: str, width: int = 900, height: int = 390, *, rtl: bool | None = None
) -> str:
    """One line per option, each with its own marker shape at every year and its name at the end
    of the line (the names nudged apart where the lines end close together), so that eight lines
    are told apart without a legend and without colour.

    Time runs left to right in every language (as the page's stylesheet says), so the lines end
    on the right and their names follow them. Every label reads in its own direction (see
    `_text`); `rtl` (by default the active language's direction) puts the footnote under the plot
    on the reader's start side."""
    rtl = translation.get_language_bidi() if rtl is None else rtl
    series, hidden = comparison_series(comparison)
    years = comparison.years
    left, right, top, bottom = 64, 236, 24, 62
    plot_w, plot_h = width - left - right, height - top - bottom
    plot_right, plot_bottom = left + plot_w, top + plot_h
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
            f'<line x1="{left}" y1="{ty:.1f}" x2="{plot_right}" y2="{ty:.1f}" stroke="#e6ebf0" stroke-width="1"/>'
        )
        out.append(_text(left - 8, ty + 4, _short_money(tick), "right", fill="#5b6b7d"))
        tick += step
    for year in range(0, years + 1):
        tx = x(year)
        out.append(
            f'<line x1="{tx:.1f}" y1="{top}" x2="{tx:.1f}" y2="{plot_bottom}" stroke="#f0f3f6" stroke-width="1"/>'
        )
        label = _("Start") if year == 0 else _("Year %(n)s") % {"n": year}
        out.append(_text(tx, plot_bottom + 18, label, "middle", fill="#5b6b7d"))
    out.append(
        f'<line x1="{left}" y1="{plot_bottom}" x2="{plot_right}" y2="{plot_bottom}" stroke="#9aa8b6" stroke-width="1"/>'
    )
    out += _break_even_marker(comparison, x, top, plot_h)
    ends = []
    for index, s in enumerate(series):
        points = [(x(0), y(0))] + [(x(n), y(float(v))) for n, v in enumerate(s.values, start=1)]
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{s.colour}" stroke-width="{s.width}"{dash} '
            'stroke-linejoin="round"/>'
        )
        shape = MARKERS[index % len(MARKERS)]
        out += [_marker(shape, px, py, s.colour) for px, py in points[1:]]
        ends.append(points[-1][1])
    markers = _crossing_markers(comparison, {s.label for s in series}, x, y)
    out += markers
    out += _end_labels(series, ends, plot_right, top, plot_bottom, hidden)
    out += _footnote(height, left, plot_right, with_marker=bool(markers), rtl=rtl)
    out.append("</svg>")
    return "\n".join(out)


def _polygon(points: list[tuple[float, float]], colour: str, cx: float, cy: float) -> str:
    path = " ".join(f"{cx + dx:.1f},{cy + dy:.1f}" for dx, dy in points)
    return f'<polygon points="{path}" fill="{colour}" stroke="#ffffff" stroke-width="0.8"/>'


def _star(outer: float, inner: float, tips: int) -> list[tuple[float, float]]:
    points = []
    for i in range(tips * 2):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi * i / tips - math.pi / 2
        points.append((radius * math.cos(angle), radius * math.sin(angle)))
    return points


def _marker(shape: str, cx: float, cy: float, colour: str, size: float = MARKER_SIZE) -> str:
    """A filled marker centred on (cx, cy), about 2 x size wide, with a thin white edge so that
    markers of lines that meet stay apart."""
    r = size
    if shape == "circle":
        return (
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r * 0.9:.1f}" fill="{colour}" stroke="#ffffff" '
            'stroke-width="0.8"/>'
        )
    if shape == "square":
        side = r * 1.6
        return (
            f'<rect x="{cx - side / 2:.1f}" y="{cy - side / 2:.1f}" width="{side:.1f}" height="{side:.1f}" '
            f'fill="{colour}" stroke="#ffffff" stroke-width="0.8"/>'
        )
    t = r * 0.35  # half the width of the arms of a cross or a plus
    shapes = {
        "diamond": [(0, -r * 1.2), (r, 0), (0, r * 1.2), (-r, 0)],
        "triangle": [(0, -r * 1.15), (r * 1.05, r * 0.75), (-r * 1.05, r * 0.75)],
        "triangle-down": [(0, r * 1.15), (r * 1.05, -r * 0.75), (-r * 1.05, -r * 0.75)],
        "plus": [
            (-t, -r),
            (t, -r),
            (t, -t),
            (r, -t),
            (r, t),
            (t, t),
            (t, r),
            (-t, r),
            (-t, t),
            (-r, t),
            (-r, -t),
            (-t, -t),
        ],
        "star": _star(r * 1.25, r * 0.5, 5),
        "hexagon": [(r * math.cos(a), r * math.sin(a)) for a in (math.pi * k / 3 for k in range(6))],
    }
    if shape == "cross":
        # The plus turned by 45 degrees.
        c = math.sqrt(0.5)
        return _polygon([((px - py) * c, (px + py) * c) for px, py in shapes["plus"]], colour, cx, cy)
    return _polygon(shapes[shape], colour, cx, cy)


def spread_labels(wanted: list[float], gap: float, low: float, high: float) -> list[float]:
    """Vertical positions for labels that want to sit at `wanted`, at least `gap` apart and within
    [low, high]: labels that would overlap are gathered into a block centred where they want to be,
    and blocks that then overlap are gathered again. Each label keeps its order."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    span = max(high - low, gap * (len(wanted) - 1))
    blocks: list[list[int]] = []  # each block: indexes into `order`, placed contiguously

    def start(block: list[int]) -> float:
        centre = sum(wanted[order[k]] for k in block) / len(block)
        first = centre - gap * (len(block) - 1) / 2
        return min(max(first, low), low + span - gap * (len(block) - 1))

    for k in range(len(order)):
        blocks.append([k])
        while len(blocks) > 1 and start(blocks[-2]) + gap * len(blocks[-2]) > start(blocks[-1]):
            last = blocks.pop()
            blocks[-1] += last
    placed = [0.0] * len(wanted)
    for block in blocks:
        first = start(block)
        for n, k in enumerate(block):
            placed[order[k]] = first + gap * n
    return placed


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def _text(x: float, y: float, text: str, side: str, **attributes) -> str:
    """A label whose left edge (side="left"), right edge ("right") or middle is at x.

    Anchors are physical (the chart is drawn left to right, direction="ltr"); a label with
    right-to-left letters is isolated (FSI ... PDI) so that a browser lays it out in its own
    direction, from its first strong letter: "שנה 3" reads as written, not "3 שנה". The PDF takes
    the isolates out and puts such labels in visual order instead (reports/pdf.py), since
    WeasyPrint draws SVG text letter by letter."""
    anchor = {"left": "start", "right": "end", "middle": "middle"}[side]
    if _has_rtl(text):
        text = FSI + text + PDI
    extra = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attributes.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _end_labels(series, ends, plot_right, top, plot_bottom, hidden: int) -> list[str]:
    """Each option's marker and name just after the end of its line, nudged apart vertically; a
    thin leader joins a name that had to move to the end of its line."""
    wanted = [end + 4 for end in ends]
    if hidden:
        wanted.append(plot_bottom + 4)  # "+ 3 more vendors": under the names
    placed = spread_labels(wanted, LABEL_GAP, top + 6, plot_bottom + 2)
    out = []
    line_end, marker_x, text_x = plot_right + 4, plot_right + 24, plot_right + 32
    for index, s in enumerate(series):
        ly = placed[index]
        if abs(ly - wanted[index]) > 2:
            out.append(
                f'<line x1="{line_end:.1f}" y1="{ends[index]:.1f}" x2="{marker_x - 7:.1f}" y2="{ly - 4:.1f}" '
                f'stroke="{s.colour}" stroke-width="1"/>'
            )
        out.append(_marker(MARKERS[index % len(MARKERS)], marker_x, ly - 4, s.colour))
        label = _short(s.label)
        out.append(_text(text_x, ly, label, "left", fill="#1d2a3a", font_size="12"))
    if hidden:
        note = _("+ %(count)s more vendors in the table") % {"count": hidden}
        out.append(_text(marker_x - 6, placed[-1], note, "left", fill="#5b6b7d", font_size="11"))
    return out


def _footnote(height: float, left: float, plot_right: float, *, with_marker: bool, rtl: bool) -> list[str]:
    """What the lines add up, under the plot on the reader's start side; the key to the break-even
    ring under the names of the lines, its ring in line with their markers."""
    baseline = height - 12
    note = _("Financial plus managerial cost, cumulated year by year.")
    x, side = (plot_right, "right") if rtl else (left, "left")
    out = [_text(x, baseline, note, side, fill="#5b6b7d", font_size="11")]
    if with_marker:
        out.append(
            f'<circle cx="{plot_right + 24:.1f}" cy="{baseline - 4:.1f}" r="6" fill="none" stroke="#1f2937" '
            'stroke-width="2"/>'
        )
        out.append(_text(plot_right + 36, baseline, _("In-house breaks even"), "left", fill="#1d2a3a", font_size="12"))
    return out


def _break_even_marker(comparison: Comparison, x, top: float, plot_h: float) -> list[str]:
    """A dashed line at the first year in which in-house catches up with an outsourced option."""
    years = [o.break_even_year for o in comparison.outsourced if o.break_even_year]
    if not years:
        return []
    first = min(years)
    bx = x(first)
    label = _("Break-even: year %(year)s") % {"year": first}
    # The label after the line, unless the line is the last year's.
    side, offset = ("right", -6) if first == comparison.years else ("left", 6)
    return [
        f'<line x1="{bx:.1f}" y1="{top}" x2="{bx:.1f}" y2="{top + plot_h}" stroke="#1f2937" stroke-width="1.5" '
        'stroke-dasharray="4 4"/>',
        _text(bx + offset, top + 12, label, side, fill="#1f2937", font_weight="bold"),
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


def chart_summary(comparison: Comparison, currency: str) -> str:
    """A text alternative for the chart (screen readers and the report's caption)."""
    parts = [
        _("%(label)s: %(total)s") % {"label": o.label, "total": f"{money(o.total)} {currency}"}
        for o in comparison.options
    ]
    return "; ".join(parts)
