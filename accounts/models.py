"""Users and their roles.

A user has one role for the whole product. Buyer users (procurement, evaluator, executive) reach
an RFP only through a per-RFP membership (rfp.RFPMember); vendor users belong to one vendor company
and reach only what that company was invited to.
"""

from zoneinfo import available_timezones

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROCUREMENT = "procurement", _("Procurement")
    EVALUATOR = "evaluator", _("Evaluator")
    EXECUTIVE = "executive", _("Executive")
    VENDOR = "vendor", _("Vendor")


BUYER_ROLES = (Role.PROCUREMENT, Role.EVALUATOR, Role.EXECUTIVE)
TIMEZONE_CHOICES = [(tz, tz) for tz in sorted(available_timezones())]


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EVALUATOR)
    company = models.ForeignKey(
        "vendors.Vendor",
        verbose_name=_("vendor company"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("Only for vendor users: the company they answer for."),
    )
    timezone = models.CharField(_("time zone"), max_length=64, choices=TIMEZONE_CHOICES, default="UTC")
    job_title = models.CharField(_("job title"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_buyer(self) -> bool:
        return self.role in BUYER_ROLES

    @property
    def is_vendor(self) -> bool:
        return self.role == Role.VENDOR

    @property
    def is_procurement(self) -> bool:
        return self.role == Role.PROCUREMENT

    def __str__(self) -> str:
        return self.get_full_name() or self.username
