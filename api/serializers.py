"""The API's shapes: what it returns (documented in the OpenAPI schema) and what it accepts."""

from django.conf import settings
from rest_framework import serializers

from config.text_rules import COMMENT_MAX
from insights.models import Kind as CheckKind


class SectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    weight = serializers.FloatField()
    kind = serializers.CharField()
    questions = serializers.IntegerField(help_text="How many questions the section holds.")


class RfpSerializer(serializers.Serializer):
    reference = serializers.CharField()
    kind = serializers.CharField()
    title = serializers.CharField()
    buyer = serializers.CharField()
    status = serializers.CharField()
    language = serializers.CharField()
    deadline = serializers.DateTimeField()
    currency = serializers.CharField()
    sealed = serializers.BooleanField()
    two_envelope = serializers.BooleanField()
    price_method = serializers.CharField()
    price_formula = serializers.CharField()
    sections = SectionSerializer(many=True, required=False)


class AnswerSerializer(serializers.Serializer):
    question_id = serializers.IntegerField()
    key = serializers.CharField()
    text = serializers.CharField()
    type = serializers.CharField()
    required = serializers.BooleanField()
    state = serializers.CharField(help_text="answered, blank or na; blank when never answered.")
    value = serializers.JSONField(allow_null=True)
    comment = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField(help_text="Send it back with a change: a newer one means someone else saved.")


class AnswerWriteSerializer(serializers.Serializer):
    value = serializers.JSONField(
        required=False,
        allow_null=True,
        help_text="Text, a number, a date (YYYY-MM-DD), a choice's label, or a list of labels for several choices.",
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=COMMENT_MAX, default="")
    version = serializers.IntegerField(min_value=0, help_text="The version the answer had when you read it (0: none).")
    not_applicable = serializers.BooleanField(required=False, default=False)


class ProblemSerializer(serializers.Serializer):
    detail = serializers.CharField()
    version = serializers.IntegerField(required=False, help_text="The answer's current version, on a conflict.")
    errors = serializers.DictField(required=False, help_text="Per field, what is wrong with the body.")


class EvaluationQuoteSerializer(serializers.Serializer):
    text = serializers.CharField(
        help_text="The quoted passage; in a blind evaluation the vendor's name in it is replaced by its alias."
    )
    own = serializers.BooleanField(
        help_text="A passage of this answer itself; otherwise of another answer you may read "
        "(in a blind evaluation, only the same vendor's)."
    )


class EvaluationHintSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CheckKind.choices, help_text="What the check found.")
    label = serializers.CharField(help_text="The kind in the language of the request.")
    reason = serializers.CharField(help_text="Why, in the language of the request.")
    quotes = EvaluationQuoteSerializer(
        many=True,
        help_text="The passages that show it, only from answers you may read: this answer's own first, "
        "and for a shared passage one other copy.",
    )
    repeated = serializers.IntegerField(
        min_value=0, help_text="How many more answers you may read hold the same words (not quoted again)."
    )
    not_quoted = serializers.IntegerField(
        min_value=0, help_text="Passages counted, not quoted: in answers you do not score (another section)."
    )
    not_quoted_blind = serializers.IntegerField(
        min_value=0, help_text="Passages counted, not quoted: in other vendors' answers, in a blind evaluation."
    )


class EvaluationCellSerializer(serializers.Serializer):
    answer_id = serializers.IntegerField(allow_null=True)
    vendor = serializers.CharField(help_text="The vendor's name, or its alias in a blind evaluation.")
    question_id = serializers.IntegerField()
    question_key = serializers.CharField()
    state = serializers.CharField()
    value = serializers.CharField(allow_blank=True)
    human_scored = serializers.BooleanField()
    own_points = serializers.IntegerField(allow_null=True)
    hints = EvaluationHintSerializer(
        many=True,
        help_text="Answer checks (boilerplate, evasive answers, contradictions) as the scoring page shows "
        "them beside the answer: hints for the panel, never part of a score. Empty when there are none.",
    )


class EvaluationPageSerializer(serializers.Serializer):
    section_id = serializers.IntegerField()
    question = serializers.IntegerField(help_text="The question's position in the section (from 1).")
    questions = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    answers = EvaluationCellSerializer(many=True)


class ScoreWriteSerializer(serializers.Serializer):
    points = serializers.IntegerField(min_value=0, max_value=5)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=COMMENT_MAX, default="")
    flagged = serializers.BooleanField(required=False, default=False)
    version = serializers.IntegerField(min_value=0, help_text="Your score's version when you read it (0: none).")


class ScoreSerializer(serializers.Serializer):
    answer_id = serializers.IntegerField()
    points = serializers.IntegerField()
    comment = serializers.CharField(allow_blank=True)
    flagged = serializers.BooleanField()
    version = serializers.IntegerField()


class InvitationSerializer(serializers.Serializer):
    vendor = serializers.CharField()
    email = serializers.CharField()
    status = serializers.CharField(help_text="pending, accepted or declined.")
    decline_reason = serializers.CharField(allow_blank=True)
    invited_at = serializers.DateTimeField()
    reminded_at = serializers.DateTimeField(allow_null=True)
    submitted = serializers.BooleanField()
    submission_number = serializers.IntegerField(allow_null=True)


class VendorInvitationSerializer(serializers.Serializer):
    rfp = serializers.CharField()
    title = serializers.CharField()
    buyer = serializers.CharField()
    deadline = serializers.DateTimeField()
    status = serializers.CharField(help_text="pending, accepted or declined.")


class ReportRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["pdf", "xlsx"], help_text="The executive PDF or the Excel score matrix.")
    language = serializers.ChoiceField(choices=[code for code, _name in settings.LANGUAGES], default="en")
    appendix = serializers.BooleanField(default=False, help_text="PDF only: every answer and score as an appendix.")


class JobSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField(help_text="queued, running, done or failed.")
    step = serializers.IntegerField()
    steps = serializers.IntegerField()
    label = serializers.CharField(allow_blank=True, help_text="Where the work is, e.g. “Laying out page 12”.")
    message = serializers.CharField(allow_blank=True, help_text="Why it failed.")
    file_name = serializers.CharField(allow_blank=True)
    size = serializers.IntegerField()
    sha256 = serializers.CharField(allow_blank=True)
    file = serializers.CharField(allow_null=True, help_text="Where to download the file, once done.")


class AuditEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    actor = serializers.CharField(allow_blank=True)
    action = serializers.CharField()
    object_type = serializers.CharField(allow_blank=True)
    object_id = serializers.CharField(allow_blank=True)
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)
    message = serializers.CharField(allow_blank=True)


class AuditPageSerializer(serializers.Serializer):
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    count = serializers.IntegerField()
    entries = AuditEntrySerializer(many=True)


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    size = serializers.IntegerField()
    content_type = serializers.CharField()


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    text = serializers.CharField()
    type = serializers.CharField()
    guidance = serializers.CharField(allow_blank=True)
    required = serializers.BooleanField()
    scored = serializers.BooleanField()
    weight = serializers.FloatField()
    unit = serializers.CharField(allow_blank=True)
    word_limit = serializers.IntegerField(allow_null=True)
    choices = serializers.ListField(child=serializers.CharField(), help_text="The labels a choice question offers.")
    is_price = serializers.BooleanField()
    knockout = serializers.BooleanField(help_text="Failing this question's condition excludes the bid.")


class QuestionnaireSectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    weight = serializers.FloatField()
    questions = QuestionSerializer(many=True)


class QuestionnaireSerializer(serializers.Serializer):
    reference = serializers.CharField()
    version = serializers.IntegerField(help_text="Raised by every addendum that changes a question.")
    sections = QuestionnaireSectionSerializer(many=True)


class BidAnswerSerializer(serializers.Serializer):
    question_id = serializers.IntegerField()
    key = serializers.CharField()
    state = serializers.CharField(help_text="answered, blank or na.")
    value = serializers.JSONField(allow_null=True, help_text="null while the price envelope is sealed for you.")
    comment = serializers.CharField(allow_blank=True)
    sealed = serializers.BooleanField(help_text="A price you may not read yet: its value and files are left out.")
    files = serializers.ListField(child=serializers.DictField(), help_text="id, name and size of each file.")


class BidSectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    answers = BidAnswerSerializer(many=True)


class BidSerializer(serializers.Serializer):
    response_id = serializers.IntegerField()
    vendor = serializers.CharField(help_text="The vendor's alias in a blind evaluation.")
    status = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    hidden_sections = serializers.IntegerField(help_text="Sections of the bid you may not read.")
    sections = BidSectionSerializer(many=True)
