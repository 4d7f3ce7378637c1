"""python manage.py import_questionnaire FILE.json|FILE.xlsx [--title T] [--deadline ISO] [--by USER] [--reference REF]

Creates a draft RFP from a questionnaire file (rfp/importers/: the same checks as the web
upload). All of it or nothing; bad input exits non-zero with a one-line reason.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import Role
from rfp.importers import (
    DEFAULT_DEADLINE_DAYS,
    EXTENSIONS,
    ImportProblems,
    import_questionnaire,
    read_questionnaire_file,
    too_big_message,
)

PROBLEMS_ON_ONE_LINE = 3
DATE_ONLY_HOUR = 17  # a deadline given as a date closes at 17:00, the usual end of a business day


def one_line(problems: list[str]) -> str:
    """'3 problems: first; second; third' (and how many more), never more than one line."""
    shown = "; ".join(" ".join(p.split()).rstrip(".") for p in problems[:PROBLEMS_ON_ONE_LINE])
    more = len(problems) - PROBLEMS_ON_ONE_LINE
    count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
    return f"{count}: {shown}" + (f"; and {more} more." if more > 0 else ".")


def parse_deadline(text: str) -> datetime.datetime:
    try:
        if "T" not in text and " " not in text.strip():
            day = datetime.date.fromisoformat(text.strip())
            value = datetime.datetime.combine(day, datetime.time(DATE_ONLY_HOUR))
        else:
            value = datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"--deadline {text!r} is not an ISO date or date and time, e.g. 2027-03-01T17:00.") from None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value <= timezone.now():
        raise CommandError(f"--deadline {text} is in the past; give a future date.")
    return value


class Command(BaseCommand):
    help = "Create a draft RFP from a questionnaire file exported by export_questionnaire (JSON or Excel)."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="FILE.json or FILE.xlsx")
        parser.add_argument("--title", help="Title of the new RFP (default: the title in the file).")
        parser.add_argument(
            "--deadline",
            help=f"ISO date or date and time (a date means 17:00); default {DEFAULT_DEADLINE_DAYS} days from now.",
        )
        parser.add_argument("--by", metavar="USERNAME", help="The procurement user who owns it (default: the first).")
        parser.add_argument("--reference", help="Reference of the new RFP (default: the next free one).")

    def handle(self, *args, file: str, title=None, deadline=None, by=None, reference=None, **options):
        path = Path(file)
        if path.suffix.lower() not in EXTENSIONS:
            raise CommandError(f"Unknown file type '{path.suffix or path.name}': give a .json or .xlsx file.")
        when = parse_deadline(deadline) if deadline else None
        content = self._read(path)
        try:
            document = read_questionnaire_file(path.name, content)
            owner = self._owner(by)
            rfp = import_questionnaire(
                document=document, by=owner, title=title, deadline=when, reference=reference, filename=path.name
            )
        except ImportProblems as error:
            raise CommandError(f"{path.name} was not imported, {one_line(error.problems)}") from None
        questions = sum(len(section["questions"]) for section in document["sections"])
        self.stdout.write(
            f'Created draft {rfp.reference} "{rfp.title}" owned by {owner.username}: '
            f"{questions} questions in {len(document['sections'])} sections."
        )

    def _read(self, path: Path) -> bytes:
        try:
            size = path.stat().st_size
            if size > settings.MAX_UPLOAD_BYTES:
                raise CommandError(f"{path.name}: {too_big_message(size)}")
            return path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from None

    def _owner(self, username: str | None):
        users = get_user_model().objects.filter(role=Role.PROCUREMENT, is_active=True)
        if username:
            owner = users.filter(username=username).first()
            if owner is None:
                raise CommandError(f"--by {username!r} is not an active procurement user.")
            return owner
        owner = users.order_by("id").first()
        if owner is None:
            raise CommandError("There is no procurement user to own the RFP: create one, or pass --by USERNAME.")
        return owner
