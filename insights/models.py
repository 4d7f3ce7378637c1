"""What the analysis found, stored per RFP: each finding with the answers it concerns and the quoted
passages that show it, and the claims each bid makes. A service (insights.services) writes them;
the pages read them. The panel's scores never depend on them."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    BOILERPLATE = "boilerplate", _("Boilerplate")
    EVASIVE = "evasive", _("Evasive answer")
    CONTRADICTION = "contradiction", _("Contradiction")


class Finding(models.Model):
    rfp = models.ForeignKey("rfp.RFP", on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # A message of insights.messages and what fills it in: the reason is written in the reader's language.
    code = models.CharField(_("message"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    question_keys = models.JSONField(_("questions"), default=list)
    # [{"answer": id, "question": key, "text": quoted passage, "start": n, "end": n}]; start -1 quotes
    # the typed value or the files rather than a passage.
    evidence = models.JSONField(_("quoted evidence"), default=list)
    answers = models.ManyToManyField("vendors.Answer", related_name="findings")
    found_at = models.DateTimeField(_("found"), default=timezone.now)

    class Meta:
        ordering = ["rfp", "kind", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return f"{self.kind}:{self.code} on RFP {self.rfp_id}"


class Claim(models.Model):
    """A figure, certification or commitment a bid states, for the reference check."""

    rfp = models.ForeignKey("rfp.RFP", on_delete=models.CASCADE, related_name="claims")
    answer = models.ForeignKey("vendors.Answer", on_delete=models.CASCADE, related_name="claims")
    kind = models.CharField(_("kind"), max_length=20)
    text = models.TextField(_("claim"))
    # The sentence around the claim, so that "90 days" reads as what the vendor promised.
    context = models.TextField(_("in context"), blank=True)
    start = models.IntegerField(default=-1)
    end = models.IntegerField(default=-1)

    class Meta:
        ordering = ["answer", "start", "id"]
        verbose_name = _("claim to verify")
        verbose_name_plural = _("claims to verify")

    def __str__(self) -> str:
        return f"{self.kind}: {self.text[:40]}"


class PassageIndex(models.Model):
    """The shared-passage index of an RFP's last full analysis, kept so that re-analysing a few
    changed answers looks up their passages instead of re-reading every answer (see
    insights.engine.postings). `stale` holds the answers re-analysed since: their stored runs are
    out of date and are read from the answers themselves. (A relation, not a field of this row: on
    SQLite, changing any field rewrites the whole row with its blob.)"""

    rfp = models.OneToOneField("rfp.RFP", on_delete=models.CASCADE, related_name="passage_index")
    postings = models.BinaryField()
    stale = models.ManyToManyField("vendors.Answer", related_name="+")
    built_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"passage index of RFP {self.rfp_id}"
