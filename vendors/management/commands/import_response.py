"""python manage.py import_response REF VENDOR FILE.xlsx: a vendor's offline workbook, checked exactly
as the web upload checks it (vendors.offline), saved in one transaction or not at all."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from vendors import offline
from vendors.management.commands.export_response import find_response


def one_line(problems: list[str]) -> str:
    return " ".join("; ".join(problems).split())


class Command(BaseCommand):
    help = "Import a vendor's offline answers workbook (.xlsx) for an RFP, with the web upload's checks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", help="the RFP's reference, e.g. RFP-2027-002")
        parser.add_argument("vendor", help="the vendor company's name or slug")
        parser.add_argument("file", help="the completed .xlsx workbook")
        parser.add_argument("--dry-run", action="store_true", help="check and list the changes, save nothing")

    def handle(self, *args, reference: str, vendor: str, file: str, dry_run: bool, **options) -> None:
        content = self._read(Path(file))
        response = find_response(reference, vendor)
        if dry_run:
            check = offline.check_workbook(response=response, content=content)
            if check.problems:
                raise CommandError(f"{file}: {one_line(check.problems)}")
        else:
            try:
                check = offline.apply_workbook(response=response, content=content, by=None)
            except offline.WorkbookRefused as refused:
                raise CommandError(f"Nothing was saved. {file}: {one_line(refused.check.problems)}") from None
        for change in check.changes:
            self.stdout.write(f"  {change.question.key}: {change.before!r} -> {change.after!r}")
        if not check.changes:
            self.stdout.write("No changes: the workbook matches the saved answers.")
        elif dry_run:
            self.stdout.write(f"Would save {len(check.changes)} answers (dry run, nothing saved).")
        else:
            self.stdout.write(f"Saved {len(check.changes)} answers for {response.vendor.name} on {reference}.")

    def _read(self, path: Path) -> bytes:
        try:
            size = path.stat().st_size
            if size > settings.MAX_UPLOAD_BYTES:
                # Refused before reading it into memory; the message matches the web upload's.
                limit = settings.MAX_UPLOAD_BYTES / 1048576
                raise CommandError(f"{path}: the file is {size / 1048576:.1f} MB; the limit is {limit:.0f} MB.")
            return path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from None
