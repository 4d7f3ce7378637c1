"""The one safety check for every Excel workbook the app reads (questionnaire imports, vendors'
offline answers), run on the raw bytes before anything is inflated or parsed.

A real questionnaire or answers workbook has 10 to 40 parts and a few MB of XML once inflated, and
XML compresses 10 to 30 times. The limits below leave room for ten times that and refuse what only
an attack or a broken file looks like: a zip bomb (too many parts, too much once inflated, an
extreme compression ratio), encryption, compression methods Excel never writes, and XML that
declares a DOCTYPE or entities (billion laughs, external entities). openpyxl parses through
defusedxml, which refuses entities too; this check gives a clear message first.
"""

import io
import re
import zipfile
import zlib

from django.utils.translation import gettext as _

MAX_PARTS = 300
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
EXCEL_COMPRESSION = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
XML_SCAN_CHUNK = 64 * 1024
FORBIDDEN_XML = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and any password-encrypted .xlsx
UNREADABLE_ARCHIVE = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError)


def workbook_problems(content: bytes, *, max_bytes: int) -> list[str]:
    """What is wrong with an uploaded .xlsx as an archive, or [] when it is safe to parse."""
    if not content:
        return [_("The file is empty.")]
    if len(content) > max_bytes:
        return [
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": f"{len(content) / 1048576:.1f}", "limit": f"{max_bytes / 1048576:.0f}"}
        ]
    if content.startswith(OLE2_MAGIC):
        return [
            _(
                "This is an old-format .xls or a password-protected workbook. Remove any password "
                "and save it as an Excel Workbook (.xlsx)."
            )
        ]
    if not zipfile.is_zipfile(io.BytesIO(content)):
        if content.startswith(ZIP_MAGIC):
            return [_damaged()]
        return [_("This is not an Excel workbook (.xlsx).")]
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return _part_problems(archive)
    except (*UNREADABLE_ARCHIVE, NotImplementedError):
        return [_damaged()]


def _damaged() -> str:
    return _("The file is damaged or incomplete (perhaps the upload was cut off). Save it again and retry.")


def _part_problems(archive: zipfile.ZipFile) -> list[str]:
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        return [
            _("The workbook holds %(n)s parts; a real workbook needs far fewer (limit %(limit)s).")
            % {"n": len(parts), "limit": MAX_PARTS}
        ]
    # zipfile never inflates a part beyond its declared size, so the declared sizes bound the work.
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        return [
            _("The workbook would unpack to %(size)s MB; the limit is %(limit)s MB.")
            % {"size": f"{unpacked / 1048576:.0f}", "limit": f"{MAX_UNCOMPRESSED_BYTES / 1048576:.0f}"}
        ]
    for part in parts:
        if part.flag_bits & 0x1:
            return [_("The workbook is encrypted. Remove the password and upload it again.")]
        if part.compress_type not in EXCEL_COMPRESSION:
            return [_("The workbook uses a compression method Excel does not write.")]
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_CHECKED_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
            return [_("The workbook is damaged or is not a real Excel file; nothing was read from it.")]
    names = {part.filename for part in parts}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        return [_("This is not an Excel workbook (.xlsx).")]
    for part in parts:
        if part.filename.endswith((".xml", ".rels", ".vml")) and _declares_entities(archive, part):
            return [_("The workbook contains XML declarations (DOCTYPE or ENTITY) that are not allowed.")]
    return []


def _declares_entities(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Whether an XML part declares a DOCTYPE or entities, read in chunks (never whole)."""
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(XML_SCAN_CHUNK):
            if FORBIDDEN_XML.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False
