"""Demo answers: a complete, realistic and distinct response from a vendor profile.

`seed_demo_answers(response, profile, by)` answers every question of the response's RFP the way a
vendor with that profile would, so that the ranking the demo shows follows from the answers:

    profile = {"quality": 0.0-1.0, "attrition": 55, "agents_per_team_leader": 25, "pci_dss": False,
               "iso27001": True, "languages_strength": 0.3, "price": 2_900_000,
               "style": "offshore low-cost", "answers": {"exit-01": "No"}}

- numbers and percentages: the well-known keys (attrition, agents per team leader, price) take the
  profile's figure; others pick a value in the auto-scoring band, or on the linear scale, whose
  points match the quality;
- choices: the label whose points are nearest the quality; yes/no knockouts follow the profile
  (ISO 27001, PCI DSS) and otherwise pass; `answers` overrides any question by key;
- long text: sentences composed from phrase banks (vendors/demo_phrases.py) per section and
  quality level, with the vendor's own figures and sites, so two vendors never write the same
  answer;
- files: a small real PDF per file question.

Values go through `clean_answer`, like every other channel. `complete=False` leaves about 40% of
the questions blank (more of them in later sections), for a response still in progress.
"""

import datetime
import math
import random
import zlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rfp.models import Question, QuestionType
from vendors.answer_values import clean_answer
from vendors.demo_phrases import ANSWER_COMMENTS, BANKS, FACT_SENTENCES, GENERIC, SHORT_TEXT, STYLE_SENTENCES
from vendors.models import Answer, Attachment, Response, ResponseStatus, Submission


def _tier_sentences(bank: dict[str, list[str]], quality: float, count: int, rng: random.Random) -> list[str]:
    """Pick `count` sentences, each from the strong pool with probability `quality`."""
    strong, weak = list(bank["strong"]), list(bank["weak"])
    rng.shuffle(strong)
    rng.shuffle(weak)
    picked = []
    for _turn in range(count):
        pool = strong if (rng.random() < quality and strong) or not weak else weak
        if pool:
            picked.append(pool.pop())
    return picked


# --- numbers -----------------------------------------------------------------------------------------


def _target_points(quality: float, rng: random.Random) -> float:
    return max(0.0, min(5.0, quality * 5 + rng.uniform(-0.8, 0.8)))


def _value_in_band(band: dict, rng: random.Random, integer: bool) -> float:
    """A value v with min <= v < max (the engine's band semantics); open ends get a sensible edge."""
    low, high = band.get("min"), band.get("max")
    low = max(0.0, float(high) * 0.5) if low is None else float(low)
    high = low * 1.5 + 5 if high is None else float(high)
    if integer:
        first, last = math.ceil(low), math.ceil(high) - 1
        return float(rng.randint(first, last)) if first <= last else low
    return min(round(rng.uniform(low, high), 1), round(high - 0.1, 1))


def _from_rule(rule: dict, quality: float, rng: random.Random, integer: bool) -> float | None:
    if rule.get("kind") == "bands" and rule.get("bands"):
        target = _target_points(quality, rng)
        band = min(rule["bands"], key=lambda b: (abs((b.get("points") or 0) - target), rng.random()))
        return _value_in_band(band, rng, integer)
    if rule.get("kind") == "linear" and rule.get("worst") is not None:
        worst, best = float(rule["worst"]), float(rule["best"])
        share = max(0.0, min(1.0, quality + rng.uniform(-0.1, 0.1)))
        value = worst + (best - worst) * share
        return round(value) if integer else round(value, 1)
    return None


def _is_integer_unit(question: Question) -> bool:
    unit = (question.unit or "").lower()
    return question.type == QuestionType.NUMBER and any(
        word in unit for word in ("agent", "day", "hour", "month", "seat", "reference", "second", "year")
    )


# --- the vendor's facts ------------------------------------------------------------------------------


class Facts:
    """Everything the answers draw on, computed once per response so that they agree with each other."""

    def __init__(self, response: Response, profile: dict, rng: random.Random):
        vendor = response.vendor
        self.profile = profile
        self.quality = float(profile.get("quality", 0.6))
        self.style = str(profile.get("style", "")).lower()
        self.attrition = float(profile.get("attrition", round(70 - 50 * self.quality)))
        self.tl_ratio = int(profile.get("agents_per_team_leader", round(24 - 14 * self.quality)))
        self.languages_strength = float(profile.get("languages_strength", self.quality))
        self.iso27001 = bool(profile.get("iso27001", True))
        self.pci_dss = bool(profile.get("pci_dss", True))
        self.price = profile.get("price")
        self.sites = list(vendor.sites or []) or [_("the main site")]
        self.languages = list(vendor.languages or [])
        self.seats = vendor.seats or int(300 + 1500 * rng.random())
        self.agents = int(profile.get("agents", self.seats * rng.uniform(1.25, 1.6)))
        self.country = vendor.country or _("our home country")
        self.vendor_name = vendor.name
        self.currency = response.rfp.currency
        self.training_days = int(round(8 + 14 * self.quality + rng.uniform(-1, 1)))
        self.fcr = int(round(66 + 16 * self.quality))
        self.clients = int(12 + 40 * rng.random())
        self.today = timezone.localdate()

    def fill(self, text: str) -> str:
        """The phrase in the active language, with the vendor's own figures in its placeholders."""
        cefr = "C1" if self.languages_strength >= 0.75 else "B2" if self.languages_strength >= 0.4 else "B1"
        return _(text).format(
            attrition=_number_text(self.attrition),
            tl_ratio=self.tl_ratio,
            seats=f"{self.seats:,}",
            training_days=self.training_days,
            fcr=self.fcr,
            clients=self.clients,
            sites=_join(self.sites),
            site_list=_join(self.sites),
            first_site=self.sites[0],
            country=self.country,
            vendor_name=self.vendor_name,
            telco_share=int(25 + 40 * self.quality),
            sec_team=int(6 + 30 * self.quality),
            data_region=_("the European Union") if "near" in self.style or "onshore" in self.style else self.country,
            cefr=cefr,
            cefr_written="B2" if cefr != "B1" else "B1",
            exec_role=_("Chief operating officer") if self.quality > 0.7 else _("Account director"),
            exec_years=int(8 + 14 * self.quality),
            test_name="Versant English Placement Test"
            if self.languages_strength > 0.5
            else _("Internal language test"),
            validity=180 if self.quality > 0.6 else 90,
            currency=self.currency,
            formats=_(
                "Contact records as CSV, recordings as WAV or MP3 with a metadata index, knowledge articles as "
                "HTML and PDF."
            )
            if self.quality > 0.5
            else _("Standard export formats from our systems, to be agreed."),
            law=_(
                "The law and courts of the client's home country; no local rule in our delivery countries limits "
                "exit or termination."
            )
            if self.quality > 0.5
            else _("The law of %(country)s.") % {"country": self.country},
            site_roles="; ".join(self._site_role(i, site) for i, site in enumerate(self.sites)),
        )

    def _site_role(self, index: int, site: str) -> str:
        if index == 0:
            return _("%(site)s (primary, %(seats)s seats)") % {"site": site, "seats": self.seats}
        return _("%(site)s (secondary and failover)") % {"site": site}


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


# --- one answer --------------------------------------------------------------------------------------


def _numeric(question: Question, facts: Facts, rng: random.Random) -> float:
    key, quality = question.key, facts.quality
    integer = _is_integer_unit(question)
    known = {
        "turnover-01": facts.attrition,
        "turnover-02": round(facts.attrition * rng.uniform(0.82, 1.02), 1),
        "turnover-03": round(facts.attrition * rng.uniform(0.3, 0.45), 1),
        "turnover-07": round(10 + 30 * quality + rng.uniform(-2, 2)),
        "oversight-01": facts.tl_ratio,
        "oversight-08": facts.training_days,
        "company-02": facts.agents,
        "company-03": round(facts.agents * rng.uniform(0.018, 0.03), 1),
        "location-03": facts.seats,
        "location-05": round(max(0.0, min(100.0, (0.2 + 0.5 * rng.random()) * 100 * (1.1 - quality))), 0),
        "language-06": round(min(100.0, max(5.0, 100 * facts.languages_strength + rng.uniform(-6, 6))), 0),
        "scalability-02": round(facts.agents * rng.uniform(0.05, 0.12)),
        "references-05": round(2 + 7 * quality + rng.uniform(-0.5, 0.5), 1),
        "references-01": max(3, round(2 + 5 * quality)),
    }
    if facts.price is not None:
        known["pricing-01"] = float(facts.price)
        known["pricing-05"] = round(float(facts.price) * rng.uniform(0.025, 0.06), -3)
    if key in known:
        value = known[key]
    elif question.auto_rule and (ruled := _from_rule(question.auto_rule, quality, rng, integer)) is not None:
        value = ruled
    elif question.is_price:
        value = round(2_000_000 + 2_500_000 * quality, -3)
    else:
        value = round(rng.uniform(10, 90), 0 if integer else 1)
    if question.type == QuestionType.PERCENTAGE:
        value = max(0.0, min(100.0, float(value)))
    return max(0, value)


def _choice_points(choice: dict) -> float | None:
    points = choice.get("points")
    return float(points) if points is not None else None


def _single(question: Question, facts: Facts, rng: random.Random) -> str:
    key, labels = question.key, question.choice_labels
    if question.type == QuestionType.YES_NO and question.knockout:
        passing = str(question.knockout.get("value", "Yes"))
        failing = next((label for label in labels if label != passing), passing)
        if key == "security-01":
            return passing if facts.iso27001 else failing
        if key == "security-04":
            return passing if facts.pci_dss else failing
        return passing
    if key == "security-05":
        return labels[0] if facts.pci_dss else labels[min(2, len(labels) - 1)]
    if key == "location-02":
        for word, label in (("offshore", "Offshore"), ("nearshore", "Nearshore"), ("onshore", "Onshore")):
            if word in facts.style and label in labels:
                return label
        return "Mixed" if "Mixed" in labels else labels[-1]
    if key == "language-01":
        strength = facts.languages_strength
        index = 0 if strength >= 0.75 else 1 if strength >= 0.4 else 2
        return labels[min(index, len(labels) - 1)]
    scored = [(label, _choice_points(c)) for label, c in zip(labels, question.choices, strict=True)]
    if all(points is None for _label, points in scored):
        return rng.choice(labels)
    target = _target_points(facts.quality, rng)
    return min(scored, key=lambda lp: (abs((lp[1] if lp[1] is not None else 2.5) - target), rng.random()))[0]


def _multi(question: Question, facts: Facts, rng: random.Random) -> list[str]:
    key, choices = question.key, question.choices
    if key == "language-05" and facts.languages:
        chosen = [c["label"] for c in choices if c["label"] in facts.languages]
        if chosen:
            return chosen
    positive = [c["label"] for c in choices if (_choice_points(c) or 0) > 0 or c.get("points") is None]
    positive = [label for label in positive if not label.lower().startswith("none")]
    if not positive:
        return [choices[0]["label"]]
    share = max(0.15, min(1.0, facts.quality + rng.uniform(-0.15, 0.15)))
    count = max(1, round(share * len(positive)))
    ordered = positive[:]
    rng.shuffle(ordered)
    chosen = set(ordered[:count])
    return [label for label in question.choice_labels if label in chosen]


def _date(question: Question, facts: Facts, rng: random.Random) -> str:
    text = question.text.lower()
    if question.key == "security-03" or "expire" in text:
        months = rng.randint(8, 30) if facts.iso27001 else -rng.randint(2, 6)
        return (facts.today + datetime.timedelta(days=30 * months)).isoformat()
    if "last" in text or question.key == "continuity-02":
        months = round(2 + 14 * (1 - facts.quality) + rng.uniform(0, 2))
        return (facts.today - datetime.timedelta(days=30 * months)).isoformat()
    days = round(45 + 90 * (1 - facts.quality) + rng.uniform(0, 20))
    return (facts.today + datetime.timedelta(days=days)).isoformat()


def _long_text(question: Question, facts: Facts, rng: random.Random, used: set[str]) -> str:
    area = question.key.split("-")[0]
    bank = BANKS.get(area) or BANKS.get(question.section.risk_area or "", GENERIC)
    count = 3 if facts.quality < 0.5 else 4
    sentences = [s for s in _tier_sentences(bank, facts.quality, count + 2, rng) if s not in used][:count]
    if len(sentences) < 2:
        sentences += _tier_sentences(GENERIC, facts.quality, 2, rng)
    used.update(sentences)
    sentences.insert(rng.randint(1, len(sentences)), rng.choice(FACT_SENTENCES))
    flavour = [text for word, text in STYLE_SENTENCES.items() if word in facts.style]
    if flavour and rng.random() < 0.5:
        sentences.insert(rng.randint(0, len(sentences)), rng.choice(flavour))
    text = " ".join(facts.fill(sentence) for sentence in sentences)
    if question.word_limit:
        words = text.split()
        if len(words) > question.word_limit:
            text = " ".join(words[: question.word_limit]).rstrip(",;") + "."
    return text


def _short_text(question: Question, facts: Facts, rng: random.Random) -> str:
    template = SHORT_TEXT.get(question.key)
    if template:
        return facts.fill(template)
    area = question.key.split("-")[0]
    bank = BANKS.get(area, GENERIC)
    return facts.fill(_tier_sentences(bank, facts.quality, 1, rng)[0])


def _raw_value(question: Question, facts: Facts, rng: random.Random, used: set[str]) -> Any:
    qtype = question.type
    if qtype in (QuestionType.NUMBER, QuestionType.PERCENTAGE):
        return _numeric(question, facts, rng)
    if qtype in (QuestionType.YES_NO, QuestionType.SINGLE_CHOICE):
        return _single(question, facts, rng)
    if qtype == QuestionType.MULTI_CHOICE:
        return _multi(question, facts, rng)
    if qtype == QuestionType.DATE:
        return _date(question, facts, rng)
    if qtype == QuestionType.SHORT_TEXT:
        return _short_text(question, facts, rng)
    return _long_text(question, facts, rng, used)


# --- files -------------------------------------------------------------------------------------------


def tiny_pdf(title: str, lines: list[str]) -> bytes:
    """A small, valid one-page PDF (Helvetica text), so that demo attachments open in any viewer."""

    def escape(text: str) -> str:
        clean = text.encode("latin-1", "replace").decode("latin-1")
        return clean.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    rows = [f"BT /F1 16 Tf 60 780 Td ({escape(title)}) Tj ET"]
    for index, line in enumerate(lines):
        rows.append(f"BT /F1 10 Tf 60 {750 - 16 * index} Td ({escape(line)}) Tj ET")
    stream = "\n".join(rows).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _attach_pdf(answer: Answer, question: Question, facts: Facts, by) -> str:
    words = [w for w in slugify(question.text).split("-") if len(w) > 3][:4]
    name = f"{question.key}-{'-'.join(words)}.pdf" if words else f"{question.key}.pdf"
    content = tiny_pdf(
        question.text[:80],
        [
            f"Prepared for {question.section.rfp.reference} by the bid team.",
            f"Delivery sites: {_join(facts.sites)}.",
            f"Agent attrition last 12 months: {_number_text(facts.attrition)}%.",
            f"Agents per team leader: {facts.tl_ratio}.",
        ],
    )
    attachment = Attachment(
        answer=answer, original_name=name, content_type="application/pdf", size=len(content), uploaded_by=by
    )
    attachment.file.save("demo", ContentFile(content), save=False)
    attachment.save()
    return name


# --- the entry points --------------------------------------------------------------------------------


def _seed(response: Response, extra: str) -> random.Random:
    # Stable per vendor and RFP, so that re-running the demo gives the same answers.
    return random.Random(zlib.crc32(f"{response.vendor.name}|{response.rfp.reference}|{extra}".encode()))


@transaction.atomic
def seed_demo_answers(response: Response, profile: dict, by, complete: bool = True) -> int:
    """Answer every question of the response's RFP from the profile; returns how many were answered.

    Existing answers and attachments of the response are replaced. With `complete=False`, about 40%
    of the questions stay blank, more of them towards the end, like a response still in progress.
    The answers are written in the questionnaire's language.
    """
    with translation.override(response.rfp.language):
        return _seed_answers(response, profile, by, complete)


def _seed_answers(response: Response, profile: dict, by, complete: bool) -> int:
    rng = _seed(response, str(profile.get("style", "")))
    facts = Facts(response, profile, rng)
    overrides = profile.get("answers", {}) or {}
    questions = list(
        Question.objects.filter(section__rfp=response.rfp)
        .select_related("section__rfp")
        .order_by("section__order", "section_id", "order", "id")
    )
    Attachment.objects.filter(answer__response=response).delete()
    Answer.objects.filter(response=response).delete()
    used: set[str] = set()
    now = timezone.now()
    answers, file_questions = [], []
    for index, question in enumerate(questions):
        if not complete and rng.random() < 0.12 + 0.56 * index / max(1, len(questions) - 1):
            continue
        if question.type == QuestionType.FILE:
            file_questions.append(question)
            continue
        raw = overrides.get(question.key, _raw_value(question, facts, rng, used))
        state, value = clean_answer(question, raw)
        comment = _(ANSWER_COMMENTS[question.key]) if question.key in ANSWER_COMMENTS else ""
        answers.append(
            Answer(
                response=response,
                question=question,
                state=state,
                value=value,
                comment=comment,
                version=1,
                updated_by=by,
            )
        )
    Answer.objects.bulk_create(answers)
    for question in file_questions:
        answer = Answer.objects.create(response=response, question=question, version=1, updated_by=by)
        name = _attach_pdf(answer, question, facts, by)
        answer.state, answer.value = clean_answer(question, name)
        answer.save(update_fields=["state", "value"])
    Response.objects.filter(pk=response.pk).update(updated_at=now)
    return len(answers) + len(file_questions)


def record_demo_submission(response: Response, by, at: datetime.datetime | None = None) -> Submission:
    """Mark a seeded response as submitted at `at` (default now) with a snapshot of its answers.

    For demo history only (e.g. an RFI whose deadline is already past): it skips the deadline
    check that `vendors.services.response_submit` makes for real vendors.
    """
    from vendors import selectors

    at = at or timezone.now()
    sheet = selectors.response_sheet(response)
    number = response.submissions.count() + 1
    submission = Submission.objects.create(
        response=response, number=number, submitted_by=by, submitted_at=at, snapshot=selectors.answer_snapshot(sheet)
    )
    Response.objects.filter(pk=response.pk).update(status=ResponseStatus.SUBMITTED, submitted_at=at)
    response.status, response.submitted_at = ResponseStatus.SUBMITTED, at
    return submission


__all__ = ["seed_demo_answers", "record_demo_submission", "tiny_pdf"]
