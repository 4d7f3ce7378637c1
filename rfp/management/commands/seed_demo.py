"""python manage.py seed_demo [--reset] [--lang CODE]: realistic demo data, printed logins.

Running it again leaves existing demo data alone and prints the logins; --reset deletes all
RFPs, vendors and non-staff users first and builds the demo anew. --lang writes the demo in one of
the product's languages (en, he, ar, fa, pl): questionnaire, answers, comments and rationale.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings

from rfp import demo
from rfp.models import RFP
from rfp.services import bank_load
from vendors.models import Vendor

RFI_REFERENCE = "RFI-2027-001"
RFP_REFERENCE = "RFP-2027-002"


class Command(BaseCommand):
    help = "Create realistic demo data (RFI-2027-001 evaluated, RFP-2027-002 open) and print the logins."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Delete existing data and build the demo anew.")
        codes = ", ".join(code for code, _name in settings.LANGUAGES)
        parser.add_argument("--lang", default="en", help=f"The demo's language: {codes}.")

    def handle(self, *args, reset: bool = False, lang: str = "en", **options):
        if lang not in dict(settings.LANGUAGES):
            codes = ", ".join(code for code, _name in settings.LANGUAGES)
            raise CommandError(f"Unknown language {lang!r}: use one of {codes}.")
        if reset:
            self._reset()
        if RFP.objects.filter(reference=RFI_REFERENCE).exists():
            self.stdout.write("The demo data is already there (use --reset to rebuild it).")
        else:
            self._build(lang)
            self.stdout.write(self.style.SUCCESS("Demo data created."))
        self._print_logins()

    @transaction.atomic
    def _reset(self) -> None:
        RFP.objects.all().delete()
        get_user_model().objects.filter(is_staff=False).delete()
        Vendor.objects.all().delete()

    def _build(self, language: str) -> None:
        from rfp.demo_build import build_demo

        # Demo e-mails go to fictional addresses: kept in memory, never queued, sent or printed.
        # The override wraps the transaction so that e-mails sent on commit are caught too.
        quiet = override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", MAIL_QUEUE=False, ANALYSIS_QUEUE=False
        )
        with quiet, transaction.atomic():
            bank_load()
            build_demo(self.stdout, language)

    def _print_logins(self) -> None:
        lines = [
            "",
            "Shortlist demo: http://127.0.0.1:8000/",
            f"Every demo login uses the password: {demo.DEMO_PASSWORD}",
            "  procurement  paula     (Paula Lind, owns the four tenders; RFP-2027-004 had best and final offers)",
            "  evaluator    omar      (half-way through RFP-2027-003; also lena for security, farid for finance)",
            "  executive    dana      (reads the ranking and the report)",
            "  vendor       harbor    (Harbor Premium Contact; also vistula, coral, atlas, meridian)",
            "",
        ]
        self.stdout.write("\n".join(lines))
