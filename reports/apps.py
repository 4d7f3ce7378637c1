from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The decision and what executives and auditors read: the shortlist, its promotion into an
    RFP, the executive PDF report, the Excel score matrix and the executive dashboard.

    Its own app because it is the output side that consumes scoring: it reads the ranking that
    scoring computes and never changes a score, so scoring can evolve without the reports and the
    reports can be rebuilt without touching the evaluation."""

    name = "reports"
    verbose_name = _("Shortlist and reports")
