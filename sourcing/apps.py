from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcingConfig(AppConfig):
    """Make or buy: whether to outsource at all, before (or beside) choosing a vendor. Its own
    app because it stands on the buyer's own data, not on vendors' answers or scores."""

    name = "sourcing"
    verbose_name = _("Sourcing strategy")
