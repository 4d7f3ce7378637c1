"""Forms of the vendor portal. They only parse and shape input; the services decide what is allowed.
Lengths come from config.text_rules: the browser stops typing there, the services refuse beyond."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import TIMEZONE_CHOICES
from config.text_rules import LONG_TEXT_MAX, NAME_MAX, PERSON_NAME_MAX, QUESTION_TEXT_MAX, REASON_MAX
from rfp.models import QuestionType
from vendors.models import Vendor


def split_list(text: str) -> list[str]:
    """'Lisbon, Porto;Braga' -> ['Lisbon', 'Porto', 'Braga']"""
    return [part.strip() for part in text.replace(";", ",").replace("\n", ",").split(",") if part.strip()]


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class InviteForm(forms.Form):
    vendor = forms.ModelChoiceField(
        label=_("Existing company"),
        queryset=Vendor.objects.order_by("name"),
        required=False,
        empty_label=_("— a new company (fill in below) —"),
    )
    name = forms.CharField(label=_("New company name"), max_length=NAME_MAX, required=False)
    country = forms.CharField(label=_("Headquarters country"), max_length=80, required=False)
    sites = forms.CharField(
        label=_("Delivery sites"), required=False, help_text=_("Separate with commas, e.g. Lisbon, Porto.")
    )
    languages = forms.CharField(label=_("Languages"), required=False, help_text=_("Separate with commas."))
    seats = forms.IntegerField(label=_("Seats"), min_value=0, required=False)
    certifications = forms.CharField(
        label=_("Certifications"), required=False, help_text=_("e.g. ISO 27001, PCI DSS, COPC.")
    )
    email = forms.EmailField(
        label=_("Contact e-mail"), help_text=_("The bid manager who receives the invitation link.")
    )

    def __init__(self, *args, exclude_vendor_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = Vendor.objects.exclude(pk__in=exclude_vendor_ids).order_by("name")

    def clean(self):
        data = super().clean()
        if not data.get("vendor") and not (data.get("name") or "").strip():
            raise forms.ValidationError(_("Pick an existing company or give the name of a new one."))
        if data.get("vendor") and (data.get("name") or "").strip():
            raise forms.ValidationError(_("Pick an existing company or create a new one, not both."))
        for name in ("sites", "languages", "certifications"):
            data[name] = split_list(data.get(name) or "")
        return data


class JoinForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=PERSON_NAME_MAX)
    last_name = forms.CharField(label=_("Last name"), max_length=PERSON_NAME_MAX)
    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        choices=TIMEZONE_CHOICES,
        initial="UTC",
        help_text=_("Deadlines are shown in this time zone."),
    )
    password1 = forms.CharField(label=_("Choose a password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Repeat the password"), widget=forms.PasswordInput, strip=False)

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is your company not bidding?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX,
        help_text=_("The buyer sees this reason."),
    )


class ClarificationForm(forms.Form):
    question = forms.TypedChoiceField(
        label=_("About question (optional)"), required=False, coerce=int, empty_value=None
    )
    text = forms.CharField(
        label=_("Your question"), widget=forms.Textarea(attrs={"rows": 4}), max_length=QUESTION_TEXT_MAX
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [("", _("— the RFP in general —"))] + [
            (q.pk, f"{q.key} · {q.text[:90]}") for q in questions
        ]


class ClarificationAnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Question as published"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": QUESTION_TEXT_MAX}),
        help_text=_("Edit out anything that names the vendor before publishing."),
    )
    answer = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3, "maxlength": LONG_TEXT_MAX}), required=False
    )
    publish = forms.BooleanField(label=_("Publish to every invited vendor (without the asker's name)"), required=False)


class AddendumEditForm(forms.Form):
    summary = forms.CharField(
        label=_("What changed and why"),
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": QUESTION_TEXT_MAX}),
        help_text=_("Vendors read this."),
    )
    text = forms.CharField(
        label=_("Question"), widget=forms.Textarea(attrs={"rows": 3, "maxlength": QUESTION_TEXT_MAX})
    )
    guidance = forms.CharField(
        label=_("Guidance for vendors"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": QUESTION_TEXT_MAX}),
        required=False,
    )
    choices = forms.CharField(
        label=_("Choices, one per line"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def __init__(self, *args, question=None, **kwargs):
        super().__init__(*args, **kwargs)
        if question is None or question.type not in (QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE):
            del self.fields["choices"]

    def clean_choices(self):
        return split_lines(self.cleaned_data.get("choices") or "")


class AddendumAddForm(forms.Form):
    summary = forms.CharField(
        label=_("What changed and why"),
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": QUESTION_TEXT_MAX}),
        help_text=_("Vendors read this."),
    )
    text = forms.CharField(
        label=_("Question"), widget=forms.Textarea(attrs={"rows": 3, "maxlength": QUESTION_TEXT_MAX})
    )
    type = forms.ChoiceField(label=_("Answer type"), choices=QuestionType.choices)
    guidance = forms.CharField(
        label=_("Guidance for vendors"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": QUESTION_TEXT_MAX}),
        required=False,
    )
    choices = forms.CharField(
        label=_("Choices, one per line"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Only for single and multiple choice."),
    )
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False, help_text=_("For numbers, e.g. agents."))
    word_limit = forms.IntegerField(label=_("Word limit"), min_value=1, required=False)

    def clean_choices(self):
        return split_lines(self.cleaned_data.get("choices") or "")


class ColleagueForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=PERSON_NAME_MAX)
    last_name = forms.CharField(label=_("Last name"), max_length=PERSON_NAME_MAX)
    email = forms.EmailField(label=_("Work e-mail"))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
