from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RfpConfig(AppConfig):
    name = "rfp"
    verbose_name = _("RFIs and RFPs")
