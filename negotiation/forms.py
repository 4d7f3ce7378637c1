"""The form procurement opens a best-and-final round with. It validates input only; the service
decides what is allowed (who is eligible, whether a round may open now)."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.text_rules import LONG_TEXT_MAX

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class RoundForm(forms.Form):
    vendors = forms.TypedMultipleChoiceField(
        label=_("Vendors asked for a best and final offer"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    deadline = forms.DateTimeField(
        label=_("Deadline for revised offers"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "class": "form-control"}, format=DATETIME_LOCAL),
    )
    sections = forms.TypedMultipleChoiceField(
        label=_("Sections vendors may revise besides the price"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("The price may always change. Other sections stay as submitted unless you tick them."),
    )
    note = forms.CharField(
        label=_("Note to the vendors"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=_("What you want them to reconsider. Every vendor in the round reads the same note."),
    )

    def __init__(self, *args, vendors: list[tuple[int, str]], sections: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vendors"].choices = vendors
        self.fields["sections"].choices = sections
        self.initial.setdefault(
            "deadline",
            timezone.localtime(timezone.now() + timedelta(days=7)).replace(minute=0, second=0, microsecond=0),
        )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.now():
            raise forms.ValidationError(_("The deadline must be in the future."))
        return deadline
