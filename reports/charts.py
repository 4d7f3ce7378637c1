"""One vendor's scores across the risk areas, as server-side SVG.

scoring/charts.py draws the field (heat map, stacked totals); it has no chart of a single vendor,
so this one lives here, in the same style (scoring's colour ramp and font) so that the dashboard
and the PDF show the same figure. Text from data goes through `escape`; the result is safe to
mark_safe. Mirrored for right-to-left reports: labels on the right, bars growing leftwards.
"""

from html import escape

from django.utils.translation import gettext as _

from scoring.charts import FONT, score_colour


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def vendor_profile(
    sections: list[tuple[str, float | None, float | None]],
    *,
    rtl: bool = False,
    label_width: int = 250,
    plot_width: int = 360,
    row_height: int = 22,
) -> str:
    """Bars of one vendor's section scores (0-100), each with a tick at the best score among the
    other valid vendors. `sections` holds (title, score, best of the others) per section."""
    value_width = 44
    top, bottom = 22, 34
    width = label_width + plot_width + value_width + 10
    height = top + row_height * len(sections) + bottom
    scale = plot_width / 100.0

    def x(position: float) -> float:
        """Left-to-right coordinates, mirrored for right-to-left pages."""
        return width - position if rtl else position

    plot_start = label_width
    anchor_end = "start" if rtl else "end"
    anchor_start = "end" if rtl else "start"
    title = _("Scores across the risk areas")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sl-chart sl-profile" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" '
        f'font-family="{escape(FONT)}" font-size="11">'
    ]
    for tick in (0, 25, 50, 75, 100):
        tx = x(plot_start + tick * scale)
        parts.append(
            f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{top - 6}" y2="{top + row_height * len(sections)}" '
            'stroke="#e5e9ef"/>'
            f'<text x="{tx:.1f}" y="{top - 9}" text-anchor="middle" fill="#8a96a3" font-size="9">{tick}</text>'
        )
    for i, (title, value, best) in enumerate(sections):
        y = top + i * row_height
        mid = y + row_height / 2 + 4
        parts.append(
            f'<text x="{x(label_width - 8):.1f}" y="{mid:.1f}" text-anchor="{anchor_end}" fill="#1d2a3a">'
            f"{escape(_short(title, 40))}</text>"
        )
        if value is not None:
            bar = max(value, 0.0) * scale
            left = x(plot_start + bar) if rtl else x(plot_start)
            parts.append(
                f'<rect x="{left:.1f}" y="{y + 4}" width="{bar:.1f}" height="{row_height - 8}" rx="3" '
                f'fill="{score_colour(value)}"/>'
            )
        if best is not None:
            bx = x(plot_start + best * scale)
            parts.append(
                f'<line x1="{bx:.1f}" x2="{bx:.1f}" y1="{y + 2}" y2="{y + row_height - 2}" stroke="#14324a" '
                'stroke-width="2"/>'
            )
        shown = "—" if value is None else f"{value:.0f}"
        parts.append(
            f'<text x="{x(plot_start + plot_width + 8):.1f}" y="{mid:.1f}" text-anchor="{anchor_start}" '
            f'fill="#1d2a3a" font-weight="700">{escape(shown)}</text>'
        )
    legend = _("best score of the other valid vendors")
    legend_y = top + row_height * len(sections) + 22
    lx = x(plot_start)
    parts.append(
        f'<line x1="{lx:.1f}" x2="{lx:.1f}" y1="{legend_y - 10}" y2="{legend_y + 2}" stroke="#14324a" '
        'stroke-width="2"/>'
        f'<text x="{x(plot_start + 8):.1f}" y="{legend_y}" text-anchor="{anchor_start}" fill="#5b6b7d" font-size="10">'
        f"{escape(legend)}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)
