"""Charts as server-side SVG strings: the same markup serves the web page and the PDF report
(WeasyPrint renders inline SVG), and nothing depends on JavaScript.

Every piece of text that comes from data goes through `escape`; the functions return markup
that is safe to mark_safe. Colours carry their value as text too (scores are printed in the
cells), so the charts read in grey scale and for colour-blind readers.
"""

from dataclasses import dataclass
from html import escape

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# Score 0-100 -> colour, a red-amber-green ramp with a light middle so printed numbers stay legible.
RAMP = [(0, (194, 65, 59)), (40, (240, 160, 75)), (60, (246, 211, 101)), (80, (140, 192, 132)), (100, (46, 139, 87))]
BAR_TECHNICAL, BAR_PRICE = "#0f6e8c", "#e08a3c"
TITLE_CHARS = 30
ANGLE = 50
ANGLE_SIN, ANGLE_COS = 0.766, 0.643
LEGEND_NOTE = gettext_noop("— no score yet / sealed; dashed: excluded")
LEGEND_SWATCHES = 44 + 6 * 46 + 6  # "Score", then six colour swatches, then the note
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"


@dataclass(frozen=True)
class Mirror:
    """Charts are laid out left to right; on a right-to-left page every x is mirrored, so labels
    sit on the right, columns and bars run leftwards and a scale starts on the right."""

    width: float
    rtl: bool = False

    def x(self, position: float) -> float:
        return self.width - position if self.rtl else position

    def box(self, left: float, size: float) -> float:
        """The left edge of a box drawn from `left` to `left + size` in left-to-right terms."""
        return self.width - left - size if self.rtl else left

    def anchor(self, anchor: str) -> str:
        return {"start": "end", "end": "start"}.get(anchor, anchor) if self.rtl else anchor

    def angle(self, degrees: float) -> float:
        return -degrees if self.rtl else degrees


def score_colour(value: float | None) -> str:
    if value is None:
        return "#eef1f5"
    value = max(0.0, min(100.0, value))
    for (x0, c0), (x1, c1) in zip(RAMP, RAMP[1:], strict=False):
        if value <= x1:
            t = (value - x0) / (x1 - x0)
            r, g, b = (round(a + (b_ - a) * t) for a, b_ in zip(c0, c1, strict=True))
            return f"#{r:02x}{g:02x}{b:02x}"
    return "#2e8b57"


def _text_colour(value: float | None) -> str:
    return "#ffffff" if value is not None and (value < 25 or value > 88) else "#1d2a3a"


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def heat_map(ranking, *, max_width: int = 1080, label_width: int = 180, rtl: bool = False) -> str:
    """Vendors (rank order) x sections, each cell the section score on 0-100, then the total.

    Column titles are set at an angle so that sixteen sections still fit a page width with
    their names readable; cells shrink to fit, down to a size that still holds "100". Right to
    left, the vendors stand on the right and the total column closes the row on the left.
    """
    drawing = _heat_map_drawing(ranking, max_width, label_width, rtl)
    return drawing.svg(0, drawing.width, drawing.labels + drawing.cells)


def heat_map_split(ranking, *, label_width: int = 180, rtl: bool = False) -> tuple[str, str]:
    """The heat map as two drawings, the vendors' names and the cells, so that a page can keep the
    names in view while the cells scroll sideways under them."""
    drawing = _heat_map_drawing(ranking, 1080, label_width, rtl)
    names_from = drawing.width - label_width if rtl else 0
    cells_from = 0 if rtl else label_width
    names = drawing.svg(names_from, label_width, drawing.labels, "sl-heatmap-names")
    cells = drawing.svg(cells_from, drawing.width - label_width, drawing.cells)
    return names, cells


@dataclass
class _Drawing:
    width: int
    height: int
    labels: list[str]
    cells: list[str]

    def svg(self, left: float, width: float, elements: list[str], extra_class: str = "") -> str:
        """The elements seen through a window of the drawing from `left`, `width` wide."""
        name = f"sl-chart sl-heatmap {extra_class}".strip()
        # The names alone repeat what the whole map says: one label for assistive technology.
        role = (
            'aria-hidden="true"'
            if extra_class
            else f'role="img" aria-label="{escape(_("Heat map of section scores by vendor"))}"'
        )
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="{name}" viewBox="{left} 0 {width} {self.height}" '
            f'width="{width}" {role} font-family="{escape(FONT)}" font-size="12">' + "".join(elements) + "</svg>"
        )


def _heat_map_drawing(ranking, max_width: int, label_width: int, rtl: bool) -> "_Drawing":
    sections = ranking.sections
    columns = len(sections) + 1
    cell_width = max(46, min(86, (max_width - label_width - 60) // columns))
    cell_height = 30
    longest = max([min(len(s.title), TITLE_CHARS) for s in sections] + [5])
    header = 34 + int(longest * 6.3 * ANGLE_SIN)
    overflow = int(longest * 6.3 * ANGLE_COS)
    # The legend runs under the cells and may be wider than a map of few sections.
    width = max(label_width + cell_width * columns + overflow, label_width + LEGEND_SWATCHES + _text_width(LEGEND_NOTE))
    height = header + cell_height * len(ranking.rows) + 30
    m = Mirror(width, rtl)
    parts: list[str] = []
    labels: list[str] = []
    for c, section in enumerate(sections):
        x = label_width + c * cell_width + cell_width / 2
        title = section.title if len(section.title) <= TITLE_CHARS else section.title[: TITLE_CHARS - 1] + "…"
        tx = m.x(x - 2)
        parts.append(
            f'<text x="{tx:.1f}" y="{header - 22}" transform="rotate({m.angle(-ANGLE)} {tx:.1f} {header - 22})" '
            f'text-anchor="{m.anchor("start")}" fill="#3b4a5a" font-size="11.5" font-weight="600">'
            f"{escape(title)}</text>"
        )
        weight = _("%(weight)s%%") % {"weight": f"{section.weight:g}"}
        parts.append(
            f'<text x="{m.x(x):.1f}" y="{header - 6}" text-anchor="middle" fill="#6b7b8c" font-size="10">'
            f"{escape(weight)}</text>"
        )
    total_x = label_width + len(sections) * cell_width + cell_width / 2
    parts.append(
        f'<text x="{m.x(total_x):.1f}" y="{header - 6}" text-anchor="middle" fill="#1d2a3a" font-weight="700">'
        f"{escape(_('Total'))}</text>"
    )
    for r, row in enumerate(ranking.rows):
        y = header + r * cell_height
        excluded = row.result.excluded
        label = f"{row.result.rank}. {row.label}"
        label = label if len(label) <= 27 else label[:26] + "…"
        labels.append(
            f'<text x="{m.x(label_width - 10)}" y="{y + cell_height / 2 + 4:.1f}" text-anchor="{m.anchor("end")}" '
            f'fill="{"#8a96a3" if excluded else "#1d2a3a"}" font-weight="600">{escape(label)}</text>'
        )
        for c, value in enumerate((*row.cells, row.result.total)):
            x = label_width + c * cell_width
            is_total = c == len(sections)
            fill = "#dfe4ea" if excluded and is_total else score_colour(value)
            stroke = ' stroke="#1d2a3a" stroke-width="1.5"' if is_total else ""
            parts.append(
                f'<rect x="{m.box(x + 1, cell_width - 2)}" y="{y + 1}" width="{cell_width - 2}" '
                f'height="{cell_height - 2}" rx="3" '
                f'fill="{fill}"{stroke}/>'
            )
            colour = "#5b6b7d" if excluded and is_total else _text_colour(value)
            parts.append(
                f'<text x="{m.x(x + cell_width / 2):.1f}" y="{y + cell_height / 2 + 4:.1f}" text-anchor="middle" '
                f'fill="{colour}" font-weight="{700 if is_total else 500}">{escape(_fmt(value))}</text>'
            )
        if excluded:
            parts.append(
                f'<line x1="{m.x(label_width)}" x2="{m.x(label_width + cell_width * columns)}" '
                f'y1="{y + cell_height / 2:.1f}" '
                f'y2="{y + cell_height / 2:.1f}" stroke="#b42318" stroke-width="1" stroke-dasharray="4 3" '
                'opacity="0.55"/>'
            )
    legend_y = header + cell_height * len(ranking.rows) + 20
    parts.append(_legend(label_width, legend_y, m))
    return _Drawing(width, height, labels, parts)


def _text_width(text: str, size: float = 11) -> int:
    """A generous estimate of a label's width in the charts' sans-serif font."""
    return int(len(_(text)) * size * 0.62) + 8


def _legend(x: int, y: int, m: Mirror) -> str:
    start = m.anchor("start")
    parts = [
        f'<text x="{m.x(x)}" y="{y}" text-anchor="{start}" fill="#5b6b7d" font-size="11">{escape(_("Score"))}</text>'
    ]
    for i, value in enumerate((0, 20, 40, 60, 80, 100)):
        bx = x + 44 + i * 46
        parts.append(
            f'<rect x="{m.box(bx, 40)}" y="{y - 10}" width="40" height="12" rx="2" fill="{score_colour(value)}"/>'
            f'<text x="{m.x(bx + 20)}" y="{y - 1}" text-anchor="middle" font-size="9" '
            f'fill="{_text_colour(value)}">{value}</text>'
        )
    parts.append(
        f'<text x="{m.x(x + LEGEND_SWATCHES)}" y="{y}" text-anchor="{start}" fill="#5b6b7d" font-size="11">'
        f"{escape(_(LEGEND_NOTE))}</text>"
    )
    return "".join(parts)


def _whole_total_label(ranking) -> str:
    if ranking.method == "topsis":
        return _("Closeness to the ideal × 100")
    if getattr(ranking.rfp, "price_method", "") == "per_quality_point" and any(s.is_price for s in ranking.sections):
        return _("Value index: technical score per unit of price, best = 100")
    return ""


def total_bars(
    ranking, *, bar_height: int = 22, label_width: int = 170, plot_width: int = 300, rtl: bool = False
) -> str:
    """Each vendor's total as a bar in two parts: what the technical sections contribute and what
    the price contributes (weight x score / 100, over the sections that have a score). Right to
    left, the bars grow leftwards from the vendors' names."""
    rows = ranking.rows
    gap, top = 10, 22
    height = top + len(rows) * (bar_height + gap) + 22
    width = label_width + plot_width + 56
    m = Mirror(width, rtl)
    start = m.anchor("start")
    # A total that is not a weighted sum (TOPSIS closeness, the value index of price per quality
    # point) is drawn as one bar under its own name: parts that do not add up to it would mislead.
    whole = _whole_total_label(ranking)
    technical_label, price_label = whole or _("Technical"), _("Price")
    legend = (
        f'<rect x="{m.box(label_width, 10)}" y="2" width="10" height="10" rx="2" fill="{BAR_TECHNICAL}"/>'
        f'<text x="{m.x(label_width + 15)}" y="11" text-anchor="{start}" fill="#3b4a5a" font-size="11">'
        f"{escape(technical_label)}</text>"
    )
    if not whole:
        legend += (
            f'<rect x="{m.box(label_width + 110, 10)}" y="2" width="10" height="10" rx="2" fill="{BAR_PRICE}"/>'
            f'<text x="{m.x(label_width + 125)}" y="11" text-anchor="{start}" fill="#3b4a5a" font-size="11">'
            f"{escape(price_label)}</text>"
        )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sl-chart sl-bars" viewBox="0 0 {width} {height}" '
        f'width="{width}" role="img" aria-label="{escape(whole or _("Totals by vendor: technical and price parts"))}" '
        f'font-family="{escape(FONT)}" font-size="12">',
        legend,
    ]
    scale = plot_width / 100.0
    bottom = top + len(rows) * (bar_height + gap)
    for tick in (0, 25, 50, 75, 100):
        x = m.x(label_width + tick * scale)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{bottom - gap + 4}" stroke="#e5e9ef"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 8}" text-anchor="middle" fill="#8a96a3" font-size="10">{tick}</text>'
        )
    for r, row in enumerate(rows):
        y = top + r * (bar_height + gap)
        label = row.label if len(row.label) <= 25 else row.label[:24] + "…"
        excluded = row.result.excluded
        parts.append(
            f'<text x="{m.x(label_width - 10)}" y="{y + bar_height / 2 + 4:.1f}" text-anchor="{m.anchor("end")}" '
            f'fill="{"#8a96a3" if excluded else "#1d2a3a"}" font-weight="600">{escape(label)}</text>'
        )
        if whole:
            technical, price = row.result.total or 0.0, 0.0
        else:
            scored = [(s, v) for s, v in zip(ranking.sections, row.cells, strict=True) if v is not None]
            weight_total = sum(s.weight for s, _v in scored) or 100.0
            technical = sum(s.weight * v for s, v in scored if not s.is_price) / weight_total
            price = sum(s.weight * v for s, v in scored if s.is_price) / weight_total
        x = float(label_width)
        for share, colour, name in ((technical, BAR_TECHNICAL, technical_label), (price, BAR_PRICE, price_label)):
            if share <= 0:
                continue
            parts.append(
                f'<rect x="{m.box(x, share * scale):.1f}" y="{y}" width="{share * scale:.1f}" height="{bar_height}" '
                f'fill="{colour}" '
                f'opacity="{0.35 if excluded else 0.95}"><title>{escape(name)}: {share:.1f}</title></rect>'
            )
            x += share * scale
        total = row.result.total
        parts.append(
            f'<text x="{m.x(x + 6):.1f}" y="{y + bar_height / 2 + 4:.1f}" text-anchor="{start}" fill="#1d2a3a" '
            'font-weight="700">'
            f"{escape(_fmt(total) if total is None else number_format(round(total, 1), decimal_pos=1))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
