"""The Excel score matrix: its formulas, recomputed from its own cells, give the app's numbers."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from reports.excel import ScoreMatrixExporter
from reports.selectors import report_ranking
from rfp.models import Question, Section
from tests.factories import QuestionFactory, SectionFactory
from tests.reports.conftest import build_evaluated_rfp
from tests.reports.formulas import Evaluator
from vendors.models import Answer

SUMMARY_HEADER_ROW = 6


def workbook_of(rfp):
    filename, content_type, content = ScoreMatrixExporter(rfp).generate()
    assert filename == f"{rfp.reference}-score-matrix.xlsx"
    assert content_type.endswith("spreadsheetml.sheet")
    return load_workbook(io.BytesIO(content))


def sheet_for(workbook, title: str):
    """A section's sheet, found as a reader finds it: by the full title in its first row (the tab
    shows a short code)."""
    return next(sheet for sheet in workbook.worksheets if str(sheet["A1"].value).endswith(f" · {title}"))


def summary_rows(workbook):
    """{vendor: {column title: cell}} from the Summary sheet."""
    sheet = workbook["Summary"]
    titles = [cell.value for cell in sheet[SUMMARY_HEADER_ROW]]
    rows = {}
    for row in sheet.iter_rows(min_row=SUMMARY_HEADER_ROW + 1):
        if row[1].value and row[0].value:
            rows[row[1].value] = dict(zip(titles, row, strict=False))
    return rows


def test_the_totals_computed_from_the_workbooks_own_formulas_match_the_app(evaluated):
    workbook = workbook_of(evaluated)
    evaluator = Evaluator(workbook)
    rows = summary_rows(workbook)
    ranking = report_ranking(evaluated)
    assert list(rows) == [row.label for row in ranking.rows], "vendors in rank order"
    for row in ranking.rows:
        cells = rows[row.label]
        for column in ("Total", "Technical"):
            assert str(cells[column].value).startswith("="), f"{column} is a formula"
        assert evaluator.cell("Summary", cells["Total"].coordinate) == pytest.approx(row.result.total, abs=1e-9)
        assert evaluator.cell("Summary", cells["Technical"].coordinate) == pytest.approx(row.result.technical, abs=1e-9)
        for section, expected in zip(ranking.sections, row.cells, strict=True):
            value = evaluator.cell("Summary", cells[section.title].coordinate)
            assert value == pytest.approx(expected, abs=1e-9), f"{row.label} / {section.title}"


def test_an_auditor_who_changes_a_raw_score_sees_the_total_move(evaluated):
    workbook = workbook_of(evaluated)
    sheet = sheet_for(workbook, "Agent attrition and workforce")
    header = [cell.value for cell in sheet[4]]
    omar = header.index("Omar Haddad: points") + 1
    harbor_row = next(
        r
        for r in range(5, sheet.max_row + 1)
        if sheet.cell(r, 1).value == "Harbor Premium Contact" and sheet.cell(r, omar).value is not None
    )
    total = summary_rows(workbook)["Harbor Premium Contact"]["Total"].coordinate
    before = Evaluator(workbook).cell("Summary", total)
    sheet.cell(harbor_row, omar).value = 0
    assert Evaluator(workbook).cell("Summary", total) < before


def test_each_section_sheet_holds_every_evaluators_raw_score_and_comment_and_the_consensus(evaluated):
    sheet = sheet_for(workbook_of(evaluated), "Cybersecurity and data protection")
    header = [cell.value for cell in sheet[4]]
    for title in (
        "Lena Berg: points",
        "Lena Berg: comment",
        "Omar Haddad: points",
        "Omar Haddad: comment",
        "Consensus",
        "Consensus reason",
        "Points that count",
    ):
        assert title in header
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)]
    coral = next(r for r in rows if r[0] == "Coral Coast Outsourcing" and r[1] == "security-02")
    assert coral[header.index("Omar Haddad: points")] == 1
    assert coral[header.index("Lena Berg: points")] == 3
    assert coral[header.index("Omar Haddad: comment")] == "Omar on Coral Coast Outsourcing"
    assert coral[header.index("Consensus")] == 2
    assert coral[header.index("Points that count")].startswith("=")


def test_nothing_a_vendor_wrote_can_run_as_a_formula(evaluated):
    question = Question.objects.get(section__rfp=evaluated, key="turnover-03")
    answer = Answer.objects.get(question=question, response__vendor__name="Vistula Nearshore CX")
    answer.value = '=HYPERLINK("http://evil.example","Click")'
    answer.save(update_fields=["value"])
    sheet = sheet_for(workbook_of(evaluated), "Agent attrition and workforce")
    cell = next(c for row in sheet.iter_rows(min_row=5) for c in row if "evil.example" in str(c.value))
    assert cell.data_type == "s"
    # Isolated (FSI ... PDI), with the quote still in front of the = inside.
    assert cell.value == '\u2068\'=HYPERLINK("http://evil.example","Click")\u2069'


def test_the_sheets_have_frozen_panes_filters_and_conditional_formats_for_flags(evaluated):
    workbook = workbook_of(evaluated)
    summary = workbook["Summary"]
    assert summary.freeze_panes == f"C{SUMMARY_HEADER_ROW + 1}"
    assert summary.auto_filter.ref.startswith(f"A{SUMMARY_HEADER_ROW}:")
    assert len(summary.conditional_formatting) >= 2
    section = sheet_for(workbook, "Agent attrition and workforce")
    assert section.freeze_panes == "D5" and section.auto_filter.ref.startswith("A4:")
    assert len(section.conditional_formatting) >= 2
    assert sheet_for(workbook, "Pricing")["D5"].value.startswith("=MIN(")


def test_the_export_reads_the_same_number_of_queries_for_twelve_vendors_as_for_four(paula, omar, lena, dana):
    small, _ = build_evaluated_rfp(procurement=paula, evaluators=[omar, lena], executive=dana)
    large, _ = build_evaluated_rfp(
        procurement=paula, evaluators=[omar, lena], executive=dana, extra_vendors=8, reference="RFI-2027-091"
    )
    counts = []
    for rfp in (small, large):
        with CaptureQueriesContext(connection) as queries:
            ScoreMatrixExporter(rfp).generate()
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_sheets_are_named_by_short_section_codes_and_headed_by_the_full_title(evaluated, paula, omar, lena, dana):
    """No tab is a section title cut at Excel's 31 characters ("Communication of needs and goal"):
    each section's tab is its place and key, and its first row holds the whole title."""
    long_title = "Communication of needs and goals (VMO)"
    long = SectionFactory(rfp=evaluated, key="vmo", title=long_title, weight=0, order=5)
    QuestionFactory(section=long, key="vmo-01", text="How do you report to our VMO?")
    workbook = workbook_of(evaluated)
    sections = list(Section.objects.filter(rfp=evaluated).order_by("order", "id"))
    assert workbook.sheetnames == [
        "Summary",
        "S01 TURNOVER",
        "S02 SECURITY",
        "S03 OVERSIGHT",
        "S04 PRICING",
        "S05 VMO",
    ]
    for name, section in zip(workbook.sheetnames[1:], sections, strict=True):
        sheet = workbook[name]
        assert len(name) <= 31
        assert sheet["A1"].value == f"{evaluated.reference} · {section.title}", "the full title heads the sheet"
    titles = {section.title for section in sections}
    for name in workbook.sheetnames:
        cut_off = [title for title in titles if title != name and title.startswith(name)]
        assert not cut_off, f"{name!r} is a cut-off title of {cut_off}"
    assert long_title[:31] not in workbook.sheetnames
    summary_header = [cell.value for cell in workbook["Summary"][SUMMARY_HEADER_ROW]]
    assert long_title in summary_header, "the Summary names the section in full too"


def test_the_summary_reads_each_section_score_from_the_coded_sheet_and_still_computes(evaluated):
    workbook = workbook_of(evaluated)
    harbor = summary_rows(workbook)["Harbor Premium Contact"]
    security = harbor["Cybersecurity and data protection"]
    assert security.value.startswith("='S02 SECURITY'!")
    expected = next(row for row in report_ranking(evaluated).rows if row.label == "Harbor Premium Contact")
    value = Evaluator(workbook).cell("Summary", security.coordinate)
    assert value == pytest.approx(expected.cells[1], abs=1e-9)
