"""`manage.py send_reminders`: the automatic reminder, run daily (cron or any scheduler). For each
open RFP whose deadline is REMINDER_DAYS_BEFORE days away or less, every invited company that has
neither declined nor submitted is e-mailed once, on its own, as procurement's reminder button does."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from vendors.services import remind_before_deadlines


class Command(BaseCommand):
    help = _("E-mail the companies that have not submitted, once, when an RFP's deadline is near.")

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=settings.REMINDER_DAYS_BEFORE,
            help=_("remind when the deadline is this many days away or less"),
        )

    def handle(self, *args, **options) -> None:
        if options["days"] < 1:
            self.stderr.write(_("--days must be at least 1."))
            return
        reminded = remind_before_deadlines(days=options["days"])
        for reference, companies in reminded.items():
            line = _("%(reference)s: companies reminded: %(count)d") % {"reference": reference, "count": companies}
            self.stdout.write(line)
        if not reminded:
            self.stdout.write(_("No reminder due."))
