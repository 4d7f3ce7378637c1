"""Reading a PDF the way a person does: pdftotext (poppler-utils) per page, and word positions."""

import re
import subprocess

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_pages(pdf: bytes, *, layout: bool = True) -> list[str]:
    """The text of every page, without the bidi control marks pdftotext adds around RTL runs."""
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + ["-", "-"]
    text = subprocess.run(args, input=pdf, capture_output=True, check=True, timeout=120).stdout.decode()
    pages = [BIDI_CONTROLS.sub("", page) for page in text.split("\f")]
    return pages[:-1] if pages and not pages[-1].strip() else pages


def words_with_boxes(pdf: bytes, page: int) -> list[tuple[str, float, float]]:
    """(word, x min, page width) for every word of a page (1-based), from pdftotext -bbox."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout.decode()
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    return [
        (BIDI_CONTROLS.sub("", word), float(x), width)
        for x, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', html)
    ]


def page_with(pages: list[str], *needles: str) -> int:
    """The index of the first page that holds every needle."""
    for index, page in enumerate(pages):
        if all(needle in page for needle in needles):
            return index
    raise AssertionError(f"no page holds {needles!r}")
