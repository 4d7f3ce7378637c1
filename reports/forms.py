"""Forms of the decision pages. They validate input only; the services decide what is allowed."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.text_rules import TITLE_MAX
from reports.services import QUESTIONS_FROM_BANK, QUESTIONS_FROM_SOURCE, RATIONALE_MAX


class ShortlistForm(forms.Form):
    vendors = forms.TypedMultipleChoiceField(
        label=_("Shortlisted vendors"), coerce=int, widget=forms.CheckboxSelectMultiple, required=False
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 7}),
        required=False,
        max_length=RATIONALE_MAX,
        help_text=_("Why these vendors: the executives read it first, and an auditor will read it later."),
    )

    def __init__(self, *args, eligible: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vendors"].choices = eligible


class SuggestForm(forms.Form):
    """The suggestion procurement starts from: the top N, or everyone at or above a total."""

    top = forms.IntegerField(min_value=1, max_value=100, required=False)
    above = forms.DecimalField(min_value=0, max_value=100, decimal_places=2, required=False)


class PromoteForm(forms.Form):
    title = forms.CharField(label=_("Title of the new RFP"), max_length=TITLE_MAX)
    deadline = forms.DateTimeField(
        label=_("Response deadline"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    questions = forms.ChoiceField(
        label=_("Questions"),
        choices=[
            (QUESTIONS_FROM_SOURCE, _("The questionnaire of this RFI (edit it in the draft)")),
            (QUESTIONS_FROM_BANK, _("Sections of the question bank")),
        ],
        initial=QUESTIONS_FROM_SOURCE,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    bank_sections = forms.MultipleChoiceField(
        label=_("Bank sections"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, bank_sections: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bank_sections"].choices = bank_sections

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.now() + timedelta(hours=1):
            raise forms.ValidationError(_("Give vendors time: the deadline must be in the future."))
        return deadline

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("questions") == QUESTIONS_FROM_BANK and not cleaned.get("bank_sections"):
            self.add_error("bank_sections", _("Choose at least one section of the bank."))
        return cleaned


class ReportForm(forms.Form):
    """Options of the PDF download (GET)."""

    lang = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    appendix = forms.BooleanField(
        label=_("Add every answer and score as an appendix"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
