"""python manage.py export_scores REF -o FILE.xlsx

The full score matrix of an RFP in evaluation or decided: a sheet per section with each
evaluator's raw score and comment, the consensus, the section scores, and totals as Excel formulas
that give the app's numbers. Bad input exits non-zero with a one-line reason.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.excel import ScoreMatrixExporter
from reports.pdf import ReportError
from reports.selectors import REPORT_STATUSES
from rfp.models import RFP


class Command(BaseCommand):
    help = "Export the score matrix of an RFP to Excel."

    def add_arguments(self, parser):
        parser.add_argument("reference", help="The RFP's reference, e.g. RFI-2027-001.")
        parser.add_argument("-o", "--output", required=True, help="The .xlsx file to write.")

    def handle(self, *args, reference: str, output: str, **options):
        rfp = RFP.objects.filter(reference=reference).first()
        if rfp is None:
            raise CommandError(f"No RFP with the reference {reference!r}.")
        if rfp.status not in REPORT_STATUSES:
            raise CommandError(f"{reference} is {rfp.status}: scores exist once the evaluation has started.")
        target = Path(output)
        if target.suffix.lower() != ".xlsx":
            raise CommandError("The output file must end in .xlsx.")
        if not target.parent.is_dir():
            raise CommandError(f"The folder {str(target.parent)!r} does not exist.")
        try:
            _filename, _content_type, content = ScoreMatrixExporter(rfp).generate()
        except ReportError as error:
            raise CommandError(str(error)) from None
        try:
            target.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        self.stdout.write(f"Wrote {output} ({len(content) // 1024} KiB).")
