"""python manage.py render_report REF -o FILE.pdf [--lang CODE] [--appendix]

Renders the executive report of an RFP in evaluation or decided, in the chosen language (right to
left for Hebrew, Arabic and Persian). Bad input exits non-zero with a one-line reason.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.pdf import ReportError, ReportRenderer, language_codes, missing_fonts
from reports.selectors import REPORT_STATUSES
from rfp.models import RFP


class Command(BaseCommand):
    help = "Render the executive report of an RFP as a PDF."

    def add_arguments(self, parser):
        parser.add_argument("reference", help="The RFP's reference, e.g. RFI-2027-001.")
        parser.add_argument("-o", "--output", required=True, help="The PDF file to write.")
        parser.add_argument("--lang", default="en", help=f"Report language: {', '.join(language_codes())}.")
        parser.add_argument("--appendix", action="store_true", help="Add every answer and score as an appendix.")

    def handle(self, *args, reference: str, output: str, lang: str, appendix: bool, **options):
        rfp = RFP.objects.filter(reference=reference).first()
        if rfp is None:
            raise CommandError(f"No RFP with the reference {reference!r}.")
        if rfp.status not in REPORT_STATUSES:
            raise CommandError(f"{reference} is {rfp.status}: a report exists once the evaluation has started.")
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(f"The folder {str(target.parent)!r} does not exist.")
        for font in missing_fonts(lang):
            self.stderr.write(f"Font {font!r} is not installed (Debian: fonts-noto-core); using a fallback font.")
        started = time.perf_counter()
        try:
            _filename, _content_type, pdf = ReportRenderer(rfp, language=lang, appendix=appendix).generate()
        except ReportError as error:
            raise CommandError(str(error)) from None
        try:
            target.write_bytes(pdf)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        seconds = time.perf_counter() - started
        self.stdout.write(f"Wrote {output} ({len(pdf) // 1024} KiB, {lang}) in {seconds:.1f} s.")
