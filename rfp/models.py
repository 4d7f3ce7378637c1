"""RFPs, their sections and questions, the question bank, clarifications, addenda and the audit log.

Question fields are shared by the bank and by RFP questions (QuestionFields) so that a question
copied from the bank into an RFP keeps everything: type, rubric, auto-scoring rule, knockout.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    RFI = "RFI", _("RFI (request for information)")
    RFP = "RFP", _("RFP (request for proposal)")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    EVALUATION = "evaluation", _("Evaluation")
    DECIDED = "decided", _("Decided")
    ARCHIVED = "archived", _("Archived")


class MemberRole(models.TextChoices):
    PROCUREMENT = "procurement", _("Procurement")
    EVALUATOR = "evaluator", _("Evaluator")
    EXECUTIVE = "executive", _("Executive")


class QuestionType(models.TextChoices):
    YES_NO = "yes_no", _("Yes / no")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTI_CHOICE = "multi_choice", _("Multiple choice")
    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage")
    DATE = "date", _("Date")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    FILE = "file", _("File upload")


CHOICE_TYPES = {QuestionType.YES_NO, QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE}
NUMERIC_TYPES = {QuestionType.NUMBER, QuestionType.PERCENTAGE}


class SectionKind(models.TextChoices):
    TECHNICAL = "technical", _("Technical")
    PRICE = "price", _("Price")


class PriceMethod(models.TextChoices):
    RELATIVE = "relative", _("Relative to the lowest valid bid")
    LINEAR = "linear", _("Linear between the budget ceiling and a floor")
    PER_QUALITY_POINT = "per_quality_point", _("Price per quality point")


class RFP(models.Model):
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices, default=Kind.RFI)
    title = models.CharField(_("title"), max_length=200)
    buyer = models.CharField(_("buying organisation"), max_length=200, blank=True)
    summary = models.TextField(_("summary for vendors"), blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # The language the questionnaire is written in: questions from the bank come in it, and
    # vendors' workbooks use it. Menus and the report's own words follow each reader's language.
    language = models.CharField(
        _("questionnaire language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    yearly_volumes = models.JSONField(
        _("yearly volumes"), default=dict, blank=True, help_text=_("Contacts per year by channel.")
    )
    hours = models.CharField(_("service hours"), max_length=200, blank=True)
    sites = models.CharField(_("preferred sites or regions"), max_length=300, blank=True)
    deadline = models.DateTimeField(_("deadline"))
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    sealed = models.BooleanField(
        _("sealed responses"),
        default=True,
        help_text=_("Buyers cannot read answers before the deadline."),
    )
    two_envelope = models.BooleanField(
        _("two envelopes"),
        default=True,
        help_text=_("Nobody sees a price until technical scoring is complete and the price envelope is opened."),
    )
    technical_pass_mark = models.DecimalField(
        _("technical pass mark"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # How a price becomes points (scoring/engine/price.py), published with the RFP and fixed with it.
    price_method = models.CharField(
        _("price scoring"), max_length=20, choices=PriceMethod.choices, default=PriceMethod.RELATIVE
    )
    price_ceiling = models.DecimalField(
        _("price ceiling (budget)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    price_floor = models.DecimalField(_("price floor"), max_digits=16, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    questionnaire_version = models.PositiveIntegerField(_("questionnaire version"), default=1)
    source_rfp = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="promoted_to",
        verbose_name=_("promoted from"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("RFI / RFP")
        verbose_name_plural = _("RFIs / RFPs")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def clean(self) -> None:
        super().clean()
        if self.price_method == PriceMethod.LINEAR:
            ceiling, floor = self.price_ceiling, self.price_floor
            if ceiling is None or floor is None or not ceiling > floor:
                raise ValidationError({"price_ceiling": _("Linear price scoring needs a ceiling above its floor.")})

    @property
    def price_formula(self) -> str:
        """The published price formula in words, for the builder, the vendors and the report."""
        from django.utils.formats import number_format
        from django.utils.translation import gettext

        if self.price_method == PriceMethod.LINEAR and self.price_ceiling is not None and self.price_floor is not None:
            return gettext(
                "Price score = 100 × (ceiling − this price) ÷ (ceiling − floor), from 0 to 100: a bid of "
                "%(ceiling)s %(currency)s or more scores 0, a bid of %(floor)s %(currency)s or less scores 100."
            ) % {
                "ceiling": number_format(self.price_ceiling, decimal_pos=0, force_grouping=True),
                "floor": number_format(self.price_floor, decimal_pos=0, force_grouping=True),
                "currency": self.currency,
            }
        if self.price_method == PriceMethod.PER_QUALITY_POINT:
            return gettext(
                "Price per quality point: vendors are ranked by technical score ÷ price; the total shown is "
                "100 × this ratio ÷ the best ratio."
            )
        return gettext("Price score = lowest valid price ÷ this price × 100.")

    @property
    def deadline_passed(self) -> bool:
        return timezone.now() >= self.deadline

    @property
    def is_editable(self) -> bool:
        return self.status == Status.DRAFT


class RFPMember(models.Model):
    rfp = models.ForeignKey(RFP, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rfp_memberships")
    role = models.CharField(_("role on this RFP"), max_length=20, choices=MemberRole.choices)
    # Executives read results; reading the raw bids and their files takes procurement's grant.
    bids_granted = models.BooleanField(
        _("may read the bids"),
        default=False,
        help_text=_("Lets an executive open the vendors' answers and files, not only the results."),
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rfp", "user"], name="one_membership_per_rfp")]
        verbose_name = _("RFP member")
        verbose_name_plural = _("RFP members")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) on {self.rfp.reference}"


class SectionFields(models.Model):
    key = models.SlugField(_("key"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    risk_area = models.CharField(_("risk area"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=SectionKind.choices, default=SectionKind.TECHNICAL)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class QuestionFields(models.Model):
    key = models.SlugField(_("key"), max_length=40)
    text = models.TextField(_("question"))
    type = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    guidance = models.TextField(_("guidance for vendors"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    scored = models.BooleanField(_("scored"), default=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    word_limit = models.PositiveIntegerField(_("word limit"), null=True, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    rubric = models.JSONField(_("rubric (0-5)"), null=True, blank=True)
    auto_rule = models.JSONField(_("auto-scoring rule"), null=True, blank=True)
    knockout = models.JSONField(_("knockout condition"), null=True, blank=True)
    knockout_reason = models.CharField(_("knockout reason"), max_length=300, blank=True)
    benchmark = models.CharField(_("benchmark"), max_length=400, blank=True)
    is_price = models.BooleanField(_("price question"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def choice_labels(self) -> list[str]:
        return [choice["label"] for choice in self.choices]

    @property
    def is_auto_scored(self) -> bool:
        return bool(self.auto_rule) or self.is_price


class Section(SectionFields):
    rfp = models.ForeignKey(RFP, on_delete=models.CASCADE, related_name="sections")

    class Meta(SectionFields.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")


class Question(QuestionFields):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")

    class Meta(QuestionFields.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")


class BankSection(SectionFields):
    class Meta(SectionFields.Meta):
        verbose_name = _("bank section")
        verbose_name_plural = _("bank sections")
        constraints = [models.UniqueConstraint(fields=["key"], name="unique_bank_section_key")]


class BankQuestion(QuestionFields):
    section = models.ForeignKey(BankSection, on_delete=models.CASCADE, related_name="questions")

    class Meta(QuestionFields.Meta):
        verbose_name = _("bank question")
        verbose_name_plural = _("bank questions")
        constraints = [models.UniqueConstraint(fields=["key"], name="unique_bank_question_key")]


class AuditEntry(models.Model):
    """Who changed what, when, with the values before and after. Written only by services."""

    rfp = models.ForeignKey(RFP, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_entries")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class Clarification(models.Model):
    """A vendor's private question; once answered and published, every invited vendor sees the
    question and answer without the asker's identity."""

    rfp = models.ForeignKey(RFP, on_delete=models.CASCADE, related_name="clarifications")
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.CASCADE, related_name="clarifications")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="clarifications"
    )
    text = models.TextField(_("question"))
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "id"]
        verbose_name = _("clarification")
        verbose_name_plural = _("clarifications")

    def __str__(self) -> str:
        return self.text[:80]


class Addendum(models.Model):
    """A logged change to an open RFP's questionnaire, shown to every invited vendor."""

    rfp = models.ForeignKey(RFP, on_delete=models.CASCADE, related_name="addenda")
    number = models.PositiveIntegerField(_("number"))
    summary = models.TextField(_("what changed and why"))
    changes = models.JSONField(_("changes"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("issued"), default=timezone.now)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["rfp", "number"], name="unique_addendum_number")]
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")

    def __str__(self) -> str:
        return f"{self.rfp.reference} addendum {self.number}"
