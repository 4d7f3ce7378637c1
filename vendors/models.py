"""Vendor companies, invitations, responses, answers, submitted versions and attachments."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.text_rules import LONG_TEXT_MAX, check_name, check_text


def check_vendor_name(name: str) -> None:
    """A company's name is read in every ranking and report: within its limit and free of direction
    controls (U+202E would show "Coral tsoC" as "Coral Cost"). Raises a ValidationError on "name"."""
    check_name(name, field=gettext("The company name"), key="name")


class Vendor(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    country = models.CharField(_("headquarters country"), max_length=80, blank=True)
    sites = models.JSONField(_("delivery sites"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    seats = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    certifications = models.JSONField(_("certifications"), default=list, blank=True)
    profile = models.TextField(_("profile"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("vendor company")
        verbose_name_plural = _("vendor companies")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # The admin's form ends here too, so that no way of naming a company skips the rule.
        check_vendor_name(self.name)
        check_text(self.profile, limit=LONG_TEXT_MAX, field=gettext("The profile"), key="profile")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Invitation(models.Model):
    rfp = models.ForeignKey("rfp.RFP", on_delete=models.CASCADE, related_name="invitations")
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("contact e-mail"))
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    # The highest addendum number the company has acknowledged; later ones show as a banner.
    addenda_acknowledged = models.PositiveIntegerField(_("addenda acknowledged up to"), default=0)

    class Meta:
        ordering = ["rfp", "vendor__name"]
        constraints = [models.UniqueConstraint(fields=["rfp", "vendor"], name="one_invitation_per_vendor")]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.vendor} to {self.rfp.reference}"


class ResponseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class Response(models.Model):
    """One vendor's response to one RFP; answers hang off it."""

    rfp = models.ForeignKey("rfp.RFP", on_delete=models.CASCADE, related_name="responses")
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="responses")
    status = models.CharField(
        _("status"), max_length=12, choices=ResponseStatus.choices, default=ResponseStatus.IN_PROGRESS
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["rfp", "vendor__name"]
        constraints = [models.UniqueConstraint(fields=["rfp", "vendor"], name="one_response_per_vendor")]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.vendor} for {self.rfp.reference}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ResponseStatus.SUBMITTED


class AnswerState(models.TextChoices):
    ANSWERED = "answered", _("Answered")
    BLANK = "blank", _("Blank")
    NOT_APPLICABLE = "na", _("Not applicable")


class AnswerContent(models.Model):
    """What a vendor wrote for one question, as an answer holds it and as a best-and-final
    revision holds it (negotiation.models.Revision). `value` holds the typed value as JSON (a
    label, a list of labels, a number, an ISO date or text); `version` increases on every save so
    that two colleagues editing the same answer get a conflict instead of a silent overwrite."""

    state = models.CharField(_("state"), max_length=10, choices=AnswerState.choices, default=AnswerState.BLANK)
    value = models.JSONField(_("value"), null=True, blank=True)
    comment = models.TextField(_("vendor's comment"), blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Answer(AnswerContent):
    """The vendor's answer to one question (see AnswerContent for what it holds)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey("rfp.Question", on_delete=models.CASCADE, related_name="answers")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.response} / {self.question.key}"


class Submission(models.Model):
    """A frozen copy of a response at the moment it was submitted; every resubmission adds one."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveIntegerField(_("version"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    snapshot = models.JSONField(_("answers as submitted"), default=dict)

    class Meta:
        ordering = ["response", "number"]
        constraints = [models.UniqueConstraint(fields=["response", "number"], name="unique_submission_number")]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self) -> str:
        return f"{self.response} v{self.number}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name never reuses the vendor's file name: it could carry a path or leak identity.
    return f"attachments/{instance.answer.response.rfp_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name
