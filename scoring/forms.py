"""Forms of the evaluation pages. They validate input only; services decide and write."""

from fractions import Fraction

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.text_rules import COMMENT_MAX
from scoring.models import EvaluationSettings

POINT_CHOICES = [(str(p), str(p)) for p in range(6)]


class SettingsForm(forms.ModelForm):
    class Meta:
        model = EvaluationSettings
        fields = ["blind", "aggregate", "price_direction"]


class ScoreForm(forms.Form):
    points = forms.TypedChoiceField(
        label=gettext_lazy("Score"), choices=POINT_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    # The browser stops at the limit; the service refuses anything longer with its own message.
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": COMMENT_MAX}),
    )
    flagged = forms.BooleanField(label=gettext_lazy("Flag for the panel"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("points") in (0, 1, 5) and not (data.get("comment") or "").strip():
            self.add_error("comment", _("A score of %(points)s needs a comment that explains it.") % data)
        return data


class ConsensusForm(forms.Form):
    points = forms.TypedChoiceField(label=gettext_lazy("Consensus score"), choices=POINT_CHOICES, coerce=int)
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2, "maxlength": COMMENT_MAX})
    )


# Saaty's 1-9 scale, as the judgement a_ij "row section against column section".
SAATY_VALUES = ["9", "8", "7", "6", "5", "4", "3", "2", "1", "1/2", "1/3", "1/4", "1/5", "1/6", "1/7", "1/8", "1/9"]
SAATY_WORDS = {
    1: gettext_lazy("equally important"),
    2: gettext_lazy("equal to moderately more important"),
    3: gettext_lazy("moderately more important"),
    4: gettext_lazy("moderately to strongly more important"),
    5: gettext_lazy("strongly more important"),
    6: gettext_lazy("strongly to very strongly more important"),
    7: gettext_lazy("very strongly more important"),
    8: gettext_lazy("very to extremely more important"),
    9: gettext_lazy("extremely more important"),
}


def judgement_value(text: str) -> float:
    return float(Fraction(text))


def pair_choices(left: str, right: str) -> list[tuple[str, str]]:
    """Options for one pair, from "left extremely more important" to "right extremely more"."""
    choices = []
    for value in SAATY_VALUES:
        fraction = Fraction(value)
        if fraction == 1:
            label = _("Both equally important (1)")
        elif fraction > 1:
            label = _("%(name)s %(words)s (%(n)s)") % {"name": left, "words": SAATY_WORDS[int(fraction)], "n": value}
        else:
            n = int(1 / fraction)
            label = _("%(name)s %(words)s (%(n)s)") % {"name": right, "words": SAATY_WORDS[n], "n": n}
        choices.append((value, label))
    return choices


def nearest_saaty(ratio: float) -> str:
    """The scale value closest (on a log scale) to a ratio of two weights."""
    import math

    if ratio <= 0:
        return "1"
    return min(SAATY_VALUES, key=lambda v: abs(math.log(judgement_value(v)) - math.log(ratio)))


class AhpForm(forms.Form):
    """One select per pair of sections, named pair_<i>_<j> (upper triangle, row by row)."""

    override = forms.BooleanField(
        label=gettext_lazy("Apply even though the comparisons are inconsistent (CR above 0.10)"), required=False
    )

    def __init__(self, *args, sections, initial_values: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        self.pairs = []
        for i, left in enumerate(sections):
            for j in range(i + 1, len(sections)):
                right = sections[j]
                name = f"pair_{i}_{j}"
                self.fields[name] = forms.ChoiceField(
                    label=f"{left.title} / {right.title}",
                    choices=pair_choices(left.title, right.title),
                    initial=(initial_values or {}).get(name, "1"),
                )
                self.pairs.append((name, left, right))

    def judgements(self) -> list[float]:
        return [judgement_value(self.cleaned_data[name]) for name, _l, _r in self.pairs]

    def pair_fields(self):
        """(bound field, left section, right section, options) where each option is
        (value, full label, the number shown on the scale, "left" / "equal" / "right")."""
        rows = []
        for name, left, right in self.pairs:
            options = []
            for value, label in self.fields[name].choices:
                fraction = Fraction(value)
                side = "equal" if fraction == 1 else ("left" if fraction > 1 else "right")
                shown = str(int(fraction)) if fraction >= 1 else str(int(1 / fraction))
                options.append((value, label, shown, side))
            rows.append((self[name], left, right, options))
        return rows
