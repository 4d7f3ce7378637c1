"""The claims to verify as an Excel workbook: one sheet, a row per claim, with a column for the
buyer to record what the reference check found. Nothing a vendor wrote can run as a formula."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font

from config.spreadsheets import set_reading_direction
from vendors.answer_values import excel_safe

WIDTHS = (28, 14, 40, 18, 60, 30)


def claims_workbook(rfp, vendors) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Claims to verify")[:31]
    sheet.append([excel_safe(f"{rfp.reference} · {rfp.title}")])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_("What each bid states: check it with references and hold the vendor to it in the contract.")])
    sheet.append([])
    titles = [_("Vendor"), _("Question"), _("Question text"), _("Kind"), _("In context"), _("Checked: result")]
    sheet.append(titles)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for vendor in vendors:
        for row in vendor.rows:
            sheet.append(
                [
                    excel_safe(vendor.vendor),
                    excel_safe(row.question_key),
                    excel_safe(row.question),
                    row.kind_label,
                    _in_context(row),
                    "",
                ]
            )
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(64 + index)].width = width
    for cells in sheet.iter_rows(min_row=5):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A5"
    set_reading_direction(workbook)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _in_context(row):
    """The sentence with the claim in bold, as the page marks it; the whole text when the claim is
    the sentence (a commitment) or a typed answer. Rich text is never read as a formula; the plain
    text goes through excel_safe."""
    from insights.selectors import claim_span

    context = row.context or row.claim
    span = None if row.typed else claim_span(context, row.claim)
    if span is None:
        return excel_safe(context)
    start, end = span
    pieces = [context[:start], TextBlock(InlineFont(b=True), context[start:end]), context[end:]]
    return CellRichText([piece for piece in pieces if isinstance(piece, TextBlock) or piece])
