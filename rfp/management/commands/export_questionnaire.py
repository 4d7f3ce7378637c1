"""python manage.py export_questionnaire REF|bank -o FILE.json|FILE.xlsx

Writes an RFP's questionnaire (or the question bank) in the format rfp/exporters.py documents;
import_questionnaire reads it back. Bad input exits non-zero with a one-line reason.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rfp.exporters import BANK_SOURCE, EXPORTERS, bank_document, rfp_document
from rfp.models import RFP


class Command(BaseCommand):
    help = "Export an RFP's questionnaire, or the question bank, as JSON or Excel."

    def add_arguments(self, parser):
        parser.add_argument("ref", metavar="REF|bank", help="An RFP reference (e.g. RFI-2027-001), or 'bank'.")
        parser.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.json or FILE.xlsx")

    def handle(self, *args, ref: str, output: str, **options):
        path = Path(output)
        fmt = path.suffix.lower().removeprefix(".")
        if fmt not in EXPORTERS:
            raise CommandError(
                f"Unknown file type '{path.suffix or path.name}': the output must end in .json or .xlsx."
            )
        document = self._document(ref)
        _filename, _content_type, content = EXPORTERS[fmt](document).generate()
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror or error}.") from None
        questions = sum(len(section["questions"]) for section in document["sections"])
        self.stdout.write(f"Wrote {questions} questions in {len(document['sections'])} sections to {path}.")

    def _document(self, ref: str) -> dict:
        if ref == BANK_SOURCE:
            return bank_document()
        rfp = RFP.objects.filter(reference=ref).first()
        if rfp is None:
            raise CommandError(f"No RFP with the reference {ref!r}.")
        return rfp_document(rfp)
