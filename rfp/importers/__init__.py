"""Questionnaire imports: a JSON or Excel file made by rfp/exporters.py (or written by hand in the
same format) becomes a new draft RFP, all of it or nothing.

Reading is separate from saving. `read_questionnaire_file(name, content)` turns the bytes into the
questionnaire document and raises ImportProblems with every problem it finds, each naming where
it is (sheet, row and column for a workbook; section and question for JSON). Only a document
without problems reaches `import_questionnaire`, which calls rfp.services.rfp_create_from_data.

Uploaded workbooks are untrusted zip files: before openpyxl inflates anything, the archive's
entry count, declared sizes and compression methods are checked (Python's zipfile never inflates
an entry beyond its declared size, so the declared sizes bound the memory used). openpyxl parses
the XML with defusedxml when it is installed (openpyxl/xml/functions.py), which refuses entity
tricks; the importer refuses to read a workbook if that protection is off. Formulas are refused.

Every public name is importable from ``rfp.importers``; the modules, by purpose:

* :mod:`.entry`: ``read_questionnaire_file`` and ``import_questionnaire``, the entry points.
* :mod:`.document`: ``parse_json`` and ``document_problems``, the document however it was read.
* :mod:`.workbook`: the Excel workbook read into a document (``WorkbookReader``).
* :mod:`.cells`: one row of a sheet read cell by cell, in any language the site offers.
* :mod:`.common`: ``ImportProblems`` and the checks of plain values the others share.
"""

from rfp.importers.cells import RowCells, in_any_language, ooxml_unescape
from rfp.importers.common import ImportProblems
from rfp.importers.document import (
    BOOL_FIELDS,
    DEFAULT_DEADLINE_DAYS,
    META_TYPES,
    NUMBER_FIELDS,
    OBJECT_FIELDS,
    OPTIONAL_STRING_FIELDS,
    STRING_FIELDS,
    default_deadline,
    document_problems,
    parse_json,
    rfp_fields,
    validation_messages,
)
from rfp.importers.entry import (
    EXTENSIONS,
    REFERENCE_PATTERN,
    RESERVED_REFERENCES,
    import_questionnaire,
    read_questionnaire_file,
    reference_problems,
    too_big_message,
)
from rfp.importers.workbook import (
    MAX_QUESTION_ROWS,
    MAX_SECTION_ROWS,
    SheetRows,
    WorkbookReader,
    check_archive,
    parse_workbook,
)

__all__ = [
    "BOOL_FIELDS",
    "DEFAULT_DEADLINE_DAYS",
    "EXTENSIONS",
    "MAX_QUESTION_ROWS",
    "MAX_SECTION_ROWS",
    "META_TYPES",
    "NUMBER_FIELDS",
    "OBJECT_FIELDS",
    "OPTIONAL_STRING_FIELDS",
    "REFERENCE_PATTERN",
    "RESERVED_REFERENCES",
    "STRING_FIELDS",
    "ImportProblems",
    "RowCells",
    "SheetRows",
    "WorkbookReader",
    "check_archive",
    "default_deadline",
    "document_problems",
    "import_questionnaire",
    "in_any_language",
    "ooxml_unescape",
    "parse_json",
    "parse_workbook",
    "read_questionnaire_file",
    "reference_problems",
    "rfp_fields",
    "too_big_message",
    "validation_messages",
]
