"""`manage.py jobs_prune`: delete finished background jobs and their files after JOB_KEEP_DAYS days
(run it daily, from cron or a scheduler), so that reports and imports do not fill the storage."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from jobs.services import jobs_prune


class Command(BaseCommand):
    help = _("Delete finished background jobs, and their files, older than a number of days.")

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days", type=int, default=settings.JOB_KEEP_DAYS, help=_("keep jobs finished within this many days")
        )

    def handle(self, *args, **options) -> None:
        if options["days"] < 1:
            self.stderr.write(_("--days must be at least 1."))
            return
        jobs, files = jobs_prune(days=options["days"])
        self.stdout.write(_("Deleted finished jobs: %(jobs)d; files: %(files)d.") % {"jobs": jobs, "files": files})
