"""The executive report's pages as a reader leafs through them: no page is left mostly empty.

A page is measured by how far down its text reaches (tests/reports/pdf_text.py `page_fill`). Every
page must be at least a third full, except:

- the cover (page 1) and the contents;
- a chapter's last page: the page before a page that opens a chapter which always starts on a new
  page (the executive summary, the ranking, the heat map on its landscape pages, each shortlisted
  vendor's page, the methodology appendix and the answers appendix), and the report's last page.

The shorter chapters that follow the vendor pages (the other vendors' risk flags, knockouts, price
comparison, evaluator agreement, robustness, make or buy) run on after one another, so a page
that ends one of them is no excuse for a page left empty.
"""

import io

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext as _

from reports.pdf import ReportRenderer
from reports.selectors import report_data
from rfp.models import RFP
from tests.reports.pdf_text import first_line, letters, page_fill, pdf_pages

A_THIRD = 1 / 3


def chapters_that_open_a_page(rfp: RFP, language: str) -> set[str]:
    """The titles (letters only) of the chapters that always start on a new page."""
    with translation.override(language):
        titles = [
            _("Contents"),
            _("Executive summary"),
            _("Ranking"),
            _("Scores by risk area"),
            _("Shortlisted vendors"),
            _("Leading vendors"),
            _("Appendix: methodology and weights"),
            _("Appendix: every answer and score"),
            _("Appendix: claims to verify"),
            _("Best and final offers"),
        ]
        titles += [page.row.label for page in report_data(rfp).vendor_pages]
    return {letters(title) for title in titles}


def pages_left_mostly_empty(pdf: bytes, rfp: RFP, language: str) -> list[str]:
    """Every page less than a third full that is neither the cover, the contents nor a chapter's
    last page, as 'page N (fill): first line'."""
    fills = page_fill(pdf)
    texts = pdf_pages(pdf)
    assert len(fills) == len(texts)
    openers = chapters_that_open_a_page(rfp, language)
    opens_a_chapter = [letters(first_line(text)) in openers for text in texts]
    with translation.override(language):
        contents = letters(_("Contents"))
    empty = []
    for index, fill in enumerate(fills):
        cover = index == 0
        is_contents = letters(first_line(texts[index])) == contents
        last_of_chapter = index == len(fills) - 1 or opens_a_chapter[index + 1]
        if fill < A_THIRD and not (cover or is_contents or last_of_chapter):
            empty.append(f"page {index + 1} ({fill:.0%} full): {first_line(texts[index])[:60]}")
    return empty


@pytest.fixture
def demo_rfi(db):
    call_command("seed_demo", stdout=io.StringIO())
    return RFP.objects.get(reference="RFI-2027-001")


@pytest.mark.parametrize("language", ["en", "he"])
def test_no_page_of_the_demo_report_is_left_mostly_empty(demo_rfi, language):
    for appendix in (False, True):
        _name, _type, pdf = ReportRenderer(demo_rfi, language=language, appendix=appendix).generate()
        fills = page_fill(pdf)
        assert len(fills) > 10, "the demo report has its chapters"
        assert not pages_left_mostly_empty(pdf, demo_rfi, language), (appendix, [f"{f:.2f}" for f in fills])


def test_the_measure_tells_a_short_page_from_a_full_one():
    """page_fill on a document made for it: a page with two lines of text, then a full page, under
    a running header and footer like the report's."""
    from weasyprint import HTML

    html = (
        """<style>@page { size: A4; margin: 22mm 18mm 20mm;
      @top-left { content: "Header"; } @bottom-left { content: "Footer"; } }
      p { margin: 0; font-size: 10pt; line-height: 14pt; }</style>
      <p>One line.</p><p>Another line.</p>
      <div style="break-before: page">"""
        + "<p>A full page of text.</p>" * 120
        + "</div>"
    )
    pdf = HTML(string=html).write_pdf()
    short, full, *_rest = page_fill(pdf)
    assert short < 0.1
    assert full > 0.95
