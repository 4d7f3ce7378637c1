"""What every workbook the product writes shares."""

from django.utils import translation
from openpyxl import Workbook


def set_reading_direction(workbook: Workbook, language: str | None = None) -> None:
    """Right-to-left sheets (column A on the right) when the workbook's words are in Hebrew,
    Arabic or Persian: `language`, or else the language of the current request."""
    code = language or translation.get_language() or "en"
    if translation.get_language_info(code)["bidi"]:
        for sheet in workbook.worksheets:
            sheet.sheet_view.rightToLeft = True
