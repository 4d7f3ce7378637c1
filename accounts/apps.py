from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in

        from accounts.lockout import log_lockout
        from config.middleware import mark_session_refreshed

        user_locked_out.connect(log_lockout, dispatch_uid="accounts.log_lockout")
        user_logged_in.connect(mark_session_refreshed, dispatch_uid="accounts.mark_session_refreshed")
