"""Small builders shared by the vendor-portal tests: real files with real magic bytes, and answers
put in place through the services, as a bid team would."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from rfp.models import QuestionType
from tests.factories import QuestionFactory, SectionFactory
from vendors import services

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf(name: str = "financials.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def office(name: str, folder: str) -> SimpleUploadedFile:
    """A minimal Office Open XML package: [Content_Types].xml plus a part in its folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<doc/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def add_file_question(rfp, required: bool = True):
    section = rfp.sections.order_by("order", "id").first()
    return QuestionFactory(section=section, type=QuestionType.FILE, rubric=None, required=required, order=99)


def big_rfp_questionnaire(rfp, questions: int, sections: int = 1) -> None:
    """A questionnaire of many questions of every type, for query-count comparisons."""
    kinds = [
        (QuestionType.LONG_TEXT, []),
        (QuestionType.NUMBER, []),
        (QuestionType.PERCENTAGE, []),
        (QuestionType.YES_NO, [{"label": "Yes", "points": 5}, {"label": "No", "points": 0}]),
        (QuestionType.SINGLE_CHOICE, [{"label": f"Option {i}", "points": i} for i in range(4)]),
        (QuestionType.MULTI_CHOICE, [{"label": f"Lever {i}", "points": 1} for i in range(5)]),
        (QuestionType.DATE, []),
        (QuestionType.SHORT_TEXT, []),
        (QuestionType.FILE, []),
    ]
    per_section = questions // sections
    for s in range(sections):
        section = SectionFactory(rfp=rfp, weight=100 // sections, order=s)
        for n in range(per_section):
            qtype, choices = kinds[n % len(kinds)]
            QuestionFactory(section=section, type=qtype, choices=choices, rubric=None, order=n)


def answer(response, question, raw, by, comment: str = ""):
    current = response.answers.filter(question=question).first()
    return services.answer_save(
        response=response,
        question=question,
        raw=raw,
        comment=comment,
        version=current.version if current else 0,
        by=by,
    )
