"""The executive report as a reader sees it: the PDF's own text, extracted with pdftotext, against
what `manage.py rank --format json` prints for the same RFP."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.utils import translation

from reports.pdf import ReportRenderer, font_stack, missing_fonts
from reports.selectors import make_or_buy, report_ranking
from scoring.selectors import FLAG_LABELS
from tests.reports.conftest import ATTRITION_BENCHMARK, PCI_REASON, SPAN_BENCHMARK
from tests.reports.pdf_text import page_with, pdf_pages, words_with_boxes
from tests.sourcing.factories import AssessmentFactory
from vendors.models import Vendor


def rank_json(reference: str) -> dict:
    out = io.StringIO()
    call_command("rank", reference, format="json", stdout=out)
    return json.loads(out.getvalue())


def render(rfp, **options) -> bytes:
    filename, content_type, pdf = ReportRenderer(rfp, **options).generate()
    assert content_type == "application/pdf" and pdf.startswith(b"%PDF")
    return pdf


@pytest.fixture
def english(evaluated):
    return pdf_pages(render(evaluated, language="en"))


def test_the_ranking_page_lists_the_vendors_in_the_order_and_with_the_totals_that_rank_prints(evaluated, english):
    ranking = rank_json(evaluated.reference)
    exact = {row.label: row.result.total for row in report_ranking(evaluated).rows}
    lines = english[page_with(english, "Ranking", "STATUS AND FLAGS")].splitlines()
    positions = []
    for vendor in ranking["vendors"]:
        index = next(i for i, line in enumerate(lines) if vendor["vendor"] in line)
        positions.append(index)
        shown = re.findall(r"\b\d{1,3}\.\d\b", lines[index].split(vendor["vendor"], 1)[1])[0]
        assert shown == f"{exact[vendor['vendor']]:.1f}"
        assert abs(float(shown) - vendor["total"]) <= 0.05 + 1e-9
    assert positions == sorted(positions), "the report orders the vendors as rank does"


def test_every_flag_rank_raises_is_printed_next_to_its_vendor(evaluated, english):
    ranking = rank_json(evaluated.reference)
    lines = english[page_with(english, "Ranking", "STATUS AND FLAGS")].splitlines()
    flagged = 0
    for vendor in ranking["vendors"]:
        line = next(line for line in lines if vendor["vendor"] in line)
        for flag in vendor["flags"]:
            assert str(FLAG_LABELS[flag]) in line, f"{flag} of {vendor['vendor']}"
            flagged += 1
        assert ("Knocked out" in line) == vendor["knocked_out"]
    assert flagged, "the fixture raises at least one flag"


def test_risk_flags_quote_the_vendors_own_answer_and_the_benchmark_it_breaks(evaluated, english):
    coral = english[page_with(english, "Coral Coast Outsourcing", "Risk flags", "Scores across the risk areas")]
    flat = " ".join(coral.split())
    assert "“55%”" in flat and ATTRITION_BENCHMARK in flat
    assert "“25 agents”" in flat and SPAN_BENCHMARK in flat
    harbor = english[page_with(english, "Harbor Premium Contact", "Scores across the risk areas")]
    assert "No answer breaks a benchmark or a mandatory requirement." in harbor


def test_knockouts_are_shown_with_their_reasons_and_the_answer_that_failed(evaluated, english):
    knockouts = " ".join(english[page_with(english, "Knockouts", "A knockout is a mandatory requirement")].split())
    assert "Atlas Multilingual Services" in knockouts
    assert PCI_REASON in knockouts and "“No”" in knockouts


def test_the_report_has_a_cover_contents_with_page_numbers_and_a_numbered_running_footer(evaluated, english):
    assert len(english) >= 6
    assert "RFI-2027-090" in english[0] and "Customer service outsourcing 2027" in english[0]
    assert "Page" not in english[0], "the cover has no running footer"
    contents = english[1]
    summary_page = page_with(english, "Executive summary", "Standing on the current scores") + 1
    assert re.search(rf"Executive summary[ .]+{summary_page}\b", contents)
    method_page = page_with(english, "Appendix: methodology and weights", "How the scores are made") + 1
    assert re.search(rf"Appendix: methodology and weights[ .]+{method_page}\b", contents)
    for number, page in enumerate(english[1:], start=2):
        assert f"Page {number} / {len(english)}" in page
        assert "RFI-2027-090 · Executive report" in page
    for chapter in ("Price comparison", "Evaluator agreement", "Kendall's W", "How robust is the result?"):
        assert any(chapter in page for page in english), chapter


def test_the_executive_summary_names_the_leader_and_the_sensitivity_in_plain_words(evaluated, english):
    summary = " ".join(english[page_with(english, "Executive summary", "In brief")].split())
    leader = report_ranking(evaluated).winner
    assert f"{leader.label} leads with {leader.result.total:.1f} of 100." in summary
    assert "random variations of the weights" in summary


def test_the_hebrew_report_is_in_hebrew_right_to_left_with_the_same_ranking(evaluated):
    pdf = render(evaluated, language="he")
    pages = pdf_pages(pdf)
    assert len(pages) >= 6
    ranking_index = page_with(pages, "סטטוס ודגלים")
    ranking_page = pages[ranking_index]
    for vendor in rank_json(evaluated.reference)["vendors"]:
        assert vendor["vendor"] in ranking_page
        assert f"{vendor['total']:.1f}"[:-1] in ranking_page  # the total, to one decimal
    assert "תקציר מנהלים" in "".join(pages) and "דגלי סיכון" in "".join(pages)
    # Right to left: the chapter title sits against the right margin (-bbox gives visual order).
    words = words_with_boxes(pdf, ranking_index + 1)
    title = [(x, width) for word, x, width in words if word in ("דירוג", "דירוג"[::-1])]
    assert title and title[0][0] > title[0][1] / 2


def test_hebrew_chart_labels_are_drawn_in_reading_order(evaluated):
    """WeasyPrint draws SVG text letter by letter; the report puts Hebrew labels in visual order
    so that the heat map's total column reads סה״כ, not כ״הס. pdftotext -layout reads right-to-left
    runs back into reading order, so a label drawn in stored order shows up reversed here."""
    pages = pdf_pages(render(evaluated, language="he"))
    heat_map = pages[page_with(pages, "ציונים לפי תחום סיכון", "1. Harbor Premium Contact")]
    assert "סה״כ" in heat_map
    assert "כ״הס" not in heat_map.replace(" ", ""), "a chart label is drawn backwards"


def test_the_appendix_lists_every_answer_and_score_only_when_asked(evaluated):
    without = "".join(pdf_pages(render(evaluated, language="en")))
    assert "Appendix: every answer and score" not in without
    pages = pdf_pages(render(evaluated, language="en", appendix=True))
    appendix = " ".join(
        " ".join(pages[page_with(pages, "Appendix: every answer and score", "Points are on 0-5") :]).split()
    )
    assert "Vistula Nearshore CX answers: How do you retain agents?" in appendix
    assert "Lena on Vistula Nearshore CX" in appendix and "Omar on Vistula Nearshore CX" in appendix


def test_the_report_falls_back_to_installed_fonts_without_noto(monkeypatch):
    monkeypatch.setattr("reports.pdf.installed_font_families", lambda: frozenset({"DejaVu Sans"}))
    assert missing_fonts("he") == ["Noto Sans", "Noto Sans Hebrew"]
    assert "DejaVu Sans" in font_stack("he") and "DejaVu Sans" in font_stack("en")
    monkeypatch.setattr("reports.pdf.installed_font_families", lambda: None)
    assert missing_fonts("ar") == [], "without fc-list nothing is reported missing"


def test_the_make_or_buy_section_appears_when_the_rfp_has_an_assessment(evaluated, paula):
    without = "".join(pdf_pages(render(evaluated, language="en")))
    assert "Make or buy" not in without
    AssessmentFactory(rfp=evaluated, owner=paula)
    pages = pdf_pages(render(evaluated, language="en"))
    section = " ".join(pages[page_with(pages, "Make or buy", "Reasons")].split())
    data = make_or_buy(evaluated)
    assert data["recommendation"]["label"] in section
    assert "Make or buy" in pages[1], "listed in the contents"


def test_the_make_or_buy_chart_names_each_line_in_reading_order_in_both_directions(evaluated, paula):
    """Each option's name is printed at the end of its line; a vendor's Hebrew name reads as
    written in an English report and in a Hebrew one (WeasyPrint draws SVG text letter by letter,
    so the report puts it in visual order; pdftotext reads it back in reading order)."""
    AssessmentFactory(rfp=evaluated, owner=paula)
    Vendor.objects.filter(name="Coral Coast Outsourcing").update(name="חוף האלמוגים 24")
    for language, cost_by_year in (("en", "Cost by year"), ("he", "עלות לפי שנה")):
        pages = pdf_pages(render(evaluated, language=language))
        # The chart sits between the reasons and the cost table, on one page or at the foot of
        # the page before the table's.
        with translation.override(language):  # the labels as that report prints them
            options = make_or_buy(evaluated)["options"]
            reasons = translation.gettext("Reasons")
        before_table = "\f".join(pages).split(cost_by_year)[0]
        chart = before_table[before_table.rfind(reasons) :]
        for option in options:
            # pdftotext puts the number of a right-to-left name on its left, as it does in the table.
            # Brackets around a Latin word in a Hebrew label come back mirrored; compare the words.
            words = [word.strip("()") for word in option["label"].split()]
            assert all(word in chart for word in words), (language, option["label"])
        assert "חוף האלמוגים" in chart and "םיגומלאה ףוח" not in chart
