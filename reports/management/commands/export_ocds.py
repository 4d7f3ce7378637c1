"""python manage.py export_ocds REF [-o FILE.json]

The OCDS 1.1 release package of a decided RFP (reports/ocds.py): tender with its award criteria,
bidders, bids with their scores, and the shortlist as the award. Printed, or written to FILE.json.
Bad input exits non-zero with a one-line reason.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.ocds import NotPublishable, release_package
from rfp.models import RFP


class Command(BaseCommand):
    help = "Write the OCDS release package of a decided RFP."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("reference", help="The RFP's reference, e.g. RFI-2027-001.")
        parser.add_argument("-o", "--output", help="The .json file to write (default: print).")

    def handle(self, *args, reference: str, output: str | None = None, **options):
        rfp = RFP.objects.filter(reference=reference).first()
        if rfp is None:
            raise CommandError(f"No RFP with the reference {reference!r}.")
        try:
            package = release_package(rfp)
        except NotPublishable as refused:
            raise CommandError(f"{refused} Decide it and publish its shortlist first.") from None
        text = json.dumps(package, ensure_ascii=False, indent=2)
        if output is None:
            self.stdout.write(text)
            return
        target = Path(output)
        if target.suffix.lower() != ".json" or not target.parent.is_dir():
            raise CommandError("The output must be a .json file in an existing folder.")
        target.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {output} ({len(package['releases'][0]['bids']['details'])} bids).")
