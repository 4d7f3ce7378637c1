"""The assessment form: validation only (saving is the services' job). Numbers accept the way
people type them ("38,000", "40 %", "1 200") and refuse anything else with a message that says
which figure is wrong and what to enter."""

import re

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sourcing.access import rfps_open_to_attach
from sourcing.models import Assessment, Channel
from sourcing.selectors import COST_FIELDS, PROFILE_FIELDS

THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")

GROUPS = {
    "size": ["seats", "peak_extra_seats", "peak_months", "free_space_seats", "has_cc_technology"],
    "work": ["complexity", "knowledge", "rhythm", "simple_share", "yearly_contacts"],
    "strategy": ["core_product", "wants_control", "proven_model", "data_analysts"],
    "service": ["hours", "channels", "data_sensitivity", "languages"],
    "horizon": ["years", "yearly_increase"],
    "people": [
        "fte_per_seat",
        "agent_salary",
        "benefits_rate",
        "agents_per_team_leader",
        "team_leader_salary",
        "attrition_rate",
        "replacement_cost",
        "hiring_training_cost",
        "management_overhead_rate",
    ],
    "premises": [
        "space_cost_per_seat_year",
        "fit_out_per_seat",
        "equipment_per_seat",
        "telephony_setup_per_seat",
        "software_per_seat_year",
        "ccaas_per_seat_month",
    ],
    "outsourcing": ["vendor_management_fte", "vendor_manager_salary", "benchmark_price_per_seat_year"],
}
GROUP_TITLES = {
    "size": gettext_lazy("Size and space"),
    "work": gettext_lazy("The work"),
    "strategy": gettext_lazy("Strategy and control"),
    "service": gettext_lazy("Service"),
    "horizon": gettext_lazy("Horizon"),
    "people": gettext_lazy("People"),
    "premises": gettext_lazy("Premises and technology"),
    "outsourcing": gettext_lazy("Outsourcing"),
}

DEFAULT_COLUMNS = "col-md-6 col-xl-4"
QUARTER = "col-sm-6 col-xl-3"
FIELD_COLUMNS = {
    "seats": QUARTER,
    "peak_extra_seats": QUARTER,
    "peak_months": QUARTER,
    "free_space_seats": QUARTER,
    "has_cc_technology": "col-12",
    "complexity": "col-md-6",
    "knowledge": "col-md-6",
    "rhythm": "col-md-6",
    "simple_share": "col-sm-6 col-md-3",
    "yearly_contacts": "col-sm-6 col-md-3",
    "core_product": "col-md-6",
    "wants_control": "col-md-6",
    "proven_model": "col-md-6",
    "data_analysts": "col-md-6",
    "hours": "col-md-4",
    "channels": "col-md-4",
    "data_sensitivity": "col-md-4",
    "languages": "col-md-8",
}
MONEY_FIELDS = {
    "agent_salary",
    "team_leader_salary",
    "replacement_cost",
    "hiring_training_cost",
    "space_cost_per_seat_year",
    "fit_out_per_seat",
    "equipment_per_seat",
    "telephony_setup_per_seat",
    "software_per_seat_year",
    "ccaas_per_seat_month",
    "vendor_manager_salary",
    "benchmark_price_per_seat_year",
}


def _plain_number(value):
    """'38,000' -> '38000', '40 %' -> '40', '1 200' -> '1200'; anything else as typed."""
    if not isinstance(value, str):
        return value
    text = value.strip().replace("\u00a0", "").replace(" ", "").replace("_", "")
    text = text.removesuffix("%")
    if THOUSANDS.match(text):
        text = text.replace(",", "")
    return text


class LenientIntegerField(forms.IntegerField):
    def to_python(self, value):
        return super().to_python(_plain_number(value))


class LenientDecimalField(forms.DecimalField):
    def to_python(self, value):
        number = super().to_python(_plain_number(value))
        if number is not None and not number.is_finite():
            # Refused here, without params (DecimalField.validate would add some), so that the
            # "invalid" message, which carries the field's label, is shown as written.
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


def _formfield(model_field, **kwargs):
    """Numbers become lenient text inputs (the server explains what is wrong, not the browser),
    bounded by the model's own validators so that the message is the model's."""
    if isinstance(model_field, models.DecimalField):
        kwargs["form_class"] = LenientDecimalField
    elif isinstance(model_field, models.PositiveIntegerField | models.PositiveSmallIntegerField):
        kwargs["form_class"] = LenientIntegerField
    else:
        return model_field.formfield(**kwargs)
    kwargs["widget"] = forms.TextInput(attrs={"inputmode": "decimal", "class": "sl-num-input"})
    field = model_field.formfield(**kwargs)
    bounds = [v for v in model_field.validators if isinstance(v, MinValueValidator | MaxValueValidator)]
    if not any(isinstance(v, MinValueValidator) for v in bounds):
        bounds.append(MinValueValidator(0))  # worded with the field's label in AssessmentForm.__init__
    field.validators = [v for v in field.validators if not isinstance(v, MinValueValidator | MaxValueValidator)]
    field.validators += bounds
    field.min_value = field.max_value = None
    return field


class AssessmentForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label=gettext_lazy("Channels"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    currency = forms.CharField(
        label=gettext_lazy("Currency"),
        max_length=12,  # longer than a code, so that a wrong entry gets the message below, not a length error
        initial="USD",
        help_text=gettext_lazy("A three-letter code, such as USD, EUR or PLN."),
    )
    languages = forms.CharField(
        label=gettext_lazy("Languages"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Separate them with commas, e.g. English, Polish."),
    )

    class Meta:
        model = Assessment
        fields = ["title", "rfp", "currency", "context", *PROFILE_FIELDS, *COST_FIELDS]
        formfield_callback = _formfield
        widgets = {
            "context": forms.Textarea(attrs={"rows": 2}),
            "complexity": forms.RadioSelect,
            "knowledge": forms.RadioSelect,
            "rhythm": forms.RadioSelect,
            "hours": forms.RadioSelect,
            "data_sensitivity": forms.RadioSelect,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["rfp"]
            if self.instance.rfp_id:
                del self.fields["currency"]
        else:
            self.fields["rfp"].queryset = rfps_open_to_attach(user)
            self.fields["rfp"].empty_label = _("None: a standalone assessment")
            self.fields["rfp"].label_from_instance = lambda rfp: f"{rfp.reference} · {rfp.title}"
        self.initial["languages"] = ", ".join(self.instance.languages or [])
        if self.instance.pk:  # on a new assessment the currency is still being chosen
            for name in MONEY_FIELDS:
                self.fields[name].label = f"{self.fields[name].label} ({self.instance.currency})"
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField | forms.DecimalField):
                self._explain_number_errors(field)

    @staticmethod
    def _explain_number_errors(field: forms.Field) -> None:
        label = str(field.label)
        # Django %-formats a message with its params when it has any (bounds, digits): there a "%" of
        # the label, as in "agent attrition a year (%)", must be escaped or the message fails to render.
        escaped = label.replace("%", "%%")
        whole = not isinstance(field, forms.DecimalField)  # DecimalField is an IntegerField in Django
        field.error_messages["invalid"] = (
            _("%(label)s must be a whole number, such as 40.")
            if whole
            else _("%(label)s must be a number, such as 38000.")
        ) % {"label": label}
        field.error_messages["max_digits"] = _("%(label)s is too large.") % {"label": escaped}
        field.error_messages["max_decimal_places"] = _("%(label)s takes at most %%(max)s decimals.") % {
            "label": escaped
        }
        field.error_messages["max_whole_digits"] = _("%(label)s is too large.") % {"label": escaped}
        field.error_messages["required"] = _("Enter %(label)s.") % {"label": label.lower()}
        default_message = MinValueValidator.message
        field.validators = [
            MinValueValidator(v.limit_value, message=_("%(label)s cannot be negative.") % {"label": escaped})
            if isinstance(v, MinValueValidator) and v.message == default_message
            else v
            for v in field.validators
        ]

    def clean_languages(self) -> list[str]:
        raw = self.cleaned_data.get("languages") or ""
        return [part.strip() for part in re.split(r"[,;\n]", raw) if part.strip()]

    def clean_currency(self) -> str:
        currency = (self.cleaned_data.get("currency") or "").strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", currency):
            raise forms.ValidationError(_("Enter a three-letter currency code, such as USD or EUR."))
        return currency

    def grouped(self) -> list[tuple[str, str, list]]:
        """(key, title, [(bound field, column classes)]) per fieldset, for the template."""
        return [
            (
                key,
                str(GROUP_TITLES[key]),
                [(self[name], FIELD_COLUMNS.get(name, DEFAULT_COLUMNS)) for name in names if name in self.fields],
            )
            for key, names in GROUPS.items()
        ]

    def changes(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "rfp"}
