"""Forms for the RFP builder. They turn what a procurement user typed into the plain values the
services take, and say clearly what is wrong; they never save anything themselves.

The question editor's form, with its parsers of choices, bands, rules and knockouts, is in
rfp/forms_question.py; its names are importable from here too."""

import re

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from config.text_rules import LONG_TEXT_MAX, NAME_MAX, QUESTION_TEXT_MAX, TITLE_MAX
from rfp import selectors
from rfp.deadlines import default_deadline
from rfp.forms_question import (
    KNOCKOUT_LABELS,
    KNOCKOUT_OPS,
    POINTS,
    RUBRIC_LEVELS,
    RULE_KINDS,
    RULE_LABELS,
    TEXT_TYPES,
    QuestionForm,
)
from rfp.models import RFP, Kind, MemberRole, PriceMethod, Section, SectionKind

CHANNELS = [
    ("voice", _("Voice")),
    ("email", _("E-mail")),
    ("chat", _("Chat")),
    ("social", _("Social media")),
    ("sms", _("SMS and messaging")),
]

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


# --- RFP settings ------------------------------------------------------------------------------


def _reader_language() -> str:
    """The language the page is shown in, as one of the product's language codes."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    codes = [c for c, _label in settings.LANGUAGES]
    return code if code in codes else code.split("-")[0] if code.split("-")[0] in codes else settings.LANGUAGE_CODE


class RFPSettingsForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, initial=Kind.RFI, widget=forms.RadioSelect)
    language = forms.ChoiceField(
        label=_("Questionnaire language"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_(
            "Questions from the bank come in this language, and vendors answer in it. Menus and reports follow "
            "each reader's own language."
        ),
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    buyer = forms.CharField(label=_("Buying organisation"), max_length=NAME_MAX, required=False)
    summary = forms.CharField(
        label=_("Summary for vendors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": LONG_TEXT_MAX}),
        help_text=_("What you are buying and why; vendors read this first."),
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels in scope"), choices=CHANNELS, required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.CharField(
        label=_("Languages"),
        max_length=400,
        required=False,
        help_text=_("Separate languages with commas, e.g. English, Polish, German."),
    )
    hours = forms.CharField(
        label=_("Service hours"),
        max_length=200,
        required=False,
        help_text=_("e.g. Mon-Fri 08:00-20:00, Sat 09:00-14:00"),
    )
    sites = forms.CharField(label=_("Preferred sites or regions"), max_length=300, required=False)
    deadline = forms.DateTimeField(
        label=_("Deadline for responses"),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    currency = forms.CharField(
        label=_("Currency"),
        max_length=12,
        initial="USD",
        help_text=_("ISO code, e.g. EUR"),
    )
    sealed = forms.BooleanField(
        label=_("Sealed responses"),
        required=False,
        initial=True,
        help_text=_("Nobody on your side can read answers before the deadline."),
    )
    two_envelope = forms.BooleanField(
        label=_("Two envelopes"),
        required=False,
        initial=True,
        help_text=_(
            "Nobody sees a price until every technical score is submitted and procurement opens the price "
            "envelope; bids below the technical pass mark keep their price sealed. Evaluators who see prices "
            "score quality in favour of the cheaper bids."
        ),
    )
    technical_pass_mark = forms.DecimalField(
        label=_("Technical pass mark"),
        required=False,
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        help_text=_("Optional, 0-100: bids scoring below it technically are excluded before price is opened."),
    )
    price_method = forms.ChoiceField(
        label=_("Price scoring"),
        choices=PriceMethod.choices,
        initial=PriceMethod.RELATIVE,
        required=False,  # left out: relative, as before the choice existed
        help_text=_(
            "Relative: lowest valid bid / this bid x 100; a bid that comes or goes can reorder the others. "
            "Linear: 100 points at the floor, 0 at the ceiling, whatever the other bids; it cannot. "
            "Price per quality point: the vendors are ordered by technical score / price."
        ),
    )
    price_ceiling = forms.DecimalField(
        label=_("Price ceiling (budget)"),
        required=False,
        max_digits=16,
        decimal_places=2,
        min_value=0,
        help_text=_("For linear scoring: a bid at or above it scores 0 price points."),
    )
    price_floor = forms.DecimalField(
        label=_("Price floor"),
        required=False,
        max_digits=16,
        decimal_places=2,
        min_value=0,
        help_text=_("For linear scoring: a bid at or below it scores all 100 price points."),
    )

    def __init__(self, *args, rfp: RFP | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for channel, label in CHANNELS:
            self.fields[f"volume_{channel}"] = forms.IntegerField(
                label=_("%(channel)s volume") % {"channel": label},
                required=False,
                min_value=0,
                max_value=10**10,
            )
        if rfp is not None:
            self.initial.update(self._initial_from(rfp))
            # The reference carries the kind (RFI-/RFP-); clone to change it.
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = _("Part of the reference %(ref)s; clone to change it.") % {
                "ref": rfp.reference
            }
            # The questions are already written in it: changing it would not translate them.
            self.fields["language"].disabled = True
            self.fields["language"].help_text = _(
                "The questions are written in it; it is chosen when the RFP is created."
            )
        else:
            self.initial.setdefault("language", _reader_language())
        self.fields["deadline"].help_text = _("In your time zone (%(zone)s).") % {
            "zone": timezone.get_current_timezone_name()
        }

    @staticmethod
    def _initial_from(rfp: RFP) -> dict:
        initial = {
            name: getattr(rfp, name)
            for name in (
                "kind",
                "language",
                "title",
                "buyer",
                "summary",
                "channels",
                "hours",
                "sites",
                "deadline",
                "currency",
            )
        }
        initial |= {
            "languages": ", ".join(rfp.languages),
            "sealed": rfp.sealed,
            "two_envelope": rfp.two_envelope,
            "technical_pass_mark": rfp.technical_pass_mark,
            "price_method": rfp.price_method,
            "price_ceiling": rfp.price_ceiling,
            "price_floor": rfp.price_floor,
        }
        for channel, volume in (rfp.yearly_volumes or {}).items():
            initial[f"volume_{channel}"] = volume
        return initial

    @property
    def volume_fields(self) -> list:
        return [self[f"volume_{channel}"] for channel, _label in CHANNELS]

    def clean_currency(self) -> str:
        currency = self.cleaned_data["currency"].strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", currency):
            raise forms.ValidationError(_("Use a three-letter ISO code such as USD, EUR or PLN."))
        return currency

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.now():
            raise forms.ValidationError(_("The deadline must be in the future."))
        return deadline

    def clean_languages(self) -> list[str]:
        seen: list[str] = []
        for language in self.cleaned_data["languages"].split(","):
            language = " ".join(language.split())
            if language and language.casefold() not in [s.casefold() for s in seen]:
                seen.append(language)
        return seen

    def clean(self):
        cleaned = super().clean()
        channels = set(cleaned.get("channels") or [])
        for channel, label in CHANNELS:
            if cleaned.get(f"volume_{channel}") and channel not in channels:
                self.add_error(
                    f"volume_{channel}",
                    _("You gave a volume for %(channel)s but did not tick that channel.") % {"channel": label},
                )
        self._check_price_bounds(cleaned)
        return cleaned

    def _check_price_bounds(self, cleaned: dict) -> None:
        if cleaned.get("price_method") != PriceMethod.LINEAR:
            return
        ceiling, floor = cleaned.get("price_ceiling"), cleaned.get("price_floor")
        if ceiling is None:
            self.add_error("price_ceiling", _("Linear price scoring needs a ceiling: the budget."))
        if floor is None:
            self.add_error("price_floor", _("Linear price scoring needs a floor: the price that earns all the points."))
        if ceiling is not None and floor is not None and not ceiling > floor:
            self.add_error("price_ceiling", _("The ceiling must be above the floor."))

    def rfp_fields(self) -> dict:
        """The cleaned values as the keyword arguments of rfp_create / rfp_update."""
        data = self.cleaned_data
        selected = [channel for channel, _label in CHANNELS if channel in data["channels"]]
        return {
            "kind": data["kind"],
            "language": data.get("language") or _reader_language(),
            "title": data["title"].strip(),
            "buyer": data["buyer"].strip(),
            "summary": data["summary"].strip(),
            "channels": selected,
            "languages": data["languages"],
            "yearly_volumes": {
                channel: data[f"volume_{channel}"] for channel in selected if data.get(f"volume_{channel}") is not None
            },
            "hours": data["hours"].strip(),
            "sites": data["sites"].strip(),
            "deadline": data["deadline"],
            "currency": data["currency"],
            "sealed": data["sealed"],
            "two_envelope": data["two_envelope"],
            "technical_pass_mark": data["technical_pass_mark"],
            "price_method": data.get("price_method") or PriceMethod.RELATIVE,
            "price_ceiling": data.get("price_ceiling"),
            "price_floor": data.get("price_floor"),
        }


class CreateFromBankForm(RFPSettingsForm):
    bank_sections = forms.MultipleChoiceField(
        label=_("Sections from the question bank"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, bank_sections: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.bank = bank_sections
        self.fields["bank_sections"].choices = [(s.key, s.title) for s in bank_sections]
        self.initial.setdefault("bank_sections", [s.key for s in bank_sections])
        self.initial.setdefault("deadline", timezone.localtime(default_deadline()))

    def bank_rows(self) -> list[tuple]:
        """(bank section, ticked) pairs for the template, which shows counts and weights."""
        if self.is_bound:
            ticked = set(self.data.getlist("bank_sections")) if hasattr(self.data, "getlist") else set()
        else:
            ticked = set(self.initial["bank_sections"])
        return [(section, section.key in ticked) for section in self.bank]


# --- sections ----------------------------------------------------------------------------------


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    key = forms.SlugField(
        label=_("Key"),
        max_length=40,
        required=False,
        help_text=_("A short code used in exports and Excel files. Left empty, it is made from the title."),
    )
    description = forms.CharField(
        label=_("Description for vendors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": QUESTION_TEXT_MAX}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=SectionKind.choices, initial=SectionKind.TECHNICAL)
    risk_area = forms.CharField(label=_("Risk area"), max_length=40, required=False)
    weight = forms.DecimalField(
        label=_("Weight"),
        max_digits=6,
        decimal_places=2,
        min_value=0,
        max_value=100,
        initial=0,
        help_text=_("Points out of 100; 0 for an informational section."),
    )

    def __init__(self, *args, rfp: RFP, section: Section | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rfp = rfp
        self.section = section
        if section is not None:
            self.initial.update({name: getattr(section, name) for name in self.fields})

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        key = cleaned.get("key") or slugify(cleaned["title"])[:40].strip("-") or "section"
        exclude = self.section.pk if self.section else None
        if cleaned.get("key"):
            if selectors.section_key_taken(self.rfp, key, exclude):
                self.add_error("key", _("Another section of this RFP already uses this key."))
        else:
            base, number = key[:36], 2
            while selectors.section_key_taken(self.rfp, key, exclude):
                key, number = f"{base}-{number}", number + 1
        cleaned["key"] = key
        cleaned["risk_area"] = cleaned.get("risk_area") or key
        return cleaned

    def section_fields(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in ("key", "title", "description", "kind", "risk_area", "weight")
        }


class SectionWeightForm(forms.Form):
    weight = forms.DecimalField(
        label=_("Weight"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        error_messages={"invalid": _("Enter the weight as a number from 0 to 100.")},
    )


# --- the team ----------------------------------------------------------------------------------


class MemberForm(forms.Form):
    identifier = forms.CharField(
        label=_("Username or e-mail"), max_length=254, help_text=_("A buyer user of this Shortlist installation.")
    )
    role = forms.ChoiceField(label=_("Role on this RFP"), choices=MemberRole.choices, initial=MemberRole.EVALUATOR)

    def clean_identifier(self):
        identifier = self.cleaned_data["identifier"].strip()
        user = selectors.buyer_user_by_identifier(identifier)
        if user is None:
            raise forms.ValidationError(
                _("No buyer user has the username or e-mail “%(identifier)s”.") % {"identifier": identifier}
            )
        self.user = user
        return identifier


__all__ = [
    "CHANNELS",
    "DATETIME_LOCAL",
    "KNOCKOUT_LABELS",
    "KNOCKOUT_OPS",
    "POINTS",
    "RUBRIC_LEVELS",
    "RULE_KINDS",
    "RULE_LABELS",
    "TEXT_TYPES",
    "CreateFromBankForm",
    "MemberForm",
    "QuestionForm",
    "RFPSettingsForm",
    "SectionForm",
    "SectionWeightForm",
]
