"""The question editor's form (`QuestionForm`): every field of a question, with its choices,
bands, rubric and knockout typed as plain text, parsed here and checked with the same rules as an
imported questionnaire (question_problems). Like every form of the builder, it saves nothing."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from config.text_rules import QUESTION_TEXT_MAX
from rfp import selectors
from rfp.models import CHOICE_TYPES, NUMERIC_TYPES, RFP, Question, QuestionType
from rfp.questionnaire import question_model_fields, question_problems
from scoring import engine

# The kinds of rule and knockout are the engine's (scoring.engine); here only their labels.
RULE_LABELS = {
    "choice_points": _("Points per choice"),
    "bands": _("Numeric bands"),
    "linear": _("Linear between a worst and a best value"),
}
KNOCKOUT_LABELS = {
    "equals": _("The answer must be"),
    "includes": _("The answer must include"),
    "min": _("The number must be at least"),
    "max": _("The number must be at most"),
    "answered": _("The question must be answered"),
}
RULE_KINDS = [("", _("None: evaluators score with the rubric"))] + [(k, RULE_LABELS[k]) for k in engine.RULE_KINDS]
KNOCKOUT_OPS = [("", _("No knockout"))] + [(op, KNOCKOUT_LABELS[op]) for op in engine.KNOCKOUT_OPS]
TEXT_TYPES = {QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT}
RUBRIC_LEVELS = range(6)
POINTS = Decimal("5")


def _decimal_or_none(text: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def _json_number(value: Decimal | None) -> int | float | None:
    """Numbers as questionnaire data stores them: whole numbers stay whole."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _lines(text: str) -> list[tuple[int, list[str]]]:
    """Non-empty lines of a textarea, numbered from 1 and split on '|'."""
    return [
        (number, [part.strip() for part in line.split("|")])
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


class QuestionForm(forms.Form):
    """Every field of a question. Choices, bands, rubric and the knockout are typed as plain text
    and checked with the same rules as an imported questionnaire (question_problems)."""

    type = forms.ChoiceField(label=_("Answer type"), choices=QuestionType.choices)
    key = forms.SlugField(
        label=_("Key"), max_length=40, help_text=_("Unique in this RFP; vendors see it next to the question.")
    )
    text = forms.CharField(
        label=_("Question"), widget=forms.Textarea(attrs={"rows": 3, "maxlength": QUESTION_TEXT_MAX})
    )
    guidance = forms.CharField(
        label=_("Guidance for vendors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": QUESTION_TEXT_MAX}),
        help_text=_("What a good answer contains, how to count, what to attach."),
    )
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    scored = forms.BooleanField(
        label=_("Scored"), required=False, initial=True, help_text=_("Untick for an informational question.")
    )
    weight = forms.DecimalField(
        label=_("Weight in its section"),
        max_digits=6,
        decimal_places=2,
        initial=1,
        help_text=_("Relative to the other questions of the section; must be positive."),
    )
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False, help_text=_("e.g. agents, seconds, hours"))
    word_limit = forms.IntegerField(label=_("Word limit"), required=False)
    is_price = forms.BooleanField(
        label=_("Price question"),
        required=False,
        help_text=_("The number is the bid price and is scored by the price formula."),
    )
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 5, "placeholder": _("Weekly review | 5\nMonthly review | 3\nNo review | 0")}
        ),
        help_text=_("One per line as “Label | points” (points 0-5, optional unless scored per choice)."),
    )
    rule_kind = forms.ChoiceField(label=_("Auto-scoring rule"), choices=RULE_KINDS, required=False)
    bands = forms.CharField(
        label=_("Bands"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": " | 24 | 5\n24 | 48 | 4\n48 | | 0"}),
        help_text=_("One per line as “min | max | points”; leave min or max empty for an open end."),
    )
    linear_worst = forms.CharField(label=_("Worst value (0 points)"), required=False)
    linear_best = forms.CharField(label=_("Best value (5 points)"), required=False)
    knockout_op = forms.ChoiceField(label=_("Knockout condition"), choices=KNOCKOUT_OPS, required=False)
    knockout_value = forms.CharField(
        label=_("Passing value"), required=False, help_text=_("A choice label, or a number for at least / at most.")
    )
    knockout_reason = forms.CharField(label=_("Reason shown when a vendor fails it"), max_length=300, required=False)
    benchmark = forms.CharField(
        label=_("Benchmark"),
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Industry figure or source that the evaluators can compare answers with."),
    )

    def __init__(self, *args, rfp: RFP, question: Question | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for level in RUBRIC_LEVELS:
            self.fields[f"rubric_{level}"] = forms.CharField(
                label=_("%(level)s points") % {"level": level},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "maxlength": QUESTION_TEXT_MAX}),
            )
        self.rfp = rfp
        self.question = question
        if question is not None:
            self.initial.update(self._initial_from(question))
        self.question_fields: dict = {}

    def clean_weight(self) -> Decimal:
        weight = self.cleaned_data["weight"]
        if weight <= 0:
            raise forms.ValidationError(_("The weight must be a positive number."))
        return weight

    @property
    def rubric_fields(self) -> list:
        return [self[f"rubric_{level}"] for level in RUBRIC_LEVELS]

    @staticmethod
    def _initial_from(question: Question) -> dict:
        def number(value) -> str:
            return "" if value is None else f"{Decimal(str(value)).normalize():f}"

        def choice_line(choice: dict) -> str:
            points = choice.get("points")
            return choice["label"] if points is None else f"{choice['label']} | {number(points)}"

        rule = question.auto_rule or {}
        knockout = question.knockout or {}
        initial = {
            name: getattr(question, name)
            for name in (
                "type",
                "key",
                "text",
                "guidance",
                "required",
                "scored",
                "unit",
                "word_limit",
                "is_price",
                "knockout_reason",
                "benchmark",
            )
        }
        initial |= {
            "weight": number(question.weight),
            "choices": "\n".join(choice_line(c) for c in question.choices),
            "rule_kind": rule.get("kind", ""),
            "bands": "\n".join(
                f"{number(b.get('min'))} | {number(b.get('max'))} | {number(b.get('points'))}"
                for b in rule.get("bands") or []
            ),
            "linear_worst": number(rule.get("worst")),
            "linear_best": number(rule.get("best")),
            "knockout_op": knockout.get("op", ""),
            "knockout_value": "" if knockout.get("value") is None else str(knockout.get("value")),
        }
        for level in RUBRIC_LEVELS:
            initial[f"rubric_{level}"] = (question.rubric or {}).get(str(level), "")
        return initial

    # Each parser returns None and records a field error when a line cannot be read.

    def _parse_choices(self, qtype: str) -> list[dict] | None:
        if qtype not in CHOICE_TYPES:
            return []
        text = self.cleaned_data.get("choices", "")
        if not text.strip() and qtype == QuestionType.YES_NO:
            # Stored labels stay as the bank writes them, so knockouts like "equals Yes" keep working.
            text = "Yes\nNo"
        choices, ok = [], True
        for number, parts in _lines(text):
            try:
                points = _decimal_or_none(parts[1]) if len(parts) > 1 else None
            except ValueError:
                points = Decimal("-1")
            if len(parts) > 2 or (points is not None and not 0 <= points <= POINTS):
                self.add_error(
                    "choices", _("Line %(n)s: write “Label | points” with points from 0 to 5.") % {"n": number}
                )
                ok = False
            choices.append({"label": parts[0], "points": _json_number(points)})
        return choices if ok else None

    def _parse_bands(self) -> list[dict] | None:
        bands, ok = [], True
        for number, parts in _lines(self.cleaned_data.get("bands", "")):
            try:
                low, high, points = (_decimal_or_none(p) for p in parts) if len(parts) == 3 else (None, None, None)
            except ValueError:
                low = high = points = None
            if points is None or not 0 <= points <= POINTS or (low is not None and high is not None and low >= high):
                self.add_error(
                    "bands",
                    _("Line %(n)s: write “min | max | points” with min below max and points from 0 to 5.")
                    % {"n": number},
                )
                ok = False
                continue
            bands.append({"min": _json_number(low), "max": _json_number(high), "points": _json_number(points)})
        if ok and not bands:
            self.add_error("bands", _("Give at least one band."))
            return None
        return bands if ok else None

    def _parse_rule(self, qtype: str) -> dict | None | bool:
        """The auto-scoring rule; False when it could not be read."""
        kind = self.cleaned_data.get("rule_kind")
        if not kind:
            return None
        if kind == "choice_points":
            return {"kind": kind}
        if kind == "bands":
            bands = self._parse_bands()
            return {"kind": kind, "bands": bands} if bands is not None else False
        values = {}
        for name in ("linear_worst", "linear_best"):
            try:
                values[name] = _decimal_or_none(self.cleaned_data.get(name, ""))
            except ValueError:
                values[name] = None
            if values[name] is None:
                self.add_error(name, _("Enter a number."))
        if None in values.values():
            return False
        return {
            "kind": kind,
            "worst": _json_number(values["linear_worst"]),
            "best": _json_number(values["linear_best"]),
        }

    def _parse_knockout(self, qtype: str) -> dict | None | bool:
        op = self.cleaned_data.get("knockout_op")
        if not op:
            return None
        if op in ("min", "max") and qtype not in NUMERIC_TYPES:
            self.add_error("knockout_op", _("At least / at most apply only to number and percentage questions."))
            return False
        if op == "includes" and qtype != QuestionType.MULTI_CHOICE:
            self.add_error("knockout_op", _("“Must include” applies only to multiple-choice questions."))
            return False
        if not self.cleaned_data.get("knockout_reason", "").strip():
            self.add_error("knockout_reason", _("Say why a vendor that fails this requirement is excluded."))
        raw = self.cleaned_data.get("knockout_value", "").strip()
        if op == "answered":
            return {"op": op}
        if op in ("min", "max"):
            try:
                value = _decimal_or_none(raw)
            except ValueError:
                value = None
            if value is None:
                self.add_error("knockout_value", _("Enter the number a vendor must reach."))
                return False
            return {"op": op, "value": _json_number(value)}
        return {"op": op, "value": raw}

    def _rubric(self) -> dict | None:
        texts = {str(level): self.cleaned_data.get(f"rubric_{level}", "").strip() for level in RUBRIC_LEVELS}
        filled = [text for text in texts.values() if text]
        if not filled:
            return None
        if len(filled) != len(texts):
            self.add_error(None, _("Describe all six rubric levels (0 to 5), or none of them."))
        return texts

    def clean(self):
        cleaned = super().clean()
        qtype = cleaned.get("type")
        if qtype is None:
            return cleaned
        # Field errors (a missing text, a zero weight) are already on the form; the rules below still
        # run so that every problem shows at once, unless a line could not be read at all.
        choices = self._parse_choices(qtype)
        rule = self._parse_rule(qtype)
        knockout = self._parse_knockout(qtype)
        rubric = self._rubric()
        if choices is None or rule is False or knockout is False:
            return cleaned
        if rule and rule["kind"] == "choice_points" and any(c["points"] is None for c in choices):
            self.add_error("choices", _("Points per choice need points on every choice."))
        data = {
            "key": cleaned.get("key", ""),
            "text": cleaned.get("text", "").strip(),
            "type": qtype,
            "guidance": cleaned.get("guidance", "").strip(),
            "required": cleaned.get("required", True),
            "scored": cleaned.get("scored", True),
            "weight": cleaned.get("weight", Decimal("1")),
            "unit": cleaned.get("unit", "").strip() if qtype in NUMERIC_TYPES else "",
            "word_limit": cleaned.get("word_limit") if qtype in TEXT_TYPES else None,
            "choices": choices,
            "rubric": rubric,
            "auto_rule": rule,
            "knockout": knockout,
            "knockout_reason": cleaned.get("knockout_reason", "").strip() if knockout else "",
            "benchmark": cleaned.get("benchmark", "").strip(),
            "price": cleaned.get("is_price", False),
        }
        if data["key"] and selectors.question_key_taken(
            self.rfp, data["key"], self.question.pk if self.question else None
        ):
            self.add_error("key", _("Another question of this RFP already uses this key."))
        # Problems that repeat an error already shown next to its field are left out.
        shown = {
            str(_("the question text is empty")) if "text" in self.errors else None,
            str(_("the weight must be a positive number")) if "weight" in self.errors else None,
        }
        for problem in question_problems(data):
            if problem not in shown:
                self.add_error(None, problem[:1].upper() + problem[1:] + ".")
        if not self.errors:
            self.question_fields = question_model_fields(data)
        return cleaned
