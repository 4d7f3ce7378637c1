"""The shortlist: the vendors procurement selects, why, and the ranking they were selected from.

A shortlist is saved as a draft while procurement weighs it, then published once: publishing
moves the RFP from evaluation to decided, freezes the ranking it was chosen from (so that an
auditor reads the numbers the decision stood on, even if a score is corrected later) and
notifies the executives.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Shortlist(models.Model):
    rfp = models.OneToOneField("rfp.RFP", on_delete=models.CASCADE, related_name="shortlist")
    rationale = models.TextField(_("rationale"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ranking_snapshot = models.JSONField(
        _("ranking when published"),
        null=True,
        blank=True,
        help_text=_("The ranking (as `rank --format json` prints it) the decision was taken on."),
    )

    class Meta:
        verbose_name = _("shortlist")
        verbose_name_plural = _("shortlists")

    def __str__(self) -> str:
        return f"Shortlist of RFP {self.rfp_id}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ShortlistEntry(models.Model):
    """One selected vendor, with its rank and total when it was selected."""

    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="entries")
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="shortlist_entries")
    rank = models.PositiveIntegerField(_("rank when selected"))
    total = models.DecimalField(_("total when selected"), max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["rank", "id"]
        constraints = [models.UniqueConstraint(fields=["shortlist", "vendor"], name="one_entry_per_vendor")]
        verbose_name = _("shortlisted vendor")
        verbose_name_plural = _("shortlisted vendors")

    def __str__(self) -> str:
        return f"{self.vendor_id} #{self.rank}"
