from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from axes.signals import user_locked_out

        from accounts.lockout import log_lockout

        user_locked_out.connect(log_lockout, dispatch_uid="accounts.log_lockout")
