"""The demo seeded in a language and its executive report rendered in it read in that language
throughout: section names, quoted questions and answers, the recommendation, make-or-buy and the
chart labels. Only names, units and acronyms stay Latin."""

import json
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from reports.pdf import ReportRenderer
from rfp.demo import BUYERS, CLARIFICATIONS, VENDORS
from rfp.models import RFP
from rfp.services import BANK_FILE
from tests.reports.pdf_text import pdf_pages
from vendors import demo_phrases
from vendors.demo_phrases import ANSWER_COMMENTS
from vendors.models import Answer

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
RIGHT_TO_LEFT = {"he", "ar", "fa"}
CATALOGUE = settings.BASE_DIR / "locale" / "he" / "LC_MESSAGES" / "django.po"
# Latin words a right-to-left report keeps: names of products, tests, methods and standards.
KEPT = {
    "shortlist",
    "excel",
    "pdf",
    "versant",
    "english",
    "placement",
    "test",
    "lean",
    "six",
    "sigma",
    "type",
    "standard",
    "kendall's",
    "krippendorff",
    "back-office",
}


def english_sentences() -> set[str]:
    """Every English sentence of four words or more the report could print: the interface's
    strings, the question bank and the demo's phrases, cut at their placeholders."""
    texts = re.findall(r'^msgid "(.+)"$', CATALOGUE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    bank = json.loads(BANK_FILE.read_text(encoding="utf-8"))
    for section in bank["sections"]:
        texts += [section["title"], section.get("description") or ""]
        for question in section["questions"]:
            texts += [question["text"], question.get("guidance") or "", question.get("benchmark") or ""]
    for pool in [demo_phrases.GENERIC, *demo_phrases.BANKS.values()]:
        texts += pool["strong"] + pool["weak"]
    found = set()
    for text in texts:
        for piece in re.split(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}|\\n|[.;:?]", text):
            piece = " ".join(piece.split())
            if len(piece.split()) >= 4:
                found.add(piece)
    return found


def names() -> set[str]:
    """Every word of the demo's people, companies and places, and of the bank's question keys."""
    words = {"northern", "lights", "telecom", "gdansk"}
    for _username, first, last, _role, _title in BUYERS:
        words |= {first.lower(), last.lower()}
    for vendor in VENDORS:
        words |= {w.lower() for w in [*vendor["name"].split(), *vendor["sites"], *vendor["contact"]]}
    bank = json.loads(BANK_FILE.read_text(encoding="utf-8"))
    return words | {section["key"] for section in bank["sections"]}


def latin_words_left(text: str) -> list[str]:
    """Latin words that are not a name (or a name a chart label cut short, "Serv…"), an acronym
    (two capitals or more) or a kept word."""
    allowed = names() | KEPT
    left = []
    for word in re.findall(r"[A-Za-z][A-Za-z'-]{2,}", text):
        bare = word.strip("'-").lower()
        if bare in allowed or sum(c.isupper() for c in word) >= 2:
            continue
        if not any(name.startswith(bare) for name in allowed):
            left.append(word)
    return left


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_report_reads_in_the_demos_language(language):
    call_command("seed_demo", "--lang", language, stdout=StringIO())
    rfi = RFP.objects.get(reference="RFI-2027-001")
    assert rfi.language == language
    _name, _type, pdf = ReportRenderer(rfi, language=language, appendix=True).generate()
    text = " ".join(" ".join(pdf_pages(pdf, layout=False)).split())
    assert [s for s in english_sentences() if s in text] == []
    if language in RIGHT_TO_LEFT:
        assert sorted(set(latin_words_left(text))) == []


@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_demos_clarifications_and_comments_are_in_its_language(language):
    call_command("seed_demo", "--lang", language, stdout=StringIO())
    rfp = RFP.objects.get(reference="RFP-2027-002")
    clarifications = list(rfp.clarifications.order_by("id"))
    assert [c.published_at is not None for c in clarifications] == [True, False]
    comments = set(
        Answer.objects.filter(question__key="turnover-01").exclude(comment="").values_list("comment", flat=True)
    )
    english = {CLARIFICATIONS[0][0], CLARIFICATIONS[0][1], ANSWER_COMMENTS["turnover-01"]}
    written = {clarifications[0].text, clarifications[0].answer, *comments}
    assert comments and (written == english) == (language == "en")
