"""Which charts the report and the dashboard show, and how they fit a printed page.

The field charts are scoring/charts.py (the heat map and the stacked totals of the evaluation
pages), so a figure in the report always matches the screen; the one-vendor profile is
reports/charts.py. A page is narrower than a screen: the heat map is cut into blocks of
sections, and the field charts show the leading vendors (the score matrix in Excel has all).
"""

import re
from dataclasses import replace

from reports import charts as report_charts_module
from reports.bidi import svg_visual_order
from reports.selectors import Report
from scoring import charts
from scoring.selectors import RankedVendor, Ranking

SECTIONS_PER_HEAT_MAP = 8
VENDORS_IN_FIELD_CHARTS = 15
VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')


def natural_width(svg: str) -> float:
    """The SVG's own width in CSS pixels, so that a small chart is not blown up to the page."""
    found = VIEWBOX.search(svg)
    return float(found.group(1)) if found else 0.0


def _figure(svg: str, *, rtl: bool = False) -> dict:
    """A chart for the PDF; right-to-left labels are put in visual order, as WeasyPrint draws
    SVG text letter by letter without the bidirectional algorithm (see reports/bidi.py)."""
    return {"svg": svg_visual_order(svg) if rtl else svg, "width": natural_width(svg)}


def _leading(ranking: Ranking, limit: int = VENDORS_IN_FIELD_CHARTS) -> Ranking:
    return replace(ranking, rows=ranking.rows[:limit])


def heat_map_blocks(
    ranking: Ranking,
    per_block: int = SECTIONS_PER_HEAT_MAP,
    limit: int | None = VENDORS_IN_FIELD_CHARTS,
    rtl: bool = False,
    for_pdf: bool = True,
) -> list[dict]:
    """The heat map in blocks of at most `per_block` weighted sections, each readable on a
    landscape page. Each block repeats the total column (the vendor's overall total). Sections
    with no weight carry no score and are left out."""
    shown = _leading(ranking, limit) if limit else ranking
    columns = [i for i, section in enumerate(shown.sections) if section.weight > 0]
    blocks = []
    for start in range(0, len(columns), per_block):
        block = columns[start : start + per_block]
        part = replace(
            shown,
            sections=[shown.sections[i] for i in block],
            rows=[replace(row, cells=tuple(row.cells[i] for i in block)) for row in shown.rows],
        )
        if for_pdf:
            blocks.append(_figure(charts.heat_map(part, rtl=rtl), rtl=rtl))
        else:  # a page keeps the vendors' names in view while the cells scroll
            names, cells = charts.heat_map_split(part, rtl=rtl)
            blocks.append({"names": names, "cells": cells})
    return blocks


def vendor_profile(ranking: Ranking, row: RankedVendor, *, rtl: bool = False) -> str:
    """One vendor across the scored sections, with the best of the other valid vendors."""
    others = [r for r in ranking.rows if r is not row and not r.result.excluded]
    sections = []
    for index, section in enumerate(ranking.sections):
        if section.weight <= 0:
            continue
        best = max((r.cells[index] for r in others if r.cells[index] is not None), default=None)
        sections.append((section.title, row.cells[index], best))
    return report_charts_module.vendor_profile(sections, rtl=rtl)


def report_charts(report: Report, *, rtl: bool = False) -> dict:
    ranking = report.ranking
    if not ranking.rows:
        return {"heat_maps": [], "bars": None, "vendors": {}, "truncated": False}
    return {
        "heat_maps": heat_map_blocks(ranking, rtl=rtl),
        "bars": _figure(charts.total_bars(_leading(ranking), rtl=rtl), rtl=rtl),
        "vendors": {
            page.row.result.vendor_id: _figure(vendor_profile(ranking, page.row, rtl=rtl), rtl=rtl)
            for page in report.vendor_pages
        },
        "truncated": len(ranking.rows) > VENDORS_IN_FIELD_CHARTS,
        "shown": VENDORS_IN_FIELD_CHARTS,
    }


def dashboard_charts(report: Report, *, rtl: bool = False) -> dict:
    """The dashboard shows the whole field: a screen scrolls where a page cannot."""
    ranking = report.ranking
    if not ranking.rows:
        return {"heat_maps": [], "vendors": {}}
    return {
        "heat_maps": heat_map_blocks(ranking, limit=None, rtl=rtl, for_pdf=False),
        "vendors": {
            page.row.result.vendor_id: vendor_profile(ranking, page.row, rtl=rtl) for page in report.vendor_pages
        },
    }
