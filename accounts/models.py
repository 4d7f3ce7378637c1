"""Users and their roles.

A user has one role for the whole product. Buyer users (procurement, evaluator, executive) reach
an RFP only through a per-RFP membership (rfp.RFPMember); vendor users belong to one vendor company
and reach only what that company was invited to.
"""

from zoneinfo import available_timezones

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.text_rules import PERSON_NAME_MAX, check_name


class Role(models.TextChoices):
    PROCUREMENT = "procurement", _("Procurement")
    EVALUATOR = "evaluator", _("Evaluator")
    EXECUTIVE = "executive", _("Executive")
    VENDOR = "vendor", _("Vendor")


BUYER_ROLES = (Role.PROCUREMENT, Role.EVALUATOR, Role.EXECUTIVE)
TIMEZONE_CHOICES = [(tz, tz) for tz in sorted(available_timezones())]


def check_person_names(*, first_name: str, last_name: str) -> None:
    """A person's names show next to every answer, score and audit entry: within the user table's
    columns and free of direction controls. Raises a ValidationError on the field at fault."""
    check_name(first_name, field=gettext("The first name"), limit=PERSON_NAME_MAX, key="first_name")
    check_name(last_name, field=gettext("The last name"), limit=PERSON_NAME_MAX, key="last_name")


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

    def clean(self) -> None:
        super().clean()
        # The admin's forms end here too: no way of naming a person skips the rule.
        check_person_names(first_name=self.first_name, last_name=self.last_name)

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
