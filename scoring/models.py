"""The evaluation: who scores what, their declarations, their scores, moderation and weight tools.

The maths lives in the scoring/engine package (pure, no ORM); these models only hold what people decided.
Individual scores are never overwritten by moderation: a consensus is a separate row that the
engine lets override the aggregate, so the panel's own marks stay visible and audited.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_POINTS = 5
POINTS_VALIDATORS = [MinValueValidator(0), MaxValueValidator(MAX_POINTS)]


class Aggregate(models.TextChoices):
    MEAN = "mean", _("Mean of the evaluators")
    MEDIAN = "median", _("Median of the evaluators")


class PriceDirection(models.TextChoices):
    LOWER_IS_BETTER = "lower_is_better", _("Lower price is better")
    HIGHER_IS_BETTER = "higher_is_better", _("Higher value is better")


class EvaluationSettings(models.Model):
    """RFP-level options of the evaluation. An RFP without a row uses the defaults."""

    rfp = models.OneToOneField("rfp.RFP", on_delete=models.CASCADE, related_name="evaluation_settings")
    blind = models.BooleanField(
        _("blind evaluation"),
        default=False,
        help_text=_("Evaluators see vendors as aliases (Vendor A, Vendor B...) and attachments without file names."),
    )
    aggregate = models.CharField(_("aggregate"), max_length=10, choices=Aggregate.choices, default=Aggregate.MEAN)
    price_direction = models.CharField(
        _("price direction"), max_length=20, choices=PriceDirection.choices, default=PriceDirection.LOWER_IS_BETTER
    )
    price_opened = models.BooleanField(
        _("price envelope opened"),
        default=False,
        help_text=_("Only for two-envelope RFPs: prices stay sealed until technical scoring is complete."),
    )
    price_opened_at = models.DateTimeField(_("price envelope opened at"), null=True, blank=True)
    # Fixed when the envelope opens: the bids that reached the technical pass mark. The others'
    # prices stay sealed for good, whatever the scores do later.
    price_opened_for = models.JSONField(_("price envelope opened for (response ids)"), default=list, blank=True)
    price_opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluation settings")
        verbose_name_plural = _("evaluation settings")

    def __str__(self) -> str:
        return f"Evaluation settings of RFP {self.rfp_id}"


class Assignment(models.Model):
    """An evaluator scores the human-scored questions of one section."""

    section = models.ForeignKey("rfp.Section", on_delete=models.CASCADE, related_name="assignments")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    submitted_at = models.DateTimeField(
        _("submitted"), null=True, blank=True, help_text=_("Once submitted, the evaluator's scores are locked.")
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["section", "evaluator"], name="one_assignment_per_section")]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.evaluator} on section {self.section_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class ConflictDeclaration(models.Model):
    """Made before an evaluator sees any answer of the vendor. A declared conflict removes the
    evaluator from that vendor: its answers are hidden and any score they gave stops counting."""

    rfp = models.ForeignKey("rfp.RFP", on_delete=models.CASCADE, related_name="conflict_declarations")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.CASCADE, related_name="+")
    conflict = models.BooleanField(_("conflict of interest"))
    note = models.TextField(_("note"), blank=True)
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rfp", "evaluator", "vendor"], name="one_declaration_per_vendor")
        ]
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")

    def __str__(self) -> str:
        return f"{self.evaluator} / {self.vendor}: {'conflict' if self.conflict else 'no conflict'}"


class Score(models.Model):
    """One evaluator's points (0-5) and comment on one answer."""

    answer = models.ForeignKey("vendors.Answer", on_delete=models.CASCADE, related_name="scores")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField(_("points"), validators=POINTS_VALIDATORS)
    comment = models.TextField(_("comment"), blank=True)
    flagged = models.BooleanField(
        _("flagged for the panel"),
        default=False,
        help_text=_("The evaluator wants this answer discussed at moderation."),
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Counts the saves, so that a page loaded before another tab's save cannot silently overwrite it.
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["answer", "evaluator"], name="one_score_per_evaluator")]
        # Covers the ranking's read (answer -> submitted scores), so it never touches the table.
        indexes = [models.Index(fields=["answer", "submitted_at", "evaluator", "points"], name="score_ranking_read")]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self) -> str:
        return f"{self.points}/5 by {self.evaluator_id} on answer {self.answer_id}"


class Consensus(models.Model):
    """Procurement's moderated score for an answer; overrides the aggregate, never the scores."""

    answer = models.OneToOneField("vendors.Answer", on_delete=models.CASCADE, related_name="consensus")
    points = models.PositiveSmallIntegerField(_("consensus points"), validators=POINTS_VALIDATORS)
    reason = models.TextField(_("reason"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField(_("set"), default=timezone.now)

    class Meta:
        verbose_name = _("consensus score")
        verbose_name_plural = _("consensus scores")

    def __str__(self) -> str:
        return f"consensus {self.points}/5 on answer {self.answer_id}"


class WeightDerivation(models.Model):
    """An AHP derivation of section weights, kept with the random-index table it used."""

    rfp = models.ForeignKey("rfp.RFP", on_delete=models.CASCADE, related_name="weight_derivations")
    section_ids = models.JSONField(_("sections compared"))
    judgements = models.JSONField(_("pairwise judgements (upper triangle, row by row)"))
    priorities = models.JSONField(_("priorities"))
    lambda_max = models.FloatField(_("principal eigenvalue"))
    ci = models.FloatField(_("consistency index"))
    cr = models.FloatField(_("consistency ratio"))
    random_index_source = models.CharField(_("random index table"), max_length=40)
    overridden = models.BooleanField(_("applied despite inconsistency"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("applied"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("AHP weight derivation")
        verbose_name_plural = _("AHP weight derivations")

    def __str__(self) -> str:
        return f"AHP weights for RFP {self.rfp_id} (CR {self.cr:.3f})"
